package mujun.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Desktop GIS clients sign in the ways they can: GDAL's OAPIF driver (the engine QGIS's provider mirrors) with HTTP
 * Basic — the user name and an API token as the password — and with a Bearer header; public resources never refuse a
 * request for carrying credentials, good or bad.
 */
class GisClientsTest {
  static String token;

  @BeforeAll
  static void setUp() {
    Client c = Client.signedIn("t-resources");
    Resp made = c.send("POST", "/api/tokens", "{\"name\":\"QGIS\",\"days\":30}", Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    token = made.json().get("token").asText();
  }

  static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  static long featureCount(String out) {
    Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1));
  }

  static List<String> ogrinfo(String layer, String... config) {
    List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro", "-so", "OAPIF:" + TestApp.base() + "/ogcapi", layer));
    for (int i = 0; i < config.length; i += 2) cmd.addAll(List.of("--config", config[i], config[i + 1]));
    return cmd;
  }

  @Test
  void gdalReadsASignedInLayerWithBasicAuthAndWithABearerToken() throws Exception {
    long current = TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current'");
    String basic = run(ogrinfo("parcels", "GDAL_HTTP_AUTH", "BASIC", "GDAL_HTTP_USERPWD", "t-resources:" + token));
    assertThat(featureCount(basic)).isEqualTo(current);
    String bearer = run(ogrinfo("parcels", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + token));
    assertThat(featureCount(bearer)).isEqualTo(current);
    // Every feature comes through, page after page, with Basic auth.
    String all = run(List.of("ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", "OAPIF:" + TestApp.base() + "/ogcapi", "enterprises",
        "--config", "GDAL_HTTP_AUTH", "BASIC", "--config", "GDAL_HTTP_USERPWD", "t-resources:" + token));
    assertThat(all.lines().filter(l -> l.contains("\"Feature\"")).count())
        .isEqualTo(TestApp.intQuery("SELECT count(*) FROM enterprise"));
  }

  @Test
  void basicAuthNeedsTheTokensOwnerAndATokenNotAPassword() {
    String wrongUser = "Basic " + Base64.getEncoder().encodeToString(("t-viewer:" + token).getBytes(StandardCharsets.UTF_8));
    String password = "Basic " + Base64.getEncoder().encodeToString(("t-resources:" + TestApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
    String good = "Basic " + Base64.getEncoder().encodeToString(("t-resources:" + token).getBytes(StandardCharsets.UTF_8));
    Client anon = Client.anonymous();
    assertThat(anon.send("GET", "/ogcapi/collections/parcels/items?limit=1", null, Map.of("Authorization", good)).status()).isEqualTo(200);
    for (String bad : List.of(wrongUser, password, "Basic !!!", "Digest x")) {
      Resp r = anon.send("GET", "/ogcapi/collections/parcels/items?limit=1", null, Map.of("Authorization", bad));
      assertThat(r.status()).as(bad).isEqualTo(401);
      assertThat(r.json().get("code").asText()).isEqualTo("BAD_TOKEN");
    }
    Resp challenge = anon.get("/ogcapi/collections/parcels/items?limit=1");
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.header("WWW-Authenticate")).startsWith("Basic ");
    assertThat(anon.get("/api/session").header("WWW-Authenticate")).as("the web app's API never asks the browser for a password").isNull();
  }

  @Test
  void publicResourcesNeverRefuseCredentials() {
    Client anon = Client.anonymous();
    for (String creds : List.of("Basic " + Base64.getEncoder().encodeToString("someone:wrong".getBytes(StandardCharsets.UTF_8)), "Bearer mjt_nonsense", "Negotiate abc")) {
      for (String path : List.of("/ogcapi", "/ogcapi/collections", "/ogcapi/collections/clusters/items?limit=2", "/health", "/api/public/standard-land")) {
        Resp r = anon.send("GET", path, null, Map.of("Authorization", creds));
        assertThat(r.status()).as(path + " with " + creds + ": " + r.body()).isEqualTo(200);
      }
    }
  }

  /** A parcel made for a write test; returns its OGC item path. */
  static String newParcel(Client editor) {
    String body = "{\"type\":\"Feature\",\"geometry\":" + TestApp.polygonJson(TestApp.square()) + ",\"properties\":{\"code\":\"" + TestApp.newCode()
        + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\"}}";
    Resp made = editor.send("POST", "/ogcapi/collections/parcels/items", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.header("Location").replaceFirst("^https?://[^/]+", "");
  }

  @Test
  void theWritesQgisSendsAreTakenAndAStaleDesktopEditIsRefused() {
    Client editor = Client.signedIn("t-resources");
    String path = newParcel(editor);
    // QGIS (3.32+) PUTs back every property it read — areas and version included — with no If-Match.
    com.fasterxml.jackson.databind.node.ObjectNode read = (com.fasterxml.jackson.databind.node.ObjectNode) editor.get(path).json();
    read.remove("links");
    ((com.fasterxml.jackson.databind.node.ObjectNode) read.get("properties")).put("remarks", "edited in QGIS");
    Resp put = editor.send("PUT", path, read.toString(), Map.of());
    assertThat(put.status()).as(put.body()).isEqualTo(204);
    assertThat(put.header("ETag")).endsWith("-v2\"");
    assertThat(editor.get(path).json().at("/properties/remarks").asText()).isEqualTo("edited in QGIS");
    // The same desktop copy saved again (someone else's edit in between, or its own): refused, nothing changes.
    ((com.fasterxml.jackson.databind.node.ObjectNode) read.get("properties")).put("remarks", "stale");
    Resp stale = editor.send("PUT", path, read.toString(), Map.of());
    assertThat(stale.status()).as(stale.body()).isEqualTo(412);
    // A computed property changed is refused; one sent as read is ignored.
    com.fasterxml.jackson.databind.node.ObjectNode now = (com.fasterxml.jackson.databind.node.ObjectNode) editor.get(path).json();
    now.remove("links");
    ((com.fasterxml.jackson.databind.node.ObjectNode) now.get("properties")).put("areaM2", 1.0);
    Resp area = editor.send("PUT", path, now.toString(), Map.of());
    assertThat(area.status()).as(area.body()).isEqualTo(422);
    assertThat(area.json().get("code").asText()).isEqualTo("READ_ONLY");
    // PATCH without "type": with the version it read it lands; with none, 428 says what is missing.
    Resp patch = editor.send("PATCH", path, "{\"properties\":{\"remarks\":\"patched\",\"version\":2}}", Map.of());
    assertThat(patch.status()).as(patch.body()).isEqualTo(204);
    assertThat(editor.send("PATCH", path, "{\"properties\":{\"remarks\":\"no version\"}}", Map.of()).status()).isEqualTo(428);
    // If-Match: * writes over whatever is current.
    Resp star = editor.send("PATCH", path, "{\"properties\":{\"remarks\":\"star\"}}", Map.of("If-Match", "*"));
    assertThat(star.status()).as(star.body()).isEqualTo(204);
    assertThat(star.header("ETag")).endsWith("-v4\"");
    // A missing feature: 412 with If-Match, 404 without; OPTIONS answers 200.
    String missing = "/ogcapi/collections/parcels/items/987654321";
    assertThat(editor.send("PUT", missing, read.toString(), Map.of("If-Match", "\"parcel-987654321-v1\"")).status()).isEqualTo(412);
    assertThat(editor.send("PUT", missing, read.toString(), Map.of()).status()).isEqualTo(404);
    Resp options = editor.send("OPTIONS", path, null, Map.of());
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.header("Allow")).contains("PUT", "PATCH", "DELETE");
  }

  @Test
  void datetimeIsAnInstantOrAnIntervalOnEveryCollection() {
    Client c = Client.signedIn("t-resources");
    int now = c.get("/ogcapi/collections/parcels/items?limit=1").json().get("numberMatched").asInt();
    assertThat(c.get("/ogcapi/collections/parcels/items?limit=1&datetime=2001-01-01T00:00:00Z/..").json().get("numberMatched").asInt()).isEqualTo(now);
    assertThat(c.get("/ogcapi/collections/parcels/items?limit=1&datetime=../2001-01-01T00:00:00Z").json().get("numberMatched").asInt()).isZero();
    assertThat(c.get("/ogcapi/collections/parcels/items?limit=1&datetime=2001-01-01/2001-12-31").json().get("numberMatched").asInt()).isZero();
    for (String id : List.of("clusters", "enterprises", "standard-land", "low-efficiency-land")) {
      Resp all = c.get("/ogcapi/collections/" + id + "/items?limit=1");
      Resp timed = c.get("/ogcapi/collections/" + id + "/items?limit=1&datetime=2020-01-01T00:00:00Z/..");
      assertThat(timed.status()).as(id + ": " + timed.body()).isEqualTo(200);
      assertThat(timed.json().get("numberMatched").asInt()).as(id + " has no time: every feature matches").isEqualTo(all.json().get("numberMatched").asInt());
    }
    assertThat(c.get("/ogcapi/collections/clusters/items?datetime=yesterday").status()).isEqualTo(400);
    assertThat(c.get("/ogcapi/collections/clusters/items?datetime=a/b/c").status()).isEqualTo(400);
  }

  @Test
  void theCollectionsPageLinksItsHtmlAndTheApiDocumentSaysItsCharset() {
    Client anon = Client.anonymous();
    Resp cols = anon.get("/ogcapi/collections");
    boolean alternate = false;
    for (var l : cols.json().get("links")) alternate |= l.get("rel").asText().equals("alternate") && l.get("type").asText().equals("text/html");
    assertThat(alternate).isTrue();
    Resp api = anon.get("/ogcapi/api");
    assertThat(api.header("Content-Type")).contains("charset=utf-8");
    assertThat(api.body()).contains("OGC API – Features");
    var doc = api.json();
    for (var path : List.of("/collections/clusters/items", "/collections/parcels/items", "/collections/enterprises/items")) {
      boolean dt = false;
      for (var prm : doc.at("/paths/" + path.replace("/", "~1") + "/get/parameters")) {
        if (prm.path("name").asText().equals("datetime")) dt = prm.path("style").asText().equals("form");
        if (prm.path("name").asText().equals("limit")) assertThat(prm.path("style").asText()).isEqualTo("form");
      }
      assertThat(dt).as(path + " has a datetime parameter, style form").isTrue();
    }
  }

  @Test
  void queryablesAreParametersTooAndGdalPushesItsWhereToTheServer() throws Exception {
    Client c = Client.signedIn("t-resources");
    int industrial = TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current' AND land_use_code = '0601'");
    assertThat(c.get("/ogcapi/collections/parcels/items?limit=1&landUseCode=0601").json().get("numberMatched").asInt()).isEqualTo(industrial);
    assertThat(c.get("/ogcapi/collections/parcels/items?limit=1&clusterId=abc").status()).isEqualTo(400);
    String out = run(List.of("ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", "OAPIF:" + TestApp.base() + "/ogcapi", "parcels", "-where", "landUseCode = '0601'",
        "--config", "GDAL_HTTP_AUTH", "BASIC", "--config", "GDAL_HTTP_USERPWD", "t-resources:" + token));
    assertThat(out.lines().filter(l -> l.contains("\"Feature\"")).count()).isEqualTo(industrial);
    // Queryables: JSON Schema 2020-12 as application/schema+json, linked from the collection.
    Resp qs = c.get("/ogcapi/collections/parcels/queryables");
    assertThat(qs.header("Content-Type")).startsWith("application/schema+json");
    assertThat(qs.json().get("$schema").asText()).contains("2020-12");
    boolean linked = false;
    for (var l : c.get("/ogcapi/collections/parcels").json().get("links")) linked |= l.get("rel").asText().endsWith("/queryables");
    assertThat(linked).isTrue();
    assertThat(Client.anonymous().get("/ogcapi/conformance").body()).contains("optimistic-locking-etags");
  }

  @Test
  void filterCrsAndBboxCrsTakeEveryServedCrs() {
    Client c = Client.signedIn("t-resources");
    String[] box = TestApp.get().db.read(conn -> {
      try (var ps = conn.prepareStatement("SELECT ST_XMin(e) || ',' || ST_YMin(e) || ',' || ST_XMax(e) || ',' || ST_YMax(e), "
          + "ST_YMin(g) || ',' || ST_XMin(g) || ',' || ST_YMax(g) || ',' || ST_XMax(g) FROM (SELECT ST_Expand(ST_Envelope(geom), 0.002) e, "
          + "ST_Transform(ST_Expand(ST_Envelope(geom), 0.002), 4547) g FROM parcel WHERE status = 'current' AND cluster_id = 1 ORDER BY id LIMIT 1) x");
           var rs = ps.executeQuery()) {
        rs.next();
        return new String[] {rs.getString(1), rs.getString(2)};
      }
    });
    String[] ll = box[0].split(","), gk = box[1].split(",");
    int inCrs84 = c.get("/ogcapi/collections/parcels/items?limit=1&filter=" + java.net.URLEncoder.encode(
        "S_INTERSECTS(geometry, BBOX(" + box[0] + "))", StandardCharsets.UTF_8)).json().get("numberMatched").asInt();
    assertThat(inCrs84).isPositive();
    // The same box in zone 38 (northing, easting: EPSG axis order) as filter-crs; a box a little smaller than its
    // transformed outline, so at least the parcels in CRS84 are found.
    Resp gkFilter = c.get("/ogcapi/collections/parcels/items?limit=1&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4547&filter="
        + java.net.URLEncoder.encode("S_INTERSECTS(geometry, BBOX(" + box[1] + "))", StandardCharsets.UTF_8));
    assertThat(gkFilter.status()).as(gkFilter.body()).isEqualTo(200);
    assertThat(gkFilter.json().get("numberMatched").asInt()).isGreaterThanOrEqualTo(inCrs84);
    // EPSG:4326 in latitude, longitude order.
    Resp latLon = c.get("/ogcapi/collections/parcels/items?limit=1&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4326&filter="
        + java.net.URLEncoder.encode("S_INTERSECTS(geometry, BBOX(" + ll[1] + "," + ll[0] + "," + ll[3] + "," + ll[2] + "))", StandardCharsets.UTF_8));
    assertThat(latLon.json().get("numberMatched").asInt()).isEqualTo(inCrs84);
    // A bbox outside the zone's domain is the caller's mistake: 400, never 500.
    Resp outside = c.get("/ogcapi/collections/parcels/items?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4547&bbox=1e12,1e12,2e12,2e12");
    assertThat(outside.status()).as(outside.body()).isEqualTo(400);
    assertThat(outside.json().get("code").asText()).isEqualTo("BAD_BBOX");
  }

  @Test
  void headOnAnItemGivesTheHeadersOfGetWithoutABody() throws Exception {
    Client c = Client.signedIn("t-resources");
    String path = newParcel(c);
    Resp get = c.get(path);
    Resp head = c.send("HEAD", path, null, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(head.header("Content-Type")).startsWith("application/geo+json");
    assertThat(head.body()).isEmpty();
  }

  /** Outlines in a FeatureCollection (JSON text) that PostGIS finds invalid. */
  static int invalid(String featureCollection) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT count(*) FROM jsonb_array_elements(?::jsonb -> 'features') f "
          + "WHERE jsonb_typeof(f -> 'geometry') = 'object' AND NOT ST_IsValid(ST_GeomFromGeoJSON(f ->> 'geometry'))")) {
        ps.setString(1, featureCollection);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Test
  void everyOutlineWrittenIsValidAtThePrecisionItIsWrittenIn() {
    Client c = Client.signedIn("t-resources");
    for (String crs : List.of("", "&crs=http://www.opengis.net/def/crs/EPSG/0/4547", "&crs=http://www.opengis.net/def/crs/EPSG/0/3857")) {
      Resp page = c.get("/ogcapi/collections/enterprises/items?limit=1000" + crs);
      assertThat(page.status()).isEqualTo(200);
      assertThat(invalid(page.body())).as("invalid enterprise outlines in " + (crs.isEmpty() ? "CRS84" : crs)).isZero();
    }
  }

  @Test
  void collectionExtentsComeFromTheData() {
    TestApp.sql("ANALYZE parcel");
    var bbox = Client.signedIn("t-resources").get("/ogcapi/collections/parcels").json().at("/extent/spatial/bbox/0");
    String[] real = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_XMin(e) || ' ' || ST_YMin(e) || ' ' || ST_XMax(e) || ' ' || ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM parcel) x");
           var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1).split(" ");
      }
    });
    assertThat(bbox.get(0).asDouble()).isLessThanOrEqualTo(Double.parseDouble(real[0])).isGreaterThan(110.35);
    assertThat(bbox.get(1).asDouble()).isLessThanOrEqualTo(Double.parseDouble(real[1])).isGreaterThan(31.38);
    assertThat(bbox.get(2).asDouble()).isGreaterThanOrEqualTo(Double.parseDouble(real[2])).isLessThan(116.65);
    assertThat(bbox.get(3).asDouble()).isGreaterThanOrEqualTo(Double.parseDouble(real[3])).isLessThan(36.37);
  }

  @Test
  void gdalTypesEveryFieldFromTheLinkedSchema() throws Exception {
    String out = run(ogrinfo("parcels", "GDAL_HTTP_AUTH", "BASIC", "GDAL_HTTP_USERPWD", "t-resources:" + token));
    assertThat(out).contains("areaM2: Real").contains("registeredAreaM2: Real").contains("transferPriceWan: Real")
        .contains("clusterId: Integer").contains("code: String").contains("supplyDate: Date");
    // The schema the collection links (describedby, Part 5 draft) types every property, whatever the first page holds.
    Client c = Client.signedIn("t-resources");
    boolean linked = false;
    for (var l : c.get("/ogcapi/collections/parcels").json().get("links")) linked |= l.get("rel").asText().equals("describedby");
    assertThat(linked).isTrue();
    Resp schema = c.get("/ogcapi/collections/parcels/schema");
    assertThat(schema.header("Content-Type")).startsWith("application/schema+json");
    assertThat(schema.json().at("/properties/transferPriceWan/type").asText()).isEqualTo("number");
    assertThat(schema.json().at("/properties/clusterId/type").asText()).isEqualTo("integer");
    assertThat(schema.json().at("/properties/version/readOnly").asBoolean()).isTrue();
  }

  @Test
  void aPatchWithNeitherIfMatchNorVersionUsesWhatThisTokenReadAndRefusesAStaleOne() {
    Client web = Client.signedIn("t-resources");
    String path = newParcel(web);
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    Client qgis = Client.anonymous();
    Map<String, String> auth = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(("t-resources:" + token).getBytes(StandardCharsets.UTF_8)));
    // QGIS reads the layer page by page, then saves an attribute change: PATCH with only what changed.
    double[] b = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM parcel WHERE id = ?")) {
        ps.setLong(1, id);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
      }
    });
    Resp page = qgis.send("GET", "/ogcapi/collections/parcels/items?bbox=" + b[0] + "," + b[1] + "," + b[2] + "," + b[3], null, auth);
    boolean listed = false;
    for (var feature : page.json().get("features")) listed |= feature.get("id").asLong() == id;
    assertThat(listed).as(page.body()).isTrue();
    Resp first = qgis.send("PATCH", path, "{\"properties\":{\"remarks\":\"from QGIS\"}}", auth);
    assertThat(first.status()).as(first.body()).isEqualTo(204);
    Resp second = qgis.send("PATCH", path, "{\"properties\":{\"remarks\":\"again from QGIS\"}}", auth);
    assertThat(second.status()).as("its own write is what it now holds: " + second.body()).isEqualTo(204);
    // Someone else edits the parcel in the web app; QGIS's next save was made on a stale copy.
    Resp other = web.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"web edit\",\"reason\":\"web\"}", Map.of("If-Match", web.get("/api/parcels/" + id).header("ETag")));
    assertThat(other.status()).as(other.body()).isEqualTo(200);
    Resp stale = qgis.send("PATCH", path, "{\"properties\":{\"remarks\":\"stale\"}}", auth);
    assertThat(stale.status()).as(stale.body()).isEqualTo(412);
    assertThat(web.get("/api/parcels/" + id).json().at("/properties/remarks").asText()).isEqualTo("web edit");
    // Read again, then the save goes through; a parcel never read is 428.
    qgis.send("GET", path, null, auth);
    assertThat(qgis.send("PATCH", path, "{\"properties\":{\"remarks\":\"after refresh\"}}", auth).status()).isEqualTo(204);
    String unread = newParcel(web);
    assertThat(qgis.send("PATCH", unread, "{\"properties\":{\"remarks\":\"never read\"}}", auth).status()).isEqualTo(428);
  }
}
