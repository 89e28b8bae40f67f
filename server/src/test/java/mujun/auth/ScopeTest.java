package mujun.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No path crosses a scope: cached tiles per exact scope (two scopes whose old 32-bit hash collided), enterprise ids and
 * credit codes resolved within the caller's clusters (parcel holders, standard-land winners, disposal plans' new
 * enterprises) with the same answer as for one that does not exist, and imports only into the caller's clusters with
 * reports that name nothing outside them. The demo's clusters: 1 XZXG (t-park), 2 LYGX (city 410300, t-city), 3 DZCY.
 */
class ScopeTest {
  static Client city;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    city = Client.signedIn("t-city");
  }

  static String text(String sql, Object... params) {
    return TestApp.get().db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  static long clusterId(String code) {
    return TestApp.intQuery("SELECT id FROM cluster WHERE code = ?", code);
  }

  @Test
  void scopesWhoseOldHashCollidedGetTheirOwnTiles() {
    // Arrays.hashCode({1, 34}) == Arrays.hashCode({2, 3}); make sure a cluster with id 34 exists.
    int k = 0;
    while (TestApp.intQuery("SELECT COALESCE(max(id), 0) FROM cluster") < 34) {
      TestApp.sql(String.format(java.util.Locale.ROOT, "INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('HASH%02d', '散列%02d', 'Hash %02d', '411500', "
          + "ST_Multi(ST_MakeEnvelope(%f, 32.10, %f, 32.11, 4490)))", k, k, k, 114.0 + k * 0.02, 114.01 + k * 0.02));
      k++;
    }
    assertThat(java.util.Arrays.hashCode(new Integer[] {1, 34})).isEqualTo(java.util.Arrays.hashCode(new Integer[] {2, 3}));
    String c1 = text("SELECT code FROM cluster WHERE id = 1"), c2 = text("SELECT code FROM cluster WHERE id = 2"),
        c3 = text("SELECT code FROM cluster WHERE id = 3"), c34 = text("SELECT code FROM cluster WHERE id = 34");
    TestApp.get().auth.addUser("hash-a", "Hash A", TestApp.PASSWORD, List.of("park:cluster:" + c1, "park:cluster:" + c34));
    TestApp.get().auth.addUser("hash-b", "Hash B", TestApp.PASSWORD, List.of("park:cluster:" + c2, "park:cluster:" + c3));
    // A tile at zoom 16 over a parcel of cluster 1.
    String[] p = text("SELECT code || ' ' || ST_X(ST_PointOnSurface(geom)) || ' ' || ST_Y(ST_PointOnSurface(geom)) FROM parcel "
        + "WHERE cluster_id = 1 AND status = 'current' ORDER BY id LIMIT 1").split(" ");
    double lon = Double.parseDouble(p[1]), lat = Double.parseDouble(p[2]);
    int z = 16, n = 1 << z;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
    String path = "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
    Client a = Client.signedIn("hash-a"), b = Client.signedIn("hash-b");
    Resp ta = a.get(path);
    assertThat(ta.status()).isEqualTo(200);
    byte[] ba = a.getBytes(path), bb = b.getBytes(path);
    assertThat(new String(ba, StandardCharsets.ISO_8859_1)).as("cluster 1's manager sees its parcel").contains(p[0]);
    assertThat(new String(bb, StandardCharsets.ISO_8859_1)).as("the manager of clusters 2 and 3 does not").doesNotContain(p[0]);
    assertThat(b.get(path).header("ETag")).isNotEqualTo(ta.header("ETag"));
  }

  @Test
  void aParcelHolderFromOutsideTheScopeIsRefusedLikeAMissingOne() {
    long lygx = clusterId("LYGX"), xzxg = clusterId("XZXG");
    String parcel = text("SELECT id || ' ' || version FROM parcel WHERE cluster_id = ? AND status = 'current' ORDER BY id DESC LIMIT 1", lygx);
    long id = Long.parseLong(parcel.split(" ")[0]);
    int v = Integer.parseInt(parcel.split(" ")[1]);
    String[] foreign = text("SELECT id || '|' || name || '|' || credit_code FROM enterprise WHERE cluster_id = ? ORDER BY id LIMIT 1", xzxg).split("\\|");
    String before = text("SELECT COALESCE(holder_id::text, '') FROM parcel WHERE id = ?", id);

    Resp refused = city.send("PATCH", "/api/parcels/" + id, "{\"holderId\":" + foreign[0] + ",\"reason\":\"scope test\"}", Map.of("If-Match", "\"parcel-" + id + "-v" + v + "\""));
    Resp missing = city.send("PATCH", "/api/parcels/" + id, "{\"holderId\":987654321,\"reason\":\"scope test\"}", Map.of("If-Match", "\"parcel-" + id + "-v" + v + "\""));
    assertThat(city.get("/api/enterprises/" + foreign[0]).status()).as("a read of it").isEqualTo(404);
    assertThat(refused.status()).as(refused.body()).isEqualTo(404);
    assertThat(refused.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(refused.body()).doesNotContain(foreign[1]).doesNotContain(foreign[2]);
    assertThat(missing.status()).as("an id that exists nowhere: " + missing.body()).isIn(404, 422);
    assertThat(text("SELECT COALESCE(holder_id::text, '') FROM parcel WHERE id = ?", id)).as("nothing changed").isEqualTo(before);

    // The same through the OGC API.
    Resp ogc = city.send("PATCH", "/ogcapi/collections/parcels/items/" + id, "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"holderId\":" + foreign[0] + "}}",
        Map.of("If-Match", "\"parcel-" + id + "-v" + v + "\""));
    assertThat(ogc.status()).as(ogc.body()).isEqualTo(404);
    assertThat(ogc.body()).doesNotContain(foreign[1]).doesNotContain(foreign[2]);

    // An enterprise of the caller's own city is accepted.
    String own = text("SELECT id::text FROM enterprise WHERE cluster_id = ? ORDER BY id LIMIT 1", lygx);
    Resp ok = city.send("PATCH", "/api/parcels/" + id, "{\"holderId\":" + own + ",\"reason\":\"scope test\"}", Map.of("If-Match", "\"parcel-" + id + "-v" + v + "\""));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void aWinnerOrNewEnterpriseFromOutsideTheScopeIsAnswerredLikeAnUnregisteredOne() {
    Client park = Client.signedIn("t-park"); // cluster XZXG only
    long dzcy = clusterId("DZCY"), xzxg = clusterId("XZXG");
    String foreignCode = text("SELECT credit_code FROM enterprise WHERE cluster_id = ? ORDER BY id LIMIT 1", dzcy);
    String unregistered = "91410100MA" + "0000001";
    unregistered = unregistered + mujun.enterprise.CreditCode.checkChar(unregistered);
    assertThat(text("SELECT count(*)::text FROM enterprise WHERE credit_code = ?", unregistered)).isEqualTo("0");

    // A disposal plan of a tag in XZXG: the new enterprise's credit code.
    String plan = text("SELECT d.id || ' ' || d.version FROM disposal_plan d JOIN low_eff_tag t ON t.id = d.tag_id WHERE t.cluster_id = ? ORDER BY d.id LIMIT 1", xzxg);
    long planId = Long.parseLong(plan.split(" ")[0]);
    String etag = "\"plan-" + planId + "-v" + plan.split(" ")[1] + "\"";
    Resp foreignPlan = park.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"newEnterpriseCreditCode\":\"" + foreignCode + "\"}", Map.of("If-Match", etag));
    Resp unknownPlan = park.send("PATCH", "/api/low-efficiency/plans/" + planId, "{\"newEnterpriseCreditCode\":\"" + unregistered + "\"}", Map.of("If-Match", etag));
    assertThat(foreignPlan.status()).as(foreignPlan.body()).isEqualTo(unknownPlan.status()).isBetween(400, 499);
    assertThat(withoutRequestId(foreignPlan.body()).replace(foreignCode, "X")).isEqualTo(withoutRequestId(unknownPlan.body()).replace(unregistered, "X"));

    // A standard-land offering of XZXG transferred to an enterprise of DZCY.
    long offering = TestApp.intQuery("SELECT id FROM standard_land WHERE cluster_id = ? AND status = 'announced' ORDER BY id LIMIT 1", xzxg);
    String oEtag = park.get("/api/standard-land/" + offering).header("ETag");
    String body = "{\"to\":\"transferred\",\"date\":\"" + java.time.LocalDate.now() + "\",\"enterpriseCreditCode\":\"%s\",\"transactionPriceWan\":99999,"
        + "\"agreedStartDate\":\"" + java.time.LocalDate.now().plusDays(90) + "\",\"agreedCompletionDate\":\"" + java.time.LocalDate.now().plusDays(700) + "\"}";
    Resp foreignWinner = park.send("POST", "/api/standard-land/" + offering + "/transition", String.format(body, foreignCode), Map.of("If-Match", oEtag));
    Resp unknownWinner = park.send("POST", "/api/standard-land/" + offering + "/transition", String.format(body, unregistered), Map.of("If-Match", oEtag));
    assertThat(foreignWinner.status()).as(foreignWinner.body()).isEqualTo(unknownWinner.status()).isBetween(400, 499);
    assertThat(withoutRequestId(foreignWinner.body()).replace(foreignCode, "X")).isEqualTo(withoutRequestId(unknownWinner.body()).replace(unregistered, "X"));
    assertThat(text("SELECT status FROM standard_land WHERE id = ?", offering)).isEqualTo("announced");
  }

  /** Runs {@code sql} as a change by a user who reads only {@code clusters}; returns the SQLSTATE it failed with, or null. */
  static String asScoped(Integer[] clusters, String sql, Object... params) {
    try {
      TestApp.get().db.inTransaction(new mujun.db.Db.Change("scope-test", "scope test", "", clusters), c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
          ps.executeUpdate();
        }
        throw new IllegalStateException("passed; rolled back");
      });
    } catch (mujun.error.ApiError e) {
      return e.code;
    } catch (IllegalStateException e) {
      return "PASSED";
    }
    return null;
  }

  @Test
  void theDatabaseRefusesForeignEnterprisesOnEveryTable() {
    long xzxg = clusterId("XZXG"), dzcy = clusterId("DZCY");
    long foreign = TestApp.intQuery("SELECT id FROM enterprise WHERE cluster_id = ? ORDER BY id LIMIT 1", dzcy);
    long own = TestApp.intQuery("SELECT id FROM enterprise WHERE cluster_id = ? ORDER BY id LIMIT 1", xzxg);
    Integer[] scope = {(int) xzxg};
    long parcel = TestApp.intQuery("SELECT id FROM parcel WHERE cluster_id = ? AND status = 'current' ORDER BY id LIMIT 1", xzxg);
    long plan = TestApp.intQuery("SELECT d.id FROM disposal_plan d JOIN low_eff_tag t ON t.id = d.tag_id WHERE t.cluster_id = ? ORDER BY d.id LIMIT 1", xzxg);
    long offering = TestApp.intQuery("SELECT id FROM standard_land WHERE cluster_id = ? ORDER BY id LIMIT 1", xzxg);
    assertThat(asScoped(scope, "UPDATE parcel SET holder_id = ? WHERE id = ?", foreign, parcel)).isEqualTo("NOT_FOUND");
    assertThat(asScoped(scope, "UPDATE disposal_plan SET new_enterprise_id = ? WHERE id = ?", foreign, plan)).isEqualTo("NOT_FOUND");
    assertThat(asScoped(scope, "UPDATE standard_land SET enterprise_id = ? WHERE id = ?", foreign, offering)).isEqualTo("NOT_FOUND");
    // The caller's own enterprise passes the rule (and the change is rolled back by the test).
    assertThat(asScoped(scope, "UPDATE parcel SET holder_id = ? WHERE id = ?", own, parcel)).isEqualTo("PASSED");
  }

  @Test
  void importsTargetOnlyTheCallersClustersAndTheirReportsNameNothingOutside() throws Exception {
    long xzxg = clusterId("XZXG");
    // 403 for a chosen cluster outside the caller's scope, before anything is stored.
    Resp chosen = TestApp.upload(city, "/api/imports?name=a.geojson&cluster=" + xzxg, "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(chosen.status()).as(chosen.body()).isEqualTo(403);
    // A file whose outline lies on a parcel of XZXG (and one that reuses another XZXG parcel's code).
    String[] p = text("SELECT code || '|' || ST_AsGeoJSON(geom, 7) FROM parcel WHERE cluster_id = ? AND status = 'current' ORDER BY id LIMIT 1", xzxg).split("\\|");
    String other = text("SELECT code FROM parcel WHERE cluster_id = ? AND status = 'current' ORDER BY id DESC LIMIT 1", xzxg);
    String fc = "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"" + TestApp.newCode() + "\",\"DLBM\":\"0601\"},\"geometry\":" + p[1] + "},"
        + "{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"" + other + "\",\"DLBM\":\"0601\"},\"geometry\":" + p[1] + "}]}";
    Resp up = TestApp.upload(city, "/api/imports?name=cross.geojson", fc.getBytes(StandardCharsets.UTF_8));
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    long id = up.json().get("id").asLong();
    Resp checked = city.send("POST", "/api/imports/" + id + "/check", "{}", Map.of());
    assertThat(checked.status()).as(checked.body()).isEqualTo(200);
    assertThat(checked.json().get("counts").get("rejected").asInt()).isEqualTo(2);
    Resp report = city.get("/api/imports/" + id + "/features");
    assertThat(report.body()).contains("OUT_OF_SCOPE").doesNotContain(p[0]);
    for (JsonNode f : report.json().get("features")) {
      assertThat(f.get("properties").toString()).doesNotContain(p[0]);
    }
    String csv = new String(city.getBytes("/api/imports/" + id + "/report.csv"), StandardCharsets.UTF_8);
    assertThat(csv).doesNotContain(p[0]);
    assertThat(city.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"all\"}", Map.of()).status()).isEqualTo(409);
  }

  /** The body without its request id (each answer has its own). */
  static String withoutRequestId(String body) {
    return body.replaceAll(",?\"requestId\":\"[^\"]*\"", "");
  }
}
