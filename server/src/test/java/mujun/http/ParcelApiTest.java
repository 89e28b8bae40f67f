package mujun.http;

import mujun.Routes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parcel API over real HTTP: status codes, the error shape, ETags and If-Match, and refusals that change nothing. */
class ParcelApiTest {
  static Client editor;
  static Client viewer;

  @BeforeAll
  static void signIn() {
    TestApp.get();
    editor = Client.signedIn("t-resources");
    viewer = Client.signedIn("t-viewer");
  }

  static String create(Client c, double[] s) {
    return "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"rightType\":\"transfer\","
        + "\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"api test\"}";
  }

  static void assertErrorShape(Resp r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode j = r.json();
    assertThat(j.get("code").asText()).isEqualTo(code);
    assertThat(j.get("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContainIgnoringCase("select ").doesNotContain("Exception").doesNotContain("/work/").doesNotContain("at mujun.");
  }

  @Test
  void healthReportsDatabaseAndPostgis() {
    Resp r = Client.anonymous().get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
    assertThat(r.json().get("postgis").asText()).startsWith("3.");
    assertThat(r.json().get("durable").asBoolean()).as("the test cluster runs with PostgreSQL's durable defaults").isTrue();
  }

  @Test
  void createReturnsFeatureWithETagAndLocation() {
    Resp r = editor.send("POST", "/api/parcels", create(editor, TestApp.square()), Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    assertThat(r.header("ETag")).isEqualTo("\"parcel-" + id + "-v1\"");
    assertThat(r.header("Location")).isEqualTo("/api/parcels/" + id);
    assertThat(r.json().get("properties").get("areaMu").asDouble()).isGreaterThan(10);
    assertThat(r.json().get("geometry").has("crs")).isFalse();
  }

  @Test
  void validationProblemsNameTheRuleSoTheFormCanSayItInChinese() throws Exception {
    long id = editor.send("POST", "/api/parcels", create(editor, TestApp.square()), Map.of()).json().get("id").asLong();
    Resp r = editor.send("PATCH", "/api/parcels/" + id, "{\"floorAreaRatio\": 25, \"registeredAreaM2\": 0, \"rightType\": \"rent\", \"supplyDate\": \"1800-01-01\"}",
        Map.of("If-Match", "\"parcel-" + id + "-v1\""));
    assertErrorShape(r, 422, "VALIDATION_FAILED");
    Map<String, JsonNode> byField = new java.util.HashMap<>();
    r.json().get("details").forEach(d -> byField.put(d.get("field").asText(), d));
    assertThat(byField.get("floorAreaRatio").get("rule").asText()).isEqualTo("range");
    assertThat(byField.get("floorAreaRatio").get("params").get("max").asText()).isEqualTo("20");
    assertThat(byField.get("registeredAreaM2").get("rule").asText()).isEqualTo("greater");
    assertThat(byField.get("rightType").get("rule").asText()).isEqualTo("choice");
    assertThat(byField.get("rightType").get("params").get("values").asText()).isEqualTo("transfer, allocation, lease");
    assertThat(byField.get("supplyDate").get("rule").asText()).isEqualTo("year");
    // The web has a text for every rule the server names, in both languages.
    String i18n = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(System.getenv().getOrDefault("MUJUN_WEB_DIR", "../web"), "js", "i18n.js")),
        java.nio.charset.StandardCharsets.UTF_8);
    for (String rule : java.util.List.of("range", "greater", "choice", "year", "required", "maxLength", "number", "integer", "date", "text", "code",
        "nonNegative", "tooLarge", "positive", "dateOrder", "boolean", "atLeast", "atMost")) {
      assertThat(i18n.split("rules: \\{")).as(rule).hasSize(3);
      assertThat(i18n.split("rules: \\{")[1]).as("zh " + rule).containsPattern("[ {]" + rule + ": '");
      assertThat(i18n.split("rules: \\{")[2]).as("en " + rule).containsPattern("[ {]" + rule + ": '");
    }
  }

  @Test
  void patchNeedsIfMatchAndRefusesStaleVersions() {
    long id = editor.send("POST", "/api/parcels", create(editor, TestApp.square()), Map.of()).json().get("id").asLong();
    assertErrorShape(editor.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"x\"}", Map.of()), 428, "PRECONDITION_REQUIRED");
    Resp ok = editor.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"x\",\"reason\":\"r\"}", Map.of("If-Match", "\"parcel-" + id + "-v1\""));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("ETag")).isEqualTo("\"parcel-" + id + "-v2\"");
    assertErrorShape(editor.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"y\"}", Map.of("If-Match", "\"parcel-" + id + "-v1\"")), 412, "VERSION_CONFLICT");
    assertErrorShape(editor.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"y\"}", Map.of("If-Match", "\"parcel-999-v2\"")), 412, "VERSION_CONFLICT");
    assertThat(editor.get("/api/parcels/" + id).json().get("properties").get("remarks").asText()).isEqualTo("x");
  }

  @Test
  void badBodiesGetClearErrors() {
    assertErrorShape(editor.send("POST", "/api/parcels", "{\"code\": ", Map.of()), 400, "MALFORMED_JSON");
    assertErrorShape(editor.send("POST", "/api/parcels", "[1,2]", Map.of()), 400, "MALFORMED_JSON");
    assertErrorShape(editor.send("POST", "/api/parcels", "{\"evil\":1}", Map.of()), 400, "UNKNOWN_FIELD");
    assertErrorShape(editor.send("POST", "/api/parcels", "{\"code\":5,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}", Map.of()), 422, "GEOMETRY_EMPTY");
    Resp v = editor.send("POST", "/api/parcels", "{\"code\":\"123\",\"landUseScheme\":\"x\",\"landUseCode\":\"y\",\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "}", Map.of());
    assertErrorShape(v, 422, "VALIDATION_FAILED");
    assertThat(v.json().get("details").get(0).get("field").asText()).isEqualTo("code");
  }

  @Test
  void repairedOutlineIsSaidInTheAnswer() {
    double[] s = TestApp.square();
    String bowtie = String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
        s[0], s[1], s[2], s[3], s[2], s[1], s[0], s[3], s[0], s[1]);
    String body = "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + bowtie;
    assertErrorShape(editor.send("POST", "/api/parcels", body + "}", Map.of()), 422, "GEOMETRY_INVALID");
    Resp r = editor.send("POST", "/api/parcels", body + ",\"repair\":true}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("repaired").get("was").asText()).startsWith("Self-intersection");
    assertThat(r.json().get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
  }

  @Test
  void unknownLandUseCodeIsRefused() {
    String body = create(editor, TestApp.square()).replace("\"0601\"", "\"9999\"");
    assertErrorShape(editor.send("POST", "/api/parcels", body, Map.of()), 422, "UNKNOWN_REFERENCE");
  }

  @Test
  void unknownQueryParametersAndBadBboxesAreRefused() {
    assertErrorShape(editor.get("/api/parcels?bbox=113,34,114,35&foo=1"), 400, "UNKNOWN_PARAMETER");
    assertErrorShape(editor.get("/api/parcels?bbox=113,34,114"), 400, "BAD_BBOX");
    assertErrorShape(editor.get("/api/parcels?bbox=114,34,113,35"), 400, "BAD_BBOX");
    assertErrorShape(editor.get("/api/parcels?bbox=113,34,114,NaN"), 400, "BAD_BBOX");
    assertErrorShape(editor.get("/api/parcels?bbox=113,34,114,35&limit=0"), 400, "BAD_PARAMETER");
    assertErrorShape(editor.get("/api/parcels?bbox=113,34,114,35&asOf=yesterday"), 400, "BAD_AS_OF");
    assertErrorShape(editor.get("/api/parcels/abc"), 400, "BAD_ID");
    assertErrorShape(editor.get("/api/parcels/99999999"), 404, "NOT_FOUND");
  }

  @Test
  void listStreamsAFeatureCollectionInTheBbox() {
    double[] s = TestApp.square();
    editor.send("POST", "/api/parcels", create(editor, s), Map.of());
    Resp r = editor.get("/api/parcels?bbox=" + s[0] + "," + s[1] + "," + s[2] + "," + s[3]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/geo+json");
    assertThat(r.json().get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(r.json().get("features").size()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anonymousCallersAreAskedToSignIn() {
    Client anon = Client.anonymous();
    assertErrorShape(anon.get("/api/parcels?bbox=113,34,114,35"), 401, "SIGN_IN_REQUIRED");
    assertErrorShape(anon.get("/api/parcels/1"), 401, "SIGN_IN_REQUIRED");
    assertErrorShape(anon.send("POST", "/api/parcels", create(anon, TestApp.square()), Map.of()), 401, "SIGN_IN_REQUIRED");
    assertThat(anon.get("/api/clusters").status()).isEqualTo(200);
  }

  @Test
  void viewersCannotEdit() {
    assertErrorShape(viewer.send("POST", "/api/parcels", create(viewer, TestApp.square()), Map.of()), 403, "FORBIDDEN");
  }

  @Test
  void writesWithoutTheCsrfTokenAreRefused() {
    Client c = Client.signedIn("t-resources");
    c.csrf = null;
    assertErrorShape(c.send("POST", "/api/parcels", create(c, TestApp.square()), Map.of()), 403, "CSRF");
  }

  @Test
  void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
    Resp r = Client.anonymous().send("POST", "/api/session", "{\"username\":\"t-admin\",\"password\":\"nope-nope-nope\"}", Map.of());
    assertErrorShape(r, 401, "BAD_CREDENTIALS");
    Resp r2 = Client.anonymous().send("POST", "/api/session", "{\"username\":\"nobody-" + System.nanoTime() + "\",\"password\":\"nope-nope-nope\"}", Map.of());
    assertThat(r2.json().get("message").asText()).isEqualTo(r.json().get("message").asText());
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSite() {
    Resp r = Client.anonymous().send("POST", "/api/session", "{\"username\":\"t-admin\",\"password\":\"" + TestApp.PASSWORD + "\"}", Map.of());
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).contains("mujun_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
  }

  @Test
  void searchTreatsWildcardsAsText() {
    JsonNode all = editor.get("/api/search?q=%25").json();
    assertThat(all.get("parcels")).isEmpty();
    assertThat(all.get("enterprises")).isEmpty();
    Resp injection = editor.get("/api/search?q=" + java.net.URLEncoder.encode("'; DROP TABLE parcel; --", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(injection.status()).isEqualTo(200);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel")).isGreaterThan(0);
  }

  @Test
  void searchFindsParcelsByCodeAndEnterprisesByNameAndCreditCode() {
    String code = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT p.code, e.name, e.credit_code FROM parcel p JOIN enterprise e ON e.id = p.holder_id WHERE p.status = 'current' ORDER BY p.id LIMIT 1");
           var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
      }
    });
    String[] p = code.split("\\|");
    assertThat(editor.get("/api/search?q=" + p[0]).json().get("parcels").get(0).get("code").asText()).isEqualTo(p[0]);
    JsonNode byName = editor.get("/api/search?q=" + java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8)).json();
    assertThat(byName.get("enterprises").get(0).get("name").asText()).isEqualTo(p[1]);
    assertThat(editor.get("/api/search?q=" + p[2]).json().get("enterprises").get(0).get("creditCode").asText()).isEqualTo(p[2]);
  }

  @Test
  void securityHeadersAreSet() {
    Resp r = Client.anonymous().get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void unknownPathsAnswerJson() {
    assertErrorShape(Client.anonymous().get("/api/nothing-here"), 404, "NOT_FOUND");
  }

  @Test
  void openApiDocumentDescribesEveryApiRoute() {
    JsonNode doc = Client.anonymous().get("/api/openapi.json").json();
    assertThat(doc.get("openapi").asText()).startsWith("3.0");
    for (Routes.Route route : TestApp.get().routes) {
      if (!route.path().startsWith("/api/") || route.path().equals("/api/openapi.json")) continue;
      JsonNode item = doc.get("paths").get(route.path());
      assertThat(item).as("OpenAPI path " + route.path()).isNotNull();
      assertThat(item.get(route.method().name().toLowerCase())).as(route.method() + " " + route.path()).isNotNull();
    }
  }
}
