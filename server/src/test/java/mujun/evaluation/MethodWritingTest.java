package mujun.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Methods as cities write them: bonus, veto, protection and exclusion items read from evidence figures; a method's
 * own ratio indicator; ranking per city; the lifecycle of versions (draft, preview, in force from a year, retired) and
 * who may change a method; policies as data with their department, exported per department. Hand-made groups.
 */
class MethodWritingTest {
  static Client coord, cityCoord;
  static int seq;
  static final Map<String, Integer> CLUSTERS = new HashMap<>();

  @BeforeAll
  static void setUp() {
    TestApp.get();
    String[][] cl = {{"MWITEMS", "410500"}, {"MWCITYA", "410500"}, {"MWCITYB", "410500"}, {"MWOTHER", "410100"}, {"MWLIFE", "410500"}};
    for (int i = 0; i < cl.length; i++) {
      if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = ?", cl[i][0]) == 0) {
        TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('" + cl[i][0] + "', '办法测试" + i + "', 'Method test " + i + "', '"
            + cl[i][1] + "', ST_Multi(ST_MakeEnvelope(" + (115.0 + i * 0.1) + ", 33.40, " + (115.05 + i * 0.1) + ", 33.45, 4490)))");
      }
      CLUSTERS.put(cl[i][0], TestApp.intQuery("SELECT id FROM cluster WHERE code = ?", cl[i][0]));
    }
    if (TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 'mw-city'") == 0) {
      TestApp.get().auth.addUser("mw-city", "Anyang coordinator", TestApp.PASSWORD, List.of("coordinator:city:410500"));
    }
    coord = Client.signedIn("t-coord");
    cityCoord = Client.signedIn("mw-city");
  }

  /** An enterprise with 10 亩 (rented) and the given figures for {@code year}; {@code extra} is "col, col = val" pairs. */
  static long enterprise(String cluster, int year, String cols, String vals) {
    String first17 = String.format("91410500MA%07d", 6000000 + seq++ * 11 + (int) (System.nanoTime() % 11));
    String credit = first17 + CreditCode.checkChar(first17);
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '办法企业" + seq + "', 'C3971', 'above', "
        + CLUSTERS.get(cluster) + ")");
    long id = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, " + cols + ") VALUES (" + id + ", " + year + ", " + 10 * 10000.0 / 15 + ", " + vals + ")");
    return id;
  }

  static void create(Client who, String code, String owner, String definition, String status, int expect) {
    String body = "{\"code\":\"" + code + "\",\"name\":\"" + code + "\"" + (owner == null ? "" : ",\"ownerCity\":\"" + owner + "\"")
        + (status == null ? "" : ",\"status\":\"" + status + "\"") + ",\"definition\":" + definition + "}";
    Resp r = who.send("POST", "/api/evaluation/methods", body, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(expect);
  }

  static Resp run(String method, Integer version, int year, String cluster) {
    return coord.send("POST", "/api/evaluation/runs", "{\"method\":\"" + method + "\"" + (version == null ? "" : ",\"version\":" + version) + ",\"year\":" + year
        + ",\"clusters\":[" + CLUSTERS.get(cluster) + "]}", Map.of());
  }

  static Map<Long, JsonNode> results(int run) {
    Map<Long, JsonNode> m = new HashMap<>();
    for (JsonNode r : coord.get("/api/evaluation/runs/" + run + "/results?limit=1000").json().get("items")) m.put(r.get("enterpriseId").asLong(), r);
    return m;
  }

  static final String ITEMS_METHOD = "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"half_up\","
      + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":100,\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],"
      + "\"classRule\":{\"type\":\"quotas\",\"shares\":[0.3,0.4,0.3]}}],"
      + "\"items\":[{\"code\":\"patents\",\"name\":\"有效发明专利\",\"evidence\":\"invention_patents\",\"effect\":\"bonus\",\"pointsPer\":10,\"maxPoints\":30},"
      + "{\"code\":\"food\",\"name\":\"重大食品安全事故\",\"evidence\":\"food_safety_accident\",\"effect\":\"veto\",\"class\":\"C\",\"reason\":\"发生重大食品安全事故\"},"
      + "{\"code\":\"project\",\"name\":\"在建重大项目\",\"evidence\":\"major_project\",\"effect\":\"protect\",\"reason\":\"在建重大项目\"},"
      + "{\"code\":\"utility\",\"name\":\"公用事业\",\"evidence\":\"public_utility\",\"effect\":\"exclude\",\"reason\":\"公用事业企业\"}]}";

  @Test
  void bonusVetoProtectionAndExclusionItemsReadTheirEvidence() {
    create(coord, "mw-items", null, ITEMS_METHOD, null, 201);
    long[] e = new long[11];
    // Ten enterprises of 10 亩 with 100 … 10 万元 of tax (10 … 1 万元/亩 → 1000 … 100 points); the eleventh is a utility.
    for (int i = 0; i < 10; i++) {
      String cols = "tax_wan", vals = String.valueOf(100 - i * 10);
      if (i == 0) { cols += ", food_safety_accident"; vals += ", true"; }
      if (i == 8) { cols += ", invention_patents"; vals += ", 5"; }
      if (i == 9) { cols += ", major_project"; vals += ", true"; }
      e[i] = enterprise("MWITEMS", 2030, cols, vals);
    }
    e[10] = enterprise("MWITEMS", 2030, "tax_wan, public_utility", "5, true");
    Resp made = run("mw-items", null, 2030, "MWITEMS");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    Map<Long, JsonNode> r = results(made.json().get("id").asInt());
    // Quotas 30/40/30 of 10: A ranks 1–3, B 4–7, C 8–10.
    assertThat(r.get(e[0]).get("class").asText()).as("vetoed out of A").isEqualTo("C");
    assertThat(r.get(e[0]).get("classStep").asText()).contains("一票否决").contains("发生重大食品安全事故");
    assertThat(r.get(e[1]).get("class").asText()).isEqualTo("A");
    assertThat(r.get(e[3]).get("class").asText()).isEqualTo("B");
    // 5 patents × 10 points, capped at 30: 200 + 30.
    assertThat(r.get(e[8]).get("score").asDouble()).isEqualTo(230.0);
    assertThat(r.get(e[8]).get("class").asText()).isEqualTo("C");
    // The lowest would be C; a major project under construction is never in the lowest class.
    assertThat(r.get(e[9]).get("class").asText()).isEqualTo("B");
    assertThat(r.get(e[9]).get("classStep").asText()).contains("在建重大项目").contains("不列入最低类");
    assertThat(r.get(e[10]).get("evaluated").asBoolean()).isFalse();
    assertThat(r.get(e[10]).get("exclusion").asText()).contains("公用事业企业").contains("不定等级");
    JsonNode x = coord.get("/api/evaluation/runs/" + made.json().get("id").asInt() + "/enterprises/" + e[8]).json();
    assertThat(x.at("/result/items/0/code").asText()).isEqualTo("patents");
    assertThat(x.at("/result/items/0/amount").asDouble()).isEqualTo(5.0);
    assertThat(x.at("/result/items/0/points").asDouble()).isEqualTo(30.0);
    assertThat(x.at("/result/items/0/name").asText()).isEqualTo("有效发明专利");
    assertThat(x.at("/result/items/0/evidence").asText()).isEqualTo("invention_patents");
    // The figures are frozen by reference to their version in the history (no copy), and read back from it.
    int runId = made.json().get("id").asInt();
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_input WHERE run_id = ? AND figures IS NULL AND figures_history_id IS NOT NULL", runId)).isEqualTo(11);
    assertThat(x.at("/input/figures/invention_patents").asInt()).isEqualTo(5);
    // Verification recomputes the same output from the frozen inputs.
    assertThat(coord.send("POST", "/api/evaluation/runs/" + made.json().get("id").asInt() + "/verify", "", Map.of()).json().get("identical").asBoolean()).isTrue();
    // An item naming a figure that does not exist, a class that does not exist, or points on a veto: refused, each named.
    Resp bad = coord.send("POST", "/api/evaluation/methods/check", "{\"definition\":" + ITEMS_METHOD.replace("food_safety_accident", "food_scandal")
        .replace("\"class\":\"C\",\"reason\":\"发生", "\"class\":\"Z\",\"points\":3,\"reason\":\"发生") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.body()).contains("items[1].evidence").contains("items[1].class").contains("items[1].points");
  }

  @Test
  void aMethodsOwnRatioIndicatorRankedPerCity() {
    String def = "{\"classes\":[\"A\",\"B\"],\"rounding\":\"half_up\",\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\","
        + "\"indicators\":[{\"code\":\"rd_per_mu\",\"name\":\"亩均研发投入\",\"unit\":\"万元/亩\",\"numerator\":\"rd_wan\",\"denominator\":\"land\",\"weight\":100,"
        + "\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],\"classRule\":{\"type\":\"quotas\",\"shares\":[0.5,0.5],\"per\":\"city\"}}]}";
    create(coord, "mw-ratio", null, def, null, 201);
    long a1 = enterprise("MWCITYA", 2030, "tax_wan, rd_wan", "1, 40"), a2 = enterprise("MWCITYA", 2030, "tax_wan, rd_wan", "1, 30");
    long b1 = enterprise("MWCITYB", 2030, "tax_wan, rd_wan", "1, 20"), b2 = enterprise("MWCITYB", 2030, "tax_wan, rd_wan", "1, 10");
    long o1 = enterprise("MWOTHER", 2030, "tax_wan, rd_wan", "1, 5"), o2 = enterprise("MWOTHER", 2030, "tax_wan, rd_wan", "1, 1");
    Resp made = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"mw-ratio\",\"year\":2030,\"clusters\":[" + CLUSTERS.get("MWCITYA") + ","
        + CLUSTERS.get("MWCITYB") + "," + CLUSTERS.get("MWOTHER") + "]}", Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    Map<Long, JsonNode> r = results(made.json().get("id").asInt());
    // Anyang's two clusters rank together (4 enterprises: the top 2 are A); per cluster, b1 would have been A.
    assertThat(r.get(a1).get("class").asText()).isEqualTo("A");
    assertThat(r.get(a2).get("class").asText()).isEqualTo("A");
    assertThat(r.get(b1).get("class").asText()).isEqualTo("B");
    assertThat(r.get(b1).get("rank").asInt()).isEqualTo(3);
    assertThat(r.get(b1).get("groupSize").asInt()).isEqualTo(4);
    assertThat(r.get(o1).get("class").asText()).isEqualTo("A");
    assertThat(r.get(o2).get("class").asText()).isEqualTo("B");
    JsonNode x = coord.get("/api/evaluation/runs/" + made.json().get("id").asInt() + "/enterprises/" + b1).json();
    assertThat(x.at("/result/indicators/0/value").asDouble()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-4));
    assertThat(x.at("/result/indicators/0/name").asText()).isEqualTo("亩均研发投入");
    assertThat(x.at("/result/indicators/0/unit").asText()).isEqualTo("万元/亩");
    // Its own indicator needs a figure with an amount, a name and a unit; a built-in code cannot be redefined.
    Resp bad = coord.send("POST", "/api/evaluation/methods/check", "{\"definition\":" + def.replace("\"rd_wan\"", "\"listed\"").replace("rd_per_mu", "tax_per_mu")
        .replace("\"unit\":\"万元/亩\",", "") + "}", Map.of());
    assertThat(bad.body()).contains("indicators[0].numerator").contains("indicators[0].code").contains("indicators[0].unit");
  }

  static final String QUOTA_METHOD = "{\"classes\":[\"A\",\"B\",\"C\"],\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\","
      + "\"weight\":100,\"benchmark\":{\"type\":\"fixed\",\"value\":1}}],\"classRule\":{\"type\":\"quotas\",\"shares\":[%s]}}]}";

  @Test
  void aCityWritesADraftPreviewsItAndPutsItInForce() {
    long[] e = new long[6];
    for (int i = 0; i < 6; i++) e[i] = enterprise("MWLIFE", 2031, "tax_wan", String.valueOf(60 - i * 10));
    // Last year's published classes, by the province's method (A 1/6, B 4/6, C 1/6).
    create(coord, "mw-base", null, QUOTA_METHOD.formatted("0.17,0.66,0.17"), null, 201);
    Resp base = run("mw-base", null, 2031, "MWLIFE");
    assertThat(base.status()).as(base.body()).isEqualTo(201);
    int baseRun = base.json().get("id").asInt();
    assertThat(coord.send("POST", "/api/evaluation/runs/" + baseRun + "/publish", "", Map.of()).status()).isEqualTo(200);

    // A city coordinator cannot change the province's method, nor make one for another city, but makes its own.
    assertThat(cityCoord.send("POST", "/api/evaluation/methods/mw-base/versions", "{\"definition\":" + QUOTA_METHOD.formatted("0.5,0.3,0.2") + "}", Map.of()).status())
        .isEqualTo(403);
    create(cityCoord, "mw-other-city", "410100", QUOTA_METHOD.formatted("0.5,0.3,0.2"), "draft", 403);
    // A draft may be saved unfinished: its problems come back, and it cannot be run.
    String unfinished = QUOTA_METHOD.formatted("0.5,0.3,0.2").replace("\"classes\"", "\"clases\":1,\"classes\"");
    create(cityCoord, "mw-anyang", "410500", unfinished, "draft", 201);
    JsonNode m = coord.get("/api/evaluation/methods/mw-anyang").json();
    assertThat(m.get("ownerCity").asText()).isEqualTo("410500");
    assertThat(m.at("/versions/0/status").asText()).isEqualTo("draft");
    Resp asRun = run("mw-anyang", 1, 2031, "MWLIFE");
    assertThat(asRun.status()).isEqualTo(422);
    assertThat(asRun.body()).contains("draft");
    Resp unfinishedPreview = cityCoord.send("POST", "/api/evaluation/methods/mw-anyang/versions/1/preview", "{\"year\":2031}", Map.of());
    assertThat(unfinishedPreview.status()).isEqualTo(422);
    assertThat(unfinishedPreview.body()).contains("clases");
    // Finished in place, then previewed against last year's published run: who would change class, and nothing kept.
    Resp fixed = cityCoord.send("PATCH", "/api/evaluation/methods/mw-anyang/versions/1", "{\"definition\":" + QUOTA_METHOD.formatted("0.5,0.3,0.2") + "}", Map.of());
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    assertThat(fixed.json().get("problems")).isEmpty();
    int runs = TestApp.intQuery("SELECT count(*) FROM evaluation_run");
    Resp preview = coord.send("POST", "/api/evaluation/methods/mw-anyang/versions/1/preview", "{\"year\":2031,\"clusters\":[" + CLUSTERS.get("MWLIFE") + "]}", Map.of());
    assertThat(preview.status()).as(preview.body()).isEqualTo(200);
    JsonNode p = preview.json();
    assertThat(p.get("baseRunId").asInt()).isEqualTo(baseRun);
    assertThat(p.at("/classes/A").asInt()).isEqualTo(3);
    assertThat(p.at("/baseClasses/A").asInt()).isEqualTo(1);
    // A 50 % → ranks 1–3 A, B 30 % → rank 4–5 (round(4.8) = 5), C rank 6: e[1], e[2] move B → A.
    assertThat(p.get("changed").asInt()).isEqualTo(2);
    assertThat(p.get("changes").toString()).contains("\"was\":\"B\",\"would\":\"A\"");
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_run")).isEqualTo(runs);

    // In force from 2032: a run of 2031 finds no version in force; a run of 2032 uses it.
    Resp inForce = cityCoord.send("PATCH", "/api/evaluation/methods/mw-anyang/versions/1", "{\"status\":\"in_force\",\"inForceFrom\":2032}", Map.of());
    assertThat(inForce.status()).as(inForce.body()).isEqualTo(200);
    assertThat(run("mw-anyang", null, 2031, "MWLIFE").body()).contains("in force for 2031");
    for (int i = 0; i < 6; i++) TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, tax_wan) VALUES (" + e[i] + ", 2032, 666.67, 5)");
    assertThat(run("mw-anyang", null, 2032, "MWLIFE").status()).isEqualTo(201);
    // A version in force never changes its rules; it is retired, and then no longer chosen.
    Resp frozen = cityCoord.send("PATCH", "/api/evaluation/methods/mw-anyang/versions/1", "{\"definition\":" + QUOTA_METHOD.formatted("0.2,0.6,0.2") + "}", Map.of());
    assertThat(frozen.status()).isEqualTo(409);
    assertThat(frozen.json().get("code").asText()).isEqualTo("VERSION_FROZEN");
    assertThat(TestApp.intQuery("SELECT count(*) FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id "
        + "WHERE m.code = 'mw-anyang' AND v.definition::text LIKE '%0.6%'")).isZero();
    assertThat(cityCoord.send("PATCH", "/api/evaluation/methods/mw-anyang/versions/1", "{\"status\":\"retired\"}", Map.of()).status()).isEqualTo(200);
    assertThat(run("mw-anyang", null, 2032, "MWLIFE").status()).isEqualTo(422);
    // The database keeps every state of the version.
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'evaluation_method_version' AND entity_id = "
        + "(SELECT v.id::text FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id WHERE m.code = 'mw-anyang')")).isGreaterThanOrEqualTo(4);
  }

  @Test
  void policiesAreDataWithTheirDepartmentAndExportPerDepartment() {
    create(coord, "mw-policy", null, QUOTA_METHOD.formatted("0.5,0.25,0.25"), null, 201);
    long top = enterprise("MWITEMS", 2033, "tax_wan", "90"), low = enterprise("MWITEMS", 2033, "tax_wan", "1");
    enterprise("MWITEMS", 2033, "tax_wan", "50");
    enterprise("MWITEMS", 2033, "tax_wan", "40");
    JsonNode list = coord.get("/api/evaluation/policies").json();
    assertThat(list.get("kinds").toString()).contains("emission_rights").contains("energy_quota");
    assertThat(list.get("departments").toString()).contains("电力公司");
    assertThat(list.get("policies").toString()).contains("排污权").contains("豫集聚办〔2020〕2号");
    // The method's own policy for C: with it, the general ones no longer apply to this method's runs.
    String body = "{\"method\":\"mw-policy\",\"class\":\"C\",\"kind\":\"electricity_surcharge\",\"description\":\"差别电价：每千瓦时加价\",\"value\":0.3,"
        + "\"unit\":\"元/kWh\",\"legalBasis\":\"某市亩均效益评价办法第十条\"}";
    assertThat(cityCoord.send("POST", "/api/evaluation/policies", body, Map.of()).status()).as("a city changes no province method's policies").isEqualTo(403);
    Resp made = coord.send("POST", "/api/evaluation/policies", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    long id = made.json().get("id").asLong();
    Resp missing = coord.send("POST", "/api/evaluation/policies", "{\"class\":\"C\",\"kind\":\"no_such\",\"description\":\"x\"}", Map.of());
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body()).contains("kind").contains("legalBasis");
    Resp r = run("mw-policy", null, 2033, "MWITEMS");
    int runId = r.json().get("id").asInt();
    assertThat(results(runId).get(low).get("class").asText()).isEqualTo("C");
    String power = coord.get("/api/evaluation/runs/" + runId + "/policies.csv?department=power").body();
    assertThat(power).contains("执行部门").contains("电力公司").contains("0.3").contains("某市亩均效益评价办法第十条");
    assertThat(power.lines().count()).as(power).isEqualTo(2);
    assertThat(coord.get("/api/evaluation/runs/" + runId + "/policies.csv?department=tax").body().lines().count()).isEqualTo(1);
    assertThat(coord.get("/api/evaluation/runs/" + runId + "/policies.csv?department=x;drop").status()).isEqualTo(400);
    JsonNode explained = coord.get("/api/evaluation/runs/" + runId + "/enterprises/" + low).json();
    assertThat(explained.get("policies").toString()).contains("差别电价").contains("电力公司");
    assertThat(coord.get("/api/evaluation/runs/" + runId + "/enterprises/" + top).json().get("policies")).isEmpty();
    // Edited with its ETag (428 without, 412 with an old one); withdrawn, it no longer applies.
    assertThat(coord.send("PATCH", "/api/evaluation/policies/" + id, "{\"value\":0.4}", Map.of()).status()).isEqualTo(428);
    Resp edited = coord.send("PATCH", "/api/evaluation/policies/" + id, "{\"value\":0.4}", Map.of("If-Match", "\"policy-" + id + "-v1\""));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().get("version").asInt()).isEqualTo(2);
    assertThat(coord.send("PATCH", "/api/evaluation/policies/" + id, "{\"active\":false}", Map.of("If-Match", "\"policy-" + id + "-v1\"")).status()).isEqualTo(412);
    assertThat(coord.send("PATCH", "/api/evaluation/policies/" + id, "{\"active\":false}", Map.of("If-Match", "\"policy-" + id + "-v2\"")).status()).isEqualTo(200);
    assertThat(coord.get("/api/evaluation/runs/" + runId + "/policies.csv?department=power").body()).doesNotContain("0.4");
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'evaluation_policy' AND entity_id = ?", String.valueOf(id))).isEqualTo(3);
  }
}
