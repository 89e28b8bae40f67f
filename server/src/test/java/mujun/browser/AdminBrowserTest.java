package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Administration and account pages, and stored XSS attempts rendered as plain text, in real Chromium. */
class AdminBrowserTest {
  WebDriver d;
  WebDriverWait wait;

  @BeforeEach
  void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
    wait = new WebDriverWait(d, Duration.ofSeconds(20));
  }

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  void signIn(String user, String query) {
    Browser.signIn(d, user, query);
  }


  @Test
  void adminCreatesAUserAndReadsTheAuditLog() {
    signIn("t-admin", "");
    d.findElement(By.id("nav-admin")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user-table")));
    WebElement form = d.findElement(By.id("user-form"));
    form.findElement(By.name("username")).sendKeys("ui-made");
    form.findElement(By.name("displayName")).sendKeys("界面创建");
    form.findElement(By.name("password")).sendKeys("a-long-password-1");
    // The grant is picked: a role by its name, its scope among the clusters that exist (by name); a second row added
    // and removed again leaves one.
    WebElement grants = form.findElement(By.id("new-grants"));
    new Select(grants.findElement(By.cssSelector("[data-role]"))).selectByVisibleText("园区管理");
    Select scope = new Select(grants.findElement(By.cssSelector("[data-scope]")));
    assertThat(scope.getOptions().stream().map(WebElement::getText).toList()).contains("全省", "邓州市产业集聚区").noneMatch(o -> o.matches("[A-Z]{4}"));
    scope.selectByValue("cluster:DZCY");
    grants.findElement(By.cssSelector("[data-add-grant]")).click();
    assertThat(grants.findElements(By.cssSelector("[data-grant]"))).hasSize(2);
    grants.findElements(By.cssSelector("[data-remove]")).get(1).click();
    assertThat(grants.findElements(By.cssSelector("[data-grant]"))).hasSize(1);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-table"), "ui-made"));
    assertThat(d.findElement(By.id("user-table")).getText()).contains("界面创建");
    assertThat(TestApp.intQuery("SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'ui-made' AND r.role = 'park' AND r.scope_code = 'DZCY'")).isEqualTo(1);

    d.findElement(By.cssSelector("[data-tab=audit]")).click();
    // Actions, targets and outcomes in words, not their codes or the request's path.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "新建用户"));
    assertThat(d.findElement(By.id("audit-table")).getText()).doesNotContain("user.create").doesNotContain("/api/").contains("成功");
    WebElement actor = d.findElement(By.cssSelector("#audit-form input[name=actor]"));
    actor.sendKeys("t-admin");
    d.findElement(By.cssSelector("#audit-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "登录"));
    assertThat(d.findElement(By.id("audit-table")).getText()).contains("用户 t-admin").doesNotContain("session.sign-in");
    // Times in Beijing time (the headless browser runs in UTC), as 2026-12-01 20:31:04.
    String newest = TestApp.stringQuery("SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') FROM audit_log WHERE actor = 't-admin' ORDER BY id DESC LIMIT 1");
    assertThat(d.findElement(By.cssSelector("#audit-table tbody tr td")).getText()).isEqualTo(newest);
    assertThat(d.findElement(By.id("audit-csv")).getAttribute("href")).contains("/api/admin/audit.csv?actor=t-admin");
  }

  @Test
  void aUserMakesATokenThatIsShownOnce() {
    signIn("t-viewer", "");
    d.findElement(By.cssSelector("[data-view=account]")).click();
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#token-form input[name=name]")));
    name.sendKeys("QGIS 办公室");
    d.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-secret"))).getText();
    assertThat(secret).startsWith("mjt_");
    assertThat(d.findElement(By.id("token-table")).getText()).contains("QGIS 办公室").doesNotContain(secret);
    TestApp.Resp me = TestApp.Client.anonymous().send("GET", "/api/session", null, Map.of("Authorization", "Bearer " + secret));
    assertThat(me.json().get("username").asText()).isEqualTo("t-viewer");
  }

  @Test
  void markupInAttributesIsShownAsTextAndNeverRuns() {
    String evil = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    String first17 = "91410100MA00XY001";
    String credit = first17 + mujun.enterprise.CreditCode.checkChar(first17);
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '"
        + evil.replace("'", "''") + "', 'C3311', 'above', " + TestApp.testClusterId + ")");
    long enterprise = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    TestApp.Client api = TestApp.Client.signedIn("t-resources");
    TestApp.Resp created = api.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\","
        + "\"landUseCode\":\"0601\",\"holderId\":" + enterprise + ",\"remarks\":" + mujun.http.Json.write(evil) + ",\"geometry\":"
        + TestApp.polygonJson(TestApp.square()) + ",\"reason\":" + mujun.http.Json.write(evil) + "}", Map.of());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();

    signIn("t-resources", "&parcel=" + id);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history-list li[data-version='1']")));
    String panel = d.findElement(By.id("panel")).getText();
    assertThat(panel).contains("<img src=x onerror=\"window.__xss=1\">").contains("<script>window.__xss=2</script>");
    assertThat(d.findElements(By.cssSelector("#panel img, #panel script"))).isEmpty();
    // Hover tooltips and search results escape too.
    d.findElement(By.id("search")).sendKeys("img");
    d.findElement(By.id("search")).submit();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result-enterprises")));
    assertThat(d.findElements(By.cssSelector("#panel img, #panel script"))).isEmpty();
    assertThat(((JavascriptExecutor) d).executeScript("return window.__xss === undefined")).isEqualTo(true);
  }
}
