package mujun.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mujun.geo.GaussKruger;
import mujun.http.Json;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OGC API – Features Parts 1, 2 and 4 over HTTP against the real app and PostGIS. */
class OgcApiTest {
  static Client coord;
  static Client editor;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    coord = Client.signedIn("t-coord");
    editor = Client.signedIn("t-resources");
  }

  static String parcelBody(String code, double[] s) {
    return "{\"type\":\"Feature\",\"geometry\":" + TestApp.polygonJson(s) + ",\"properties\":{\"code\":\"" + code
        + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"reason\":\"OGC test\"}}";
  }

  @Test
  void landingConformanceAndASelfContainedOpenApi() {
    Client anon = Client.anonymous();
    JsonNode landing = anon.get("/ogcapi").json();
    assertThat(landing.get("links").findValuesAsText("rel")).contains("self", "service-desc", "conformance", "data");
    assertThat(anon.get("/ogcapi/conformance").json().get("conformsTo").toString())
        .contains("ogcapi-features-1/1.0/conf/core", "ogcapi-features-2/1.0/conf/crs", "ogcapi-features-4/1.0/conf/create-replace-delete");
    Resp api = anon.get("/ogcapi/api");
    assertThat(api.header("Content-Type")).startsWith("application/vnd.oai.openapi+json");
    assertThat(api.body()).doesNotContain("\"$ref\":\"http").doesNotContain("\"$ref\": \"http");
    assertThat(api.json().get("servers").get(0).get("url").asText()).endsWith("/ogcapi");
    assertThat(anon.get("/ogcapi?f=html").body()).startsWith("<!doctype html>").contains("OGC API");
  }

  @Test
  void anonymousCallersSeeOnlyTheClustersAndStandardLand() {
    JsonNode cols = Client.anonymous().get("/ogcapi/collections").json().get("collections");
    assertThat(cols.findValuesAsText("id")).containsExactly("clusters", "standard-land");
    assertThat(coord.get("/ogcapi/collections").json().get("collections").findValuesAsText("id"))
        .containsExactly("clusters", "parcels", "enterprises", "standard-land", "low-efficiency-land");
    assertThat(Client.anonymous().get("/ogcapi/collections/parcels/items").status()).isEqualTo(401);
    JsonNode c = coord.get("/ogcapi/collections/parcels").json();
    assertThat(c.get("storageCrs").asText()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4490");
    assertThat(c.get("crs").toString()).contains("EPSG/0/4547", "OGC/1.3/CRS84", "EPSG/0/3857");
  }

  @Test
  void itemsPageWithNumbersAndLinksThatKeepEveryFilter() {
    Resp r = coord.get("/ogcapi/collections/parcels/items?limit=5&bbox=113.0,34.0,114.0,35.0&properties=code,areaMu");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("numberReturned").asInt()).isEqualTo(5);
    assertThat(j.get("numberMatched").asInt()).isGreaterThan(5);
    assertThat(j.get("features").get(0).get("properties").size()).isEqualTo(2);
    String next = null;
    for (JsonNode l : j.get("links")) if (l.get("rel").asText().equals("next")) next = l.get("href").asText();
    assertThat(next).contains("bbox=113.0%2C34.0%2C114.0%2C35.0").contains("properties=code%2CareaMu").contains("limit=5").contains("cursor=");
    assertThat(coord.get("/ogcapi/collections/parcels/items?foo=1").json().get("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
    assertThat(coord.get("/ogcapi/collections/parcels/items?properties=code,password").json().get("code").asText()).isEqualTo("UNKNOWN_PROPERTY");
    assertThat(coord.get("/ogcapi/collections/parcels/items?limit=0").status()).isEqualTo(400);
    assertThat(coord.get("/ogcapi/collections/parcels/items?f=html&limit=2").body()).contains("<table class=\"grid\">");
  }

  @Test
  void pagingNeverSkipsNorRepeatsWhileOthersInsert() throws Exception {
    String url = "/ogcapi/collections/parcels/items?limit=7&properties=code&bbox=113.0,34.3,113.9,35.0";
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> writer = pool.submit(() -> {
      for (int i = 0; i < 10; i++) {
        editor.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":"
            + TestApp.polygonJson(TestApp.square()) + ",\"reason\":\"concurrent\"}", Map.of());
      }
    });
    Set<Long> seen = new HashSet<>();
    List<Long> order = new ArrayList<>();
    String next = url;
    while (next != null) {
      JsonNode j = coord.get(next.replaceFirst("^https?://[^/]+", "")).json();
      for (JsonNode f : j.get("features")) {
        long id = f.get("id").asLong();
        assertThat(seen.add(id)).as("feature " + id + " repeated").isTrue();
        order.add(id);
      }
      next = null;
      for (JsonNode l : j.get("links")) if (l.get("rel").asText().equals("next")) next = l.get("href").asText();
    }
    writer.get();
    pool.shutdown();
    for (int i = 1; i < order.size(); i++) assertThat(order.get(i)).isGreaterThan(order.get(i - 1));
    // Every feature that existed before the walk and still exists was seen: compare with one page of everything.
    JsonNode all = coord.get(url.replace("limit=7", "limit=10000")).json();
    for (JsonNode f : all.get("features")) {
      long id = f.get("id").asLong();
      if (id <= order.get(order.size() - 1)) assertThat(seen).as("gap at " + id).contains(id);
    }
    // prev goes back to the same features
    JsonNode second = coord.get(url + "&cursor=" + order.get(6)).json();
    String prev = null;
    for (JsonNode l : second.get("links")) if (l.get("rel").asText().equals("prev")) prev = l.get("href").asText();
    JsonNode back = coord.get(prev.replaceFirst("^https?://[^/]+", "")).json();
    assertThat(back.get("features").get(back.get("features").size() - 1).get("id").asLong()).isEqualTo(order.get(6));
  }

  @Test
  void aPageOfMoreRowsThanOneFetchComesWholeAndInOrder() {
    // 1,100 small parcels in a cluster of their own, away from the other tests' boxes: more than one fetch of the driver.
    TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('BULK', '批量测试区', 'Bulk test', '410100', "
        + "ST_Multi(ST_MakeEnvelope(115.0, 33.0, 115.2, 33.2, 4490)))");
    TestApp.sql("INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, remarks) "
        + "SELECT '411000' || lpad(i::text, 6, '0') || 'GB00001', (SELECT id FROM cluster WHERE code = 'BULK'), "
        + "ST_Multi(ST_MakeEnvelope(115.01 + (i % 40) * 0.002, 33.01 + (i / 40) * 0.002, 115.0115 + (i % 40) * 0.002, 33.0115 + (i / 40) * 0.002, 4490)), "
        + "'GB/T 21010-2017', '0601', '' FROM generate_series(0, 1099) i");
    assertThat(OgcQuery.ROWS_PER_FETCH).isLessThan(1100);
    String url = "/ogcapi/collections/parcels/items?properties=code&bbox=115.0,33.0,115.2,33.2";
    JsonNode whole = coord.get(url + "&limit=5000").json();
    assertThat(whole.get("numberReturned").asInt()).isEqualTo(1100);
    assertThat(whole.get("numberMatched").asInt()).isEqualTo(1100);
    List<Long> ids = new ArrayList<>();
    for (JsonNode f : whole.get("features")) ids.add(f.get("id").asLong());
    for (int i = 1; i < ids.size(); i++) assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    // The same features as pages that each fit in one fetch.
    List<Long> paged = new ArrayList<>();
    String next = url + "&limit=400";
    while (next != null) {
      JsonNode j = coord.get(next.replaceFirst("^https?://[^/]+", "")).json();
      for (JsonNode f : j.get("features")) paged.add(f.get("id").asLong());
      next = null;
      for (JsonNode l : j.get("links")) if (l.get("rel").asText().equals("next")) next = l.get("href").asText();
    }
    assertThat(paged).isEqualTo(ids);
  }

  @Test
  void aParkManagerReadsOnlyTheirClusterAndAProvinceReaderReadsAll() {
    int xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    JsonNode park = Client.signedIn("t-park").get("/ogcapi/collections/parcels/items?limit=10000&properties=clusterId").json();
    assertThat(park.get("numberReturned").asInt()).isPositive()
        .isEqualTo(TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current' AND cluster_id = ?", xzxg));
    for (JsonNode f : park.get("features")) assertThat(f.get("properties").get("clusterId").asInt()).isEqualTo(xzxg);
    JsonNode all = coord.get("/ogcapi/collections/parcels/items?limit=10000&properties=clusterId").json();
    assertThat(all.get("numberMatched").asInt()).isEqualTo(TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current'"));
  }

  @Test
  void axisOrderOfEachCrs() {
    JsonNode crs84 = coord.get("/ogcapi/collections/parcels/items?limit=1").json().get("features").get(0);
    long id = crs84.get("id").asLong();
    JsonNode p84 = crs84.get("geometry").get("coordinates").get(0).get(0).get(0);
    double lon = p84.get(0).asDouble(), lat = p84.get(1).asDouble();
    JsonNode p4326 = first(coord.get("/ogcapi/collections/parcels/items/" + id + "?crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
    JsonNode p4490 = first(coord.get("/ogcapi/collections/parcels/items/" + id + "?crs=http://www.opengis.net/def/crs/EPSG/0/4490"));
    assertThat(p4326.get(0).asDouble()).isCloseTo(lat, within(1e-7));
    assertThat(p4326.get(1).asDouble()).isCloseTo(lon, within(1e-7));
    assertThat(p4490.get(0).asDouble()).isCloseTo(lat, within(1e-7));
    // CRS84 is written from the stored CGCS2000 coordinates without PROJ: exactly what PROJ's transformation gives.
    String viaProj = TestApp.stringQuery("SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 7, 0) FROM parcel WHERE id = ?", id);
    assertThat(crs84.get("geometry").toString()).isEqualTo(Json.tree(viaProj).toString());
    Resp gk = coord.get("/ogcapi/collections/parcels/items/" + id + "?crs=http://www.opengis.net/def/crs/EPSG/0/4547");
    assertThat(gk.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/4547>");
    JsonNode pgk = first(gk);
    double northing = pgk.get(0).asDouble(), easting = pgk.get(1).asDouble();
    double[] back = GaussKruger.toGeographic(38, easting, northing);
    assertThat(back[0]).isCloseTo(lon, within(1e-6));
    assertThat(back[1]).isCloseTo(lat, within(1e-6));
    // The domain's reference point: EPSG:4547 (530000, 3385000) is 114.31277485 E, 30.58494014 N.
    double[] ref = GaussKruger.toGeographic(38, 530000, 3385000);
    assertThat(ref[0]).isCloseTo(114.31277485, within(1e-7));
    // A bbox given in EPSG:4547 (northing, easting order) around the point finds the parcel.
    String bbox = (northing - 5) + "," + (easting - 5) + "," + (northing + 5) + "," + (easting + 5);
    JsonNode found = coord.get("/ogcapi/collections/parcels/items?bbox=" + bbox + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4547").json();
    assertThat(found.get("features").findValuesAsText("id")).contains(String.valueOf(id));
    assertThat(coord.get("/ogcapi/collections/parcels/items?crs=http://www.opengis.net/def/crs/EPSG/0/2000").json().get("code").asText()).isEqualTo("BAD_CRS");
  }

  static JsonNode first(Resp r) {
    return r.json().get("geometry").get("coordinates").get(0).get(0).get(0);
  }

  @Test
  void bboxAcrossTheAntimeridianIsAccepted() {
    Resp r = Client.anonymous().get("/ogcapi/collections/clusters/items?bbox=170,30,-170,40");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("numberMatched").asInt()).isZero();
  }

  @Test
  void datetimeReadsTheRegisterAsItWas() {
    Resp made = editor.send("POST", "/ogcapi/collections/parcels/items", parcelBody(TestApp.newCode(), TestApp.square()), Map.of());
    String loc = made.header("Location");
    String path = loc.replaceFirst("^https?://[^/]+", "");
    assertThat(coord.get(path + "?datetime=2001-01-01T00:00:00Z").status()).isEqualTo(404);
    assertThat(coord.get(path).status()).isEqualTo(200);
  }

  @Test
  void writesAcceptGeometriesInEveryServedCrsInItsAxisOrder() {
    double[] sq = TestApp.square();
    // The square in EPSG:4547 (northing, easting) and in EPSG:4326 (latitude, longitude), written by PostGIS.
    String[] geo = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_AsGeoJSON(ST_FlipCoordinates(ST_Transform(g, 4547)), 4), ST_AsGeoJSON(ST_FlipCoordinates(g), 9) "
          + "FROM (SELECT ST_MakeEnvelope(?, ?, ?, ?, 4490) g) x")) {
        for (int i = 0; i < 4; i++) ps.setDouble(i + 1, sq[i]);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new String[] {rs.getString(1), rs.getString(2)};
        }
      }
    });
    String[][] cases = {{"http://www.opengis.net/def/crs/EPSG/0/4547", geo[0]}, {"http://www.opengis.net/def/crs/EPSG/0/4326", geo[1]}};
    for (int k = 0; k < cases.length; k++) {
      double[] target = k == 0 ? sq : TestApp.square();
      String geometry = k == 0 ? cases[k][1] : TestApp.get().db.read(c -> {
        try (var ps = c.prepareStatement("SELECT ST_AsGeoJSON(ST_FlipCoordinates(ST_MakeEnvelope(?, ?, ?, ?, 4490)), 9)")) {
          for (int i = 0; i < 4; i++) ps.setDouble(i + 1, target[i]);
          try (var rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
          }
        }
      });
      String body = "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":{\"code\":\"" + TestApp.newCode()
          + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\"}}";
      Resp made = editor.send("POST", "/ogcapi/collections/parcels/items", body, Map.of("Content-Crs", "<" + cases[k][0] + ">"));
      assertThat(made.status()).as(cases[k][0] + " " + made.body()).isEqualTo(201);
      String loc = made.header("Location");
      JsonNode f = editor.get(loc.substring(loc.indexOf("/ogcapi"))).json();
      double minLon = 999, minLat = 999, maxLon = -999, maxLat = -999;
      for (JsonNode pt : f.at("/geometry/coordinates/0/0")) {
        minLon = Math.min(minLon, pt.get(0).asDouble());
        maxLon = Math.max(maxLon, pt.get(0).asDouble());
        minLat = Math.min(minLat, pt.get(1).asDouble());
        maxLat = Math.max(maxLat, pt.get(1).asDouble());
      }
      assertThat(minLon).as(cases[k][0]).isCloseTo(target[0], org.assertj.core.data.Offset.offset(1e-6));
      assertThat(minLat).as(cases[k][0]).isCloseTo(target[1], org.assertj.core.data.Offset.offset(1e-6));
      assertThat(maxLon).as(cases[k][0]).isCloseTo(target[2], org.assertj.core.data.Offset.offset(1e-6));
      assertThat(maxLat).as(cases[k][0]).isCloseTo(target[3], org.assertj.core.data.Offset.offset(1e-6));
    }
    Resp bad = editor.send("POST", "/ogcapi/collections/parcels/items", parcelBody(TestApp.newCode(), TestApp.square()), Map.of("Content-Crs", "<EPSG:9999>"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("BAD_CRS");
  }

  @Test
  void writesNeedIfMatchAndKeepHistory() {
    Resp made = editor.send("POST", "/ogcapi/collections/parcels/items", parcelBody(TestApp.newCode(), TestApp.square()), Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String path = made.header("Location").replaceFirst("^https?://[^/]+", "");
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    Resp item = coord.get(path);
    String etag = item.header("ETag");
    assertThat(etag).isEqualTo("\"parcel-" + id + "-v1\"");
    assertThat(item.header("Last-Modified")).endsWith("GMT");
    String patch = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"remarks\":\"via QGIS\"}}";
    assertThat(editor.send("PATCH", path, patch, Map.of()).status()).isEqualTo(428);
    Resp ok = editor.send("PATCH", path, patch, Map.of("If-Match", etag));
    assertThat(ok.status()).isEqualTo(204);
    assertThat(editor.send("PATCH", path, patch, Map.of("If-Match", etag)).status()).isEqualTo(412);
    assertThat(editor.send("PUT", path, parcelBody("bad", TestApp.square()), Map.of("If-Match", ok.header("ETag"))).status()).isEqualTo(422);
    assertThat(Client.signedIn("t-viewer").send("DELETE", path, null, Map.of("If-Match", ok.header("ETag"))).status()).isEqualTo(403);
    assertThat(editor.send("DELETE", path, null, Map.of("If-Match", ok.header("ETag"))).status()).isEqualTo(204);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE id = ? AND status = 'retired'", id)).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version WHERE parcel_id = ?", id)).isEqualTo(3);
    assertThat(coord.get(path).status()).isEqualTo(404);
  }

  @Test
  void optionsTellsWhoMayEdit() {
    assertThat(editor.send("OPTIONS", "/ogcapi/collections/parcels/items", null, Map.of()).header("Allow")).contains("POST");
    assertThat(Client.signedIn("t-viewer").send("OPTIONS", "/ogcapi/collections/parcels/items/1", null, Map.of()).header("Allow")).doesNotContain("PUT");
    assertThat(editor.send("OPTIONS", "/ogcapi/collections/parcels/items/1", null, Map.of()).header("Allow")).contains("PUT", "PATCH", "DELETE");
  }

  @Test
  void filtersSelectFeaturesAndRefuseWhatIsNotAQueryable() {
    String base = "/ogcapi/collections/parcels/items?limit=10000&properties=landUseCode,areaMu&filter=";
    JsonNode all = coord.get("/ogcapi/collections/parcels/items?limit=10000&properties=landUseCode").json();
    JsonNode storage = coord.get(base + enc("landUseCode = '0604' AND areaMu > 5")).json();
    assertThat(storage.get("numberMatched").asInt()).isGreaterThan(0).isLessThan(all.get("numberMatched").asInt());
    for (JsonNode f : storage.get("features")) {
      assertThat(f.get("properties").get("landUseCode").asText()).isEqualTo("0604");
      assertThat(f.get("properties").get("areaMu").asDouble()).isGreaterThan(5);
    }
    JsonNode json = coord.get(base + enc("{\"op\":\"=\",\"args\":[{\"property\":\"landUseCode\"},\"0604\"]}") + "&filter-lang=cql2-json").json();
    assertThat(json.get("numberMatched").asInt()).isGreaterThanOrEqualTo(storage.get("numberMatched").asInt());
    JsonNode spatial = coord.get(base + enc("S_INTERSECTS(geometry, BBOX(113.0, 34.3, 113.9, 34.6))")).json();
    assertThat(spatial.get("numberMatched").asInt()).isGreaterThan(0);
    JsonNode like = coord.get(base + enc("code LIKE '410184%'")).json();
    assertThat(like.get("numberMatched").asInt()).isGreaterThan(0);
    assertThat(coord.get(base + enc("code LIKE '%'")).json().get("numberMatched").asInt()).isEqualTo(all.get("numberMatched").asInt());
    int before = TestApp.intQuery("SELECT count(*) FROM parcel");
    for (String bad : new String[] {"code = 'x'; DROP TABLE parcel", "holderName = 'x'", "pg_sleep(5) = 1", "code =", "((("}) {
      Resp r = coord.get(base + enc(bad));
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().get("code").asText()).isIn("BAD_FILTER", "UNKNOWN_PROPERTY");
    }
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel")).isEqualTo(before);
    JsonNode q = coord.get("/ogcapi/collections/parcels/queryables").json();
    assertThat(q.get("properties").has("landUseCode")).isTrue();
    assertThat(q.get("properties").get("supplyDate").get("format").asText()).isEqualTo("date");
    // A filter on the public collection cannot reach private data.
    assertThat(Client.anonymous().get("/ogcapi/collections/clusters/items?filter=" + enc("creditCode = 'x'")).status()).isEqualTo(400);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void severalSortKeysInMixedDirectionsPageForwardAndBackWithoutGapsOrRepeats() {
    String url = "/ogcapi/collections/parcels/items?limit=7&properties=landUseCode,areaMu&sortby=landUseCode,-areaMu&bbox=113.0,34.3,113.9,35.0";
    List<Long> ids = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    String next = url;
    while (next != null) {
      pages.add(next.replaceFirst("^https?://[^/]+", ""));
      JsonNode j = coord.get(pages.get(pages.size() - 1)).json();
      for (JsonNode f : j.get("features")) ids.add(f.get("id").asLong());
      next = null;
      for (JsonNode l : j.get("links")) if (l.get("rel").asText().equals("next")) next = l.get("href").asText();
    }
    JsonNode all = coord.get(url.replace("limit=7", "limit=10000")).json();
    List<Long> allIds = new ArrayList<>();
    String prevCode = "";
    double prevArea = Double.MAX_VALUE;
    for (JsonNode f : all.get("features")) {
      allIds.add(f.get("id").asLong());
      String code = f.at("/properties/landUseCode").asText();
      double area = f.at("/properties/areaMu").asDouble();
      assertThat(code.compareTo(prevCode)).isGreaterThanOrEqualTo(0);
      if (code.equals(prevCode)) assertThat(area).isLessThanOrEqualTo(prevArea);
      prevCode = code;
      prevArea = area;
    }
    assertThat(allIds.size()).isGreaterThan(14);
    assertThat(ids).isEqualTo(allIds);
    // Back from the third page: the prev link gives exactly the second page.
    JsonNode third = coord.get(pages.get(2)).json();
    String prev = null;
    for (JsonNode l : third.get("links")) if (l.get("rel").asText().equals("prev")) prev = l.get("href").asText();
    List<Long> back = new ArrayList<>();
    for (JsonNode f : coord.get(prev.replaceFirst("^https?://[^/]+", "")).json().get("features")) back.add(f.get("id").asLong());
    assertThat(back).isEqualTo(allIds.subList(7, 14));
  }

  @Test
  void sortbyPagesInKeysetOrderWithoutGapsOrRepeats() {
    String url = "/ogcapi/collections/parcels/items?limit=9&properties=areaMu&sortby=-areaMu&bbox=113.0,34.3,113.9,35.0";
    List<Long> ids = new ArrayList<>();
    List<Double> areas = new ArrayList<>();
    String next = url;
    while (next != null) {
      JsonNode j = coord.get(next.replaceFirst("^https?://[^/]+", "")).json();
      for (JsonNode f : j.get("features")) {
        ids.add(f.get("id").asLong());
        areas.add(f.get("properties").get("areaMu").asDouble());
      }
      next = null;
      for (JsonNode l : j.get("links")) if (l.get("rel").asText().equals("next")) next = l.get("href").asText();
    }
    for (int i = 1; i < areas.size(); i++) assertThat(areas.get(i)).isLessThanOrEqualTo(areas.get(i - 1));
    JsonNode all = coord.get(url.replace("limit=9", "limit=10000")).json();
    List<Long> allIds = new ArrayList<>();
    for (JsonNode f : all.get("features")) allIds.add(f.get("id").asLong());
    assertThat(ids).isEqualTo(allIds);
    assertThat(coord.get("/ogcapi/collections/parcels/items?sortby=secret").json().get("code").asText()).isEqualTo("UNKNOWN_PROPERTY");
    assertThat(coord.get("/ogcapi/collections/parcels/items?sortby=code,-code").json().get("code").asText()).isEqualTo("BAD_SORTBY");
    assertThat(coord.get("/ogcapi/collections/parcels/items?sortby=code&cursor=not-a-token").json().get("code").asText()).isEqualTo("BAD_PARAMETER");
  }
}
