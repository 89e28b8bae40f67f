package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.Browser;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A coordinator writes a local method from a published one in the browser: the editor marks a quota rule that does
 * not add up as it is typed, in Chinese; the fixed draft is saved and previewed against last year's published run,
 * showing who would change class — and nothing of the preview is kept.
 */
class MethodEditorBrowserTest {
  WebDriver d;

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  @Test
  void aCoordinatorWritesAMethodFromAPresetAndPreviewsIt() throws Exception {
    int cluster = TestApp.cluster("MWBROWSE", "办法浏览器测试区", "Method browser test", "410500", 115.0, 33.50);
    for (int i = 0; i < 6; i++) {
      String first17 = String.format("91410500MB%07d", 7100000 + i * 13 + (int) (System.nanoTime() % 13));
      String credit = first17 + CreditCode.checkChar(first17);
      TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '办法浏览器企业" + i + "', 'C3971', 'above', "
          + cluster + ")");
      TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, tax_wan) SELECT id, 2034, 6666.67, " + (60 - i * 10)
          + " FROM enterprise WHERE credit_code = '" + credit + "'");
    }
    Client coord = Client.signedIn("t-coord");
    String quotas = "{\"classes\":[\"A\",\"B\",\"C\"],\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,"
        + "\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],\"classRule\":{\"type\":\"quotas\",\"shares\":[0.17,0.66,0.17]}}]}";
    Resp m = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"mwb-base\",\"name\":\"浏览器测试省办法\",\"nameEn\":\"Browser base\",\"definition\":" + quotas + "}", Map.of());
    assertThat(m.status()).as(m.body()).isEqualTo(201);
    Resp run = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"mwb-base\",\"year\":2034,\"clusters\":[" + cluster + "]}", Map.of());
    int base = run.json().get("id").asInt();
    assertThat(coord.send("POST", "/api/evaluation/runs/" + base + "/publish", "", Map.of()).status()).isEqualTo(200);

    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
    Browser.signIn(d, "t-coord", "");
    d.findElement(By.cssSelector("#nav [data-view=methods]")).click();
    WebElement list = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("mw-list")));
    assertThat(list.getText()).contains("浏览器测试省办法", "施行中", "省级");
    d.findElement(By.cssSelector("[data-copy='mwb-base']")).click();
    WebElement code = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-meta=code]")));
    code.clear();
    code.sendKeys("mwb-local");
    // Two shares for three classes: the field is marked and the problem said, as it is typed.
    WebElement shares = d.findElement(By.cssSelector("[data-path='groups[0].classRule.shares']"));
    shares.clear();
    shares.sendKeys("0.5, 0.5");
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mw-problems"), "groups[0].classRule.shares"));
    assertThat(d.findElement(By.cssSelector("[data-for='groups[0].classRule.shares']")).getAttribute("class")).contains("mw-bad");
    shares = d.findElement(By.cssSelector("[data-path='groups[0].classRule.shares']"));
    shares.clear();
    shares.sendKeys("0.5, 0.3, 0.2");
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mw-problems"), "规则完整"));
    d.findElement(By.id("mw-save")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#mw-editor h3"), "草稿"));
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id "
        + "WHERE m.code = 'mwb-local' AND v.status = 'draft'")).isEqualTo(1);

    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("document.getElementById('mw-editor').scrollIntoView()");
    Browser.screenshot(d, "method-editor-form");
    int runs = TestApp.intQuery("SELECT count(*) FROM evaluation_run");
    WebElement year = d.findElement(By.id("mw-year"));
    year.clear();
    year.sendKeys("2034");
    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("mw-cluster"))).selectByValue(String.valueOf(cluster));
    d.findElement(By.id("mw-preview")).click();
    WebElement changes = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("mw-changes")));
    String result = d.findElement(By.id("mw-preview-result")).getText();
    assertThat(result).contains("与已发布的第 " + base + " 次评价相比，2 家企业类别将变化");
    assertThat(changes.getText()).contains("办法浏览器企业1", "办法浏览器企业2");
    assertThat(d.findElement(By.id("mw-mix")).getText()).contains("已发布", "按此版本");
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_run")).isEqualTo(runs);
    Browser.screenshot(d, "method-editor-preview");

    // The published list of the cluster, printable on A4 with the issuing unit and date; and one enterprise's file.
    d.get(TestApp.base() + "/eval-print.html?run=" + base + "&cluster=" + cluster);
    WebElement doc = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pr-head h1")));
    assertThat(doc.getText()).isEqualTo("2034 年度办法浏览器测试区工业企业亩均效益综合评价结果");
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pr-foot"), "办法浏览器测试区管理委员会"));
    assertThat(d.findElements(By.cssSelector(".pr-cluster .pr-table tbody tr"))).hasSize(6);
    assertThat(d.findElement(By.id("doc")).getText()).contains("办法浏览器企业0", "规上", "浏览器测试省办法").doesNotContain("above", "draft");
    org.openqa.selenium.print.PrintOptions a4 = new org.openqa.selenium.print.PrintOptions();
    a4.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
    byte[] pdf = java.util.Base64.getDecoder().decode(((org.openqa.selenium.PrintsPage) d).print(a4).getContent());
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    long top = TestApp.intQuery("SELECT e.id FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id WHERE er.run_id = ? AND er.rank = 1", base);
    d.get(TestApp.base() + "/eval-print.html?run=" + base + "&enterprise=" + top);
    WebElement file = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pr-head h1")));
    assertThat(file.getText()).contains("一企一档", "办法浏览器企业0");
    assertThat(d.findElement(By.id("doc")).getText()).contains("评价指标与得分", "亩均税收", "近五年走势", "综合得分第 1/6 名");
    assertThat(d.findElements(By.cssSelector(".pr-chart rect"))).isNotEmpty();
    Browser.screenshot(d, "enterprise-file");
    d.get(TestApp.base() + "/app?lang=zh");
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    d.findElement(By.cssSelector("#nav [data-view=methods]")).click();
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("pol-table")));

    // The policies are listed with their department, in Chinese.
    String policies = d.findElement(By.id("pol-table")).getText();
    assertThat(policies).contains("差别电价", "电力公司", "豫集聚办〔2020〕2号");
    assertThat(policies).doesNotContain("electricity_surcharge", "land_priority");
  }
}
