package mujun.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * A run is the same bytes however its inputs happen to be read: the benchmarks are float sums, whose last digit
 * depends on the order of the terms, so the engine fixes that order instead of taking the one a scan or a sort
 * gives (a province's run read its inputs through parallel workers, and two runs of the same inputs differed).
 */
class ReproducibleRunTest {
  static int seq;

  @Test
  void theOutputDoesNotDependOnTheOrderInWhichTheInputsAreRead() throws Exception {
    int cluster = TestApp.cluster("EVORDER", "评价复现测试", "Evaluation order test", "410100", 116.5, 33.25);
    if (TestApp.intQuery("SELECT count(*) FROM evaluation_method WHERE code = 'test-order'") == 0) {
      TestApp.sql("INSERT INTO evaluation_method (code, name, name_en) VALUES ('test-order', '测试复现', 'Test order')");
    }
    Client coord = Client.signedIn("t-coord");
    String def = "{\"classes\":[\"A\",\"B\",\"C\"],\"rounding\":\"half_up\",\"scope\":{\"belowMinMu\":5},"
        + "\"groups\":[{\"code\":\"above\",\"sizeClass\":\"above\",\"indicators\":[{\"code\":\"tax_per_mu\",\"weight\":60,\"benchmark\":{\"type\":\"mean\"}},"
        + "{\"code\":\"output_per_energy\",\"weight\":40,\"benchmark\":{\"type\":\"mean\"},\"missing\":\"mean\"}],"
        + "\"classRule\":{\"type\":\"two_stage\",\"topShare\":0.5,\"aShare\":0.2,\"cShare\":0.2}}],\"bonus\":[],\"vetoes\":[]}";
    Resp saved = coord.send("POST", "/api/evaluation/methods/test-order/versions", "{\"definition\":" + def + "}", Map.of());
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    // Fifteen enterprises of 3 亩 with taxes whose per-亩 values (thirds) sum to different floats in different orders.
    for (int i = 0; i < 15; i++) {
      String first17 = String.format("91410100MB%07d", 6000000 + seq++ * 7 + (int) (System.nanoTime() % 7));
      TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + first17 + CreditCode.checkChar(first17)
          + "', '复现企业" + i + "', 'C3971', 'above', " + cluster + ")");
      long id = TestApp.intQuery("SELECT max(id) FROM enterprise WHERE cluster_id = ?", cluster);
      TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan, output_wan, energy_tce, rented_area_m2) VALUES (" + id + ", 2025, "
          + String.format(java.util.Locale.ROOT, "%.2f", 1000.37 * i + 0.13 * i * i + 0.01) + ", " + (100 + 13 * i) + ", " + (i % 4 == 0 ? "NULL" : String.valueOf(3.3 + i)) + ", 2000)");
    }
    Resp r = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"test-order\",\"year\":2025,\"clusters\":[" + cluster + "]}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    int run = r.json().get("id").asInt();
    try (Connection c = TestApp.connection(); var st = c.createStatement()) {
      c.setAutoCommit(false);
      // The test means something only if the order of the terms changes the sum here.
      try (var rs = st.executeQuery("SELECT sum((figures_of.f->>'tax_wan')::float8 / 3 ORDER BY i.enterprise_id) <> sum((figures_of.f->>'tax_wan')::float8 / 3 ORDER BY i.enterprise_id DESC) "
          + "FROM evaluation_input i, LATERAL (SELECT COALESCE(i.figures, (SELECT row_data FROM change_history WHERE id = i.figures_history_id)) AS f) figures_of WHERE i.run_id = " + run)) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("the sums in the two orders differ").isTrue();
      }
      // The same inputs stored in the opposite order and read by a plain scan, computed again.
      int again;
      try (var rs = st.executeQuery("INSERT INTO evaluation_run (method_version_id, year, clusters, created_by, note) SELECT method_version_id, year, clusters, 'test', 'order' "
          + "FROM evaluation_run WHERE id = " + run + " RETURNING id")) {
        rs.next();
        again = rs.getInt(1);
      }
      st.executeUpdate("INSERT INTO evaluation_input (run_id, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures, figures_history_id, industry_code, "
          + "above_since, city_code) SELECT " + again + ", enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures, figures_history_id, industry_code, "
          + "above_since, city_code FROM evaluation_input WHERE run_id = " + run + " ORDER BY enterprise_id DESC");
      st.execute("SET LOCAL enable_indexscan = off");
      st.execute("SET LOCAL enable_bitmapscan = off");
      st.executeQuery("SELECT evaluation_compute(" + again + ")").close();
      try (var rs = st.executeQuery("SELECT evaluation_hash(" + run + "), evaluation_hash(" + again + "), "
          + "(SELECT count(*) FROM evaluation_result WHERE run_id = " + again + " AND evaluated)")) {
        rs.next();
        assertThat(rs.getInt(3)).isEqualTo(15);
        assertThat(rs.getString(2)).isEqualTo(rs.getString(1));
      }
      c.rollback();
    }
    // And the server's own check says the same: the run recomputed from its inputs is byte-identical.
    JsonNode v = coord.send("POST", "/api/evaluation/runs/" + run + "/verify", "{}", Map.of()).json();
    assertThat(v.get("sameBytes").asBoolean()).as(v.toString()).isTrue();
  }
}
