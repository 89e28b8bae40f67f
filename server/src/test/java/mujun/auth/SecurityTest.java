package mujun.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mujun.error.ApiError;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lock-out, API tokens, the audit log, and injection attempts in every parameter. */
class SecurityTest {
  static Client admin;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    admin = Client.signedIn("t-admin");
  }

  static Resp signIn(String user, String password) {
    return Client.anonymous().send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", Map.of());
  }

  static long newUser(String name, String... grants) {
    return TestApp.get().auth.addUser(name, name, TestApp.PASSWORD, List.of(grants));
  }

  @Test
  void repeatedFailuresSlowDownThenLockAndTheLockHolds() {
    long id = newUser("lock-me", "viewer");
    long slowest = 0;
    for (int i = 1; i <= 4; i++) {
      long t0 = System.nanoTime();
      assertThat(signIn("lock-me", "wrong-password-" + i).status()).isEqualTo(401);
      slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
    }
    assertThat(slowest).as("the fourth failure waits about 2 s").isGreaterThanOrEqualTo(1500);
    Resp fifth = signIn("lock-me", "wrong-password-5");
    assertThat(fifth.status()).isEqualTo(423);
    assertThat(fifth.json().get("code").asText()).isEqualTo("ACCOUNT_LOCKED");
    // Locked: even the right password is refused, again and again.
    for (int i = 0; i < 2; i++) assertThat(signIn("lock-me", TestApp.PASSWORD).status()).isEqualTo(423);
    assertThat(admin.send("POST", "/api/admin/users/" + id + "/unlock", null, Map.of()).status()).isEqualTo(204);
    assertThat(signIn("lock-me", TestApp.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void apiTokensAreShownOnceStoredHashedUsableAsBearerAndRevocable() {
    newUser("token-user", "resources");
    Client c = Client.signedIn("token-user");
    Resp made = c.send("POST", "/api/tokens", "{\"name\":\"QGIS\",\"days\":30}", Map.of());
    assertThat(made.status()).isEqualTo(201);
    String token = made.json().get("token").asText();
    long id = made.json().get("id").asLong();
    assertThat(token).startsWith("mjt_").hasSizeGreaterThan(40);
    assertThat(c.get("/api/tokens").body()).doesNotContain(token).contains("QGIS");
    assertThat(TestApp.intQuery("SELECT count(*) FROM api_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token)).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM api_token WHERE prefix = ? OR encode(token_hash, 'escape') LIKE '%' || ? || '%'", token, token.substring(4))).isZero();

    Client bearer = Client.anonymous();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    assertThat(bearer.send("GET", "/api/session", null, auth).json().get("username").asText()).isEqualTo("token-user");
    // Bearer calls need no CSRF token (no cookie is involved).
    String body = "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":"
        + TestApp.polygonJson(TestApp.square()) + ",\"reason\":\"script\"}";
    assertThat(bearer.send("POST", "/api/parcels", body, auth).status()).isEqualTo(201);

    assertThat(c.send("DELETE", "/api/tokens/" + id, null, Map.of()).status()).isEqualTo(204);
    Resp after = bearer.send("GET", "/api/session", null, auth);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("code").asText()).isEqualTo("BAD_TOKEN");
    assertThat(bearer.send("GET", "/api/session", null, Map.of("Authorization", "Basic dXNlcjpwYXNz")).status()).isEqualTo(401);
  }

  @Test
  void auditLogRecordsSignInsTokenUseWritesDenialsAndExports() {
    newUser("audited", "resources");
    signIn("audited", "not-the-password");
    Client c = Client.signedIn("audited");
    String token = c.send("POST", "/api/tokens", "{\"name\":\"audit\"}", Map.of()).json().get("token").asText();
    Client.anonymous().send("GET", "/api/session", null, Map.of("Authorization", "Bearer " + token));
    Resp created = c.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(TestApp.square()) + ",\"reason\":\"audit\"}", Map.of());
    assertThat(created.status()).isEqualTo(201);
    c.send("GET", "/api/admin/users", null, Map.of());
    admin.get("/api/admin/audit.csv?actor=audited");

    JsonNode entries = admin.get("/api/admin/audit?actor=audited&limit=100").json().get("entries");
    List<String> seen = new java.util.ArrayList<>();
    for (JsonNode e : entries) seen.add(e.get("action").asText() + "/" + e.get("outcome").asText());
    assertThat(seen).contains("session.sign-in/failed", "session.sign-in/ok", "token.create/ok", "token.use/ok", "parcel.create/ok", "access.denied/denied");
    JsonNode create = null;
    for (JsonNode e : entries) if (e.get("action").asText().equals("parcel.create")) create = e;
    assertThat(create.get("remoteAddr").asText()).isNotBlank();
    assertThat(create.get("detail").asText()).contains("/api/parcels/");
    assertThat(admin.get("/api/admin/audit?action=audit.export&limit=5").json().get("entries").get(0).get("actor").asText()).isEqualTo("t-admin");
  }

  @Test
  void auditLogIsReadOnlyFilterableAndExportable() {
    assertThatThrownBy(() -> TestApp.sql("UPDATE audit_log SET actor = 'someone else'"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("AUDIT_IMMUTABLE"));
    assertThatThrownBy(() -> TestApp.sql("DELETE FROM audit_log"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("AUDIT_IMMUTABLE"));
    Resp csv = admin.get("/api/admin/audit.csv?action=session.&limit=50");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).contains("id,at,actor,action,target,outcome").contains("session.sign-in");
    JsonNode page1 = admin.get("/api/admin/audit?limit=2").json();
    assertThat(page1.get("entries")).hasSize(2);
    long next = page1.get("next").asLong();
    JsonNode page2 = admin.get("/api/admin/audit?limit=2&before=" + next).json();
    assertThat(page2.get("entries").get(0).get("id").asLong()).isLessThan(next);
    assertThat(Client.signedIn("t-coord").get("/api/admin/audit").status()).isEqualTo(403);
  }

  static final List<String> HOSTILE = List.of("1 OR 1=1", "1; DROP TABLE parcel; --", "' OR ''='", "%27%3B%20DROP%20TABLE%20parcel",
      "../../etc/passwd", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "1e309", "-1", "99999999999999999999");

  @Test
  void injectionStringsInEveryParameterChangeNothingAndAreRefused() {
    Client c = Client.signedIn("t-resources");
    int parcels = TestApp.intQuery("SELECT count(*) FROM parcel"), history = TestApp.intQuery("SELECT count(*) FROM parcel_version");
    for (String h : HOSTILE) {
      String e = URLEncoder.encode(h, StandardCharsets.UTF_8);
      for (String path : List.of("/api/parcels/" + e, "/api/parcels/" + e + "/history", "/api/enterprises/" + e,
          "/api/parcels?bbox=" + e, "/api/parcels?bbox=113,34,114," + e, "/api/parcels?bbox=113,34,114,35&cluster=" + e,
          "/api/parcels?bbox=113,34,114,35&asOf=" + e, "/api/parcels?bbox=113,34,114,35&limit=" + e, "/api/parcels?bbox=113,34,114,35&" + e + "=1")) {
        Resp r = c.get(path);
        assertThat(r.status()).as(path + " → " + r.body()).isBetween(400, 499);
        assertThat(r.body()).doesNotContainIgnoringCase("syntax error").doesNotContain("PSQLException");
      }
      for (String path : List.of("/api/admin/audit?outcome=" + e, "/api/admin/audit?action=" + e, "/api/admin/audit?from=" + e,
          "/api/admin/audit?before=" + e, "/api/admin/audit?limit=" + e)) {
        assertThat(admin.get(path).status()).as(path).isBetween(400, 499);
      }
      // Free text is searched as text: no match, no harm.
      Resp s = c.get("/api/search?q=" + e);
      assertThat(s.status()).isIn(200, 400);
      assertThat(admin.get("/api/admin/audit?actor=" + e).status()).isEqualTo(200);
      Resp patch = c.send("PATCH", "/api/parcels/1", "{\"remarks\":\"x\",\"" + h.replace("\"", "") + "\":1}", Map.of("If-Match", "\"parcel-1-v1\""));
      assertThat(patch.status()).isBetween(400, 499);
      Resp ifMatch = c.send("PATCH", "/api/parcels/1", "{\"remarks\":\"x\"}", Map.of("If-Match", h));
      assertThat(ifMatch.status()).isEqualTo(412);
    }
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel")).isEqualTo(parcels);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version")).isEqualTo(history);
  }

  @Test
  void adminsManageUsersRolesAndScopes() {
    Resp made = admin.send("POST", "/api/admin/users", "{\"username\":\"new-park\",\"displayName\":\"新园区\",\"password\":\"a-long-password\","
        + "\"grants\":[\"park:cluster:DZCY\"]}", Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    long id = made.json().get("id").asLong();
    assertThat(admin.send("POST", "/api/admin/users", "{\"username\":\"bad\",\"displayName\":\"x\",\"password\":\"a-long-password\",\"grants\":[\"king\"]}", Map.of()).status()).isEqualTo(422);
    // A scope must name a cluster or city that exists: a typo is refused, not granted as a scope that reaches nothing.
    Resp nope = admin.send("POST", "/api/admin/users", "{\"username\":\"nope\",\"displayName\":\"x\",\"password\":\"a-long-password\",\"grants\":[\"park:cluster:NOPE\"]}", Map.of());
    assertThat(nope.status()).isEqualTo(422);
    assertThat(nope.json().get("message").asText()).contains("No cluster with code 'NOPE'");
    assertThat(admin.send("PATCH", "/api/admin/users/" + id, "{\"grants\":[\"viewer:city:419999\"]}", Map.of()).status()).isEqualTo(422);
    assertThat(TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 'nope'")).isZero();
    Client np = Client.anonymous();
    Resp s = np.send("POST", "/api/session", "{\"username\":\"new-park\",\"password\":\"a-long-password\"}", Map.of());
    assertThat(s.json().get("roles").toString()).contains("park");
    assertThat(admin.send("PATCH", "/api/admin/users/" + id, "{\"grants\":[\"viewer:city:410300\"]}", Map.of()).status()).isEqualTo(204);
    assertThat(admin.send("PATCH", "/api/admin/users/" + id, "{\"active\":false}", Map.of()).status()).isEqualTo(204);
    // Deactivated: the session ends and sign-in is refused.
    assertThat(np.get("/api/session").status()).isEqualTo(401);
    assertThat(signIn("new-park", "a-long-password").status()).isEqualTo(401);
    JsonNode users = admin.get("/api/admin/users").json().get("users");
    JsonNode u = null;
    for (JsonNode x : users) if (x.get("username").asText().equals("new-park")) u = x;
    assertThat(u.get("active").asBoolean()).isFalse();
    assertThat(u.get("grants").get(0).get("role").asText()).isEqualTo("viewer");
  }
}
