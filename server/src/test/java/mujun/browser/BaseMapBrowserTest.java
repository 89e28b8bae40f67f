package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mujun.App;
import mujun.config.Config;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The maps have geographic context with no network: the public map in real Chromium paints the packaged background of
 * Henan — cities as land with their borders, county borders, the cities' names in the user's language. With a 天地图 key
 * the vector and imagery maps come first, each with the label layer of the user's language, and the offline background
 * stays one click away in the switcher.
 */
class BaseMapBrowserTest {
  static WebDriver d;
  static WebDriverWait wait;
  static App keyed;

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
    wait = new WebDriverWait(d, Duration.ofSeconds(20));
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
    if (keyed != null) keyed.close();
  }

  /** The background's painted outlines (SVG paths in its pane). */
  static int backgroundPaths() {
    return d.findElements(By.cssSelector(".leaflet-background-pane path")).size();
  }

  static List<String> cityNames() {
    return d.findElements(By.cssSelector(".leaflet-backgroundLabels-pane .bg-city")).stream().map(WebElement::getText).toList();
  }

  @Test
  void thePublicMapPaintsHenansCitiesAndCountiesOfflineInTheUsersLanguage() {
    d.get(TestApp.base() + "/?lang=zh");
    wait.until(x -> backgroundPaths() > 150);
    wait.until(x -> cityNames().contains("郑州市"));
    assertThat(cityNames()).hasSize(18).contains("洛阳市", "南阳市", "济源市");
    Browser.screenshot(d, "basemap-offline-zh");
    assertThat(d.findElements(By.cssSelector(".leaflet-control-layers"))).as("one base map: no switcher").isEmpty();
    WebElement zhengzhou = d.findElements(By.cssSelector(".leaflet-backgroundLabels-pane .bg-city")).stream()
        .filter(e -> e.getText().equals("郑州市")).findFirst().orElseThrow();
    assertThat(zhengzhou.isDisplayed()).isTrue();

    d.get(TestApp.base() + "/?lang=en");
    wait.until(x -> cityNames().contains("Zhengzhou"));
    assertThat(cityNames()).contains("Luoyang", "Nanyang").doesNotContain("郑州市");
  }

  @Test
  void withATiandituKeyItsMapsAndLabelLayersComeFirstAndTheOfflineOneStaysInTheSwitcher() {
    Map<String, String> env = TestApp.instanceEnv("target/var-tianditu");
    env.put("MUJUN_TIANDITU_KEY", "test-key-123");
    keyed = new App(Config.load(env)).start();
    String base = "http://127.0.0.1:" + keyed.port();
    d.get(base + "/?lang=zh");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leaflet-control-layers")));
    wait.until(x -> !tiles("vec_w").isEmpty() && !tiles("cva_w").isEmpty());
    assertThat(tiles("vec_w")).allMatch(src -> src.contains("tk=test-key-123") && src.contains("tianditu.gov.cn"));
    assertThat(tiles("eva_w")).as("Chinese labels in the Chinese interface").isEmpty();
    String switcher = (String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return document.querySelector('.leaflet-control-layers-base').textContent");
    assertThat(switcher).contains("天地图 矢量", "天地图 影像", "河南离线底图");

    d.get(base + "/?lang=en");
    wait.until(x -> !tiles("eva_w").isEmpty());
    assertThat(tiles("cva_w")).as("English labels in the English interface").isEmpty();
  }

  static List<String> tiles(String layer) {
    // Read in one go in the page: tiles that fail to load (no network here) are replaced while a loop would read them.
    @SuppressWarnings("unchecked")
    List<String> srcs = (List<String>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return [...document.querySelectorAll('img.leaflet-tile')].map(i => i.src)");
    return srcs.stream().filter(s -> s != null && s.contains(layer)).toList();
  }
}
