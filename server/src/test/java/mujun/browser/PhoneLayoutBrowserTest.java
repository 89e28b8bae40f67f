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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff app on a phone (Chromium's mobile emulation, 390 × 844): one header row with the views in a menu, no
 * sideways scrolling, the legend folded on the map and never over the details, and "locate me" bringing the map to
 * where the surveyor stands — or saying in Chinese why it cannot.
 */
class PhoneLayoutBrowserTest {
  static WebDriver d;
  static WebDriverWait wait;

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.openPhone();
    wait = new WebDriverWait(d, Duration.ofSeconds(20));
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) d).executeScript(script, args);
  }

  static double number(String script) {
    return ((Number) js(script)).doubleValue();
  }

  /** Whether two elements' boxes overlap on screen. */
  static boolean overlap(String a, String b) {
    return (Boolean) js("const r = document.querySelector(arguments[0]).getBoundingClientRect(), s = document.querySelector(arguments[1]).getBoundingClientRect();"
        + "return r.width > 0 && s.width > 0 && r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;", a, b);
  }

  @Test
  void theHeaderIsOneRowTheViewsAreInAMenuAndTheLegendLeavesTheDetailsFree() {
    Browser.signIn(d, "t-park", "");
    wait.until(x -> js("return window.mujunMap ? 1 : 0").equals(1L));
    Browser.screenshot(d, "phone-map");
    // And at one device pixel per CSS pixel, for the README.
    Object shot = ((ChromeDriver) d).executeCdpCommand("Page.captureScreenshot", Map.of("clip", Map.of("x", 0, "y", 0, "width", 390, "height", 844, "scale", 1.0 / 3)));
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
      java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "phone-map-small.png"),
          java.util.Base64.getDecoder().decode((String) ((Map<?, ?>) shot).get("data")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(number("return innerWidth")).isEqualTo(390);
    assertThat(number("return document.querySelector('.bar').getBoundingClientRect().height")).as("one header row").isLessThanOrEqualTo(56);
    assertThat(number("return document.documentElement.scrollWidth")).as("no sideways scrolling").isLessThanOrEqualTo(390);
    assertThat(d.findElement(By.id("nav")).isDisplayed()).isFalse();
    assertThat(d.findElement(By.id("menu")).getText()).isEqualTo("菜单");

    // The legend: folded to its title, on the map, not over the details; opened with a tap, still clear of them.
    assertThat(d.findElement(By.id("legend")).getAttribute("class")).contains("collapsed");
    assertThat(overlap("#legend", "#panel")).isFalse();
    d.findElement(By.cssSelector("#legend b")).click();
    assertThat(d.findElement(By.id("legend")).getAttribute("class")).doesNotContain("collapsed");
    assertThat(overlap("#legend", "#panel")).isFalse();
    assertThat(overlap("#toolbar", ".north-arrow")).as("the map's buttons do not cover each other").isFalse();

    // The menu: the views one under the other; choosing one closes it.
    d.findElement(By.id("menu")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nav [data-view=loweff]")));
    assertThat(d.findElement(By.id("signout")).isDisplayed()).isTrue();
    d.findElement(By.cssSelector("#nav [data-view=loweff]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-loweff")));
    assertThat(d.findElement(By.id("nav")).isDisplayed()).isFalse();
    assertThat(number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
    d.findElement(By.id("menu")).click();
    d.findElement(By.cssSelector("#nav [data-view=map]")).click();
  }

  @Test
  void onADeskEveryViewIsInTheHeaderAndOnALaptopInTheMenu() {
    for (int width : new int[] {1400, 1280}) {
      WebDriver desk = Browser.open(width, 900);
      try {
        Browser.signIn(desk, "t-admin", "");
        JavascriptExecutor j = (JavascriptExecutor) desk;
        Boolean menu = (Boolean) j.executeScript("return getComputedStyle(document.getElementById('menu')).display !== 'none'");
        if (width == 1400) {
          assertThat(menu).isFalse();
          // Every view's button whole and inside the header (none pushed out of it or squeezed under its neighbour).
          Object clipped = j.executeScript("const w = document.querySelector('.bar').getBoundingClientRect().right;"
              + "return [...document.querySelectorAll('#nav .link')].filter(b => !b.hidden).filter(b => { const r = b.getBoundingClientRect();"
              + "return r.right > w || b.scrollWidth > b.clientWidth + 1; }).map(b => b.textContent);");
          assertThat((List<?>) clipped).as("views cut off at " + width + " px").isEmpty();
          assertThat(((Number) j.executeScript("return document.querySelector('.bar').scrollWidth - document.querySelector('.bar').clientWidth")).intValue())
              .isLessThanOrEqualTo(0);
        } else {
          assertThat(menu).as("the views in a menu at " + width + " px").isTrue();
          desk.findElement(By.id("menu")).click();
          assertThat(desk.findElement(By.cssSelector("#nav [data-view=admin]")).isDisplayed()).isTrue();
        }
      } finally {
        desk.quit();
      }
    }
  }

  @Test
  void locateMeBringsTheMapToTheSurveyorOrSaysWhyNot() {
    Browser.signIn(d, "t-park", "");
    wait.until(x -> js("return window.mujunMap ? 1 : 0").equals(1L));
    ChromeDriver c = (ChromeDriver) d;
    c.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", TestApp.base()));
    c.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 34.9012, "longitude", 113.1534, "accuracy", 12));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".locate-me"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".my-position")));
    assertThat(number("return mujunMap.getZoom()")).isGreaterThanOrEqualTo(16);
    assertThat(number("return mujunMap.getCenter().lat")).isCloseTo(34.9012, org.assertj.core.data.Offset.offset(0.0005));
    assertThat(number("return mujunMap.getCenter().lng")).isCloseTo(113.1534, org.assertj.core.data.Offset.offset(0.0005));
    Browser.screenshot(d, "phone-located");

    c.executeCdpCommand("Browser.setPermission", Map.of("permission", Map.of("name", "geolocation"), "setting", "denied", "origin", TestApp.base()));
    d.findElement(By.cssSelector(".locate-me")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".map-message")));
    assertThat(d.findElement(By.cssSelector(".map-message")).getText()).contains("未获准使用位置");
  }
}
