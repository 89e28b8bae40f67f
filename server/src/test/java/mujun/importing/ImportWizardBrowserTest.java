package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The import wizard in real Chromium: upload a GBK Shapefile, dry run, see the rejected feature on the map, commit the rest. */
class ImportWizardBrowserTest {
  static WebDriver d;
  static WebDriverWait wait;

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
    wait = new WebDriverWait(d, Duration.ofSeconds(30));
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
  }

  @Test
  void uploadDryRunSeeTheRejectedFeatureAndCommitTheAcceptedOnes() throws Exception {
    String good = TestApp.newCode();
    Map<String, Object> a = new java.util.LinkedHashMap<>(Map.of("ZDDM", good, "QLR", "许昌测试", "DLBM", "0601"));
    Map<String, Object> b = new java.util.LinkedHashMap<>(Map.of("ZDDM", "BAD-CODE", "QLR", "坏", "DLBM", "0601"));
    byte[] zip = Fixtures.shapefileZip(4547, List.of(Fixtures.square(a, TestApp.square()), Fixtures.square(b, TestApp.square())), true, false, Charset.forName("GBK"));
    Path file = Fixtures.dir().resolve("地块.zip").toAbsolutePath();
    Files.write(file, zip);

    Browser.signIn(d, "t-resources", "");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-import"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-upload input[type=file]"))).sendKeys(file.toString());
    d.findElement(By.cssSelector("#import-upload button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crs-note")));
    assertThat(d.findElement(By.id("crs-note")).getText()).contains("EPSG:4547");
    assertThat(new Select(d.findElement(By.name("map_code"))).getFirstSelectedOption().getText()).isEqualTo("ZDDM");
    d.findElement(By.id("btn-dry-run")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-counts")));
    assertThat(d.findElement(By.id("import-counts")).getText()).contains("通过 1").contains("拒绝 1");
    // The finding in the user's language (from its code and values), not the server's English text.
    assertThat(d.findElement(By.id("import-lines")).getText()).contains("宗地代码 BAD-CODE 格式不正确").doesNotContain("malformed");
    Long red = (Long) ((JavascriptExecutor) d).executeScript("return document.querySelectorAll('path[stroke=\"#c62828\"]').length");
    assertThat(red).isGreaterThanOrEqualTo(1L);
    assertThat(d.findElement(By.id("btn-commit-all")).isEnabled()).isFalse();
    d.findElement(By.id("btn-commit-accepted")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-done")));
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND status = 'current'", good)).isEqualTo(1);
    assertThat(String.format(Locale.ROOT, "%s", d.findElement(By.id("import-done")).getText())).contains("新增 1");
  }
}
