package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A park manager marks part of a parcel as idle, attaches a photo, adds a disposal plan, and sees the summary change. */
class LowEfficiencyBrowserTest {
  WebDriver d;

  @AfterEach
  void close() {
    if (d != null) d.quit();
  }

  double taggedMu(Client c) {
    for (var cl : c.get("/api/low-efficiency/summary").json().get("clusters")) if (cl.get("code").asText().equals("XZXG")) return cl.get("taggedMu").asDouble();
    throw new AssertionError("XZXG not in the summary");
  }

  @SuppressWarnings("unchecked")
  int[] offset(double lon, double lat) {
    List<Number> p = (List<Number>) ((JavascriptExecutor) d).executeScript(
        "const m = window.mujunMap, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]), s = m.getSize(); return [pt.x - s.x / 2, pt.y - s.y / 2];", lon, lat);
    return new int[] {p.get(0).intValue(), p.get(1).intValue()};
  }

  @Test
  void parkManagerMarksPartOfAParcelAsIdleAttachesAPhotoAndPlansItsDisposal() throws Exception {
    TestApp.get();
    long parcel = TestApp.intQuery("SELECT min(p.id) FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'XZXG' AND p.status = 'current' "
        + "AND p.area_mu > 20 AND NOT EXISTS (SELECT 1 FROM low_eff_tag t WHERE t.parcel_id = p.id) "
        + "AND NOT EXISTS (SELECT 1 FROM standard_land s WHERE p.id = ANY(s.parcel_ids))");
    double[] box = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM parcel WHERE id = ?")) {
        ps.setLong(1, parcel);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
      }
    });
    // Land never started, agreed to start on 2023-05-01: idle from 2024-05-01, the fee due then, recoverable from 2025-05-01.
    TestApp.sql("UPDATE parcel SET agreed_start_date = '2023-05-01', actual_start_date = NULL, actual_completion_date = NULL, suspended_since = NULL, "
        + "agreed_completion_date = NULL WHERE id = " + parcel);
    Client api = Client.signedIn("t-park");
    double before = taggedMu(api);

    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(20));
    Browser.signIn(d, "t-park", "&parcel=" + parcel);
    w.until(ExpectedConditions.elementToBeClickable(By.id("btn-loweff"))).click();
    WebElement form = w.until(ExpectedConditions.visibilityOfElementLocated(By.id("loweff-form")));
    // Draw a part: the middle of the parcel (a quarter of its bounding box), clicking the first vertex again to close.
    ((JavascriptExecutor) d).executeScript("window.mujunMap.fitBounds([[arguments[1], arguments[0]], [arguments[3], arguments[2]]], {animate: false});",
        box[0], box[1], box[2], box[3]);
    form.findElement(By.cssSelector("input[name=extent][value=part]")).click();
    double mx = (box[0] + box[2]) / 2, my = (box[1] + box[3]) / 2, hx = (box[2] - box[0]) / 4, hy = (box[3] - box[1]) / 4;
    double[][] pts = {{mx - hx, my - hy}, {mx + hx, my - hy}, {mx + hx, my + hy}, {mx - hx, my + hy}, {mx - hx, my - hy}};
    WebElement map = d.findElement(By.id("map"));
    for (double[] p : pts) {
      int[] o = offset(p[0], p[1]);
      new Actions(d).moveToElement(map, o[0], o[1]).click().pause(Duration.ofMillis(150)).perform();
    }
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("part-drawn")));
    form.findElement(By.name("kind")).sendKeys("闲置土地");
    form.findElement(By.name("criteria")).sendKeys("厂房闲置，现场无生产");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    // The low-efficiency view opens on the new tag.
    WebElement title = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=tag-title]")));
    assertThat(title.getText()).contains("闲置土地");
    long tag = TestApp.intQuery("SELECT max(id) FROM low_eff_tag WHERE parcel_id = ?", parcel);
    double area = Double.parseDouble(TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT area_mu::text FROM low_eff_tag WHERE id = ? AND NOT whole_parcel AND kind = 'idle'")) {
        ps.setLong(1, tag);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    }));
    assertThat(area).isGreaterThan(0).isLessThan(TestApp.intQuery("SELECT ceil(area_mu)::int FROM parcel WHERE id = ?", parcel));

    // The legal dates, with the reading of "满一年" and the rule of each, and the passed fee date flagged in red.
    WebElement dates = w.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=legal-dates]")));
    assertThat(dates.findElement(By.cssSelector("[data-test=idle-from]")).getText()).contains("2024-05-01").contains("第二条");
    assertThat(dates.findElement(By.cssSelector("[data-test=recovery-from]")).getText()).contains("2025-05-01").contains("第十四条");
    assertThat(dates.findElement(By.cssSelector("[data-test=reading]")).getText()).contains("对应日");
    assertThat(dates.findElement(By.cssSelector("[data-test=feeDatePassed]")).getText()).contains("未作闲置费决定");
    // A planning change stopped the clock for 30 days: recorded with its evidence, every date moves.
    d.findElement(By.xpath("//summary[contains(., '登记不计入期间')]")).click();
    WebElement pause = d.findElement(By.id("le-pause-form"));
    new org.openqa.selenium.support.ui.Select(pause.findElement(By.name("cause"))).selectByValue("planning");
    ((JavascriptExecutor) d).executeScript("arguments[0].value = '2023-06-01'; arguments[1].value = '2023-06-30';",
        pause.findElement(By.name("startsOn")), pause.findElement(By.name("endsOn")));
    pause.findElement(By.name("evidence")).sendKeys("新规〔2023〕7号 规划调整暂停供地");
    pause.findElement(By.cssSelector("button[type=submit]")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=idle-from]"), "2024-05-31"));
    assertThat(d.findElement(By.cssSelector("[data-test=recovery-from]")).getText()).contains("2025-05-31");
    assertThat(d.findElement(By.id("le-pauses")).getText()).contains("规划调整").contains("新规");

    // A file whose content is not what its name says: refused, and said in Chinese (not the server's English sentence).
    Path fake = Files.createTempFile("not-a-photo-", ".png");
    Files.writeString(fake, "this is text, not a PNG");
    d.findElement(By.id("le-file")).sendKeys(fake.toString());
    d.findElement(By.id("le-upload")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "文件内容与其扩展名不符"));
    assertThat(d.findElement(By.id("toast")).getText()).doesNotContain("upload the real file");

    // A photo.
    Path photo = Files.createTempFile("site-", ".png");
    Files.write(photo, java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
    d.findElement(By.id("le-file")).sendKeys(photo.toString());
    d.findElement(By.id("le-upload")).click();
    w.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#le-detail .thumbs img")));
    // And one taken on the spot: the photo button opens a phone's camera (capture), and the photo goes up at once.
    WebElement camera = d.findElement(By.id("le-photo"));
    assertThat(camera.getAttribute("capture")).isEqualTo("environment");
    assertThat(camera.getAttribute("accept")).isEqualTo("image/*");
    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].hidden = false", camera);
    camera.sendKeys(photo.toString());
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "照片已上传"));
    w.until(x -> x.findElements(By.cssSelector("#le-detail .thumbs img")).size() == 2);

    // A disposal plan.
    WebElement plan = d.findElement(By.id("le-plan-form"));
    plan.findElement(By.name("responsibleUnit")).sendKeys("新港集聚区土地开发办");
    ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]", plan.findElement(By.name("deadline")), LocalDate.now().plusDays(120).toString());
    plan.findElement(By.cssSelector("button[type=submit]")).click();
    w.until(ExpectedConditions.visibilityOfElementLocated(By.id("le-plan-facts")));
    assertThat(d.findElement(By.id("le-plan-facts")).getText()).contains("新港集聚区土地开发办");

    // The cluster summary shows the new area and plan.
    WebElement row = d.findElement(By.cssSelector("#le-summary-table tr[data-cluster=XZXG]"));
    double shown = Double.parseDouble(row.findElement(By.cssSelector("[data-k=taggedMu]")).getText().replace(",", ""));
    assertThat(shown).isCloseTo(before + area, org.assertj.core.data.Offset.offset(0.02));
    assertThat(taggedMu(api)).isCloseTo(before + area, org.assertj.core.data.Offset.offset(0.01));
    assertThat(TestApp.intQuery("SELECT count(*) FROM disposal_plan WHERE tag_id = ?", tag)).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM stored_file WHERE owner_kind = 'low_eff_tag' AND owner_id = ?", tag)).as("the chosen file and the photo").isEqualTo(2);
    Browser.screenshot(d, "low-efficiency");

    // The printable summary of the cluster: title, a chart of tagged area by kind, the figures and the survey table.
    int xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    d.get(TestApp.base() + "/loweff-report.html?cluster=" + xzxg);
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "新郑新港"));
    w.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart rect")));
    assertThat(d.findElement(By.id("figures")).getText()).contains("低效用地");
    String code = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT code FROM parcel WHERE id = ?")) {
        ps.setLong(1, parcel);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    assertThat(d.findElement(By.id("rows")).getText()).contains(code);
    // A print layout: the legend of the kinds on the map, the scale bar and north arrow, the issuing unit and the date.
    assertThat(d.findElement(By.id("report-legend")).getText()).isNotBlank();
    assertThat(d.findElements(By.cssSelector("#report-map .leaflet-control-scale"))).hasSize(1);
    assertThat(d.findElements(By.cssSelector("#report-map .north-arrow"))).hasSize(1);
    assertThat(d.findElement(By.cssSelector("footer .pr-issuer")).getText()).isEqualTo("新郑新港产业集聚区管理委员会");
    assertThat(d.findElement(By.id("issued-on")).getText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日");
    // Opened without a cluster, a one-cluster manager's summary is that cluster's, not "the province's".
    d.get(TestApp.base() + "/loweff-report.html");
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "新郑新港"));
    assertThat(d.findElement(By.id("title")).getText()).doesNotContain("全省");
  }

  @Test
  void proposalsComeAPageAtATimeWithAFilterAndADecisionIsConfirmed() {
    TestApp.get();
    // A cluster of its own with 25 parcels never started (agreed start long past): 25 proposals when the rules run.
    if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = 'LEPAGE'") == 0) {
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('LEPAGE', '分页测试集聚区', 'Paging test cluster', '410100', "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(560000, 3766000, 562000, 3768000, 4547), 4490)))");
      int k = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LEPAGE'");
      TestApp.sql("INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, agreed_start_date, registered_area_m2) "
          + "SELECT '410102' || lpad((900000 + g)::text, 6, '0') || 'GB' || lpad(g::text, 5, '0'), " + k + ", "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(560100 + (g % 5) * 300, 3766100 + (g / 5) * 300, 560300 + (g % 5) * 300, 3766300 + (g / 5) * 300, 4547), 4490)), "
          + "'GB/T 21010-2017', '0601', DATE '2020-01-01', 40000 FROM generate_series(1, 25) g");
    }
    int k = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LEPAGE'");
    Client admin = Client.signedIn("t-admin");
    Resp run = admin.send("POST", "/api/low-efficiency/proposals/run", "{\"clusterId\":" + k + ",\"asOf\":\"2026-01-01\"}", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    int open = TestApp.intQuery("SELECT count(*) FROM low_eff_proposal p JOIN parcel q ON q.id = p.parcel_id WHERE q.cluster_id = ? AND p.status = 'open'", k);
    assertThat(open).isGreaterThan(20);

    d = Browser.open(1400, 1000);
    WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(20));
    Browser.signIn(d, "t-admin", "");
    w.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav [data-view=loweff]"))).click();
    WebElement clusterSelect = w.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#le-filters select[name=cluster]")));
    new org.openqa.selenium.support.ui.Select(clusterSelect).selectByValue(String.valueOf(k));
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("le-proposal-count"), "共 " + open + " 条 · 第 1/2 页"));
    assertThat(d.findElements(By.cssSelector("#le-proposal-table tbody tr"))).hasSize(20);
    d.findElement(By.cssSelector("#le-proposal-pager [data-page='1']")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("le-proposal-count"), "第 2/2 页"));
    assertThat(d.findElements(By.cssSelector("#le-proposal-table tbody tr"))).hasSize(open - 20);
    // The filter narrows to one parcel; accepting it says so.
    String code = TestApp.stringQuery("SELECT q.code FROM low_eff_proposal p JOIN parcel q ON q.id = p.parcel_id WHERE q.cluster_id = ? AND p.status = 'open' "
        + "ORDER BY q.code DESC LIMIT 1", k);
    d.findElement(By.id("le-proposal-filter")).sendKeys(code.substring(code.length() - 8));
    w.until(x -> x.findElements(By.cssSelector("#le-proposal-table tbody tr")).size() == 1);
    d.findElement(By.cssSelector("#le-proposal-table [data-accept]")).click();
    w.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "已采纳：宗地 " + code));
    assertThat(TestApp.intQuery("SELECT count(*) FROM low_eff_proposal p JOIN parcel q ON q.id = p.parcel_id WHERE q.code = ? AND p.status = 'accepted'", code))
        .isEqualTo(1);
  }
}
