package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
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
 * The province's coordinator opens the work plan: a city whose cluster never published its evaluation shows overdue in
 * red, in Chinese, with the cluster coloured on the map; the bulletin for the date names it and prints to PDF.
 */
class PlanBrowserTest {
  WebDriver d;

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  @Test
  void theProvinceSeesWhoIsLateAndPrintsTheBulletin() throws Exception {
    TestApp.cluster("PLANXX", "新乡计划测试区", "Xinxiang plan test", "410700", 113.9, 35.30);
    Client coord = Client.signedIn("t-coord");
    if (TestApp.intQuery("SELECT count(*) FROM plan_task WHERE year = 2026 AND city_code = '410700' AND active") == 0) {
      Resp r = coord.send("POST", "/api/plan/tasks", "{\"kind\":\"evaluation\",\"year\":2026,\"cityCode\":\"410700\",\"dueOn\":\"2026-06-30\",\"basis\":\"新乡市工作方案\"}", Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
    Browser.signIn(d, "t-coord", "");
    d.findElement(By.cssSelector("#nav [data-view=plan]")).click();
    WebElement form = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-form")));
    WebElement year = form.findElement(By.name("year"));
    year.clear();
    year.sendKeys("2026");
    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("document.querySelector('#plan-form [name=asOf]').value = '2026-12-31'");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    // The table is drawn again for the chosen date: wait for the one that shows it (found afresh, never a stale one).
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-table"), "新乡市"));
    w.until(d2 -> d2.findElement(By.id("plan-print")).getAttribute("href").contains("asOf=2026-12-31"));
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-table"), "逾期未完成"));
    String text = d.findElement(By.id("plan-table")).getText();
    assertThat(text).contains("企业分类综合评价", "逾期未完成", "截止 2026-06-30");
    assertThat(text).doesNotContain("overdue", "evaluation");
    d.findElement(By.cssSelector("[data-city='410700']")).click();
    WebElement clusters = d.findElement(By.cssSelector("tr[data-of='410700']"));
    assertThat(clusters.getText()).contains("新乡计划测试区", "逾期未完成");
    assertThat(d.findElements(By.cssSelector("#plan-map path.leaflet-interactive"))).isNotEmpty();
    Browser.screenshot(d, "work-plan");

    String href = d.findElement(By.id("plan-print")).getAttribute("href");
    d.get(href);
    WebElement h1 = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pr-head h1")));
    assertThat(h1.getText()).isEqualTo("2026 年度产业集聚区重点工作进展情况通报（截至 2026年12月31日）");
    assertThat(d.findElement(By.id("plan-overdue")).getText()).contains("新乡市 新乡计划测试区：企业分类综合评价");
    assertThat(d.findElement(By.cssSelector(".pr-foot")).getText()).contains("河南省产业集聚区联席会议办公室", "2026年12月31日");
    org.openqa.selenium.print.PrintOptions a4 = new org.openqa.selenium.print.PrintOptions();
    a4.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
    byte[] pdf = java.util.Base64.getDecoder().decode(((org.openqa.selenium.PrintsPage) d).print(a4).getContent());
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    // The clusters' assessment: run the province's method for 2025; the clusters come ranked, each explained.
    d.get(TestApp.base() + "/app?lang=zh");
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    d.findElement(By.cssSelector("#nav [data-view=assess]")).click();
    WebElement runForm = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("as-run")));
    WebElement asYear = runForm.findElement(By.name("year"));
    asYear.clear();
    asYear.sendKeys("2025");
    runForm.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement asTable = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("as-table")));
    assertThat(asTable.getText()).contains("全省名次", "亩均税收", "新郑新港产业集聚区");
    asTable.findElement(By.cssSelector("tr[data-cluster]")).click();
    assertThat(w.until(ExpectedConditions.visibilityOfElementLocated(By.id("as-explain"))).getText()).contains("由系统数据计算");
    d.get(d.findElement(By.id("as-print")).getAttribute("href"));
    assertThat(w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pr-head h1"))).getText()).contains("2025 年度", "考核评价档案");
    assertThat(d.findElement(By.id("doc")).getText()).contains("亩均税收", "集聚区企业当年实缴税金之和");

    // The province publishes 2025's results: the public page ranks the clusters with their class mix, in Chinese.
    assertThat(coord.send("PUT", "/api/public-reports/2025", "{\"published\":true}", Map.of()).status()).isEqualTo(200);
    d.manage().deleteAllCookies();
    d.get(TestApp.base() + "/reports.html?lang=zh&year=2025");
    WebElement rep = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("rep-table")));
    assertThat(rep.getText()).contains("名次", "亩均税收", "新郑新港产业集聚区").doesNotContain("有限公司");
    Browser.screenshot(d, "public-report");
    coord.send("PUT", "/api/public-reports/2025", "{\"published\":false}", Map.of());
  }
}
