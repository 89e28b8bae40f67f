package mujun.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium (Debian's chromium and chromedriver), fresh profile per browser. */
public final class Browser {
  private Browser() {}

  public static WebDriver open(int width, int height) {
    return start(o -> o.addArguments("--window-size=" + width + "," + height));
  }

  /**
   * A phone: Chromium's mobile emulation of a 390 × 844 screen (3 device pixels per CSS pixel, touch, a phone's user
   * agent), as the staff app meets it in the field.
   */
  public static WebDriver openPhone() {
    return start(o -> o.setExperimentalOption("mobileEmulation", java.util.Map.of(
        "deviceMetrics", java.util.Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true),
        "userAgent", "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")));
  }

  /** Starts headless Chromium with a fresh profile, in Chinese, with {@code screen} setting its window or emulation. */
  private static WebDriver start(java.util.function.Consumer<ChromeOptions> screen) {
    try {
      Path profile = Files.createTempDirectory("mujun-chromium");
      ChromeOptions o = new ChromeOptions();
      o.setBinary("/usr/bin/chromium");
      o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--lang=zh-CN");
      screen.accept(o);
      ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
      WebDriver d = new ChromeDriver(svc, o);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      return d;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens the staff app in {@code lang} (plus {@code query}), signs in as a test user and waits for the app. */
  public static void signIn(WebDriver d, String user, String query) {
    org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20));
    d.get(TestApp.base() + "/health");
    d.manage().deleteAllCookies();
    d.get(TestApp.base() + "/app?lang=zh" + query);
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("username"))).sendKeys(user);
    d.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestApp.PASSWORD);
    d.findElement(org.openqa.selenium.By.cssSelector("#login-form button[type=submit]")).click();
    // Signed in: the views are offered (in the header, or on a phone in its menu).
    wait.until(x -> x.findElement(org.openqa.selenium.By.id("nav")).getAttribute("hidden") == null);
  }

  /** Saves a screenshot under target/screenshots (useful when a browser test fails). */
  public static Path screenshot(WebDriver d, String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path p = dir.resolve(name + ".png");
      Files.write(p, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
      return p;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
