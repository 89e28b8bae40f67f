package mujun.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vector tiles decoded with real GDAL (MVT driver): layer names, attributes per zoom, scope, ETag/304, invalidation. */
public class TileTest {
  static Client coord;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    coord = Client.signedIn("t-coord");
  }

  /** The XYZ tile holding lon/lat at zoom z. */
  public static int[] tileOf(double lon, double lat, int z) {
    int n = 1 << z;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    double r = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
    return new int[] {z, x, y};
  }

  /** ogrinfo of a tile saved as z/x/y.pbf (so GDAL georeferences it). */
  public static String decode(byte[] mvt, int[] t) throws Exception {
    Path d = Files.createTempDirectory(Path.of("target"), "mvt");
    Path f = d.resolve(t[0] + "/" + t[1] + "/" + t[2] + ".pbf");
    Files.createDirectories(f.getParent());
    Files.write(f, mvt);
    Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static double[] parcelCentre(String cluster) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_X(ST_PointOnSurface(p.geom)), ST_Y(ST_PointOnSurface(p.geom)), p.id FROM parcel p JOIN cluster k ON k.id = p.cluster_id "
          + "WHERE k.code = ? AND p.status = 'current' ORDER BY p.id LIMIT 1")) {
        ps.setString(1, cluster);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        }
      }
    });
  }

  @Test
  void clusterTilesArePublicWithETagAnd304() throws Exception {
    double[] p = parcelCentre("XZXG");
    int[] t = tileOf(p[0], p[1], 8);
    Client anon = Client.anonymous();
    Resp r = anon.get("/tiles/clusters/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");
    String info = decode(anon.getBytes("/tiles/clusters/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt"), t);
    assertThat(info).contains("Layer name: clusters").contains("code (String) = XZXG").contains("POLYGON");
    Resp again = anon.send("GET", "/tiles/clusters/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt", null, Map.of("If-None-Match", r.header("ETag")));
    assertThat(again.status()).isEqualTo(304);
    assertThat(anon.get("/tiles/clusters/tilejson.json").json().get("tiles").get(0).asText()).endsWith("/tiles/clusters/{z}/{x}/{y}.mvt");
  }

  @Test
  void parcelTilesNeedSignInAndCarryAttributesChosenPerZoom() throws Exception {
    double[] p = parcelCentre("XZXG");
    int[] t14 = tileOf(p[0], p[1], 14), t10 = tileOf(p[0], p[1], 10);
    assertThat(Client.anonymous().get("/tiles/parcels/" + t14[0] + "/" + t14[1] + "/" + t14[2] + ".mvt").status()).isEqualTo(401);
    String z14 = decode(coord.getBytes("/tiles/parcels/" + t14[0] + "/" + t14[1] + "/" + t14[2] + ".mvt"), t14);
    assertThat(z14).contains("Layer name: parcels").contains("code (String) = 4101").contains("areaMu (Real)").contains("landUseCode (String)");
    String z10 = decode(coord.getBytes("/tiles/parcels/" + t10[0] + "/" + t10[1] + "/" + t10[2] + ".mvt"), t10);
    assertThat(z10).contains("Layer name: parcels").contains("landUseCode (String)").doesNotContain("code (String) = 4101");
    // No enterprise attribute ever travels in a tile.
    assertThat(z14).doesNotContain("holder").doesNotContain("credit");
  }

  @Test
  void aParkManagersTileOfAnotherClusterIsEmpty() throws Exception {
    double[] p = parcelCentre("LYGX");
    int[] t = tileOf(p[0], p[1], 14);
    String path = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
    assertThat(decode(coord.getBytes(path), t)).contains("Layer name: parcels");
    byte[] park = Client.signedIn("t-park").getBytes(path);
    assertThat(park).isEmpty();
  }

  @Test
  void anEditShowsOnTheNextRequest() throws Exception {
    Client editor = Client.signedIn("t-resources");
    double[] s = TestApp.square();
    String code = TestApp.newCode();
    Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"tile test\"}", Map.of());
    long id = made.json().get("id").asLong();
    int[] t = tileOf((s[0] + s[2]) / 2, (s[1] + s[3]) / 2, 14);
    String path = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
    Resp before = editor.get(path);
    assertThat(decode(editor.getBytes(path), t)).contains("code (String) = " + code).doesNotContain("landUseCode (String) = 0604");
    Resp patched = editor.send("PATCH", "/api/parcels/" + id, "{\"landUseCode\":\"0604\",\"reason\":\"now storage\"}", Map.of("If-Match", made.header("ETag")));
    assertThat(patched.status()).isEqualTo(200);
    Resp after = editor.send("GET", path, null, Map.of("If-None-Match", before.header("ETag")));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(decode(editor.getBytes(path), t)).contains("landUseCode (String) = 0604");
  }

  /** Kept cells that differ from a rebuild from the register, either way (0 when the overview is exact). */
  static final String CELLS_DIFFER_FROM_REBUILD = "WITH kept AS (SELECT zoom, cx, cy, cluster_id, land_use_scheme, land_use_code, parcels FROM parcel_cell WHERE parcels <> 0), "
      + "rebuilt AS (SELECT z::smallint AS zoom, floor((ST_X(pt) + 20037508.342789244) / 40075016.685578488 * 2 ^ (z + 6))::int AS cx, "
      + "floor((20037508.342789244 - ST_Y(pt)) / 40075016.685578488 * 2 ^ (z + 6))::int AS cy, cluster_id, land_use_scheme, land_use_code, count(*)::int AS parcels "
      + "FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 3857) pt, * FROM parcel WHERE status = 'current') p, generate_series(3, 11) z "
      + "GROUP BY 1, 2, 3, 4, 5, 6) "
      + "SELECT count(*) FROM ((SELECT * FROM kept EXCEPT SELECT * FROM rebuilt) UNION ALL (SELECT * FROM rebuilt EXCEPT SELECT * FROM kept)) d";

  /** The sum of the parcels attribute over a decoded overview tile. */
  static int parcelsIn(String ogrinfo) {
    int n = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("parcels \\(Integer\\) = (\\d+)").matcher(ogrinfo);
    while (m.find()) n += Integer.parseInt(m.group(1));
    return n;
  }

  /** Current parcels whose inner point lies in tile z/x/y, counted straight from the register. */
  static int parcelsInTile(int[] t) {
    return TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current' "
        + "AND ST_Intersects(ST_Transform(ST_PointOnSurface(geom), 3857), ST_TileEnvelope(?, ?, ?))", t[0], t[1], t[2]);
  }

  @Test
  void provinceAndCityScaleTilesAreTheOverviewKeptInStepWithEdits() throws Exception {
    double[] p = parcelCentre("XZXG");
    int[] d = tileOf(p[0], p[1], 10);
    String demo = decode(coord.getBytes("/tiles/parcels/" + d[0] + "/" + d[1] + "/" + d[2] + ".mvt"), d);
    assertThat(demo).contains("Layer name: parcels").contains("parcels (Integer)").contains("coverage (Real)").contains("landUseCode (String)")
        .doesNotContain("code (String) = 4101");
    assertThat(parcelsIn(demo)).isPositive().isEqualTo(parcelsInTile(d));
    assertThat(coord.get("/tiles/parcels/tilejson.json").json().get("vector_layers").get(0).get("fields").has("coverage")).isTrue();
    // A new parcel counts on the next request; retiring it takes it away again.
    Client editor = Client.signedIn("t-resources");
    double[] s = TestApp.square();
    int[] t = tileOf((s[0] + s[2]) / 2, (s[1] + s[3]) / 2, 10);
    String path = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
    int before = parcelsInTile(t);
    byte[] first = coord.getBytes(path);
    assertThat(first.length == 0 ? 0 : parcelsIn(decode(first, t))).isEqualTo(before);
    String code = TestApp.newCode();
    Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0604\","
        + "\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"overview test\"}", Map.of());
    assertThat(made.status()).isEqualTo(201);
    String after = decode(coord.getBytes(path), t);
    assertThat(parcelsIn(after)).isEqualTo(before + 1).isEqualTo(parcelsInTile(t));
    long id = made.json().get("id").asLong();
    Resp retired = editor.send("POST", "/api/parcels/" + id + "/retire", "{\"reason\":\"overview test\"}", Map.of("If-Match", made.header("ETag")));
    assertThat(retired.status()).isEqualTo(204);
    byte[] last = coord.getBytes(path);
    assertThat(last.length == 0 ? 0 : parcelsIn(decode(last, t))).isEqualTo(before);
    // The cells the overview keeps are exactly the ones a rebuild from the register gives.
    assertThat(TestApp.intQuery(CELLS_DIFFER_FROM_REBUILD)).isZero();
    // A park manager's overview holds their own cluster only.
    double[] other = parcelCentre("LYGX");
    int[] o = tileOf(other[0], other[1], 9);
    String otherPath = "/tiles/parcels/" + o[0] + "/" + o[1] + "/" + o[2] + ".mvt";
    assertThat(parcelsIn(decode(coord.getBytes(otherPath), o))).isPositive();
    assertThat(Client.signedIn("t-park").getBytes(otherPath)).isEmpty();
  }

  @Test
  void overviewTilesAreKeptAndAnEditRendersOnlyTheTilesItTouched() throws Exception {
    // Two z10 tiles far apart: the demo's XZXG and LYGX, read once each (rendered and kept in the database).
    double[] a = parcelCentre("XZXG"), b = parcelCentre("LYGX");
    int[] ta = tileOf(a[0], a[1], 10), tb = tileOf(b[0], b[1], 10);
    coord.getBytes("/tiles/parcels/10/" + ta[1] + "/" + ta[2] + ".mvt");
    coord.getBytes("/tiles/parcels/10/" + tb[1] + "/" + tb[2] + ".mvt");
    String kept = "SELECT count(*) FROM parcel_overview_kept WHERE zoom = 10 AND x = ? AND y = ?";
    assertThat(TestApp.intQuery(kept, ta[1], ta[2])).isPositive();
    String madeAt = "SELECT max(made_at)::text FROM parcel_overview_kept WHERE zoom = 10 AND x = ? AND y = ?";
    String aBefore = TestApp.stringQuery(madeAt, ta[1], ta[2]), bBefore = TestApp.stringQuery(madeAt, tb[1], tb[2]);
    // An edit in XZXG's tile (its parcel's land use): that tile is rendered again on the next read, LYGX's is not.
    long id = (long) a[2];
    Client editor = Client.signedIn("t-resources");
    Resp one = editor.get("/api/parcels/" + id);
    String use = one.json().get("properties").get("landUseCode").asText().equals("0604") ? "0601" : "0604";
    Resp changed = editor.send("PATCH", "/api/parcels/" + id, "{\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"" + use + "\",\"reason\":\"kept tiles\"}",
        Map.of("If-Match", one.header("ETag")));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    byte[] after = coord.getBytes("/tiles/parcels/10/" + ta[1] + "/" + ta[2] + ".mvt");
    coord.getBytes("/tiles/parcels/10/" + tb[1] + "/" + tb[2] + ".mvt");
    assertThat(TestApp.stringQuery(madeAt, ta[1], ta[2])).isNotEqualTo(aBefore);
    assertThat(TestApp.stringQuery(madeAt, tb[1], tb[2])).isEqualTo(bBefore);
    assertThat(decode(after, ta)).contains("landUseCode (String) = " + use);
    // Every kept tile is what rendering it now gives (for the scope it was kept for: here the coordinator's, the province).
    List<Integer> all = TestApp.get().db.read(c -> mujun.db.Sql.rows(c, "SELECT id FROM cluster ORDER BY id")).stream().map(r -> ((Number) r[0]).intValue()).toList();
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_overview_kept k WHERE k.scope = ? AND k.gensum = (SELECT COALESCE(sum(c.gen), 0) FROM parcel_cell c "
        + "WHERE c.zoom = k.zoom AND (c.cx >> 6) = k.x AND (c.cy >> 6) = k.y) AND k.mvt IS DISTINCT FROM COALESCE(parcel_overview_tile(k.zoom, k.x, k.y, "
        + "(SELECT array_agg(id) FROM cluster)), ''::bytea)", TileService.scopeTag(all))).isZero();
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_overview_kept WHERE scope = ?", TileService.scopeTag(all))).isGreaterThanOrEqualTo(2);
  }

  @Test
  void concurrentEditsKeepTheOverviewExact() throws Exception {
    Client editor = Client.signedIn("t-resources");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<Integer>> made = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      double[] s = TestApp.square();
      String code = TestApp.newCode();
      made.add(pool.submit(() -> editor.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\","
          + "\"landUseCode\":\"0601\",\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"concurrent overview\"}", Map.of()).status()));
    }
    for (var f : made) assertThat(f.get()).isEqualTo(201);
    pool.shutdown();
    assertThat(TestApp.intQuery(CELLS_DIFFER_FROM_REBUILD)).isZero();
  }

  /**
   * For tile z/x/y: [rows, rows invalid, rows whose rings turn the wrong way, rows of the exact map missing, the largest
   * distance from a row to the exact map's (clipped to the buffer as the exact one is) among outlines with no part
   * thinner than the grid, rows whose area differs from the exact map's by more than a unit along their boundary (a slit
   * thinner than a unit may close in one and stay a unit wide in the other)], comparing the server's parcel rows
   * (TileSql.PARCEL_ROWS) with ST_AsMVTGeom of the outline transformed to Web Mercator by PROJ.
   */
  static double[] againstTheExactMap(int[] t) {
    String sql = TileSql.PARCEL_BOUNDS + ", n AS (SELECT m.id, ST_SetSRID(m.geom, 0) AS geom FROM (" + TileSql.PARCEL_ROWS + ") m), "
        + "o AS (SELECT p.id, ST_SetSRID(ST_AsMVTGeom(ST_Transform(p.geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true), 0) AS geom "
        + "FROM parcel p WHERE p.status = 'current' AND p.geom && ST_Transform(ST_TileEnvelope(?, ?, ?), 4490)) "
        + "SELECT count(n.id), count(*) FILTER (WHERE NOT ST_IsValid(n.geom)), count(*) FILTER (WHERE NOT ST_IsPolygonCCW(n.geom)), "
        + "count(*) FILTER (WHERE o.geom IS NOT NULL AND n.id IS NULL), "
        + "COALESCE(max(ST_HausdorffDistance(o.geom, c.geom)) FILTER (WHERE p.geom_clearance > b.clearance), 0), "
        + "count(*) FILTER (WHERE ST_Area(ST_SymDifference(o.geom, c.geom)) > ST_Perimeter(o.geom)) "
        + "FROM n FULL JOIN o ON o.id = n.id LEFT JOIN parcel p ON p.id = n.id CROSS JOIN b "
        + "CROSS JOIN LATERAL (SELECT ST_ClipByBox2D(n.geom, ST_MakeBox2D(ST_Point(-64, -64), ST_Point(4160, 4160))) AS geom) c";
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement(sql)) {
        int i = 1;
        for (int k = 0; k < 3; k++) ps.setInt(i++, t[k]);
        ps.setArray(i++, c.createArrayOf("integer", mujun.db.Sql.rows(c, "SELECT id FROM cluster").stream().map(r -> r[0]).toArray()));
        for (int k = 0; k < 3; k++) ps.setInt(i++, t[k]);
        for (int k = 0; k < 3; k++) ps.setInt(i++, t[k]);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)};
        }
      }
    });
  }

  @Test
  void parcelTilesAreValidAndWithinAUnitOfTheExactMap() throws Exception {
    Client editor = Client.signedIn("t-resources");
    // A parcel with a courtyard (a hole, whose ring must turn the other way), and one with a slit 0.9 m wide (its
    // clearance is below what the z14 grid needs, so it is clipped and repaired, not rounded whole).
    double[] a = TestApp.square(), b = TestApp.square();
    double in = 0.0003, slit = 0.000008, my = (b[1] + b[3]) / 2;
    String ring = String.format(java.util.Locale.ROOT, "[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]",
        a[0] + in, a[1] + in, a[0] + in, a[3] - in, a[2] - in, a[3] - in, a[2] - in, a[1] + in, a[0] + in, a[1] + in);
    String courtyard = TestApp.polygonJson(a).replace("]]]}", "]]," + ring + "]}");
    String slitted = String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],"
        + "[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}", b[0], b[1], b[2], b[1], b[2], my - slit / 2, (b[0] + b[2]) / 2, my - slit / 2,
        (b[0] + b[2]) / 2, my + slit / 2, b[2], my + slit / 2, b[2], b[3], b[0], b[3], b[0], b[1]);
    String[] codes = {TestApp.newCode(), TestApp.newCode()};
    for (int k = 0; k < 2; k++) {
      Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + codes[k] + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
          + "\"geometry\":" + (k == 0 ? courtyard : slitted) + ",\"reason\":\"tile geometry\"}", Map.of());
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
    int[] t14 = tileOf(b[0], b[1], 14);
    // The clearance the z14 tile asks of a parcel written whole, as the tile statement computes it.
    String below = TileSql.PARCEL_BOUNDS + "SELECT (p.geom_clearance < b.clearance)::text FROM parcel p, b WHERE p.code = ?";
    assertThat(TestApp.stringQuery(below, 14, t14[1], t14[2], codes[1])).isEqualTo("true");
    assertThat(TestApp.stringQuery(below, 14, t14[1], t14[2], codes[0])).isEqualTo("false");
    // Their tiles from zoom 12 to 16, and a tile of the demo's parcels (some cut by the tile's edge): every row valid,
    // exterior rings of positive area, none missing, and within a unit of the grid (plus rounding) of the exact map.
    double[] demo = parcelCentre("XZXG");
    List<int[]> tiles = new java.util.ArrayList<>(List.of(tileOf(demo[0], demo[1], 14), tileOf(demo[0], demo[1], 13)));
    for (int z = 12; z <= 16; z++) {
      tiles.add(tileOf(a[0] + 0.0005, a[1] + 0.0005, z));
      tiles.add(tileOf(b[0] + 0.0005, b[1] + 0.0005, z));
    }
    for (int[] t : tiles) {
      double[] r = againstTheExactMap(t);
      assertThat(r[0]).as("rows of %s", java.util.Arrays.toString(t)).isPositive();
      assertThat(new double[] {r[1], r[2], r[3], r[5]}).as("invalid, wrong-way, missing, misshapen rows of %s", java.util.Arrays.toString(t)).containsOnly(0);
      assertThat(r[4]).as("distance from the exact map in %s", java.util.Arrays.toString(t)).isLessThanOrEqualTo(1.5);
    }
    // Through HTTP, decoded by GDAL: both parcels, the courtyard as a polygon with its hole.
    String z14 = decode(editor.getBytes("/tiles/parcels/14/" + t14[1] + "/" + t14[2] + ".mvt"), t14);
    assertThat(z14).contains("code (String) = " + codes[0]).contains("code (String) = " + codes[1]);
    int[] a14 = tileOf(a[0], a[1], 14);
    String withHole = decode(editor.getBytes("/tiles/parcels/14/" + a14[1] + "/" + a14[2] + ".mvt"), a14);
    assertThat(withHole).containsPattern("POLYGON \\(\\([^)]*\\),\\(");
  }

  @Test
  void theParcelTilesPlanForEveryTileIsLeftToItsOwnStatement() throws Exception {
    // Warming a connection runs every tile statement, the parcel tile's with the plan made once for every tile: the
    // connection's other statements are planned with their values again afterwards.
    String mode = TestApp.get().db.read(c -> {
      TileService.warm(c);
      return mujun.db.Sql.rows(c, "SELECT current_setting('plan_cache_mode')").get(0)[0].toString();
    });
    assertThat(mode).isEqualTo("auto");
  }

  @Test
  void tileCoordinatesOutOfRangeAreRefused() {
    assertThat(coord.get("/tiles/parcels/3/9/1.mvt").status()).isEqualTo(400);
    assertThat(coord.get("/tiles/parcels/x/1/1.mvt").status()).isEqualTo(400);
    assertThat(coord.get("/tiles/parcels/1/1/1.png").status()).isEqualTo(404);
    assertThat(coord.get("/tiles/enterprises/1/1/1.mvt").status()).isEqualTo(404);
  }
}
