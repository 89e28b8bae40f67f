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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Drawing, splitting and merging parcels with the mouse in real Chromium. */
class ParcelEditingBrowserTest {
  static WebDriver d;
  static WebDriverWait wait;

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
    wait = new WebDriverWait(d, Duration.ofSeconds(20));
    Browser.signIn(d, "t-resources", "");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
  }

  static JavascriptExecutor js() {
    return (JavascriptExecutor) d;
  }

  /** Centres the map on lon/lat at zoom 18 and waits for the parcels to load. */
  static void goTo(double lon, double lat) {
    js().executeScript("document.body.dataset.parcelsLoaded = ''; window.mujunMap.setView([arguments[1], arguments[0]], 18, {animate: false});", lon, lat);
    wait.until(x -> {
      Object v = js().executeScript("return document.body.dataset.parcelsLoaded");
      return v != null && !v.toString().isEmpty();
    });
  }

  /** Offsets from the map element's centre of a lon/lat, for Actions.moveToElement. */
  @SuppressWarnings("unchecked")
  static int[] offset(double lon, double lat) {
    List<Number> p = (List<Number>) js().executeScript(
        "const m = window.mujunMap, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]), s = m.getSize();"
            + "return [pt.x - s.x / 2, pt.y - s.y / 2];", lon, lat);
    return new int[] {p.get(0).intValue(), p.get(1).intValue()};
  }

  static Actions at(Actions a, double lon, double lat) {
    int[] o = offset(lon, lat);
    return a.moveToElement(d.findElement(By.id("map")), o[0], o[1]);
  }

  static String codeShown() {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=parcel-code]"))).getText().split(" ")[0];
  }

  @Test
  void drawANewParcelAndFillItsAttributes() {
    double[] s = TestApp.square();
    goTo((s[0] + s[2]) / 2, (s[1] + s[3]) / 2);
    d.findElement(By.id("btn-draw")).click();
    double[][] pts = {{s[0], s[1]}, {s[2], s[1]}, {s[2], s[3]}, {s[0], s[3]}};
    for (double[] p : pts) at(new Actions(d), p[0], p[1]).click().pause(Duration.ofMillis(150)).perform();
    at(new Actions(d), pts[0][0], pts[0][1]).click().perform();
    WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".form input[name=code]")));
    code.sendKeys("12345");
    assertThat(d.findElement(By.cssSelector("[data-msg=code]")).getText()).isEqualTo("宗地代码应为19位");
    code.clear();
    String newCode = TestApp.newCode();
    code.sendKeys(newCode);
    assertThat(d.findElement(By.cssSelector("[data-msg=code]")).getText()).isEmpty();
    d.findElement(By.cssSelector(".form input[name=floorAreaRatio]")).sendKeys("1.6");
    d.findElement(By.cssSelector(".form input[name=reason]")).sendKeys("新供地");
    // A new parcel is industrial land unless changed (not the list's first entry).
    assertThat(new org.openqa.selenium.support.ui.Select(d.findElement(By.cssSelector(".form select[name=landUse]"))).getFirstSelectedOption().getText())
        .startsWith("0601 ");
    // The holder is picked by name: a name not in the list is refused with a word, one from the list is kept by id.
    WebElement holder = d.findElement(By.cssSelector(".form input[name=holderSearch]"));
    holder.sendKeys("没有这家企业");
    d.findElement(By.cssSelector(".form button[type=submit]")).click();
    assertThat(d.findElement(By.cssSelector("[data-msg=holderId]")).getText()).contains("请从列表中选择企业");
    long enterpriseId = TestApp.intQuery("SELECT min(id) FROM enterprise");
    String name = TestApp.stringQuery("SELECT name FROM enterprise WHERE id = ?", enterpriseId);
    String label = name + "（" + TestApp.stringQuery("SELECT credit_code FROM enterprise WHERE id = ?", enterpriseId) + "）";
    holder.clear();
    holder.sendKeys(name);
    wait.until(x -> ((Number) ((JavascriptExecutor) d).executeScript("return [...document.querySelectorAll('#holder-options option')]"
        + ".filter((o) => o.value === arguments[0]).length", label)).intValue() == 1);
    holder.clear();
    holder.sendKeys(label);
    // A code another current parcel has: the server's refusal is shown beside the code field, not at the top.
    WebElement codeField = d.findElement(By.cssSelector(".form input[name=code]"));
    codeField.clear();
    codeField.sendKeys(TestApp.stringQuery("SELECT min(code) FROM parcel WHERE status = 'current'"));
    d.findElement(By.cssSelector(".form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-msg=code]"), "已有现行宗地使用该宗地代码"));
    assertThat(d.switchTo().activeElement().getAttribute("name")).isEqualTo("code");
    codeField.clear();
    codeField.sendKeys(newCode);
    d.findElement(By.cssSelector(".form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=parcel-code]"), newCode));
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND status = 'current' AND floor_area_ratio = 1.6 AND land_use_code = '0601' "
        + "AND holder_id = ?", newCode, enterpriseId)).isEqualTo(1);
  }

  @Test
  void splitAlongADrawnLineThenMergeThePiecesBack() {
    TestApp.Client api = TestApp.Client.signedIn("t-resources");
    double[] s = TestApp.square();
    String code = TestApp.newCode();
    TestApp.Resp r = api.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"browser split test\"}", Map.of());
    assertThat(r.status()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    double midLon = (s[0] + s[2]) / 2, midLat = (s[1] + s[3]) / 2;
    goTo(midLon, midLat);
    at(new Actions(d), midLon, midLat).click().perform();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=parcel-code]"), code));

    d.findElement(By.id("btn-split")).click();
    at(new Actions(d), midLon, s[1] - 0.0002).click().pause(Duration.ofMillis(150)).perform();
    at(new Actions(d), midLon, s[3] + 0.0002).doubleClick().perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason"))).sendKeys("道路拓宽分割");
    d.findElement(By.id("btn-save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history-list li[data-version='1']")));
    assertThat(d.findElement(By.cssSelector("#history-list li[data-version='1']")).getText()).contains("分割");
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE ? = ANY(predecessor_ids) AND status = 'current'", id)).isEqualTo(2);

    // Merge the two pieces back: Shift-click each, then Merge.
    goTo(midLon, midLat);
    double q = (s[2] - s[0]) / 4;
    at(new Actions(d), s[0] + q, midLat).keyDown(Keys.SHIFT).click().keyUp(Keys.SHIFT).perform();
    at(new Actions(d), s[2] - q, midLat).keyDown(Keys.SHIFT).click().keyUp(Keys.SHIFT).perform();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-merge"))).click();
    // The form asks whose attributes stay: the two pieces are listed, the first chosen; the user picks the second.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason"))).sendKeys("合并");
    List<WebElement> keep = d.findElements(By.cssSelector("input[name=keep]"));
    assertThat(keep).hasSize(2);
    assertThat(keep.get(0).isSelected()).isTrue();
    assertThat(d.findElement(By.cssSelector(".merge-keep")).getText()).contains("合并后保留哪一宗的属性");
    String secondCode = d.findElements(By.cssSelector(".merge-part b")).get(1).getText();
    keep.get(1).click();
    d.findElement(By.id("btn-save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history-list li[data-version='1']")));
    assertThat(d.findElement(By.cssSelector("#history-list li[data-version='1']")).getText()).contains("合并");
    String merged = codeShown();
    assertThat(merged).as("the merged parcel has the chosen part's code").isEqualTo(secondCode);
    assertThat(TestApp.intQuery("SELECT cardinality(predecessor_ids) FROM parcel WHERE code = ? AND status = 'current'", merged)).isEqualTo(2);
    Browser.screenshot(d, "merged");
  }

  @Test
  void aSaveAfterSomeoneElsesKeepsTheirChangeAndReappliesMine() {
    TestApp.Client api = TestApp.Client.signedIn("t-admin");
    String code = TestApp.newCode();
    TestApp.Resp made = api.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(TestApp.square()) + ",\"reason\":\"fixture\"}", Map.of());
    long id = made.json().get("id").asLong();
    d.get(TestApp.base() + "/app?parcel=" + id);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-edit"))).click();
    WebElement far = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".form input[name=floorAreaRatio]")));
    far.sendKeys("2.2");
    // Meanwhile someone else saves a remark.
    TestApp.Resp other = api.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"他人修改\",\"reason\":\"核对\"}", Map.of("If-Match", made.header("ETag")));
    assertThat(other.status()).as(other.body()).isEqualTo(200);
    d.findElement(By.cssSelector(".form input[name=reason]")).sendKeys("容积率更正");
    d.findElement(By.cssSelector(".form button[type=submit]")).click();
    // The form comes back on the new version, with a word, my value and theirs.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict-note")));
    assertThat(d.findElement(By.id("conflict-note")).getText()).contains("第 2 版").contains("t-admin");
    assertThat(d.findElement(By.cssSelector(".form input[name=floorAreaRatio]")).getAttribute("value")).isEqualTo("2.2");
    assertThat(d.findElement(By.cssSelector(".form textarea[name=remarks]")).getAttribute("value")).isEqualTo("他人修改");
    assertThat(d.findElement(By.cssSelector(".form input[name=reason]")).getAttribute("value")).isEqualTo("容积率更正");
    d.findElement(By.cssSelector(".form button[type=submit]")).click();
    wait.until(x -> TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", id) == 3);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE id = ? AND floor_area_ratio = 2.2 AND remarks = '他人修改'", id)).isEqualTo(1);
  }
}
