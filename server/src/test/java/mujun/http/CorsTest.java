package mujun.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mujun.App;
import mujun.config.Config;
import mujun.support.TestApp;
import org.junit.jupiter.api.Test;

/** CORS is off unless configured; when configured it answers the listed origins and preflights, without credentials. */
class CorsTest {
  @Test
  void onlyConfiguredOriginsGetCorsHeaders() throws Exception {
    TestApp.get();
    TestApp.Resp off = TestApp.Client.anonymous().send("GET", "/ogcapi/collections", null, Map.of("Origin", "https://maps.example.org"));
    assertThat(off.header("Access-Control-Allow-Origin")).isNull();

    Map<String, String> env = TestApp.instanceEnv("target/var-cors");
    env.put("MUJUN_CORS_ORIGINS", "https://maps.example.org");
    try (App app = new App(Config.load(env)).start()) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      var ok = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ogcapi/collections/clusters/items"))
          .header("Origin", "https://maps.example.org").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://maps.example.org");
      assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
      var other = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ogcapi/collections/clusters/items"))
          .header("Origin", "https://evil.example.com").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      var pre = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ogcapi/collections/parcels/items"))
          .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", "https://maps.example.org")
          .header("Access-Control-Request-Method", "GET").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
    }
  }
}
