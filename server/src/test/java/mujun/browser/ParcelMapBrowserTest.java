package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Point;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person at the map in real Chromium: sign in, find a parcel, drag a vertex, save, and see the old version in history. */
class ParcelMapBrowserTest {
  static WebDriver d;
  static WebDriverWait wait;

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
    wait = new WebDriverWait(d, Duration.ofSeconds(20));
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
  }

  static void signIn(String user) {
    Browser.signIn(d, user, "");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
  }


  @Test
  void findEditOutlineSaveAndSeePreviousVersion() {
    // A parcel of the test's own, with room around it, so that shrinking it stays valid.
    TestApp.Resp created = TestApp.newParcel(TestApp.Client.signedIn("t-resources"), "browser test");
    String code = created.json().get("properties").get("code").asText();
    double areaBefore = created.json().get("properties").get("areaMu").asDouble();

    try {
      signIn("t-resources");
      WebElement search = d.findElement(By.id("search"));
      search.sendKeys(code);
      search.submit();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#result-parcels li[data-parcel]"))).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=parcel-code]"), code + " 现行"));
      assertThat(d.findElement(By.cssSelector("[data-test=area-mu]")).getText()).isEqualTo(String.format("%.2f", areaBefore));

      // Work at the largest scale, centred on the parcel, so that the vertices are far apart on screen.
      ((JavascriptExecutor) d).executeScript("const m = window.mujunMap; m.setView(m.getCenter(), 18, {animate: false});");
      d.findElement(By.id("btn-outline")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".marker-icon")));
      List<WebElement> vertices = d.findElements(By.cssSelector(".marker-icon:not(.marker-icon-middle)"));
      assertThat(vertices).hasSizeGreaterThanOrEqualTo(4);
      // Drag the first corner a third of the way towards the middle of the outline: the parcel shrinks.
      double cx = 0, cy = 0;
      for (WebElement v : vertices) {
        Point p = v.getLocation();
        cx += p.getX();
        cy += p.getY();
      }
      cx /= vertices.size();
      cy /= vertices.size();
      WebElement corner = vertices.get(0);
      Point p0 = corner.getLocation();
      int dx = (int) ((cx - p0.getX()) / 2), dy = (int) ((cy - p0.getY()) / 2);
      Actions drag = new Actions(d).moveToElement(corner).clickAndHold().pause(Duration.ofMillis(100));
      for (int i = 0; i < 5; i++) drag = drag.moveByOffset(dx / 5, dy / 5).pause(Duration.ofMillis(50));
      drag.release().perform();
      wait.until(x -> !corner.getLocation().equals(p0));

      d.findElement(By.id("reason")).sendKeys("按复测成果修正界址");
      d.findElement(By.id("btn-save")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history-list li[data-version='2']")));
      double areaAfter = Double.parseDouble(d.findElement(By.cssSelector("[data-test=area-mu]")).getText().replace(",", ""));
      assertThat(areaAfter).isLessThan(areaBefore);

      // The previous version is listed with its operation, and its outline can be shown on the map.
      WebElement v1 = d.findElement(By.cssSelector("#history-list li[data-version='1']"));
      assertThat(v1.getText()).contains("v1").contains("新建").contains("t-resources");
      assertThat(d.findElement(By.cssSelector("#history-list li[data-version='2']")).getText()).contains("按复测成果修正界址");
      v1.click();
      wait.until(ExpectedConditions.attributeContains(v1, "class", "active"));
      Long dashed = (Long) ((JavascriptExecutor) d).executeScript(
          "return document.querySelectorAll('path.leaflet-interactive[stroke=\"#6a1b9a\"], path[stroke=\"#6a1b9a\"]').length;");
      assertThat(dashed).isGreaterThanOrEqualTo(1L);
      Browser.screenshot(d, "parcel-history");
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(d, "parcel-history-failure");
      throw e;
    }
    assertThat(TestApp.intQuery("SELECT max(version) FROM parcel WHERE code = ?", code)).isEqualTo(2);
  }

  @Test
  void aDateBeforeTheRegisterBeganIsSaidSoAndTheRolesAreWords() {
    signIn("t-coord");
    assertThat(d.findElement(By.id("who")).getText()).isEqualTo("Test coordinator · 协调（数据与评价）");
    String since = TestApp.stringQuery("SELECT (min(valid_from) AT TIME ZONE 'Asia/Shanghai')::date::text FROM parcel_version");
    JavascriptExecutor js = (JavascriptExecutor) d;
    js.executeScript("document.getElementById('asof-box').hidden = false; const i = document.getElementById('asof'); "
        + "i.value = '2000-01-01'; i.dispatchEvent(new Event('change'));");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("toast")));
    assertThat(d.findElement(By.id("toast")).getText()).contains("登记簿自 " + since + " 起").contains("2000-01-01");
    assertThat(d.findElement(By.id("asof")).getAttribute("value")).isEqualTo(since);
    assertThat(d.findElement(By.id("asof")).getAttribute("min")).isEqualTo(since);
    js.executeScript("const i = document.getElementById('asof'); i.value = ''; i.dispatchEvent(new Event('change'));");
  }

  @Test
  void interfaceSwitchesToEnglish() {
    d.get(TestApp.base() + "/app?lang=en");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lang")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lang"), "中文"));
    assertThat(d.findElement(By.cssSelector(".brand")).getText()).isEqualTo("Mujun · Parcel register");
    d.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".brand"), "宗地登记"));
  }

  @Test
  void atCityScaleParcelsComeAsVectorTiles() {
    signIn("t-coord");
    JavascriptExecutor js = (JavascriptExecutor) d;
    js.executeScript("window.mujunMap.setView([34.43, 113.80], 12, {animate: false});");
    wait.until(x -> ((Number) js.executeScript(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/parcels/12/')).length")).intValue() > 0);
    wait.until(x -> ((Number) js.executeScript("return document.querySelectorAll('canvas.leaflet-tile').length")).intValue() > 0);
    Browser.screenshot(d, "city-scale-tiles");
    // Wider out, the overview: squares of the main land use, from /tiles/parcels/10/…
    js.executeScript("window.mujunMap.setView([34.43, 113.80], 10, {animate: false});");
    wait.until(x -> ((Number) js.executeScript(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/parcels/10/')).length")).intValue() > 0);
    wait.until(x -> ((Number) js.executeScript("return document.querySelectorAll('canvas.leaflet-tile').length")).intValue() > 0);
    // The squares are painted: some pixels of the parcel tiles' canvases are not transparent.
    wait.until(x -> ((Number) js.executeScript("let n = 0; for (const cv of document.querySelectorAll('canvas.leaflet-tile')) {"
        + " const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; }"
        + " return n;")).intValue() > 0);
    Browser.screenshot(d, "city-scale-overview");
  }

  @Test
  void theMapHasANorthArrowAndWritesTheClustersNamesAtClusterScale() {
    signIn("t-coord");
    JavascriptExecutor js = (JavascriptExecutor) d;
    assertThat(d.findElement(By.cssSelector(".north-arrow")).getText()).contains("北");
    // The header is one line: no view's name is broken over two lines, nothing spills out of the bar.
    assertThat((Boolean) js.executeScript("const bar = document.querySelector('.bar'); return bar.scrollHeight <= bar.clientHeight "
        + "&& [...bar.querySelectorAll('.link, .who, .asof span')].every(e => e.getClientRects().length <= 1 && e.offsetHeight < 30)")).isTrue();
    String name = TestApp.stringQuery("SELECT name FROM cluster WHERE id = ?", TestApp.testClusterId);
    String at = TestApp.stringQuery("SELECT ST_Y(p) || ',' || ST_X(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM cluster WHERE id = ?) x", TestApp.testClusterId);
    // At province scale the names are not written (180 of them would cover each other) ...
    js.executeScript("window.mujunMap.setView([" + at + "], 7, {animate: false});");
    assertThat(((Number) js.executeScript("return document.querySelectorAll('.leaflet-tooltip.cluster-label').length")).intValue()).isZero();
    // (and the legend, with parcels as tiles, lists every industrial land use)
    wait.until(x -> d.findElement(By.id("legend")).getText().contains("1101 物流仓储用地"));
    // ... at cluster scale they are, on the map itself.
    js.executeScript("window.mujunMap.setView([" + at + "], 11, {animate: false});");
    wait.until(x -> (Boolean) js.executeScript("return [...document.querySelectorAll('.leaflet-tooltip.cluster-label')].some(e => e.textContent === arguments[0] && e.offsetParent !== null)", name));
    Browser.screenshot(d, "cluster-labels");
    // Close in, each parcel's 宗地代码 is written on it.
    TestApp.Resp created = TestApp.newParcel(TestApp.Client.signedIn("t-resources"), "browser test");
    String code = created.json().get("properties").get("code").asText();
    String c = TestApp.stringQuery("SELECT ST_Y(p) || ',' || ST_X(p) FROM (SELECT ST_PointOnSurface(geom) p FROM parcel WHERE code = ? AND status = 'current') x", code);
    js.executeScript("window.mujunMap.setView([" + c + "], 18, {animate: false});");
    wait.until(x -> (Boolean) js.executeScript("return [...document.querySelectorAll('.parcel-label')].some(e => e.textContent === arguments[0])", code));
    Browser.screenshot(d, "parcel-labels");
    // The legend shows what is on screen: the one industrial parcel in view, not the other land uses.
    wait.until(x -> d.findElement(By.id("legend")).getText().contains("0601 工业用地"));
    assertThat(d.findElement(By.id("legend")).getText()).doesNotContain("1101 物流仓储用地");
    js.executeScript("window.mujunMap.setView([" + c + "], 15, {animate: false});");
    wait.until(x -> ((Number) js.executeScript("return document.querySelectorAll('.parcel-label').length")).intValue() == 0);
  }
}
