package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mujun.enterprise.CreditCode;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A park manager imports the roster the development-reform office sent (a GBK CSV): reads in Chinese what each row
 * would do and why one is refused, commits the valid rows, and finds the new enterprise in the register.
 */
class RegistryBrowserTest {
  WebDriver d;

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  @Test
  void parkManagerImportsARosterAndFindsTheNewEnterprise() throws Exception {
    TestApp.get();
    String existing = TestApp.get().db.read(c -> mujun.db.Sql.one(c,
        "SELECT min(credit_code) FROM enterprise WHERE cluster_id = (SELECT id FROM cluster WHERE code = 'XZXG')"));
    String first17 = "91410184MA" + String.format("%07d", 7_000_000 + (int) (System.nanoTime() % 1_000_000));
    String fresh = first17 + CreditCode.checkChar(first17);
    String other17 = "91410184MB" + String.format("%07d", 7_000_000 + (int) (System.nanoTime() % 1_000_000));
    String csv = "统一社会信用代码,企业名称,所属集聚区,行业代码,规模,成立日期,经营状态\r\n"
        + fresh + ",郑州浏览器测试装备有限公司,XZXG,C3484,规上,2020-07-01,在营\r\n"
        + existing + ",浏览器测试更名有限公司,,,,,\r\n"
        + other17 + CreditCode.checkChar(other17) + ",无处可去有限公司,NOPE,C3484,规下,,\r\n";
    Path file = Files.createTempFile("企业名录-", ".csv");
    Files.write(file, csv.getBytes(Charset.forName("GBK")));

    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
    Browser.signIn(d, "t-park", "");
    d.findElement(By.cssSelector("#nav [data-view=registry]")).click();
    WebElement clusters = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-clusters")));
    assertThat(clusters.getText()).contains("XZXG", "新郑新港产业集聚区");
    d.findElement(By.id("reg-roster-file")).sendKeys(file.toString());
    d.findElement(By.cssSelector("#reg-roster button[type=submit]")).click();
    WebElement counts = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-roster-counts")));
    assertThat(counts.getText()).isEqualTo("共 3 行：新增 1，变更 1，无变化 0，拒绝 1");
    String report = d.findElement(By.id("reg-roster-rows")).getText();
    assertThat(report).contains("郑州浏览器测试装备有限公司", "新增", "变更", "企业名称", "浏览器测试更名有限公司", "拒绝", "所属集聚区 没有此代码或名称的集聚区");
    assertThat(report).doesNotContain("unknownCluster", "rejected", "changed");
    assertThat(d.findElement(By.id("reg-commit-all")).isEnabled()).isFalse();
    d.findElement(By.id("reg-commit-valid")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reg-commit-msg"), "已提交：新增 1 家，更新 1 家，跳过 1 行"));
    assertThat(TestApp.intQuery("SELECT count(*) FROM enterprise WHERE credit_code = ?", fresh)).isEqualTo(1);

    // The new enterprise is in the register, found by its name.
    WebElement q = d.findElement(By.cssSelector("#reg-ent-search [name=q]"));
    q.sendKeys("浏览器测试装备");
    d.findElement(By.cssSelector("#reg-ent-search button[type=submit]")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reg-ent-list"), fresh));
    assertThat(d.findElement(By.id("reg-ent-list")).getText()).contains("共 1 家", "规上", "在营");

    // A roster in the wrong shape says what to fix, in Chinese.
    Path bad = Files.createTempFile("名录-", ".csv");
    Files.write(bad, "企业名称,地址\r\n甲,乙\r\n".getBytes(Charset.forName("GBK")));
    d.findElement(By.id("reg-roster-file")).sendKeys(bad.toString());
    d.findElement(By.cssSelector("#reg-roster button[type=submit]")).click();
    WebElement err = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-roster-error")));
    assertThat(err.getText()).isEqualTo("表头与模板不符");
  }
}
