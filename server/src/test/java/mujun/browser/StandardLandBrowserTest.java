package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import mujun.support.Browser;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
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
 * A visitor finds an offering on the public map on a phone-sized screen and opens its page; a staff member moves it
 * from announced to transferred, and it leaves the public list of open offerings.
 */
class StandardLandBrowserTest {
  WebDriver phone, desk;

  @AfterEach
  void close() {
    if (phone != null) phone.quit();
    if (desk != null) desk.quit();
  }

  static long announcedOffering(String plotNo) {
    Client staff = Client.signedIn("t-resources");
    double[] sq = TestApp.square();
    String body = "{\"plotNo\":\"" + plotNo + "\",\"name\":\"浏览器测试地块\",\"location\":\"经三路以西\",\"clusterId\":" + TestApp.testClusterId
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"reservePriceWan\":300,\"depositWan\":60,\"farMin\":1.2,\"farMax\":2.5,"
        + "\"buildingCoefficientMinPct\":40,\"officeLivingMaxPct\":7,\"industries\":[\"C39\"],\"indicators\":{\"investment_intensity\":300,\"tax_per_mu\":20},"
        + "\"envStandard\":\"GB 8978\",\"internalNotes\":\"SECRET-NOTE\",\"assessments\":[\"energy\",\"environment\",\"flood\",\"soil_water\",\"water_resources\",\"mineral\",\"geohazard\"],"
        + "\"geometry\":" + TestApp.polygonJson(sq) + "}";
    Resp r = staff.send("POST", "/api/standard-land", body, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    Resp a = staff.send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + LocalDate.now() + "\"}",
        Map.of("If-Match", r.header("ETag")));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return id;
  }

  @Test
  void visitorFiltersAndOpensAnOfferingThenStaffTransfersIt() {
    long id = announcedOffering("T-BRW-1");
    phone = Browser.open(390, 844);
    WebDriverWait pw = new WebDriverWait(phone, Duration.ofSeconds(20));
    phone.get(TestApp.base() + "/?lang=zh");
    pw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("offering-list"), "T-BRW-1"));
    int all = phone.findElements(By.cssSelector("#offering-list li[data-id]")).size();
    assertThat(all).isGreaterThan(1);
    // The filter button reads (not white on white), and the map's attribution is plain text (no flag); M0 has a legend.
    WebElement apply = phone.findElement(By.cssSelector("#filters button[type=submit]"));
    assertThat(apply.getCssValue("background-color")).isNotIn("rgba(255, 255, 255, 1)", "rgb(255, 255, 255)");
    assertThat(phone.findElements(By.cssSelector(".leaflet-control-attribution svg"))).isEmpty();
    assertThat(phone.findElement(By.id("public-legend")).getText()).contains("新型产业用地（M0）");
    // Filter: the test cluster, electronics; then an impossible price.
    new Select(phone.findElement(By.id("f-cluster"))).selectByValue(String.valueOf(TestApp.testClusterId));
    phone.findElement(By.id("f-industry")).sendKeys("c3971");
    phone.findElement(By.cssSelector("#filters button[type=submit]")).click();
    pw.until(d -> d.findElements(By.cssSelector("#offering-list li[data-id]")).size() < all);
    String listText = phone.findElement(By.id("offering-list")).getText();
    assertThat(listText).contains("T-BRW-1").doesNotContain("BZD-");
    assertThat(phone.getCurrentUrl()).contains("industry=C3971");
    JavascriptExecutor js = (JavascriptExecutor) phone;
    assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
    // Open the offering's page from the list.
    WebElement item = phone.findElement(By.cssSelector("#offering-list li[data-id='" + id + "'] a.detail"));
    js.executeScript("arguments[0].scrollIntoView()", item);
    item.click();
    pw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "T-BRW-1"));
    pw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "固定资产投资强度"));
    String facts = phone.findElement(By.id("facts")).getText();
    assertThat(facts).contains("300", "C39", "1.20").doesNotContain("SECRET-NOTE");
    assertThat(phone.getCurrentUrl()).endsWith("/offering.html?id=" + id);
    Browser.screenshot(phone, "offering-phone");

    // Staff: the standard-land view, the offering, next step → transferred.
    desk = Browser.open(1400, 1000);
    WebDriverWait dw = new WebDriverWait(desk, Duration.ofSeconds(20));
    Browser.signIn(desk, "t-resources", "");
    desk.findElement(By.cssSelector("#nav [data-view=land]")).click();
    dw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sl-table"), "T-BRW-1"));
    desk.findElement(By.cssSelector("#sl-table tr[data-id='" + id + "']")).click();
    WebElement form = dw.until(ExpectedConditions.visibilityOfElementLocated(By.id("sl-step")));
    new Select(form.findElement(By.name("to"))).selectByValue("transferred");
    String credit = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT credit_code FROM enterprise ORDER BY id DESC LIMIT 1"); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    form.findElement(By.name("enterpriseCreditCode")).sendKeys(credit);
    form.findElement(By.name("transactionPriceWan")).sendKeys("330");
    JavascriptExecutor djs = (JavascriptExecutor) desk;
    djs.executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("agreedStartDate")), LocalDate.now().plusDays(60).toString());
    djs.executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("agreedCompletionDate")), LocalDate.now().plusDays(600).toString());
    form.findElement(By.name("parcelCode")).sendKeys(TestApp.newCode());
    form.findElement(By.cssSelector("button[type=submit]")).click();
    try {
      dw.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sl-detail h3 .st-transferred")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("not transferred: " + desk.findElement(By.id("sl-detail")).getText(), e);
    }
    assertThat(desk.findElement(By.id("sl-detail")).getText()).contains(credit);
    Browser.screenshot(desk, "standard-land-staff");
    assertThat(TestApp.intQuery("SELECT count(*) FROM standard_land WHERE id = ? AND status = 'transferred'", id)).isEqualTo(1);

    // It has left the public list.
    phone.get(TestApp.base() + "/?lang=zh&cluster=" + TestApp.testClusterId);
    pw.until(d -> !d.findElements(By.cssSelector("#offering-list li")).isEmpty());
    assertThat(phone.findElement(By.id("offering-list")).getText()).doesNotContain("T-BRW-1");
    phone.get(TestApp.base() + "/offering.html?id=" + id);
    pw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "不在挂牌中"));
  }

  @Test
  void staffPlanAnOfferingOnParcelsAndSeeTheNationalFloor() {
    Client staff = Client.signedIn("t-resources");
    String code = TestApp.newCode();
    Resp parcel = staff.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"clusterId\":" + TestApp.testClusterId
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "}", Map.of());
    assertThat(parcel.status()).as(parcel.body()).isEqualTo(201);
    desk = Browser.open(1400, 1000);
    WebDriverWait dw = new WebDriverWait(desk, Duration.ofSeconds(20));
    Browser.signIn(desk, "t-resources", "");
    desk.findElement(By.cssSelector("#nav [data-view=land]")).click();
    dw.until(ExpectedConditions.elementToBeClickable(By.id("sl-new-btn"))).click();
    WebElement form = dw.until(ExpectedConditions.visibilityOfElementLocated(By.id("sl-new")));
    form.findElement(By.name("plotNo")).sendKeys("T-UI-1");
    form.findElement(By.name("name")).sendKeys("界面新建标准地");
    new Select(form.findElement(By.name("clusterId"))).selectByValue(String.valueOf(TestApp.testClusterId));
    form.findElement(By.name("parcelCodes")).sendKeys(code);
    form.findElement(By.name("industries")).sendKeys("C39");
    form.findElement(By.name("farMin")).sendKeys("1.2");
    WebElement coef = form.findElement(By.name("buildingCoefficientMinPct"));
    coef.clear();
    coef.sendKeys("25");
    form.findElement(By.name("k_investment_intensity")).sendKeys("300");
    form.findElement(By.name("k_tax_per_mu")).sendKeys("20");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    dw.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sl-new-error"), "30"));
    assertThat(TestApp.intQuery("SELECT count(*) FROM standard_land WHERE plot_no = 'T-UI-1'")).isZero();
    coef.clear();
    coef.sendKeys("40");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    dw.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sl-detail h3 .st-planned")));
    assertThat(desk.findElement(By.id("sl-detail")).getText()).contains("T-UI-1", "C39");
    assertThat(TestApp.intQuery("SELECT count(*) FROM standard_land s JOIN parcel p ON p.id = ANY(s.parcel_ids) WHERE s.plot_no = 'T-UI-1' AND p.code = ?", code))
        .isEqualTo(1);
  }
}
