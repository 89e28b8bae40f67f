package mujun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import org.junit.jupiter.api.Test;

/** A year's report is public only once the province publishes it, and it holds clusters and counts, never an enterprise. */
class PublicReportTest {
  @Test
  void theProvinceChoosesWhatThePublicSees() {
    TestApp.get();
    if (TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 'rep-city'") == 0) {
      TestApp.get().auth.addUser("rep-city", "City coordinator", TestApp.PASSWORD, List.of("coordinator:city:410100"));
    }
    Client coord = Client.signedIn("t-coord"), city = Client.signedIn("rep-city"), anon = Client.anonymous();
    int year = 2019;
    assertThat(anon.get("/api/public/reports/" + year).status()).isEqualTo(404);
    assertThat(city.send("PUT", "/api/public-reports/" + year, "{\"published\":true}", Map.of()).status()).isEqualTo(403);
    assertThat(coord.send("PUT", "/api/public-reports/" + year, "{\"published\":\"yes\"}", Map.of()).status()).isEqualTo(422);
    assertThat(coord.send("PUT", "/api/public-reports/" + year, "{\"published\":true,\"note\":\"2019 年度结果\"}", Map.of()).status()).isEqualTo(200);
    assertThat(anon.get("/api/public/reports").body()).contains("2019");
    JsonNode r = anon.get("/api/public/reports/" + year).json();
    assertThat(r.get("clusters").size()).isGreaterThan(0);
    assertThat(r.toString()).contains("新郑新港产业集聚区").doesNotContain("creditCode").doesNotContain("有限公司");
    // Withdrawn, it is gone from the public site again; both states are in the history.
    assertThat(coord.send("PUT", "/api/public-reports/" + year, "{\"published\":false}", Map.of()).status()).isEqualTo(200);
    assertThat(anon.get("/api/public/reports/" + year).status()).isEqualTo(404);
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'public_report' AND entity_id = '2019'")).isEqualTo(2);
  }
}
