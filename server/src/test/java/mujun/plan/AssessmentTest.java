package mujun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * The clusters' assessment on hand-made clusters whose answers are worked by hand: 亩均税收 against the 11 万元/亩
 * target (capped at 1.5×), the change of energy per value added against −4 %, ranks in the province and the city,
 * grades, entered figures with their source, publishing.
 */
class AssessmentTest {
  static int seq;

  static int cluster(String code, String city, int i) {
    if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = ?", code) == 0) {
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('" + code + "', '考核测试区" + i + "', 'Assessment test " + i + "', '" + city
          + "', ST_Multi(ST_MakeEnvelope(" + (113.0 + i * 0.1) + ", 35.00, " + (113.05 + i * 0.1) + ", 35.05, 4490)))");
    }
    return TestApp.intQuery("SELECT id FROM cluster WHERE code = ?", code);
  }

  /** One enterprise of 10 亩 (rented) with two years of tax, value added and energy. */
  static void enterprise(int cluster, double tax, double energyBefore, double energyNow) {
    String first17 = String.format("91410800MA%07d", 3000000 + seq++ * 17 + (int) (System.nanoTime() % 17));
    String credit = first17 + CreditCode.checkChar(first17);
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '考核企业" + seq + "', 'C3971', 'above', " + cluster + ")");
    long id = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, tax_wan, value_added_wan, energy_tce, revenue_wan) VALUES (" + id
        + ", 2036, 6666.67, 50, 100, " + energyBefore + ", 20000), (" + id + ", 2037, 6666.67, " + tax + ", 100, " + energyNow + ", 20000)");
  }

  @Test
  void clustersAreScoredRankedAndGradedFromTheirData() {
    TestApp.get();
    int a = cluster("ASA", "410800", 0), b = cluster("ASB", "410800", 1), c = cluster("ASC", "410900", 2);
    Client coord = Client.signedIn("t-coord");
    enterprise(a, 165, 100, 90);   // 16.5 万元/亩 (1.5× the target, capped); energy per value added −10 % (capped at 1.5×)
    enterprise(b, 55, 100, 98);    // 5.5 (0.5×); −2 % (half the way to −4 %)
    enterprise(c, 110, 100, 100);  // 11 (1×); 0 % (no reduction: 0)
    if (TestApp.intQuery("SELECT count(*) FROM cluster_assessment_method WHERE code = 'test-cluster'") == 0) {
      TestApp.sql("INSERT INTO cluster_assessment_method (code, name, name_en) VALUES ('test-cluster', '测试考核', 'Test assessment')");
    }
    String def = "{\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":50,\"benchmark\":{\"type\":\"fixed\",\"value\":11},\"cap\":1.5},"
        + "{\"code\":\"energy_intensity_change_pct\",\"weight\":50,\"benchmark\":{\"type\":\"fixed\",\"value\":-4},\"cap\":1.5}],"
        + "\"grades\":[{\"name\":\"A\",\"min\":90},{\"name\":\"B\",\"min\":60},{\"name\":\"C\",\"min\":0}]}";
    Resp bad = coord.send("POST", "/api/assessment/methods/test-cluster/versions", "{\"definition\":" + def.replace("tax_per_mu", "tax_per_acre").replace("\"min\":60", "\"min\":95") + "}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("indicators[0].code").contains("grades[1].min");
    assertThat(coord.send("POST", "/api/assessment/methods/test-cluster/versions", "{\"definition\":" + def + "}", Map.of()).status()).isEqualTo(201);

    Resp run = coord.send("POST", "/api/assessment/runs", "{\"method\":\"test-cluster\",\"year\":2037}", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    Map<Integer, JsonNode> r = new HashMap<>();
    for (JsonNode x : run.json().get("results")) r.put(x.get("clusterId").asInt(), x);
    assertThat(r.get(a).at("/indicators/tax_per_mu/value").asDouble()).isCloseTo(16.5, within(0.001));
    assertThat(r.get(a).at("/indicators/energy_intensity_change_pct/value").asDouble()).isCloseTo(-10.0, within(0.001));
    assertThat(r.get(a).get("score").asDouble()).isCloseTo(150.0, within(0.01));
    assertThat(r.get(b).get("score").asDouble()).isCloseTo(50.0, within(0.01));
    assertThat(r.get(c).get("score").asDouble()).isCloseTo(50.0, within(0.01));
    assertThat(r.get(a).get("grade").asText()).isEqualTo("A");
    assertThat(r.get(b).get("grade").asText()).isEqualTo("C");
    // Ties share the rank; ranks in the city are among its own clusters.
    assertThat(r.get(a).get("provinceRank").asInt()).isLessThan(r.get(b).get("provinceRank").asInt());
    assertThat(r.get(b).get("provinceRank").asInt()).isEqualTo(r.get(c).get("provinceRank").asInt());
    assertThat(r.get(a).get("cityRank").asInt()).isEqualTo(1);
    assertThat(r.get(b).get("cityRank").asInt()).isEqualTo(2);
    assertThat(r.get(c).get("cityRank").asInt()).isEqualTo(1);
    assertThat(r.get(a).at("/indicators/tax_per_mu/source").asText()).isEqualTo("computed");
    // The other computed indicators, read straight from the function the runs use: value added per 亩 (100 ÷ 10),
    // its growth (100 → 100: 0 %), revenue in 亿元, and no low-efficiency land nor land supply: 0 亩 disposed, no shares.
    Map<String, Double> v = new HashMap<>();
    TestApp.get().db.read(cn -> {
      try (var ps = cn.prepareStatement("SELECT code, value FROM cluster_indicator_values(2037, ARRAY[" + a + "])"); var rs = ps.executeQuery()) {
        while (rs.next()) v.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getDouble(2));
      }
      return null;
    });
    assertThat(v.get("va_per_mu")).isCloseTo(10.0, within(0.001));
    assertThat(v.get("va_growth_pct")).isCloseTo(0.0, within(0.001));
    assertThat(v.get("revenue_total_yi")).isCloseTo(2.0, within(0.0001));
    assertThat(v.get("low_eff_disposed_mu")).isEqualTo(0.0);
    assertThat(v.get("low_eff_disposed_share_pct")).isNull();
    assertThat(v.get("standard_land_share_pct")).isNull();

    // A figure the data cannot give is entered with its source; a computed one cannot be entered.
    assertThat(coord.send("PUT", "/api/assessment/figures", "{\"clusterId\":" + a + ",\"year\":2037,\"indicator\":\"above_va_share_pct\",\"value\":71.5,\"source\":\"焦作市统计局\"}",
        Map.of()).status()).isEqualTo(204);
    Resp computed = coord.send("PUT", "/api/assessment/figures", "{\"clusterId\":" + a + ",\"year\":2037,\"indicator\":\"tax_per_mu\",\"value\":1,\"source\":\"x\"}", Map.of());
    assertThat(computed.status()).isEqualTo(422);
    assertThat(computed.body()).contains("computed from the data");
    assertThat(TestApp.intQuery("SELECT count(*) FROM cluster_indicator_values(2037, ARRAY[" + a + "]) WHERE code = 'above_va_share_pct' AND source = '焦作市统计局'")).isEqualTo(1);

    // Published, the run never changes, even in the database.
    int id = run.json().get("id").asInt();
    assertThat(coord.send("POST", "/api/assessment/runs/" + id + "/publish", "", Map.of()).json().get("status").asText()).isEqualTo("published");
    assertThat(coord.send("POST", "/api/assessment/runs/" + id + "/publish", "", Map.of()).status()).isEqualTo(409);
    assertThatThrownBy(() -> TestApp.sql("UPDATE cluster_assessment_result SET score = 0 WHERE run_id = " + id)).hasMessageContaining("never change");
  }
}
