package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mujun.support.Browser;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A coordinator imports a year of figures for a demo cluster, runs the Henan method, reads why an enterprise got its
 * class, publishes, sees the map and the dashboard, and exports the list and the policies.
 */
class EvaluationBrowserTest {
  WebDriver d;

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  @Test
  void coordinatorImportsRunsExplainsPublishesAndExports() throws Exception {
    TestApp.get();
    int xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    // The template for 2025 (prefilled with the cluster's figures), with every tax raised by 1 万元 and one bad row.
    Client api = Client.signedIn("t-coord");
    String template = new String(api.getBytes("/api/indicators/template.csv?year=2025"), StandardCharsets.UTF_8).replace("\uFEFF", "");
    List<String> lines = new ArrayList<>(template.lines().toList());
    String header = lines.get(0);
    assertThat(header).contains("实缴税金(万元)", "综合能耗(吨标准煤)");
    List<String> out = new ArrayList<>(List.of(header));
    String xzxgPrefix = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT string_agg(credit_code, ',') FROM enterprise WHERE cluster_id = ?")) {
        ps.setInt(1, xzxg);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    int kept = 0;
    for (String l : lines.subList(1, lines.size())) {
      String code = l.substring(1, 19);
      if (!xzxgPrefix.contains(code)) continue;
      out.add(l);
      kept++;
    }
    out.add("\"91410100MA0000000X\",\"不存在的企业\",\"2025\",\"12\"");
    Path csv = Files.createTempFile("indicators-", ".csv");
    Files.writeString(csv, String.join("\r\n", out) + "\r\n", StandardCharsets.UTF_8);

    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
    Browser.signIn(d, "t-coord", "");
    d.findElement(By.cssSelector("#nav [data-view=eval]")).click();
    WebElement imp = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("ev-import")));
    WebElement year = imp.findElement(By.name("year"));
    year.clear();
    year.sendKeys("2025");
    d.findElement(By.id("ev-file")).sendKeys(csv.toString());
    imp.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement counts = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("ev-import-counts")));
    assertThat(counts.getText()).contains(kept + " 行无误", "1 行有误");
    assertThat(d.findElement(By.id("ev-import-result")).getText()).contains("91410100MA0000000X", "代码格式或校验位不正确");
    d.findElement(By.id("ev-commit-valid")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-commit-msg"), String.valueOf(kept)));

    // Run the Henan method for the cluster.
    WebElement run = d.findElement(By.id("ev-run"));
    new Select(run.findElement(By.name("method"))).selectByValue("henan-2019");
    WebElement ry = run.findElement(By.name("year"));
    ry.clear();
    ry.sendKeys("2025");
    new Select(run.findElement(By.name("cluster"))).selectByValue(String.valueOf(xzxg));
    run.findElement(By.cssSelector("button[type=submit]")).click();
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("ev-results")));
    // The results come a page at a time, with how many there are.
    assertThat(d.findElement(By.id("ev-results-count")).getText()).matches("共 \\d+ 家，显示第 1–\\d+ 家");
    assertThat(d.findElements(By.cssSelector("#ev-results tbody tr")).size()).isBetween(1, 50);
    assertThat(d.findElement(By.id("ev-run-msg")).getText()).contains("ms");

    // Why did an A enterprise get its class?
    WebElement aRow = w.until(ExpectedConditions.elementToBeClickable(By.xpath("//table[@id='ev-results']//tr[.//span[contains(@class,'cls-A')]]")));
    aRow.click();
    WebElement step = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("ev-step")));
    // in words: the indicator by its name, not its code
    assertThat(step.getText()).contains("重排", "→ A").containsPattern("按(亩均税收|实缴税收)重排").doesNotContainPattern("[a-z]_[a-z]");
    assertThat(d.findElement(By.id("ev-indicators")).getText()).contains("亩均税收", "全员劳动生产率");

    // Publish, then the run is published and the dashboard shows the class mix.
    d.findElement(By.id("ev-publish")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-run-status"), "已发布"));
    WebElement dashRow = d.findElement(By.cssSelector("#ev-dash-table tr[data-code=XZXG]"));
    w.until(x -> dashRow.getText().contains("A "));
    assertThat(d.findElement(By.id("ev-tax-chart")).getAttribute("innerHTML")).contains("目标 11");
    // Exports: the list and the policies download.
    for (String href : List.of("results.xlsx", "results.csv", "policies.xlsx", "policies.csv")) {
      WebElement link = d.findElement(By.cssSelector("#ev-run-detail a[href$='" + href + "']"));
      Object status = ((JavascriptExecutor) d).executeAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([r.status, b.byteLength])));",
          link.getAttribute("href"));
      assertThat(status.toString()).as(href).startsWith("[200,");
    }
    int runId = TestApp.intQuery("SELECT max(id) FROM evaluation_run WHERE status = 'published' AND ? = ANY(clusters)", xzxg);
    String policies = api.get("/api/evaluation/runs/" + runId + "/policies.csv").body();
    assertThat(policies).contains("差别电价");

    // A correction from the app: the same year again, marked as correcting the published run, with its reason;
    // publishing it supersedes the first.
    WebElement again = d.findElement(By.id("ev-run"));
    new Select(again.findElement(By.name("corrects"))).selectByValue(String.valueOf(runId));
    again.findElement(By.cssSelector("button[type=submit]")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-run-msg"), "须说明原因"));
    again.findElement(By.name("note")).sendKeys("税务局补报两家企业的税收");
    again.findElement(By.cssSelector("button[type=submit]")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-run-status"), "草稿"));
    d.findElement(By.id("ev-publish")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-run-status"), "已发布"));
    String first = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT status FROM evaluation_run WHERE id = ?", runId));
    assertThat(first).isEqualTo("superseded");
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ev-runs-table"), "#" + runId));
    Browser.screenshot(d, "evaluation");
    // The runs' class mix names the enterprises left out in Chinese, not by their code.
    String page = d.findElement(By.tagName("body")).getText();
    assertThat(page).contains("不参评").doesNotContainPattern("\\bexcluded\\b");
  }
}
