package mujun.lowefficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Low-efficiency land on a cluster of its own ("LETEST", in Gauss-Krüger zone 38), where parcels are laid out in metres so
 * that areas are known by hand: each rule at and around its threshold, accept and dismiss, area sums, plans and overdue
 * warnings, evidence, reports.
 */
class LowEfficiencyTest {
  static Client admin, park, viewer;
  static int cluster;
  static double x0, y0;
  static int slot;
  static final String AS_OF = "2025-03-10";

  @BeforeAll
  static void setUp() {
    TestApp.get();
    // The clusters exist before anyone signs in, so that the users' scopes (computed at sign-in) include them.
    if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = 'LETEST'") == 0) {
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('LETEST', '低效测试集聚区', 'Low-efficiency test cluster', '410100', "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(548000, 3766000, 552000, 3770000, 4547), 4490)))");
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('LESUM', '汇总测试集聚区', 'Summary test cluster', '410100', "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(556000, 3766000, 557000, 3767000, 4547), 4490)))");
    }
    admin = Client.signedIn("t-admin");
    park = Client.signedIn("t-park");
    viewer = Client.signedIn("t-viewer");
    cluster = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LETEST'");
    x0 = 548200;
    y0 = 3766200;
  }

  /** A 100 m × 60 m parcel (6,000 m² = 9 亩 exactly) in the next free slot, as GeoJSON in EPSG:4490. */
  static String rect(double x, double y, double w, double h) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 4547), 4490), 12)")) {
        ps.setDouble(1, x);
        ps.setDouble(2, y);
        ps.setDouble(3, x + w);
        ps.setDouble(4, y + h);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  static double[] nextSlot() {
    int k = slot++;
    return new double[] {x0 + (k % 20) * 150, y0 + (k / 20) * 100};
  }

  /** Creates a parcel (9 亩) with extra JSON fields; returns its id. */
  static long parcel(String extra) {
    double[] s = nextSlot();
    Resp r = admin.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"clusterId\":" + cluster
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + rect(s[0], s[1], 100, 60) + extra + "}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  static double[] slotOf(long parcelId) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_XMin(g), ST_YMin(g) FROM (SELECT ST_Transform(geom, 4547) g FROM parcel WHERE id = ?) x")) {
        ps.setLong(1, parcelId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
      }
    });
  }

  static int enterpriseSeq = 0;

  /** An enterprise with the given yearly (tax, output, electricity) figures from 2021. */
  static long enterprise(double[][] figures) {
    String first17 = String.format("91410100MA%07d", 4000000 + (enterpriseSeq++) + (int) (System.nanoTime() % 1000) * 1000);
    String credit = first17.substring(0, 17) + CreditCode.checkChar(first17.substring(0, 17));
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '测试企业" + credit.substring(10, 16)
        + "', 'C3971', 'above', " + cluster + ")");
    long id = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    for (int i = 0; i < figures.length; i++) {
      TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan, output_wan, electricity_wan_kwh) VALUES (" + id + ", " + (2021 + i) + ", "
          + figures[i][0] + ", " + figures[i][1] + ", " + figures[i][2] + ")");
    }
    return id;
  }

  static JsonNode run(String asOf) {
    Resp r = admin.send("POST", "/api/low-efficiency/proposals/run", "{\"clusterId\":" + cluster + ",\"asOf\":\"" + asOf + "\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return admin.get("/api/low-efficiency/proposals?status=all&cluster=" + cluster).json().get("features");
  }

  static Set<String> proposed(JsonNode features, long parcel) {
    Set<String> rules = new HashSet<>();
    for (JsonNode f : features) if (f.at("/properties/parcelId").asLong() == parcel) rules.add(f.at("/properties/rule").asText());
    return rules;
  }

  @Test
  void eachRuleAtAndAroundItsThreshold() {
    // Not started one full year after the agreed start (as of 2025-03-10).
    long oneDayLess = parcel(",\"agreedStartDate\":\"2024-03-11\"");
    long exactly = parcel(",\"agreedStartDate\":\"2024-03-10\",\"transferPriceWan\":500");
    long oneDayMore = parcel(",\"agreedStartDate\":\"2024-03-09\"");
    // Started, suspended: developed exactly 1/3 and invested exactly 25 % → not idle; a cent under either → idle.
    String started = ",\"agreedStartDate\":\"2023-01-01\",\"actualStartDate\":\"2023-02-01\",\"registeredAreaM2\":6000,\"contractedInvestmentWan\":1000";
    long third = parcel(started + ",\"developedAreaM2\":2000,\"investedWan\":250,\"suspendedSince\":\"2024-03-10\"");
    long underThird = parcel(started + ",\"developedAreaM2\":1999.99,\"investedWan\":900,\"suspendedSince\":\"2024-03-10\"");
    long underQuarter = parcel(started + ",\"developedAreaM2\":5000,\"investedWan\":249.99,\"suspendedSince\":\"2024-03-10\"");
    long suspendedShort = parcel(started + ",\"developedAreaM2\":0,\"investedWan\":0,\"suspendedSince\":\"2024-03-11\"");
    // Not completed two years after the agreed completion.
    String built = ",\"agreedStartDate\":\"2021-01-01\",\"actualStartDate\":\"2021-02-01\",\"agreedCompletionDate\":";
    long lateExactly = parcel(built + "\"2023-03-10\"");
    long lateLess = parcel(built + "\"2023-03-11\"");
    // No tax for 2023 and 2024; and one that paid a little in 2023.
    long noTax = parcel(",\"holderId\":" + enterprise(new double[][] {{5, 100, 10}, {5, 100, 10}, {0, 100, 10}, {0, 100, 10}}) + ",\"rightType\":\"transfer\"");
    long someTax = parcel(",\"holderId\":" + enterprise(new double[][] {{5, 100, 10}, {5, 100, 10}, {0.5, 100, 10}, {0, 100, 10}}) + ",\"rightType\":\"transfer\"");
    // Output in 2024 below half of normal (the 2021–2023 mean, 1000): 499 → proposed, exactly 500 → not.
    long lowOutput = parcel(",\"holderId\":" + enterprise(new double[][] {{50, 1000, 100}, {50, 1000, 100}, {50, 1000, 100}, {50, 499, 100}}) + ",\"rightType\":\"transfer\"");
    long halfOutput = parcel(",\"holderId\":" + enterprise(new double[][] {{50, 1000, 100}, {50, 1000, 100}, {50, 1000, 100}, {50, 500, 100}}) + ",\"rightType\":\"transfer\"");
    long lowPower = parcel(",\"holderId\":" + enterprise(new double[][] {{50, 1000, 100}, {50, 1000, 100}, {50, 1000, 100}, {50, 1000, 49.9}}) + ",\"rightType\":\"transfer\"");

    JsonNode all = run(AS_OF);
    assertThat(proposed(all, oneDayLess)).isEmpty();
    assertThat(proposed(all, exactly)).containsExactly("idle_not_started");
    assertThat(proposed(all, oneDayMore)).containsExactly("idle_not_started");
    assertThat(proposed(all, third)).isEmpty();
    assertThat(proposed(all, underThird)).containsExactly("idle_suspended");
    assertThat(proposed(all, underQuarter)).containsExactly("idle_suspended");
    assertThat(proposed(all, suspendedShort)).isEmpty();
    assertThat(proposed(all, lateExactly)).containsExactly("not_completed");
    assertThat(proposed(all, lateLess)).isEmpty();
    assertThat(proposed(all, noTax)).containsExactly("no_tax");
    assertThat(proposed(all, someTax)).isEmpty();
    assertThat(proposed(all, lowOutput)).containsExactly("low_output");
    assertThat(proposed(all, halfOutput)).isEmpty();
    assertThat(proposed(all, lowPower)).containsExactly("low_output");
    // A city's own threshold wins over the province's: in Zhengzhou (410100) one day short of a year is enough for nobody,
    // but a 0-year rule would propose the one-day-less parcel at once.
    assertThat(admin.send("PUT", "/api/low-efficiency/thresholds", "{\"scope\":\"410100\",\"values\":{\"idle_not_started_years\":0}}", Map.of()).status()).isEqualTo(200);
    try {
      assertThat(proposed(run(AS_OF), oneDayLess)).containsExactly("idle_not_started");
    } finally {
      TestApp.sql("DELETE FROM low_eff_threshold WHERE scope_code = '410100'");
    }
    assertThat(park.send("PUT", "/api/low-efficiency/thresholds", "{\"values\":{}}", Map.of()).status()).isEqualTo(403);
    assertThat(admin.send("PUT", "/api/low-efficiency/thresholds", "{\"values\":{\"no_such\":1}}", Map.of()).status()).isEqualTo(422);

    // Nothing was tagged silently.
    assertThat(TestApp.intQuery("SELECT count(*) FROM low_eff_tag WHERE parcel_id = ?", exactly)).isZero();

    // Accept: a tag of the whole parcel, with the idle fee (20 % of 500 万元) and the recovery date (agreed start + 2 years).
    long prop = proposalId(all, exactly);
    Resp acc = admin.send("POST", "/api/low-efficiency/proposals/" + prop + "/accept", "{}", Map.of());
    assertThat(acc.status()).as(acc.body()).isEqualTo(200);
    JsonNode tag = admin.get("/api/low-efficiency/tags/" + acc.json().get("tagId").asLong()).json().get("properties");
    assertThat(tag.get("kind").asText()).isEqualTo("idle");
    assertThat(tag.get("idleFeeWan").asDouble()).isEqualTo(100.0);
    assertThat(tag.get("recoveryDate").asText()).isEqualTo("2026-03-10");
    assertThat(tag.get("areaMu").asDouble()).isCloseTo(9.0, within(0.001));
    assertThat(tag.get("surveyDate").asText()).isEqualTo(AS_OF);
    // Dismiss needs a reason; a decided proposal cannot be decided again; a re-run proposes neither again.
    long other = proposalId(all, oneDayMore);
    assertThat(admin.send("POST", "/api/low-efficiency/proposals/" + other + "/dismiss", "{}", Map.of()).status()).isEqualTo(422);
    assertThat(admin.send("POST", "/api/low-efficiency/proposals/" + other + "/dismiss", "{\"reason\":\"已开工，照片为证\"}", Map.of()).status()).isEqualTo(200);
    assertThat(admin.send("POST", "/api/low-efficiency/proposals/" + other + "/accept", "{}", Map.of()).status()).isEqualTo(409);
    Resp rerun = admin.send("POST", "/api/low-efficiency/proposals/run", "{\"clusterId\":" + cluster + ",\"asOf\":\"" + AS_OF + "\"}", Map.of());
    assertThat(TestApp.intQuery("SELECT count(*) FROM low_eff_proposal WHERE parcel_id IN (?, ?)", exactly, oneDayMore)).isEqualTo(2);
    assertThat(rerun.json().get("proposed").asInt()).isZero();
    // A park manager of another cluster can neither run the rules here nor decide.
    assertThat(park.send("POST", "/api/low-efficiency/proposals/run", "{\"clusterId\":" + cluster + "}", Map.of()).status()).isEqualTo(403);
    assertThat(park.send("POST", "/api/low-efficiency/proposals/" + proposalId(all, underThird) + "/accept", "{}", Map.of()).status()).isEqualTo(404);
  }

  static long proposalId(JsonNode features, long parcel) {
    for (JsonNode f : features) if (f.at("/properties/parcelId").asLong() == parcel) return f.get("id").asLong();
    throw new AssertionError("no proposal for parcel " + parcel);
  }

  @Test
  void tagsPartsPlansAndTheSummaryAddUp() {
    // Two 9-亩 parcels in a cluster of their own: one tagged whole as idle, one half (50 m × 60 m = 4.5 亩) as stopped.
    int sumCluster = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LESUM'");
    long[] ids = new long[2];
    for (int i = 0; i < 2; i++) {
      Resp r = admin.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"clusterId\":" + sumCluster
          + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + rect(556100 + i * 200, 3766100, 100, 60) + "}", Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      ids[i] = r.json().get("id").asLong();
    }
    Resp whole = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + ids[0] + ",\"kind\":\"idle\",\"surveyDate\":\"2025-06-01\","
        + "\"criteria\":[\"满一年未动工\"],\"notes\":\"现场照片见附件\"}", Map.of());
    assertThat(whole.status()).as(whole.body()).isEqualTo(201);
    String half = rect(556300, 3766100, 50, 60);
    Resp part = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + ids[1] + ",\"kind\":\"stopped\",\"surveyDate\":\"2025-06-01\",\"geometry\":" + half + "}", Map.of());
    assertThat(part.status()).as(part.body()).isEqualTo(201);
    assertThat(part.json().at("/properties/areaMu").asDouble()).isCloseTo(4.5, within(0.001));
    // The same kind on the same land again, and a part outside its parcel: refused, nothing written.
    int before = TestApp.intQuery("SELECT count(*) FROM low_eff_tag WHERE cluster_id = ?", sumCluster);
    Resp again = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + ids[1] + ",\"kind\":\"stopped\",\"surveyDate\":\"2025-06-01\"}", Map.of());
    assertThat(again.status()).isEqualTo(409);
    Resp outside = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + ids[1] + ",\"kind\":\"idle\",\"surveyDate\":\"2025-06-01\",\"geometry\":"
        + rect(556350, 3766100, 100, 60) + "}", Map.of());
    assertThat(outside.status()).isEqualTo(422);
    assertThat(outside.json().get("message").asText()).contains("outside parcel");
    assertThat(TestApp.intQuery("SELECT count(*) FROM low_eff_tag WHERE cluster_id = ?", sumCluster)).isEqualTo(before);

    JsonNode s = summary(sumCluster);
    assertThat(s.get("taggedMu").asDouble()).isEqualTo(13.5);
    assertThat(s.at("/byKind/idle/mu").asDouble()).isEqualTo(9.0);
    assertThat(s.at("/byKind/stopped/mu").asDouble()).isEqualTo(4.5);
    assertThat(s.get("industrialMu").asDouble()).isEqualTo(18.0);
    assertThat(s.get("taggedSharePct").asDouble()).isEqualTo(75.0);
    assertThat(s.get("revivedMu").asDouble()).isZero();

    // A plan dated before the survey is refused; a proper one is overdue once its deadline passed.
    long tagId = whole.json().get("id").asLong();
    Resp early = admin.send("POST", "/api/low-efficiency/tags/" + tagId + "/plan", "{\"method\":\"negotiated_recovery\",\"responsibleUnit\":\"土地储备中心\","
        + "\"deadline\":\"2025-05-01\"}", Map.of());
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.json().get("code").asText()).isEqualTo("DATES_OUT_OF_ORDER");
    Resp plan = admin.send("POST", "/api/low-efficiency/tags/" + tagId + "/plan", "{\"method\":\"negotiated_recovery\",\"responsibleUnit\":\"土地储备中心\","
        + "\"deadline\":\"2025-09-30\",\"steps\":[{\"title\":\"约谈企业\",\"dueDate\":\"2025-06-15\"}]}", Map.of());
    assertThat(plan.status()).as(plan.body()).isEqualTo(201);
    JsonNode p = plan.json().get("properties");
    assertThat(p.get("overdue").asBoolean()).isTrue();
    assertThat(p.at("/plan/steps/0/overdue").asBoolean()).isTrue();
    assertThat(summary(sumCluster).get("plansOverdue").asInt()).isEqualTo(1);
    Resp stepBefore = admin.send("POST", "/api/low-efficiency/plans/" + p.at("/plan/id").asLong() + "/steps", "{\"title\":\"x\",\"dueDate\":\"2025-01-01\"}", Map.of());
    assertThat(stepBefore.status()).isEqualTo(422);
    // Done needs the revived area; it cannot exceed the tag.
    long planId = p.at("/plan/id").asLong();
    String etag = "\"plan-" + planId + "-v" + p.at("/plan/version").asInt() + "\"";
    assertThat(admin.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"status\":\"done\",\"completedOn\":\"2025-09-01\"}", Map.of("If-Match", etag)).status()).isEqualTo(422);
    assertThat(admin.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"status\":\"done\",\"completedOn\":\"2025-09-01\",\"revivedMu\":10}", Map.of("If-Match", etag)).status())
        .isEqualTo(422);
    Resp done = admin.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"status\":\"done\",\"completedOn\":\"2025-09-01\",\"revivedMu\":8.5,\"newTaxWan\":120}",
        Map.of("If-Match", etag));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(admin.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"notes\":\"stale\"}", Map.of("If-Match", etag)).status()).isEqualTo(412);
    s = summary(sumCluster);
    assertThat(s.get("disposedMu").asDouble()).isEqualTo(9.0);
    assertThat(s.get("revivedMu").asDouble()).isEqualTo(8.5);
    assertThat(s.get("plansDone").asInt()).isEqualTo(1);
    assertThat(s.get("plansOverdue").asInt()).isZero();
    assertThat(s.get("newTaxWan").asDouble()).isEqualTo(120.0);

    // Reports: one row per tag, with its parcel, kind, area and plan.
    String csv = admin.get("/api/low-efficiency/report.csv?cluster=" + sumCluster).body();
    assertThat(csv.lines().count()).isEqualTo(3);
    assertThat(csv).contains("闲置土地", "\"9.00\"", "停产", "\"4.50\"", "协议收回/收购储备", "土地储备中心", "\"8.50\"");
    byte[] xlsx = admin.getBytes("/api/low-efficiency/report.xlsx?cluster=" + sumCluster);
    assertThat(new String(xlsx, 0, 2)).isEqualTo("PK");
    // A viewer reads; cannot write. Clearing keeps history and takes the tag off the summary.
    assertThat(viewer.get("/api/low-efficiency/tags?cluster=" + sumCluster).json().get("features")).hasSize(2);
    assertThat(viewer.send("POST", "/api/low-efficiency/tags", "{}", Map.of()).status()).isEqualTo(403);
    long partId = part.json().get("id").asLong();
    Resp cleared = admin.send("POST", "/api/low-efficiency/tags/" + partId + "/clear", "{\"reason\":\"复核后恢复生产\"}", Map.of("If-Match", part.header("ETag")));
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(summary(sumCluster).get("taggedMu").asDouble()).isEqualTo(9.0);
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'low_eff_tag' AND entity_id = ?", String.valueOf(partId))).isEqualTo(2);
    // OGC API and tiles serve the tags in scope; the park manager of another cluster sees none of them.
    assertThat(admin.get("/ogcapi/collections/low-efficiency-land/items?limit=1000").body()).contains(String.valueOf(tagId));
    assertThat(park.get("/ogcapi/collections/low-efficiency-land/items?limit=1000&filter=clusterId=" + sumCluster).json().get("features")).isEmpty();
  }

  static JsonNode summary(int clusterId) {
    for (JsonNode c : admin.get("/api/low-efficiency/summary").json().get("clusters")) if (c.get("clusterId").asInt() == clusterId) return c;
    throw new AssertionError("cluster " + clusterId + " not in the summary");
  }

  @Test
  void evidenceMustBeWhatItSaysAndNotTooLarge() {
    long parcel = parcel("");
    Resp tag = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + parcel + ",\"kind\":\"half_stopped\",\"surveyDate\":\"2025-06-01\"}", Map.of());
    assertThat(tag.status()).as(tag.body()).isEqualTo(201);
    long id = tag.json().get("id").asLong();
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};
    Resp ok = TestApp.upload(admin, "/api/low-efficiency/tags/" + id + "/evidence?name=现场.jpg&kind=photo", jpeg);
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    Resp fake = TestApp.upload(admin, "/api/low-efficiency/tags/" + id + "/evidence?name=photo.jpg", "not an image".getBytes());
    assertThat(fake.status()).isEqualTo(422);
    Resp big = TestApp.upload(admin, "/api/low-efficiency/tags/" + id + "/evidence?name=big.pdf", new byte[21 * 1024 * 1024]);
    assertThat(big.status()).isEqualTo(413);
    Resp shown = admin.send("GET", "/api/low-efficiency/tags/" + id + "/evidence/" + ok.json().get("id").asLong(), null, Map.of());
    assertThat(shown.header("Content-Type")).startsWith("image/jpeg");
    assertThat(shown.header("Content-Disposition")).startsWith("inline");
    assertThat(admin.get("/api/low-efficiency/tags/" + id).json().at("/properties/evidence")).hasSize(1);
  }

  @Test
  void gisClientsEditTagsThroughOgcApiWithOptimisticLocking() {
    long parcel = parcel("");
    String items = "/ogcapi/collections/low-efficiency-land/items";
    assertThat(admin.send("OPTIONS", items, null, Map.of()).header("Allow")).contains("POST");
    assertThat(viewer.send("OPTIONS", items, null, Map.of()).header("Allow")).doesNotContain("POST");
    Resp created = admin.send("POST", items, "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"parcelId\":" + parcel
        + ",\"kind\":\"slowed\",\"surveyDate\":\"2025-07-01\",\"criteria\":[\"缓建\"]}}", Map.of("Content-Type", "application/geo+json"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String location = created.header("Location");
    String path = location.substring(location.indexOf("/ogcapi"));
    Resp item = admin.get(path);
    assertThat(item.json().at("/properties/kind").asText()).isEqualTo("slowed");
    String etag = item.header("ETag");
    assertThat(etag).startsWith("\"tag-");
    String patch = "{\"type\":\"Feature\",\"properties\":{\"kind\":\"stalled\",\"notes\":\"QGIS edit\"}}";
    assertThat(admin.send("PATCH", path, patch, Map.of()).status()).isEqualTo(428);
    assertThat(admin.send("PATCH", path, patch, Map.of("If-Match", etag)).status()).isEqualTo(204);
    assertThat(admin.send("PATCH", path, patch, Map.of("If-Match", etag)).status()).isEqualTo(412);
    assertThat(admin.get(path).json().at("/properties/kind").asText()).isEqualTo("stalled");
    assertThat(admin.send("PATCH", path, "{\"type\":\"Feature\",\"properties\":{\"holderId\":1}}", Map.of("If-Match", admin.get(path).header("ETag"))).status())
        .isEqualTo(400);
    assertThat(viewer.send("DELETE", path, null, Map.of("If-Match", admin.get(path).header("ETag"))).status()).isEqualTo(403);
    assertThat(admin.send("DELETE", path, null, Map.of("If-Match", admin.get(path).header("ETag"), "Mujun-Reason", "reviewed: back in production")).status()).isEqualTo(204);
    assertThat(admin.get(path).status()).isEqualTo(404);
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'low_eff_tag' AND entity_id = ?", String.valueOf(id))).isEqualTo(3);
  }
}
