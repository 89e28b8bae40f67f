package mujun.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores and classes on hand-made groups whose answers are known by hand. Land comes from rented area (15 亩 =
 * 10,000 m²), so tax per 亩 is exact. Each test uses clusters of its own.
 */
class EvaluationTest {
  static Client coord, park;
  static int seq;
  static final Map<String, Integer> CLUSTERS = new HashMap<>();

  @BeforeAll
  static void setUp() {
    TestApp.get();
    String[] codes = {"EVTWO", "EVQUOTA", "EVSMALL", "EVMISS", "EVPUB", "EVREFILL", "EVHALF", "EVRERANK", "EVSCOPE"};
    for (int i = 0; i < codes.length; i++) {
      if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = ?", codes[i]) == 0) {
        TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('" + codes[i] + "', '评价测试" + i + "', 'Evaluation test " + i
            + "', '410100', ST_Multi(ST_MakeEnvelope(" + (115.0 + i * 0.1) + ", 33.25, " + (115.05 + i * 0.1) + ", 33.30, 4490)))");
      }
      CLUSTERS.put(codes[i], TestApp.intQuery("SELECT id FROM cluster WHERE code = ?", codes[i]));
    }
    if (TestApp.intQuery("SELECT count(*) FROM evaluation_method WHERE code = 'test-two-stage'") == 0) {
      TestApp.sql("INSERT INTO evaluation_method (code, name, name_en) VALUES ('test-two-stage', '测试两段法', 'Test two-stage'), "
          + "('test-floor', '测试两段法（向下取整）', 'Test two-stage, floor'), ('test-quotas', '测试配额', 'Test quotas')");
    }
    coord = Client.signedIn("t-coord");
    park = Client.signedIn("t-park");
    save("test-two-stage", twoStage("half_up"));
    save("test-floor", twoStage("floor"));
    save("test-quotas", "{\"classes\":[\"A\",\"B\",\"C\",\"D\"],\"rounding\":\"half_up\",\"scope\":{\"belowMinMu\":5},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],"
        + "\"classRule\":{\"type\":\"quotas\",\"shares\":[0.2,0.55,0.2,0.05]}}],\"bonus\":[],\"vetoes\":[]}");
  }

  static String twoStage(String rounding) {
    return "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"" + rounding + "\",\"landBasis\":\"held_plus_rented\",\"scope\":{\"belowMinMu\":5,\"excludeYoungerThanYears\":2},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,\"benchmark\":{\"type\":\"mean\"},\"cap\":1.5}],"
        + "\"classRule\":{\"type\":\"two_stage\",\"topShare\":0.5,\"aShare\":0.15,\"aRankBy\":\"tax_per_mu\",\"cShare\":0.10,\"cRankBy\":\"output_per_energy\"}},"
        + "{\"code\":\"below\",\"sizeClass\":\"below\",\"indicators\":[{\"code\":\"tax_total\",\"weight\":100,\"benchmark\":{\"type\":\"mean\"}}],"
        + "\"classRule\":{\"type\":\"two_stage\",\"topShare\":0.5,\"aShare\":0.15,\"aRankBy\":\"tax_total\",\"cShare\":0.10,\"cRankBy\":\"tax_total\"}}],"
        + "\"bonus\":[{\"flag\":\"high_tech\",\"points\":5}],\"vetoes\":[{\"flag\":\"safety_accident\",\"class\":\"C\",\"reason\":\"重大安全事故\"}]}";
  }

  /** A method of the test's own, created through the API with its first version. */
  static void create(String code, String definition) {
    Resp r = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"definition\":" + definition + "}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static void save(String method, String definition) {
    Resp r = coord.send("POST", "/api/evaluation/methods/" + method + "/versions", "{\"definition\":" + definition + "}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** An enterprise with one year's figures; land = mu via rented area; returns its id. */
  static long enterprise(String cluster, String size, int year, double mu, Double tax, double output, double energy, String flags, String founded) {
    String first17 = String.format("91410100MA%07d", 5000000 + seq++ * 7 + (int) (System.nanoTime() % 7));
    String credit = first17 + CreditCode.checkChar(first17);
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id, founded_on) VALUES ('" + credit + "', '评价企业" + seq + "', 'C3971', '"
        + size + "', " + CLUSTERS.get(cluster) + ", " + (founded == null ? "NULL" : "'" + founded + "'") + ")");
    long id = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    figures(id, year, mu, tax, output, energy, flags);
    return id;
  }

  static void figures(long id, int year, double mu, Double tax, double output, double energy, String flags) {
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan, output_wan, energy_tce, rented_area_m2" + (flags == null ? "" : ", " + flags) + ") VALUES ("
        + id + ", " + year + ", " + (tax == null ? "NULL" : tax) + ", " + output + ", " + energy + ", " + mu * 10000 / 15 + (flags == null ? "" : ", true") + ")");
  }

  static int run(String method, int year, String... clusters) {
    StringBuilder ids = new StringBuilder();
    for (String c : clusters) ids.append(ids.length() == 0 ? "" : ",").append(CLUSTERS.get(c));
    Resp r = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"" + method + "\",\"year\":" + year + ",\"clusters\":[" + ids + "]}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asInt();
  }

  static Map<Long, JsonNode> results(int run) {
    Map<Long, JsonNode> m = new HashMap<>();
    JsonNode page = coord.get("/api/evaluation/runs/" + run + "/results?limit=1000").json();
    assertThat(page.get("items").size()).isEqualTo(page.get("numberMatched").asInt());
    for (JsonNode r : page.get("items")) m.put(r.get("enterpriseId").asLong(), r);
    return m;
  }

  @Test
  void aCityCreatesItsOwnMethodAndVersionsIt() {
    String body = "{\"code\":\"anyang-local\",\"name\":\"安阳市亩均效益评价办法\",\"nameEn\":\"Anyang\",\"definition\":" + twoStage("half_up") + "}";
    Resp made = coord.send("POST", "/api/evaluation/methods", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.header("Location")).isEqualTo("/api/evaluation/methods/anyang-local");
    assertThat(coord.get("/api/evaluation/methods").body()).contains("anyang-local").contains("安阳市亩均效益评价办法");
    // The same code again: 409, and nothing written; a version of it: 201 as version 2.
    Resp again = coord.send("POST", "/api/evaluation/methods", body, Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("message").asText()).contains("A method with this code exists");
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_method WHERE code = 'anyang-local'")).isEqualTo(1);
    Resp v2 = coord.send("POST", "/api/evaluation/methods/anyang-local/versions", "{\"definition\":" + twoStage("floor") + "}", Map.of());
    assertThat(v2.json().get("version").asInt()).isEqualTo(2);
    // A bad code, a missing name, or rules the engine cannot compute: 422 and no method.
    Resp bad = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"Anyang 2019\",\"definition\":" + twoStage("half_up") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("code").contains("name");
    Resp rules = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"bad-rules\",\"name\":\"x\",\"definition\":{\"classes\":[\"A\"]}}", Map.of());
    assertThat(rules.status()).isEqualTo(422);
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_method WHERE code IN ('bad-rules', 'Anyang 2019')")).isZero();
    // Park managers cannot make methods.
    assertThat(park.send("POST", "/api/evaluation/methods", body.replace("anyang-local", "park-own"), Map.of()).status()).isEqualTo(403);
  }

  @Test
  void aNegativeValueAddedIsAFigureNotAnError() {
    // A loss-making firm's 工业增加值 can be below zero: it is recorded as given, while a negative tax is still refused.
    long e = enterprise("EVPUB", "above", 2031, 10, 5.0, 100, 10, null, null);
    Resp ok = coord.send("PUT", "/api/enterprises/" + e + "/indicators/2031", "{\"valueAddedWan\": -120.5, \"profitWan\": -300}", Map.of());
    assertThat(ok.status()).as(ok.body()).isEqualTo(204);
    assertThat(TestApp.intQuery("SELECT (value_added_wan * 10)::int FROM enterprise_indicator WHERE enterprise_id = ? AND year = 2031", e)).isEqualTo(-1205);
    Resp bad = coord.send("PUT", "/api/enterprises/" + e + "/indicators/2031", "{\"taxWan\": -1}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("must not be negative");
  }

  @Test
  void aMethodSayingMoreThanTheEngineComputesIsRefusedWithWhatItCanSay() {
    // A scope rule the engine does not apply, a typo in a class rule and an unknown benchmark key: each named.
    String d = twoStage("half_up").replace("\"scope\":{\"belowMinMu\":5,", "\"scope\":{\"industrySections\":[\"C\"],\"belowMinMu\":5,")
        .replace("\"topShare\":0.5,\"aShare\":0.15,\"aRankBy\":\"tax_per_mu\"", "\"topShare\":0.5,\"aShares\":0.15,\"aShare\":0.15,\"aRankBy\":\"tax_per_mu\"")
        .replace("\"benchmark\":{\"type\":\"mean\"},\"cap\":1.5", "\"benchmark\":{\"type\":\"mean\",\"group\":\"all\"},\"cap\":1.5");
    Resp r = coord.send("POST", "/api/evaluation/methods/test-two-stage/versions", "{\"definition\":" + d + "}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    java.util.List<String> fields = new java.util.ArrayList<>();
    r.json().get("details").forEach(x -> fields.add(x.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("scope.industrySections", "groups[0].classRule.aShares", "groups[0].indicators[0].benchmark.group");
    assertThat(r.body()).contains("belowMinMu, excludeNewlyAboveYears, excludeYoungerThanYears, industries");
  }

  @Test
  void twoStageClassesCapsVetoesBonusesAndBelowSizeByTax() {
    // Ten above-size enterprises of 15 亩: tax per 亩 20, 18, …, 2 (mean 11). Output per tce is lowest for the 8th.
    long[] e = new long[10];
    for (int i = 0; i < 10; i++) {
      double taxPerMu = 20 - 2 * i;
      e[i] = enterprise("EVTWO", "above", 2025, 15, taxPerMu * 15, i == 7 ? 100 : 1000, 10, i == 2 ? "safety_accident" : i == 9 ? "high_tech" : null, null);
    }
    // Below size: 4 with ≥ 5 亩 ranked by tax paid; one of 4.5 亩 is out of scope; one founded last year is excluded.
    long[] b = new long[4];
    for (int i = 0; i < 4; i++) b[i] = enterprise("EVTWO", "below", 2025, 6, 40.0 - 10 * i, 100, 10, null, null);
    long small = enterprise("EVTWO", "below", 2025, 4.5, 100.0, 100, 10, null, null);
    long young = enterprise("EVTWO", "above", 2025, 15, 300.0, 1000, 10, null, "2024-05-01");

    int run = run("test-two-stage", 2025, "EVTWO");
    Map<Long, JsonNode> r = results(run);
    // Scores: min(v / 11, 1.5) × 100; the first two are capped at 150 and tie for rank 1.
    assertThat(r.get(e[0]).get("score").asDouble()).isEqualTo(150.0);
    assertThat(r.get(e[1]).get("score").asDouble()).isEqualTo(150.0);
    assertThat(r.get(e[1]).get("rank").asInt()).isEqualTo(1);
    assertThat(r.get(e[2]).get("score").asDouble()).isEqualTo(145.45);
    assertThat(r.get(e[5]).get("score").asDouble()).isEqualTo(90.91);
    // The bonus: 2/11 × 100 = 18.18, plus 5 for 高新技术企业.
    assertThat(r.get(e[9]).get("score").asDouble()).isEqualTo(23.18);
    // n = 10: top half 5, A = round(1.5) = 2, C = round(1.0) = 1.
    assertThat(r.get(e[0]).get("class").asText()).isEqualTo("A");
    assertThat(r.get(e[1]).get("class").asText()).isEqualTo("A");
    assertThat(r.get(e[3]).get("class").asText()).isEqualTo("B");
    assertThat(r.get(e[7]).get("class").asText()).isEqualTo("C");
    assertThat(r.get(e[7]).get("classStep").asText()).contains("output_per_energy", "最低 1 名");
    assertThat(r.get(e[6]).get("class").asText()).isEqualTo("B");
    // Veto: the third would be B (rank 3, not in the top 2 by tax) but a major safety accident makes it C.
    assertThat(r.get(e[2]).get("class").asText()).isEqualTo("C");
    assertThat(r.get(e[2]).get("veto").asText()).contains("重大安全事故");
    assertThat(r.values().stream().filter(x -> "A".equals(x.path("class").asText())).count()).isEqualTo(2 + 1); // 2 above, 1 below
    // Below size, by tax paid: 40, 30, 20, 10 → A = round(0.6) = 1 (the first), C = round(0.4) = 0.
    assertThat(r.get(b[0]).get("class").asText()).isEqualTo("A");
    assertThat(r.get(b[3]).get("class").asText()).isEqualTo("B");
    assertThat(r.get(b[0]).get("group").asText()).isEqualTo("below");
    assertThat(r.get(small).get("evaluated").asBoolean()).isFalse();
    assertThat(r.get(small).get("exclusion").asText()).contains("不足 5 亩");
    assertThat(r.get(young).get("exclusion").asText()).contains("投产不满 2 年");
    // Each step as data, written in the reader's language (no indicator code, no English in the Chinese, no Chinese in the English).
    JsonNode lowest = r.get(e[7]).get("reason");
    assertThat(lowest.get("rule").asText()).isEqualTo("two_stage");
    assertThat(lowest.get("at").asText()).isEqualTo("c");
    assertThat(lowest.get("cBy").asText()).isEqualTo("output_per_energy");
    assertThat(lowest.get("nC").asInt()).isEqualTo(1);
    assertThat(lowest.get("class").asText()).isEqualTo("C");
    assertThat(ReasonText.text("zh", lowest, null)).isEqualTo("综合得分第 8/10 名，在后半部分（前 5 名之外）；按单位能耗总产值由低到高第 1 名，在最低 1 名（10 家的 10%）内 → C");
    assertThat(ReasonText.text("en", lowest, null))
        .isEqualTo("Ranked 8 of 10 by score, in the lower part (outside the top 5); 1 from the bottom by Output per tce, within the lowest 1 (10% of 10) → C");
    assertThat(ReasonText.text("en", r.get(e[2]).get("reason"), null)).startsWith("Vetoed (").endsWith(") → C");
    assertThat(ReasonText.text("en", r.get(e[0]).get("reason"), null)).contains("re-ranked by Tax per mu", "within the first 2 (15% of 10) → A");
    assertThat(ReasonText.text("en", r.get(small).get("reason"), null)).isEqualTo("Not evaluated: a below-size enterprise with 4.5 mu, under 5 mu");
    assertThat(ReasonText.text("en", r.get(young).get("reason"), null)).isEqualTo("Not evaluated: in production for under 2 years (since 2024-05-01)");
    assertThat(ReasonText.text("zh", r.get(young).get("reason"), null)).isEqualTo("投产不满 2 年（2024-05-01 投产），不参评");
    // The result file in English: its headers, the excluded in words, the reasons without a Chinese character.
    String en = new String(coord.getBytes("/api/evaluation/runs/" + run + "/results.csv?lang=en"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(en).contains("Cluster,Enterprise,Credit code", "\"Above size\"", "\"Not evaluated\"", "under 5 mu", "by Output per tce");
    for (String line : en.split("\r\n")) {
      // (a veto names the method's own item, in the method's words)
      if (line.isEmpty() || line.startsWith("\uFEFF") || line.contains("Vetoed (")) continue;
      String reason = line.substring(line.lastIndexOf(",\"") + 2);
      assertThat(reason).as(line).doesNotContainPattern("[\\p{IsHan}]").doesNotContain("_per_");
    }
    assertThat(new String(coord.getBytes("/api/evaluation/runs/" + run + "/results.csv"), java.nio.charset.StandardCharsets.UTF_8))
        .contains("按单位能耗总产值由低到高第 1 名", "规下企业用地 4.5 亩，不足 5 亩，不参评").doesNotContain("output_per_energy");
    assertThat(coord.get("/api/evaluation/runs/" + run + "/results.csv?lang=fr").status()).isEqualTo(400);

    // The explanation: each indicator's value, benchmark, points and cap; the step; the enterprise's parcels.
    JsonNode x = coord.get("/api/evaluation/runs/" + run + "/enterprises/" + e[0]).json();
    JsonNode tax = x.at("/result/indicators/0");
    assertThat(tax.get("name").asText()).isEqualTo("亩均税收");
    assertThat(tax.get("value").asDouble()).isEqualTo(20.0);
    assertThat(tax.get("benchmark").asDouble()).isEqualTo(11.0);
    assertThat(tax.get("capped").asBoolean()).isTrue();
    assertThat(x.at("/result/class_step").asText()).contains("tax_per_mu", "前 2 名");
    assertThat(x.at("/input/rented_mu").asDouble()).isCloseTo(15.0, within(1e-9));
    // A park manager of another cluster sees none of it.
    assertThat(park.get("/api/evaluation/runs/" + run + "/results").json().get("items")).isEmpty();
    // Paged, searched and filtered: the class, the name, one page of one.
    JsonNode byClass = coord.get("/api/evaluation/runs/" + run + "/results?class=A&limit=1").json();
    assertThat(byClass.get("items")).hasSize(1);
    assertThat(byClass.at("/items/0/class").asText()).isEqualTo("A");
    assertThat(byClass.get("numberMatched").asInt()).isGreaterThanOrEqualTo(1);
    String name = byClass.at("/items/0/name").asText();
    JsonNode found = coord.get("/api/evaluation/runs/" + run + "/results?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).json();
    assertThat(found.at("/items/0/name").asText()).isEqualTo(name);
    assertThat(coord.get("/api/evaluation/runs/" + run + "/results?class=Z9").status()).isEqualTo(400);
    assertThat(coord.get("/api/evaluation/runs/" + run + "/results?limit=0").status()).isEqualTo(400);
    assertThat(park.get("/api/evaluation/runs/" + run + "/enterprises/" + e[0]).status()).isEqualTo(404);
  }

  @Test
  void quotasWithATieAtTheBoundaryAndRoundingOfSmallGroups() {
    // Eight enterprises; fixed benchmark 1 so the score is the tax per 亩 × 100: 10, 9, 9, 8, 7, 6, 5, 4.
    double[] perMu = {10, 9, 9, 8, 7, 6, 5, 4};
    long[] e = new long[8];
    for (int i = 0; i < 8; i++) e[i] = enterprise("EVQUOTA", "above", 2025, 15, perMu[i] * 15, 1000, 10, null, null);
    Map<Long, JsonNode> r = results(run("test-quotas", 2025, "EVQUOTA"));
    // A = round(8 × 0.2) = 2 places; the two tied at 9 share rank 2, so both are A (3 in all).
    assertThat(r.get(e[1]).get("rank").asInt()).isEqualTo(2);
    assertThat(r.get(e[2]).get("rank").asInt()).isEqualTo(2);
    assertThat(r.get(e[2]).get("class").asText()).isEqualTo("A");
    assertThat(r.get(e[3]).get("class").asText()).isEqualTo("B");
    // B up to round(8 × 0.75) = 6, C up to round(8 × 0.95) = 8, D none.
    assertThat(r.get(e[5]).get("class").asText()).isEqualTo("B");
    assertThat(r.get(e[6]).get("class").asText()).isEqualTo("C");
    assertThat(r.get(e[7]).get("class").asText()).isEqualTo("C");

    // Seven enterprises, two-stage: half up gives A = round(1.05) = 1 and C = round(0.7) = 1; floor gives C = 0.
    long[] s = new long[7];
    for (int i = 0; i < 7; i++) s[i] = enterprise("EVSMALL", "above", 2025, 15, (14.0 - i) * 15, 1000 - i * 100, 10, null, null);
    Map<Long, JsonNode> half = results(run("test-two-stage", 2025, "EVSMALL"));
    assertThat(half.values().stream().filter(x -> "A".equals(x.path("class").asText())).count()).isEqualTo(1);
    assertThat(half.values().stream().filter(x -> "C".equals(x.path("class").asText())).count()).isEqualTo(1);
    assertThat(half.get(s[6]).get("class").asText()).isEqualTo("C");
    Map<Long, JsonNode> floor = results(run("test-floor", 2025, "EVSMALL"));
    assertThat(floor.values().stream().filter(x -> "C".equals(x.path("class").asText())).count()).isZero();

    // Per-cluster quotas: a run over both clusters gives each cluster its own classes; the totals are their sums.
    int both = run("test-two-stage", 2025, "EVSMALL", "EVQUOTA");
    Map<Long, JsonNode> all = results(both);
    long aSmall = all.values().stream().filter(x -> x.get("clusterId").asInt() == CLUSTERS.get("EVSMALL") && "A".equals(x.path("class").asText())).count();
    long aQuota = all.values().stream().filter(x -> x.get("clusterId").asInt() == CLUSTERS.get("EVQUOTA") && "A".equals(x.path("class").asText())).count();
    assertThat(aSmall).isEqualTo(1);
    assertThat(aQuota).isEqualTo(1); // 8 × 0.15 = 1.2 → 1
    assertThat(all.values().stream().filter(x -> "A".equals(x.path("class").asText())).count()).isEqualTo(aSmall + aQuota);
  }

  @Test
  void missingAndNegativeValuesScoreZero() {
    long neg = enterprise("EVMISS", "above", 2025, 15, -30.0, 1000, 10, null, null);
    long none = enterprise("EVMISS", "above", 2025, 15, null, 1000, 10, null, null);
    long ok = enterprise("EVMISS", "above", 2025, 15, 150.0, 1000, 10, null, null);
    long noYear = enterprise("EVMISS", "above", 2024, 15, 150.0, 1000, 10, null, null);
    int run = run("test-two-stage", 2025, "EVMISS");
    Map<Long, JsonNode> r = results(run);
    assertThat(r.get(neg).get("score").asDouble()).isZero();
    assertThat(r.get(none).get("score").asDouble()).isZero();
    // The mean of the values present (−2 and 10) is 4: 10 / 4 = 2.5, capped at 1.5 → 150.
    assertThat(r.get(ok).get("score").asDouble()).isEqualTo(150.0);
    JsonNode x = coord.get("/api/evaluation/runs/" + run + "/enterprises/" + none).json();
    assertThat(x.at("/result/indicators/0/missing").asBoolean()).isTrue();
    // No figures at all for the year: not evaluated, and said so.
    assertThat(r.get(noYear).get("evaluated").asBoolean()).isFalse();
    assertThat(r.get(noYear).get("exclusion").asText()).contains("no figures for 2025");
  }

  @Test
  void publishedRunsNeverChangeReproduceExactlyAndCarryPolicies() throws Exception {
    long low = enterprise("EVPUB", "above", 2024, 15, 15.0, 100, 10, null, null);
    figures(low, 2025, 15, 15.0, 100, 10, null);
    for (int i = 0; i < 9; i++) {
      long id = enterprise("EVPUB", "above", 2024, 15, 150.0 + i * 15, 1000, 10, null, null);
      figures(id, 2025, 15, 150.0 + i * 15, 1000, 10, null);
    }
    int y2024 = run("test-two-stage", 2024, "EVPUB");
    assertThat(coord.send("POST", "/api/evaluation/runs/" + y2024 + "/publish", "{}", Map.of()).status()).isEqualTo(200);
    assertThat(results(y2024).get(low).get("class").asText()).isEqualTo("C");
    int y2025 = run("test-two-stage", 2025, "EVPUB");
    Resp pub = coord.send("POST", "/api/evaluation/runs/" + y2025 + "/publish", "{}", Map.of());
    assertThat(pub.status()).as(pub.body()).isEqualTo(200);
    // Second year in C: the electricity surcharge rises to 0.10 元/kWh.
    String policies = coord.get("/api/evaluation/runs/" + y2025 + "/policies.csv").body();
    String lowCode = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT credit_code FROM enterprise WHERE id = ?")) {
        ps.setLong(1, low);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    String lowLines = String.join("\n", policies.lines().filter(l -> l.contains(lowCode)).toList());
    assertThat(lowLines).contains("差别电价", "电力公司", "\"0.10\"", "\"2\"").doesNotContain("\"0.05\"");
    assertThat(coord.get("/api/evaluation/runs/" + y2024 + "/policies.csv").body().lines().filter(l -> l.contains(lowCode)).toList().toString()).contains("\"0.05\"");
    // Published results cannot be changed, even in the database; the run re-computed from its inputs is byte-identical.
    try (var c = TestApp.connection(); var st = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeUpdate("UPDATE evaluation_result SET class = 'A' WHERE run_id = " + y2025))
          .hasMessageContaining("never change");
    }
    // Even after the figures change: the run read them from the figures' own rows (the version it froze was still
    // theirs), the re-computation reads that version from history, and both give the same bytes.
    try (var c = TestApp.connection(); var st = c.createStatement()) {
      st.execute("SELECT set_config('mujun.user', 'test', false)");
      assertThat(st.executeUpdate("UPDATE enterprise_indicator SET tax_wan = tax_wan * 10 + 1 WHERE year = 2025 AND enterprise_id IN "
          + "(SELECT enterprise_id FROM evaluation_result WHERE run_id = " + y2025 + " AND evaluated)")).isPositive();
    }
    JsonNode v = coord.send("POST", "/api/evaluation/runs/" + y2025 + "/verify", "{}", Map.of()).json();
    assertThat(v.get("identical").asBoolean()).isTrue();
    assertThat(v.get("recomputedSha256").asText()).isEqualTo(v.get("outputSha256").asText()).hasSize(64);
    // The export of a published run is the same bytes every time.
    byte[] first = coord.getBytes("/api/evaluation/runs/" + y2025 + "/results.csv");
    assertThat(coord.getBytes("/api/evaluation/runs/" + y2025 + "/results.csv")).isEqualTo(first);
    assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).contains("评价类别", lowCode);
    // A second publication for the same year is refused; a correction referencing it replaces it.
    int again = run("test-two-stage", 2025, "EVPUB");
    assertThat(coord.send("POST", "/api/evaluation/runs/" + again + "/publish", "{}", Map.of()).status()).isEqualTo(409);
    Resp corr = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"test-two-stage\",\"year\":2025,\"clusters\":[" + CLUSTERS.get("EVPUB")
        + "],\"correctsRunId\":" + y2025 + ",\"note\":\"更正\"}", Map.of());
    assertThat(corr.status()).isEqualTo(201);
    int c2 = corr.json().get("id").asInt();
    assertThat(coord.send("POST", "/api/evaluation/runs/" + c2 + "/publish", "{}", Map.of()).status()).isEqualTo(200);
    assertThat(coord.get("/api/evaluation/runs/" + y2025).json().get("status").asText()).isEqualTo("superseded");
    // The explanation shows last year's class and the history.
    JsonNode x = coord.get("/api/evaluation/runs/" + c2 + "/enterprises/" + low).json();
    assertThat(x.get("previousClass").asText()).isEqualTo("C");
    assertThat(x.get("history")).hasSize(2);
    // Only coordinators run and publish.
    assertThat(park.send("POST", "/api/evaluation/runs", "{\"method\":\"test-two-stage\",\"year\":2025}", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void aSlotFreedByAVetoPassesToTheNextOneWhenTheMethodSaysSo() {
    String quotas = "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"half_up\",\"scope\":{\"belowMinMu\":5},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],"
        + "\"classRule\":{\"type\":\"quotas\",\"shares\":[0.2,0.6,0.2]REFILL}}],\"bonus\":[],\"vetoes\":[{\"flag\":\"safety_accident\",\"class\":\"C\",\"reason\":\"重大安全事故\"}]}";
    create("test-keep-slot", quotas.replace("REFILL", ""));
    create("test-refill", quotas.replace("REFILL", ",\"refillVetoed\":true"));
    long[] e = new long[10];
    for (int i = 0; i < 10; i++) e[i] = enterprise("EVREFILL", "above", 2036, 10, 10.0 * (10 - i), 100, 10, i == 0 ? "safety_accident" : null, "2010-01-01");
    Map<Long, JsonNode> kept = results(run("test-keep-slot", 2036, "EVREFILL")), refilled = results(run("test-refill", 2036, "EVREFILL"));
    String keptClasses = "", refilledClasses = "";
    for (long id : e) {
      keptClasses += kept.get(id).get("class").asText();
      refilledClasses += refilled.get(id).get("class").asText();
    }
    // Without the rule the vetoed first keeps its A slot and is demoted: one A, three C. With it, the second and third
    // are A and the vetoed one takes a C slot from below: two A, six B, two C, exactly the quotas.
    assertThat(keptClasses).isEqualTo("CABBBBBBCC");
    assertThat(refilledClasses).isEqualTo("CAABBBBBBC");
    assertThat(refilled.get(e[0]).get("veto").asText()).contains("重大安全事故");
    // Ties with the left out: the second stays and scores the same as a vetoed one (90). Among those that stay it is
    // second, so with one A slot (10 %) it is B; the vetoed one above it at the same score does not count.
    create("test-refill-tie", quotas.replace("REFILL", ",\"refillVetoed\":true").replace("[0.2,0.6,0.2]", "[0.1,0.8,0.1]"));
    long[] t = new long[10];
    for (int i = 0; i < 10; i++) t[i] = enterprise("EVREFILL", "above", 2037, 10, i == 0 ? 100.0 : i <= 2 ? 90.0 : 10.0 * (11 - i), 100, 10, i == 1 ? "safety_accident" : null, "2010-01-01");
    Map<Long, JsonNode> tied = results(run("test-refill-tie", 2037, "EVREFILL"));
    String tiedClasses = "";
    for (long id : t) tiedClasses += tied.get(id).get("class").asText();
    assertThat(tiedClasses).isEqualTo("ACBBBBBBBB");
    assertThat(tied.get(t[2]).get("rank").asInt()).as("its rank among all").isEqualTo(2);
  }

  @Test
  void theHalfHasARoundingRuleOfItsOwn() {
    String twoStage = twoStage("half_up").replace("\"topShare\":0.5,", "\"topShare\":0.5,HALF");
    create("test-half-default", twoStage.replace("HALF", ""));
    create("test-half-floor", twoStage.replace("HALF", "\"halfRounding\":\"floor\","));
    long[] e = new long[19];
    for (int i = 0; i < 19; i++) e[i] = enterprise("EVHALF", "above", 2037, 10, 10.0 * (19 - i), 100 + i, 10, null, "2010-01-01");
    Map<Long, JsonNode> byQuota = results(run("test-half-default", 2037, "EVHALF")), byFloor = results(run("test-half-floor", 2037, "EVHALF"));
    // N = 19: the quotas' half_up makes the top half 10 (the 10th, at 52.6 %, is in it); floor makes it 9.
    assertThat(byQuota.get(e[9]).get("classStep").asText()).contains("在前 10 名");
    assertThat(byFloor.get(e[9]).get("classStep").asText()).contains("在后半部分");
    Resp bad = coord.send("POST", "/api/evaluation/methods/test-half-floor/versions", "{\"definition\":" + twoStage.replace("HALF", "\"halfRounding\":\"up\",") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
  }

  @Test
  void aMissingValueScoresTheGroupsMeanPointsWhenTheMethodSaysSo() {
    String def = "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"half_up\",\"scope\":{\"belowMinMu\":5},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,\"benchmark\":{\"type\":\"mean\"},\"cap\":1.5,"
        + "\"missing\":\"mean\"}],\"classRule\":{\"type\":\"quotas\",\"shares\":[0.3,0.4,0.3]}}],\"bonus\":[],\"vetoes\":[]}";
    create("test-missing-mean", def);
    // Taxes per mu 1, 2 and 9 (mean 4): points 25, 50 and 150 (capped); the missing one gets their mean, 75 — not 100.
    long a = enterprise("EVMISS", "above", 2038, 10, 10.0, 100, 10, null, null);
    long b = enterprise("EVMISS", "above", 2038, 10, 20.0, 100, 10, null, null);
    long c = enterprise("EVMISS", "above", 2038, 10, 90.0, 100, 10, null, null);
    long none = enterprise("EVMISS", "above", 2038, 10, null, 100, 10, null, null);
    Map<Long, JsonNode> r = results(run("test-missing-mean", 2038, "EVMISS"));
    assertThat(r.get(a).get("score").asDouble()).isEqualTo(25.0);
    assertThat(r.get(b).get("score").asDouble()).isEqualTo(50.0);
    assertThat(r.get(c).get("score").asDouble()).isEqualTo(150.0);
    assertThat(r.get(none).get("score").asDouble()).isEqualTo(75.0);
  }

  @Test
  void aClassRuleReRanksByAWeightedSumOfIndicatorsPoints() {
    String def = "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"half_up\",\"scope\":{\"belowMinMu\":5},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":50,\"benchmark\":{\"type\":\"fixed\",\"value\":10}},"
        + "{\"code\":\"output_per_mu\",\"weight\":50,\"benchmark\":{\"type\":\"fixed\",\"value\":10}}],"
        + "\"classRule\":{\"type\":\"two_stage\",\"topShare\":1,\"aShare\":0.5,\"aRankBy\":BY,\"cShare\":0,\"cRankBy\":\"score\"}}],\"bonus\":[],\"vetoes\":[]}";
    create("test-rerank-tax", def.replace("BY", "\"tax_per_mu\""));
    create("test-rerank-sum", def.replace("BY", "{\"tax_per_mu\":1,\"output_per_mu\":1}"));
    // X: tax 20/亩 (100 points), output 5/亩 (25); Y: tax 12/亩 (60), output 30/亩 (150).
    long x = enterprise("EVRERANK", "above", 2039, 10, 200.0, 50, 10, null, null);
    long y = enterprise("EVRERANK", "above", 2039, 10, 120.0, 300, 10, null, null);
    Map<Long, JsonNode> byTax = results(run("test-rerank-tax", 2039, "EVRERANK")), bySum = results(run("test-rerank-sum", 2039, "EVRERANK"));
    assertThat(byTax.get(x).get("class").asText()).isEqualTo("A");
    assertThat(byTax.get(y).get("class").asText()).isEqualTo("B");
    assertThat(bySum.get(y).get("class").asText()).isEqualTo("A");
    assertThat(bySum.get(x).get("class").asText()).isEqualTo("B");
    assertThat(bySum.get(y).get("classStep").asText()).contains("output_per_mu + tax_per_mu 得分之和");
    // A sum may name only the group's own indicators, with positive weights.
    Resp bad = coord.send("POST", "/api/evaluation/methods/test-rerank-sum/versions", "{\"definition\":" + def.replace("BY", "{\"rd_intensity\":1,\"tax_per_mu\":-1}") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("aRankBy.rd_intensity", "aRankBy.tax_per_mu");
  }

  @Test
  void theScopeNamesItsIndustriesAndLeavesOutNewly规上Enterprises() {
    String def = twoStage("half_up").replace("\"scope\":{\"belowMinMu\":5,", "\"scope\":{\"industries\":[\"C\"],\"excludeNewlyAboveYears\":2,\"belowMinMu\":5,");
    create("test-scope", def);
    long made = enterprise("EVSCOPE", "above", 2040, 10, 50.0, 100, 10, null, "2010-01-01");
    long power = enterprise("EVSCOPE", "above", 2040, 10, 50.0, 100, 10, null, "2010-01-01");
    long newly = enterprise("EVSCOPE", "above", 2040, 10, 50.0, 100, 10, null, "2010-01-01");
    long settled = enterprise("EVSCOPE", "above", 2040, 10, 50.0, 100, 10, null, "2010-01-01");
    TestApp.sql("UPDATE enterprise SET industry_code = 'D4411' WHERE id = " + power);
    TestApp.sql("UPDATE enterprise SET above_since = 2039 WHERE id = " + newly);
    TestApp.sql("UPDATE enterprise SET above_since = 2038 WHERE id = " + settled);
    Map<Long, JsonNode> r = results(run("test-scope", 2040, "EVSCOPE"));
    assertThat(r.get(made).get("evaluated").asBoolean()).isTrue();
    assertThat(r.get(power).get("evaluated").asBoolean()).isFalse();
    assertThat(r.get(power).get("exclusion").asText()).contains("行业 D4411 不在评价范围");
    assertThat(r.get(newly).get("evaluated").asBoolean()).isFalse();
    assertThat(r.get(newly).get("exclusion").asText()).contains("新纳入规上不满 2 年");
    assertThat(r.get(settled).get("evaluated").asBoolean()).as("規上 since 2038: two years by 2040").isTrue();
    Resp bad = coord.send("POST", "/api/evaluation/methods/test-scope/versions", "{\"definition\":" + def.replace("[\"C\"]", "[\"manufacturing\"]") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("scope.industries");
  }
}
