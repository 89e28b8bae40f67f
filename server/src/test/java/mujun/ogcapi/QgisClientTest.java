package mujun.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mujun.http.Json;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * QGIS itself (Debian's 3.22, headless): its OAPIF provider opens every collection with a Basic authentication
 * configuration (user name and API token), with the feature counts and the CRS the server gives.
 */
class QgisClientTest {
  static final List<String> COLLECTIONS = List.of("clusters", "parcels", "enterprises", "standard-land", "low-efficiency-land");

  @Test
  void everyCollectionLoadsInQgisWithBasicAuth() throws Exception {
    Client c = Client.signedIn("t-resources");
    Resp made = c.send("POST", "/api/tokens", "{\"name\":\"QGIS 3.22\",\"days\":30}", Map.of());
    String token = made.json().get("token").asText();
    Path script = Path.of(QgisClientTest.class.getResource("/qgis/load_layers.py").toURI());
    Path home = Files.createTempDirectory("qgis-home-");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), TestApp.base(), "t-resources", token));
    cmd.addAll(COLLECTIONS);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("QT_QPA_PLATFORM", "offscreen");
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_RUNTIME_DIR", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(out));
    JsonNode r = Json.MAPPER.readTree(line.substring(7));
    assertThat(r.get("qgis").asText()).startsWith("3.");
    for (String id : COLLECTIONS) {
      JsonNode layer = r.at("/layers/" + id);
      assertThat(layer.get("valid").asBoolean()).as(id + ": " + layer).isTrue();
      int matched = c.get("/ogcapi/collections/" + id + "/items?limit=1").json().get("numberMatched").asInt();
      assertThat(layer.get("read").asInt()).as(id + " features read").isEqualTo(matched);
      assertThat(layer.get("crs").asText()).as(id).isEqualTo("EPSG:4326");
    }
    assertThat(r.at("/layers/parcels/read").asInt()).isEqualTo(TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current'"));
  }
}
