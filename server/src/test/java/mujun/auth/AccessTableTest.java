package mujun.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import mujun.Routes;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the whole route table with every role, in and out of scope, and anonymously. The decisions below are the
 * single declarative table: a route added to the app without a decision here fails the build.
 */
class AccessTableTest {
  /** The decision for every route: who may pass the gate. */
  static final Map<String, Access> DECISIONS = new LinkedHashMap<>();

  static {
    d("GET /ogcapi", Access.PUBLIC);
    d("GET /ogcapi/conformance", Access.PUBLIC);
    d("GET /ogcapi/api", Access.PUBLIC);
    d("GET /ogcapi/collections", Access.PUBLIC);
    d("GET /ogcapi/collections/clusters", Access.PUBLIC);
    d("GET /ogcapi/collections/clusters/queryables", Access.PUBLIC);
    d("GET /ogcapi/collections/clusters/items", Access.PUBLIC);
    d("GET /ogcapi/collections/clusters/items/{featureId}", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/clusters/items", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/clusters/items/{featureId}", Access.PUBLIC);
    d("GET /ogcapi/collections/parcels", Access.SIGNED_IN);
    d("GET /ogcapi/collections/parcels/queryables", Access.SIGNED_IN);
    d("GET /ogcapi/collections/parcels/items", Access.SIGNED_IN);
    d("GET /ogcapi/collections/parcels/items/{featureId}", Access.SIGNED_IN);
    d("OPTIONS /ogcapi/collections/parcels/items", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/parcels/items/{featureId}", Access.PUBLIC);
    d("GET /ogcapi/collections/enterprises", Access.SIGNED_IN);
    d("GET /ogcapi/collections/enterprises/queryables", Access.SIGNED_IN);
    d("GET /ogcapi/collections/enterprises/items", Access.SIGNED_IN);
    d("GET /ogcapi/collections/enterprises/items/{featureId}", Access.SIGNED_IN);
    d("OPTIONS /ogcapi/collections/enterprises/items", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/enterprises/items/{featureId}", Access.PUBLIC);
    d("POST /ogcapi/collections/parcels/items", Access.PARCEL_EDITOR);
    d("PUT /ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR);
    d("PATCH /ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR);
    d("DELETE /ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR);
    d("GET /health", Access.PUBLIC);
    d("GET /app", Access.PUBLIC);
    d("GET /api/config", Access.PUBLIC);
    d("GET /api/openapi.json", Access.PUBLIC);
    d("POST /api/session", Access.PUBLIC);
    d("GET /api/session", Access.SIGNED_IN);
    d("DELETE /api/session", Access.SIGNED_IN);
    d("POST /api/session/password", Access.SIGNED_IN);
    d("GET /api/tokens", Access.SIGNED_IN);
    d("POST /api/tokens", Access.SIGNED_IN);
    d("DELETE /api/tokens/{id}", Access.SIGNED_IN);
    d("GET /api/clusters", Access.PUBLIC);
    d("GET /api/land-use-codes", Access.PUBLIC);
    d("GET /api/parcels", Access.SIGNED_IN);
    d("POST /api/parcels", Access.PARCEL_EDITOR);
    d("POST /api/parcels/merge", Access.PARCEL_EDITOR);
    d("GET /api/parcels/schema", Access.SIGNED_IN);
    d("GET /api/parcels/{id}", Access.SIGNED_IN);
    d("PATCH /api/parcels/{id}", Access.PARCEL_EDITOR);
    d("GET /api/parcels/{id}/history", Access.SIGNED_IN);
    d("POST /api/parcels/{id}/retire", Access.PARCEL_EDITOR);
    d("POST /api/parcels/{id}/split", Access.PARCEL_EDITOR);
    d("POST /api/imports", Access.PARCEL_EDITOR);
    d("GET /api/imports", Access.PARCEL_EDITOR);
    d("GET /api/imports/{id}", Access.PARCEL_EDITOR);
    d("POST /api/imports/{id}/check", Access.PARCEL_EDITOR);
    d("POST /api/imports/{id}/commit", Access.PARCEL_EDITOR);
    d("GET /api/imports/{id}/features", Access.PARCEL_EDITOR);
    d("GET /api/imports/{id}/report.csv", Access.PARCEL_EDITOR);
    d("GET /api/imports/{id}/report.xlsx", Access.PARCEL_EDITOR);
    d("GET /api/exports/parcels", Access.SIGNED_IN);
    d("GET /tiles/clusters/{z}/{x}/{y}", Access.PUBLIC);
    d("GET /tiles/clusters/tilejson.json", Access.PUBLIC);
    d("GET /tiles/parcels/{z}/{x}/{y}", Access.SIGNED_IN);
    d("GET /tiles/parcels/tilejson.json", Access.SIGNED_IN);
    d("GET /api/search", Access.SIGNED_IN);
    d("GET /api/enterprises/{id}", Access.SIGNED_IN);
    d("GET /ogcapi/collections/standard-land", Access.PUBLIC);
    d("GET /ogcapi/collections/standard-land/queryables", Access.PUBLIC);
    d("GET /ogcapi/collections/standard-land/items", Access.PUBLIC);
    d("GET /ogcapi/collections/standard-land/items/{featureId}", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/standard-land/items", Access.PUBLIC);
    d("OPTIONS /ogcapi/collections/standard-land/items/{featureId}", Access.PUBLIC);
    d("GET /tiles/standard-land/{z}/{x}/{y}", Access.PUBLIC);
    d("GET /tiles/standard-land/tilejson.json", Access.PUBLIC);
    d("GET /api/public/standard-land", Access.PUBLIC);
    d("GET /api/public/standard-land/{id}", Access.PUBLIC);
    d("GET /api/public/standard-land/{id}/documents/{fileId}", Access.PUBLIC);
    d("GET /feeds/standard-land.atom", Access.PUBLIC);
    d("GET /feeds/standard-land.rss", Access.PUBLIC);
    d("GET /api/standard-land-config", Access.PUBLIC);
    d("GET /api/clusters/{id}/standards", Access.SIGNED_IN);
    d("PUT /api/clusters/{id}/standards", Access.LAND_SUPPLY);
    d("GET /api/standard-land", Access.SIGNED_IN);
    d("GET /api/standard-land/pipeline", Access.SIGNED_IN);
    d("POST /api/standard-land", Access.LAND_SUPPLY);
    d("GET /api/standard-land/{id}", Access.SIGNED_IN);
    d("PATCH /api/standard-land/{id}", Access.LAND_SUPPLY);
    d("POST /api/standard-land/{id}/transition", Access.LAND_SUPPLY);
    d("POST /api/standard-land/{id}/documents", Access.LAND_SUPPLY);
    d("GET /api/standard-land/{id}/documents/{fileId}", Access.SIGNED_IN);
    for (String suffix : new String[] {"", "/queryables", "/items", "/items/{featureId}"}) d("GET /ogcapi/collections/low-efficiency-land" + suffix, Access.SIGNED_IN);
    for (String id : new String[] {"clusters", "standard-land"}) d("HEAD /ogcapi/collections/" + id + "/items/{featureId}", Access.PUBLIC);
    for (String id : new String[] {"clusters", "standard-land"}) d("GET /ogcapi/collections/" + id + "/schema", Access.PUBLIC);
    for (String id : new String[] {"parcels", "enterprises", "low-efficiency-land"}) d("GET /ogcapi/collections/" + id + "/schema", Access.SIGNED_IN);
    for (String id : new String[] {"parcels", "enterprises", "low-efficiency-land"}) d("HEAD /ogcapi/collections/" + id + "/items/{featureId}", Access.SIGNED_IN);
    d("OPTIONS /ogcapi/collections/low-efficiency-land/items", Access.PUBLIC);
    d("POST /ogcapi/collections/low-efficiency-land/items", Access.LOW_EFF_EDITOR);
    d("PUT /ogcapi/collections/low-efficiency-land/items/{featureId}", Access.LOW_EFF_EDITOR);
    d("PATCH /ogcapi/collections/low-efficiency-land/items/{featureId}", Access.LOW_EFF_EDITOR);
    d("DELETE /ogcapi/collections/low-efficiency-land/items/{featureId}", Access.LOW_EFF_EDITOR);
    d("OPTIONS /ogcapi/collections/low-efficiency-land/items/{featureId}", Access.PUBLIC);
    d("GET /tiles/low-efficiency-land/{z}/{x}/{y}", Access.SIGNED_IN);
    d("GET /tiles/low-efficiency-land/tilejson.json", Access.SIGNED_IN);
    d("GET /api/low-efficiency/config", Access.SIGNED_IN);
    d("PUT /api/low-efficiency/thresholds", Access.ADMIN);
    d("GET /api/low-efficiency/tags", Access.SIGNED_IN);
    d("POST /api/low-efficiency/tags", Access.LOW_EFF_EDITOR);
    d("GET /api/low-efficiency/tags/{id}", Access.SIGNED_IN);
    d("PATCH /api/low-efficiency/tags/{id}", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/tags/{id}/clear", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/tags/{id}/evidence", Access.LOW_EFF_EDITOR);
    d("GET /api/low-efficiency/tags/{id}/evidence/{fileId}", Access.SIGNED_IN);
    d("POST /api/low-efficiency/tags/{id}/plan", Access.LOW_EFF_EDITOR);
    d("PATCH /api/low-efficiency/plans/{id}", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/plans/{id}/steps", Access.LOW_EFF_EDITOR);
    d("PATCH /api/low-efficiency/steps/{id}", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/parcels/{id}/pauses", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/pauses/{id}/withdraw", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/tags/{id}/decisions", Access.LOW_EFF_EDITOR);
    d("GET /api/low-efficiency/proposals", Access.SIGNED_IN);
    d("POST /api/low-efficiency/proposals/run", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/proposals/{id}/accept", Access.LOW_EFF_EDITOR);
    d("POST /api/low-efficiency/proposals/{id}/dismiss", Access.LOW_EFF_EDITOR);
    d("GET /api/low-efficiency/summary", Access.SIGNED_IN);
    d("GET /api/low-efficiency/report.csv", Access.SIGNED_IN);
    d("GET /api/low-efficiency/report.xlsx", Access.SIGNED_IN);
    d("GET /metrics", Access.ADMIN);
    d("GET /api/land-use-rules", Access.PUBLIC);
    d("PUT /api/land-use-rules", Access.PARCEL_EDITOR);
    d("GET /api/plan", Access.SIGNED_IN);
    d("GET /api/assessment", Access.SIGNED_IN);
    d("POST /api/assessment/methods/{code}/versions", Access.COORDINATOR);
    d("PUT /api/assessment/figures", Access.COORDINATOR);
    d("POST /api/assessment/runs", Access.COORDINATOR);
    d("GET /api/assessment/runs/{id}", Access.SIGNED_IN);
    d("POST /api/assessment/runs/{id}/publish", Access.COORDINATOR);
    d("GET /api/public/reports", Access.PUBLIC);
    d("GET /api/public/reports/{year}", Access.PUBLIC);
    d("PUT /api/public-reports/{year}", Access.COORDINATOR);
    d("POST /api/plan/tasks", Access.COORDINATOR);
    d("POST /api/plan/tasks/copy", Access.COORDINATOR);
    d("GET /api/plan/tasks/{id}", Access.SIGNED_IN);
    d("PATCH /api/plan/tasks/{id}", Access.COORDINATOR);
    d("GET /api/evaluation/methods", Access.SIGNED_IN);
    d("POST /api/evaluation/methods", Access.COORDINATOR);
    d("POST /api/evaluation/methods/check", Access.COORDINATOR);
    d("GET /api/evaluation/methods/{code}", Access.SIGNED_IN);
    d("POST /api/evaluation/methods/{code}/versions", Access.COORDINATOR);
    d("PATCH /api/evaluation/methods/{code}/versions/{version}", Access.COORDINATOR);
    d("POST /api/evaluation/methods/{code}/versions/{version}/preview", Access.COORDINATOR);
    d("GET /api/evaluation/policies", Access.SIGNED_IN);
    d("POST /api/evaluation/policies", Access.COORDINATOR);
    d("GET /api/evaluation/policies/{id}", Access.SIGNED_IN);
    d("PATCH /api/evaluation/policies/{id}", Access.COORDINATOR);
    d("POST /api/evaluation/runs", Access.COORDINATOR);
    d("GET /api/evaluation/runs", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/results", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/enterprises/{enterpriseId}", Access.SIGNED_IN);
    d("POST /api/evaluation/runs/{id}/publish", Access.COORDINATOR);
    d("POST /api/evaluation/runs/{id}/discard", Access.COORDINATOR);
    d("POST /api/evaluation/runs/{id}/verify", Access.COORDINATOR);
    d("GET /api/evaluation/runs/{id}/results.csv", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/results.xlsx", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/policies.csv", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/policies.xlsx", Access.SIGNED_IN);
    d("GET /api/evaluation/runs/{id}/map", Access.SIGNED_IN);
    d("GET /api/evaluation/dashboard", Access.SIGNED_IN);
    d("PUT /api/enterprises/{id}/indicators/{year}", Access.INDICATOR_EDITOR);
    d("GET /api/indicators/template.csv", Access.INDICATOR_EDITOR);
    d("GET /api/indicators/template.xlsx", Access.INDICATOR_EDITOR);
    d("GET /api/figure-sources", Access.SIGNED_IN);
    d("POST /api/indicator-imports", Access.INDICATOR_EDITOR);
    d("POST /api/clusters", Access.PARCEL_EDITOR);
    d("GET /api/clusters/{id}", Access.SIGNED_IN);
    d("PATCH /api/clusters/{id}", Access.PARCEL_EDITOR);
    d("GET /api/clusters/{id}/history", Access.SIGNED_IN);
    d("POST /api/boundary-files", Access.PARCEL_EDITOR);
    d("GET /api/cities", Access.SIGNED_IN);
    d("POST /api/cities", Access.ADMIN);
    d("GET /api/park-kinds", Access.SIGNED_IN);
    d("GET /api/parks", Access.SIGNED_IN);
    d("POST /api/parks", Access.PARCEL_EDITOR);
    d("GET /api/parks/{id}", Access.SIGNED_IN);
    d("PATCH /api/parks/{id}", Access.PARCEL_EDITOR);
    d("GET /api/parks/{id}/history", Access.SIGNED_IN);
    d("GET /api/enterprises", Access.SIGNED_IN);
    d("POST /api/enterprises", Access.ENTERPRISE_EDITOR);
    d("PATCH /api/enterprises/{id}", Access.ENTERPRISE_EDITOR);
    d("GET /api/enterprises/{id}/history", Access.SIGNED_IN);
    d("GET /api/enterprise-imports/template.csv", Access.ENTERPRISE_EDITOR);
    d("GET /api/enterprise-imports/template.xlsx", Access.ENTERPRISE_EDITOR);
    d("POST /api/enterprise-imports", Access.ENTERPRISE_EDITOR);
    d("POST /api/enterprise-imports/{id}/commit", Access.ENTERPRISE_EDITOR);
    d("POST /api/indicator-imports/{id}/commit", Access.INDICATOR_EDITOR);
    d("GET /api/admin/users", Access.ADMIN);
    d("POST /api/admin/users", Access.ADMIN);
    d("PATCH /api/admin/users/{id}", Access.ADMIN);
    d("POST /api/admin/users/{id}/unlock", Access.ADMIN);
    d("POST /api/admin/users/{id}/password", Access.ADMIN);
    d("GET /api/admin/tokens", Access.ADMIN);
    d("DELETE /api/admin/tokens/{id}", Access.ADMIN);
    d("GET /api/admin/audit", Access.ADMIN);
    d("GET /api/admin/audit.csv", Access.ADMIN);
  }

  private static void d(String key, Access a) {
    DECISIONS.put(key, a);
  }

  /** The callers: user name (null = anonymous) and the roles that name stands for. */
  static final List<String> CALLERS = List.of("anonymous", "t-viewer", "t-park", "t-coord", "t-resources", "t-city", "t-admin");
  static final Map<String, Client> clients = new LinkedHashMap<>();
  static long xzxgParcel;
  static long xzxgEnterprise;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    for (String c : CALLERS) clients.put(c, c.equals("anonymous") ? Client.anonymous() : Client.signedIn(c));
    xzxgParcel = TestApp.intQuery("SELECT min(p.id) FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'XZXG' AND p.status = 'current'");
    xzxgEnterprise = TestApp.intQuery("SELECT min(e.id) FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE k.code = 'XZXG'");
  }

  @Test
  void everyRouteHasADecisionAndEveryDecisionARoute() {
    TreeSet<String> routes = new TreeSet<>(), decided = new TreeSet<>(DECISIONS.keySet());
    for (Routes.Route r : TestApp.get().routes) routes.add(r.key());
    assertThat(routes).as("routes without a decision in AccessTableTest.DECISIONS").isSubsetOf(decided);
    assertThat(decided).as("decisions for routes that no longer exist").isSubsetOf(routes);
    for (Routes.Route r : TestApp.get().routes) assertThat(r.access()).as(r.key()).isEqualTo(DECISIONS.get(r.key()));
  }

  /** Whether a caller passes a route's gate (scope aside). */
  static boolean mayPass(Access a, String caller) {
    return switch (a) {
      case PUBLIC -> true;
      case SIGNED_IN -> !caller.equals("anonymous");
      case PARCEL_EDITOR -> caller.equals("t-resources") || caller.equals("t-city") || caller.equals("t-admin");
      case COORDINATOR -> caller.equals("t-coord") || caller.equals("t-admin");
      case INDICATOR_EDITOR, ENTERPRISE_EDITOR -> caller.equals("t-coord") || caller.equals("t-admin") || caller.equals("t-park");
      case LOW_EFF_EDITOR -> caller.equals("t-park") || caller.equals("t-admin");
      case LAND_SUPPLY -> caller.equals("t-park") || caller.equals("t-resources") || caller.equals("t-city") || caller.equals("t-admin");
      case ADMIN -> caller.equals("t-admin");
    };
  }

  /** A harmless request for each route: bodies that are refused after the gate (400/404/422), never applied. */
  static Resp call(Client c, Routes.Route r) {
    String path = r.path().replace("{z}/{x}/{y}", "14/13371/6521.mvt").replace("{featureId}", String.valueOf(xzxgParcel)).replace("{fileId}", "999999").replace("{enterpriseId}", "999999").replace("{code}", "no-such-method").replace("{year}", "2025").replace("{version}", "1").replace("{id}", r.path().startsWith("/api/parcels") ? String.valueOf(xzxgParcel)
        : r.path().startsWith("/api/enterprises") ? String.valueOf(xzxgEnterprise) : "999999");
    String query = switch (r.key()) {
      case "GET /api/parcels" -> "?bbox=113,34,114,35&limit=1";
      case "POST /api/imports" -> "?name=x.exe";
      case "GET /api/exports/parcels" -> "?format=geojson&cluster=999999";
      case "GET /api/search" -> "?q=zzz";
      case "GET /api/admin/audit", "GET /api/admin/audit.csv" -> "?limit=1";
      default -> "";
    };
    String body = switch (r.method().name()) {
      case "POST", "PATCH", "PUT" -> r.key().equals("POST /api/session") ? "{\"username\":\"nobody-" + System.nanoTime() + "\",\"password\":\"wrong-wrong\"}"
          : r.key().equals("POST /api/low-efficiency/proposals/run") ? "{\"clusterId\":\"not a number\"}"
          : r.key().equals("PUT /api/enterprises/{id}/indicators/{year}") ? "{\"taxWan\":\"not a number\"}" : "{}";
      default -> null;
    };
    Map<String, String> headers = r.method().name().equals("PATCH") || r.method().name().equals("PUT") || r.method().name().equals("DELETE") && r.path().startsWith("/ogcapi")
        || r.path().endsWith("/retire") || r.path().endsWith("/split") || r.path().endsWith("/transition")
        ? Map.of("If-Match", "\"parcel-" + xzxgParcel + "-v999\"") : Map.of();
    return c.send(r.method().name(), path + query, body, headers);
  }

  @Test
  void everyRouteAnswersEveryCallerAsDecided() {
    List<String> wrong = new java.util.ArrayList<>();
    for (Routes.Route r : TestApp.get().routes) {
      for (String caller : CALLERS) {
        // Signing out would end the shared session: it gets a client of its own.
        Client c = r.key().equals("DELETE /api/session") && !caller.equals("anonymous") ? Client.signedIn(caller) : clients.get(caller);
        Resp resp = call(c, r);
        boolean passed = resp.status() != 401 && resp.status() != 403
            || r.key().equals("POST /api/session") && resp.status() == 401 && resp.body().contains("BAD_CREDENTIALS");
        boolean expected = mayPass(DECISIONS.get(r.key()), caller);
        if (passed != expected) wrong.add(r.key() + " as " + caller + " → " + resp.status() + " " + resp.body());
        // A refused HEAD has the status and headers of the refused GET, and no body to read.
        if (!passed && !r.method().name().equals("HEAD")) assertThat(resp.json().get("code").asText()).isIn("SIGN_IN_REQUIRED", "FORBIDDEN", "OUT_OF_SCOPE", "CSRF");
      }
    }
    assertThat(wrong).as("routes answering against the decision table").isEmpty();
  }

  @Test
  void parkManagersSeeOnlyTheirOwnCluster() {
    Client park = clients.get("t-park");
    long lygxParcel = TestApp.intQuery("SELECT min(p.id) FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'LYGX'");
    long lygxEnterprise = TestApp.intQuery("SELECT min(e.id) FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE k.code = 'LYGX'");
    assertThat(park.get("/api/parcels/" + xzxgParcel).status()).isEqualTo(200);
    assertThat(park.get("/api/parcels/" + lygxParcel).status()).isEqualTo(404);
    assertThat(park.get("/api/parcels/" + lygxParcel + "/history").status()).isEqualTo(404);
    assertThat(park.get("/api/enterprises/" + lygxEnterprise).status()).isEqualTo(404);
    // A bbox over Luoyang returns nothing to the Xinzheng park manager, everything to a coordinator.
    String bbox = "/api/parcels?bbox=111.5,34.0,113.0,35.0";
    assertThat(park.get(bbox).json().get("features")).isEmpty();
    assertThat(clients.get("t-coord").get(bbox).json().get("features")).isNotEmpty();
    String lygxCode = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT code FROM parcel WHERE id = " + lygxParcel); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    assertThat(park.get("/api/search?q=" + lygxCode).json().get("parcels")).isEmpty();
    assertThat(clients.get("t-coord").get("/api/search?q=" + lygxCode).json().get("parcels")).hasSize(1);
  }

  @Test
  void resourcesStaffEditOnlyInTheirCity() {
    Client city = clients.get("t-city");
    long lygxParcel = TestApp.intQuery("SELECT max(p.id) FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'LYGX' AND p.status = 'current'");
    int v = TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", lygxParcel);
    Resp own = city.send("PATCH", "/api/parcels/" + lygxParcel, "{\"remarks\":\"in scope\"}", Map.of("If-Match", "\"parcel-" + lygxParcel + "-v" + v + "\""));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    int vx = TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", xzxgParcel);
    Resp other = city.send("PATCH", "/api/parcels/" + xzxgParcel, "{\"remarks\":\"out of scope\"}", Map.of("If-Match", "\"parcel-" + xzxgParcel + "-v" + vx + "\""));
    assertThat(other.status()).isIn(403, 404);
    assertThat(TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", xzxgParcel)).isEqualTo(vx);
  }
}
