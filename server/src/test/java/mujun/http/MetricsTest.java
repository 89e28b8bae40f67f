package mujun.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/** /metrics counts requests per route template with their latency and status; every answer carries a request id. */
class MetricsTest {
  @Test
  void requestsAreCountedPerRouteAndCarryTheirId() {
    TestApp.get();
    Client admin = Client.signedIn("t-admin");
    Client viewer = Client.signedIn("t-coord");
    for (int i = 0; i < 3; i++) admin.get("/api/parcels/999999999");
    Resp m = admin.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.header("Content-Type")).startsWith("text/plain");
    String text = m.body();
    assertThat(text).contains("mujun_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/parcels/{id}\",le=\"+Inf\"}");
    assertThat(text).contains("mujun_http_responses_total{method=\"GET\",route=\"/api/parcels/{id}\",status=\"404\"}");
    assertThat(text).doesNotContain("999999999");
    assertThat(text).contains("mujun_db_pool_max ").contains("mujun_tile_cache_hits_total ");
    assertThat(viewer.get("/metrics").status()).isEqualTo(403);
    // The caller's request id is kept (a load balancer's); otherwise one is made; error bodies carry it.
    Resp given = admin.send("GET", "/api/parcels/999999999", null, Map.of("X-Request-Id", "lb-42.a"));
    assertThat(given.header("X-Request-Id")).isEqualTo("lb-42.a");
    assertThat(given.json().get("requestId").asText()).isEqualTo("lb-42.a");
    // A handler's own 404 keeps what it says is missing.
    assertThat(given.json().get("message").asText()).contains("Parcel 999999999 does not exist");
    Resp made = admin.send("GET", "/api/parcels/999999999", null, Map.of("X-Request-Id", "bad id with spaces"));
    assertThat(made.header("X-Request-Id")).matches("[0-9a-f]{16}");
  }
}
