package mujun.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input gets a 4xx in the JSON error shape, never a 500 or an HTML page: NUL characters, deep
 * nesting, over-long passwords, oversized URLs and headers, broken bodies. And sign-in tells nothing about which user
 * names exist; a password change ends the user's other sessions and tokens.
 */
class BadInputTest {
  static Client editor;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    editor = Client.signedIn("t-resources");
  }

  static void assertJsonError(Resp r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().get("code").asText()).isNotBlank();
    assertThat(r.json().get("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("<html").doesNotContainIgnoringCase("select ");
  }

  @Test
  void nulCharactersAnywhereAreRefusedWith400() {
    assertJsonError(editor.get("/api/search?q=a%00b"), 400);
    assertJsonError(editor.get("/api/parcels?bbox=113,34,114,35&asOf=2024-01-01%00"), 400);
    assertJsonError(editor.get("/ogcapi/collections/parcels/items?filter=code%3D%27a%00%27"), 400);
    assertJsonError(Client.anonymous().get("/ogcapi/collections/clusters/items?f=json%00"), 400);
    String body = "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"remarks\":\"a\\u0000b\","
        + "\"geometry\":" + TestApp.polygonJson(TestApp.square()) + ",\"reason\":\"nul\"}";
    Resp r = editor.send("POST", "/api/parcels", body, Map.of());
    assertJsonError(r, 400);
    assertThat(r.json().get("code").asText()).isEqualTo("BAD_TEXT");
    assertJsonError(Client.anonymous().send("POST", "/api/session", "{\"username\":\"a\\u0000\",\"password\":\"x\"}", Map.of()), 400);
    // An OGC write with a NUL in a property (parsed elsewhere than Json.object) is refused by the database's rule, as 400.
    Resp ogc = editor.send("POST", "/ogcapi/collections/parcels/items", "{\"type\":\"Feature\",\"geometry\":" + TestApp.polygonJson(TestApp.square())
        + ",\"properties\":{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"remarks\":\"x\\u0000\"}}", Map.of());
    assertThat(ogc.status()).as(ogc.body()).isBetween(400, 499);
    assertThat(ogc.body()).doesNotContain("INTERNAL");
  }

  @Test
  void deeplyNestedJsonIsRefusedWith400() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertJsonError(editor.send("POST", "/api/parcels", "{\"geometry\":" + deep + "}", Map.of()), 400);
    assertJsonError(editor.send("POST", "/ogcapi/collections/parcels/items", "{\"type\":\"Feature\",\"geometry\":" + deep + "}", Map.of()), 400);
    String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    assertJsonError(Client.anonymous().send("POST", "/api/session", deepObject, Map.of()), 400);
    String deepFilter = "{\"op\":\"not\",\"args\":[".repeat(60) + "true" + "]}".repeat(60);
    assertJsonError(editor.get("/ogcapi/collections/parcels/items?filter-lang=cql2-json&filter="
        + java.net.URLEncoder.encode(deepFilter, StandardCharsets.UTF_8)), 400);
  }

  @Test
  void overLongPasswordsAreAnsweredNot500() {
    String longPw = "密码".repeat(30); // 180 bytes in UTF-8, 60 characters
    Resp signIn = Client.anonymous().send("POST", "/api/session", "{\"username\":\"t-viewer\",\"password\":\"" + longPw + "\"}", Map.of());
    assertJsonError(signIn, 401);
    Client c = Client.signedIn("t-coord");
    Resp change = c.send("POST", "/api/session/password", "{\"currentPassword\":\"" + TestApp.PASSWORD + "\",\"newPassword\":\"" + longPw + "\"}", Map.of());
    assertJsonError(change, 422);
    assertThat(change.json().get("message").asText()).contains("72");
    Resp wrongCurrent = c.send("POST", "/api/session/password", "{\"currentPassword\":\"" + longPw + "\",\"newPassword\":\"another-password-1\"}", Map.of());
    assertJsonError(wrongCurrent, 403);
  }

  /** A POST with exactly the given Content-Type (as a page on another site could send without a preflight). */
  static Resp post(String path, String contentType, String body) throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.base() + path))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), r.body(), r.headers().map());
  }

  @Test
  void signInTakesJsonOnly() throws Exception {
    String creds = "{\"username\":\"t-viewer\",\"password\":\"" + TestApp.PASSWORD + "\"}";
    assertJsonError(post("/api/session", "text/plain", creds), 415);
    assertJsonError(post("/api/session", "application/x-www-form-urlencoded", "username=t-viewer&password=" + TestApp.PASSWORD), 415);
    assertJsonError(post("/api/session", "multipart/form-data; boundary=x", creds), 415);
    assertThat(post("/api/session", "application/json; charset=utf-8", creds).status()).isEqualTo(200);
  }

  @Test
  void oversizedUrlsAndHeadersGetTheJsonErrorShape() throws Exception {
    Resp longUrl = editor.get("/api/parcels?bbox=" + "1".repeat(20_000));
    assertJsonError(longUrl, 414);
    Resp bigHeader = editor.send("GET", "/api/parcels", null, Map.of("X-Filler", "x".repeat(20_000)));
    assertJsonError(bigHeader, 431);
    // A request line Jetty cannot parse at all.
    try (Socket s = new Socket("127.0.0.1", TestApp.get().port())) {
      s.getOutputStream().write("GET /api/parcels HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readNBytes(400), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\"").doesNotContain("<html");
    }
  }

  @Test
  void brokenUploadsAre4xx() {
    String multipart = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\nContent-Type: application/zip\r\n\r\nPK\u0003\u0004broken";
    Resp r = TestApp.upload(editor, "/api/imports?name=a.zip", multipart.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(r.status()).as(r.body()).isBetween(400, 499);
    assertJsonError(r, r.status());
    Resp gj = TestApp.upload(editor, "/api/imports?name=a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
    assertThat(gj.status()).as(gj.body()).isBetween(400, 499);
    Resp nulName = TestApp.upload(editor, "/api/imports?name=a%00.zip", new byte[] {1, 2, 3});
    assertJsonError(nulName, 400);
  }

  static Resp signIn(String user, String password) {
    return Client.anonymous().send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", Map.of());
  }

  @Test
  void unknownNamesAreSlowedAndLockedExactlyLikeKnownOnes() {
    TestApp.get().auth.addUser("known-victim", "Known", TestApp.PASSWORD, List.of("viewer"));
    String unknown = "no-such-user-" + System.nanoTime();
    long[] slowest = new long[2];
    Resp[] fifth = new Resp[2];
    String[] names = {"known-victim", unknown};
    for (int k = 0; k < 2; k++) {
      for (int i = 1; i <= 4; i++) {
        long t0 = System.nanoTime();
        Resp r = signIn(names[k], "wrong-password-" + i);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("BAD_CREDENTIALS");
        slowest[k] = Math.max(slowest[k], (System.nanoTime() - t0) / 1_000_000);
      }
      fifth[k] = signIn(names[k], "wrong-password-5");
    }
    assertThat(slowest[1]).as("the fourth failure of an unknown name waits like a known one's (%d ms)", slowest[0]).isGreaterThanOrEqualTo(1500);
    assertThat(fifth[0].status()).isEqualTo(423);
    assertThat(fifth[1].status()).isEqualTo(423);
    assertThat(fifth[1].json().get("code").asText()).isEqualTo(fifth[0].json().get("code").asText());
    assertThat(fifth[1].json().get("message").asText().replaceAll("until \\S+", ""))
        .isEqualTo(fifth[0].json().get("message").asText().replaceAll("until \\S+", ""));
  }

  @Test
  void aPasswordChangeEndsOtherSessionsAndTokens() {
    TestApp.get().auth.addUser("pw-changer", "Changer", TestApp.PASSWORD, List.of("viewer"));
    Client here = Client.signedIn("pw-changer"), elsewhere = Client.signedIn("pw-changer");
    Resp made = here.send("POST", "/api/tokens", "{\"name\":\"script\",\"days\":30}", Map.of());
    String token = made.json().get("token").asText();
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
    assertThat(Client.anonymous().send("GET", "/api/session", null, bearer).status()).isEqualTo(200);
    Resp change = here.send("POST", "/api/session/password", "{\"currentPassword\":\"" + TestApp.PASSWORD + "\",\"newPassword\":\"a-new-password-42\"}", Map.of());
    assertThat(change.status()).as(change.body()).isEqualTo(204);
    assertThat(here.get("/api/session").status()).as("the session that changed it stays").isEqualTo(200);
    assertThat(elsewhere.get("/api/session").status()).as("another session ends").isEqualTo(401);
    assertThat(Client.anonymous().send("GET", "/api/session", null, bearer).status()).as("tokens are revoked").isEqualTo(401);
    // An administrator's reset ends every session.
    long id = TestApp.intQuery("SELECT id FROM app_user WHERE username = 'pw-changer'");
    Resp reset = Client.signedIn("t-admin").send("POST", "/api/admin/users/" + id + "/password", "{\"password\":\"reset-password-42\"}", Map.of());
    assertThat(reset.status()).as(reset.body()).isEqualTo(204);
    assertThat(here.get("/api/session").status()).isEqualTo(401);
  }
}
