package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports of every format through HTTP, real GDAL and real PostGIS; each report line asserted; refusals change nothing. */
class ImportTest {
  static Client editor;
  static final Charset GBK = Charset.forName("GBK");

  @BeforeAll
  static void setUp() {
    TestApp.get();
    editor = Client.signedIn("t-resources");
  }

  static Map<String, Object> props(String code, String holder, Object area) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ZDDM", code);
    m.put("QLR", holder);
    m.put("DLBM", "0601");
    m.put("MJ", area);
    m.put("QLXZ", "出让");
    return m;
  }

  static JsonNode upload(byte[] body, String name, String query) {
    Resp r = TestApp.upload(editor, "/api/imports?name=" + name + query, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static Resp check(long id, String body) {
    return editor.send("POST", "/api/imports/" + id + "/check", body, Map.of());
  }

  static JsonNode checked(long id, String body) {
    return checkedBy(editor, id, body);
  }

  static JsonNode checkedBy(Client who, long id, String body) {
    Resp r = who.send("POST", "/api/imports/" + id + "/check", body, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static JsonNode features(long id) {
    return featuresBy(editor, id);
  }

  static JsonNode featuresBy(Client who, long id) {
    return who.get("/api/imports/" + id + "/features").json().get("features");
  }

  static JsonNode line(JsonNode features, int fid) {
    for (JsonNode f : features) if (f.get("properties").get("fid").asInt() == fid) return f.get("properties");
    throw new AssertionError("no report line for feature " + fid);
  }

  static String codes(JsonNode list) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode x : list) sb.append(x.get("code").asText()).append(' ');
    return sb.toString().strip();
  }

  static int parcels() {
    return TestApp.intQuery("SELECT count(*) FROM parcel");
  }

  @Test
  void gbkShapefileWithoutCpgInAPrefixedZone() throws Exception {
    double[] a = TestApp.square(), b = TestApp.square();
    String ca = TestApp.newCode(), cb = TestApp.newCode();
    byte[] zip = Fixtures.shapefileZip(4526, List.of(Fixtures.square(props(ca, "新郑测试机械有限公司", 9000), a), Fixtures.square(props(cb, "郑州华鑫", 1.0), b)), true, false, GBK);
    JsonNode job = upload(zip, "parcels.zip", "");
    assertThat(job.get("format").asText()).isEqualTo("shapefile");
    assertThat(job.get("encoding").asText()).isEqualTo("GBK");
    assertThat(job.get("crs").get("srid").asInt()).isEqualTo(4526);
    assertThat(job.get("mapping").get("code").asText()).isEqualTo("ZDDM");
    long id = job.get("id").asLong();
    JsonNode done = checked(id, "{}");
    assertThat(done.get("counts").get("accepted").asInt()).isEqualTo(2);
    JsonNode fs = features(id);
    assertThat(line(fs, 1).get("status").asText()).isEqualTo("accepted");
    assertThat(line(fs, 1).get("action").asText()).isEqualTo("new");
    assertThat(codes(line(fs, 1).get("warnings"))).isEqualTo("HOLDER_UNKNOWN AREA_MISMATCH");
    assertThat(line(fs, 1).get("warnings").get(0).get("message").asText()).contains("新郑测试机械有限公司");
    assertThat(codes(line(fs, 2).get("warnings"))).contains("AREA_MISMATCH");
    assertThat(done.get("warnings")).isEmpty();

    Resp commit = editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
    assertThat(commit.status()).as(commit.body()).isEqualTo(200);
    assertThat(commit.json().get("counts").get("created").asInt()).isEqualTo(2);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE import_id = ? AND right_type = 'transfer'", id)).isEqualTo(2);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version h JOIN parcel p ON p.id = h.parcel_id WHERE p.import_id = ? AND h.operation = 'import'", id)).isEqualTo(2);
    // The quarantine folder of the job is gone once committed.
    try (Stream<Path> left = Files.list(TestApp.get().cfg.varDir.resolve("quarantine"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("job-" + id + "-"));
    }
  }

  @Test
  void aParcelDrawnBetweenDryRunAndCommitStopsTheCommit() throws Exception {
    double[] a = TestApp.square(), b = TestApp.square();
    byte[] file = Fixtures.converted("GPKG", "late.gpkg", 4490, List.of(Fixtures.square(props(TestApp.newCode(), "x", null), a),
        Fixtures.square(props(TestApp.newCode(), "x", null), b)));
    long id = upload(file, "late.gpkg", "").get("id").asLong();
    JsonNode done = checked(id, "{\"mapping\":{\"code\":\"ZDDM\"},\"defaultLandUse\":\"GB/T 21010-2017|0601\"}");
    assertThat(done.get("counts").get("accepted").asInt()).isEqualTo(2);
    // Someone draws a parcel over the second feature after the dry run.
    Resp drawn = editor.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(b) + ",\"reason\":\"drawn meanwhile\"}", Map.of());
    assertThat(drawn.status()).isEqualTo(201);
    int before = parcels();
    Resp commit = editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
    assertThat(commit.status()).as(commit.body()).isEqualTo(409);
    assertThat(commit.json().get("code").asText()).isEqualTo("CHANGED_SINCE_DRY_RUN");
    assertThat(commit.json().get("message").asText()).contains("1 feature(s)").contains("no. 2").contains("dry run again");
    assertThat(parcels()).isEqualTo(before);
    // Run again, the dry run names the overlap; the other feature commits alone.
    JsonNode again = checked(id, "{\"mapping\":{\"code\":\"ZDDM\"},\"defaultLandUse\":\"GB/T 21010-2017|0601\"}");
    assertThat(again.get("counts").get("rejected").asInt()).isEqualTo(1);
    assertThat(codes(line(features(id), 2).get("problems"))).contains("OVERLAP");
    Resp accepted = editor.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"accepted\"}", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().get("counts").get("created").asInt()).isEqualTo(1);
  }

  @Test
  void aClusterRedrawnBetweenDryRunAndCommitIsCheckedAgainAndTheDryRunsMeasuresAreTheRegisters() throws Exception {
    // The commit re-checks a feature against its cluster's boundary only when the cluster changed since the dry run
    // (its version); it writes the zone and area the dry run measured, which must be what the register would measure.
    int cluster = TestApp.cluster("IMPREDRAW", "重绘边界测试区", "Redrawn boundary test", "410100", 114.4, 33.9);
    TestApp.sql("UPDATE cluster SET boundary = ST_Multi(ST_MakeEnvelope(114.4, 33.9, 114.45, 33.95, 4490)) WHERE id = " + cluster);
    Client editor = Client.signedIn("t-resources"); // a session opened after the cluster exists has it in its scope
    double[] near = {114.401, 33.901, 114.402, 33.902}, far = {114.44, 33.94, 114.441, 33.941};
    byte[] file = Fixtures.converted("GPKG", "redrawn.gpkg", 4490, List.of(Fixtures.square(props(TestApp.newCode(), "x", null), near),
        Fixtures.square(props(TestApp.newCode(), "x", null), far)));
    Resp up = TestApp.upload(editor, "/api/imports?name=redrawn.gpkg", file);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    long id = up.json().get("id").asLong();
    String options = "{\"mapping\":{\"code\":\"ZDDM\"},\"defaultLandUse\":\"GB/T 21010-2017|0601\"}";
    assertThat(checkedBy(editor, id, options).get("counts").get("accepted").asInt()).as(featuresBy(editor, id).toString()).isEqualTo(2);
    // The boundary is redrawn after the dry run: the far feature now lies outside it.
    TestApp.sql("UPDATE cluster SET boundary = ST_Multi(ST_MakeEnvelope(114.4, 33.9, 114.43, 33.95, 4490)) WHERE id = " + cluster);
    int before = parcels();
    Resp commit = editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
    assertThat(commit.status()).as(commit.body()).isEqualTo(409);
    assertThat(commit.json().get("code").asText()).isEqualTo("CHANGED_SINCE_DRY_RUN");
    assertThat(commit.json().get("message").asText()).contains("1 feature(s)").contains("no. 2");
    assertThat(parcels()).isEqualTo(before);
    // Checked again, the far feature is outside every cluster; a change of the cluster that moves no boundary (its name)
    // is checked again at the commit and passes.
    JsonNode again = checkedBy(editor, id, options);
    assertThat(codes(line(featuresBy(editor, id), 2).get("problems"))).contains("OUTSIDE_CLUSTER");
    TestApp.sql("UPDATE cluster SET name = '重绘边界测试区（更名）' WHERE id = " + cluster);
    Resp accepted = editor.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"accepted\"}", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(again.get("counts").get("accepted").asInt()).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE import_id = ? AND cluster_id = ?", id, cluster)).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE import_id = ? AND gk_srid = mujun_gk_srid(geom) "
        + "AND area_m2 = ST_Area(ST_Transform(geom, gk_srid)) AND area_mu = area_m2 * 15 / 10000", id)).isEqualTo(1);
    // A new parcel of an import is its version in force, made by the import: its row, and no history row until it is replaced.
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel p WHERE p.import_id = ? AND p.operation = 'import' AND p.version = 1 "
        + "AND NOT EXISTS (SELECT 1 FROM parcel_history h WHERE h.parcel_id = p.id)", id)).isEqualTo(1);
  }

  @Test
  void unprefixedZoneWithoutPrjStopsWithAGuessThenImportsWithTheChoice() throws Exception {
    double[] a = TestApp.square();
    byte[] zip = Fixtures.shapefileZip(4547, List.of(Fixtures.square(props(TestApp.newCode(), "无", 10000), a)), false, false, GBK);
    JsonNode job = upload(zip, "noprj.zip", "&cluster=" + TestApp.testClusterId);
    assertThat(job.get("crs").get("ok").asBoolean()).isFalse();
    assertThat(job.get("crs").get("guess").asInt()).isEqualTo(4547);
    long id = job.get("id").asLong();
    Resp refused = check(id, "{}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("CRS_MISSING");
    assertThat(refused.json().get("message").asText()).contains("EPSG:4547").contains("without prefix");
    JsonNode done = checked(id, "{\"crs\":\"EPSG:4547\"}");
    assertThat(done.get("sourceCrs").asInt()).isEqualTo(4547);
    assertThat(done.get("counts").get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void swappedAxesAreCaughtAndExplained() throws Exception {
    byte[] zip = Fixtures.shapefileZip(4547, List.of(Fixtures.square(props(TestApp.newCode(), "x", 1), TestApp.square())), true, true, GBK);
    JsonNode job = upload(zip, "swapped.zip", "");
    assertThat(job.get("crs").get("ok").asBoolean()).isFalse();
    assertThat(job.get("crs").get("reason").asText()).contains("swapped");
    Resp refused = check(job.get("id").asLong(), "{}");
    assertThat(refused.json().get("code").asText()).isEqualTo("CRS_CONTRADICTS");
  }

  @Test
  void redLineFileWithAHole() throws Exception {
    double[] s = TestApp.square();
    double[] hole = {s[0] + 0.0003, s[1] + 0.0003, s[0] + 0.0006, s[1] + 0.0006};
    String code = TestApp.newCode();
    JsonNode job = upload(Fixtures.redLine(code, s, hole), "hongxian.txt", "");
    assertThat(job.get("format").asText()).isEqualTo("redline");
    assertThat(job.get("crs").get("srid").asInt()).isEqualTo(4526);
    long id = job.get("id").asLong();
    JsonNode done = checked(id, "{\"defaultLandUse\":\"GB/T 21010-2017|0601\"}");
    assertThat(done.get("counts").get("accepted").asInt()).as(done.toString()).isEqualTo(1);
    JsonNode l = line(features(id), 1);
    assertThat(l.get("code").asText()).isEqualTo(code);
    editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
    double outer = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT area_m2, ST_NumInteriorRings(ST_GeometryN(geom, 1)), "
          + "mujun_gk_area(ST_MakeEnvelope(?, ?, ?, ?, 4490)) - mujun_gk_area(ST_MakeEnvelope(?, ?, ?, ?, 4490)) FROM parcel WHERE code = ? AND status = 'current'")) {
        int i = 1;
        for (double v : s) ps.setDouble(i++, v);
        for (double v : hole) ps.setDouble(i++, v);
        ps.setString(i, code);
        try (var rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(2)).isEqualTo(1);
          assertThat(rs.getDouble(1)).isCloseTo(rs.getDouble(3), within(1.0));
          return rs.getDouble(1);
        }
      }
    });
    assertThat(outer).isGreaterThan(0);
  }

  @Test
  void dxfClosedPolylinesBecomeParcels() throws Exception {
    Map<String, Object> none = new LinkedHashMap<>();
    byte[] dxf = Fixtures.dxf(4547, List.of(Fixtures.square(none, TestApp.square()), Fixtures.square(none, TestApp.square())));
    JsonNode job = upload(dxf, "drawing.dxf", "&crs=EPSG:4547&cluster=" + TestApp.testClusterId);
    assertThat(job.get("format").asText()).isEqualTo("dxf");
    long id = job.get("id").asLong();
    JsonNode done = checked(id, "{\"crs\":\"EPSG:4547\",\"defaultLandUse\":\"GB/T 21010-2017|0601\"}");
    JsonNode fs = features(id);
    assertThat(fs).hasSize(2);
    // A CAD drawing carries no 宗地代码: each outline is read as a polygon and refused only for that.
    for (JsonNode f : fs) {
      assertThat(f.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
      assertThat(codes(f.get("properties").get("problems"))).isEqualTo("CODE_MISSING");
    }
    assertThat(done.get("counts").get("rejected").asInt()).isEqualTo(2);
  }

  @Test
  void geoPackageGeoJsonAndKmlAreRead() throws Exception {
    for (String[] fmt : new String[][] {{"GPKG", "p.gpkg"}, {"GeoJSON", "p.geojson"}, {"KML", "p.kml"}}) {
      int srid = fmt[0].equals("KML") ? 4326 : 4490;
      byte[] file = Fixtures.converted(fmt[0], fmt[1], srid, List.of(Fixtures.square(props(TestApp.newCode(), "x", null), TestApp.square())));
      JsonNode job = upload(file, fmt[1], "");
      long id = job.get("id").asLong();
      Map<String, String> mapping = fmt[0].equals("KML") ? Map.of() : Map.of("code", "ZDDM");
      JsonNode done = checked(id, "{\"mapping\":" + mujun.http.Json.write(mapping) + ",\"defaultLandUse\":\"GB/T 21010-2017|0601\"}");
      assertThat(done.get("counts").get("total").asInt()).as(fmt[1]).isEqualTo(1);
      if (!fmt[0].equals("KML")) assertThat(done.get("counts").get("accepted").asInt()).as(fmt[1] + " " + features(id)).isEqualTo(1);
    }
  }

  @Test
  void bowTieOverlapsAndDuplicateCodesAreReportedPerFeature() throws Exception {
    // An existing parcel, then a file with: a bow-tie, a feature overlapping the existing parcel, two features with one code,
    // and two features overlapping each other.
    double[] existing = TestApp.square();
    String existingCode = TestApp.newCode();
    Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + existingCode + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(existing) + ",\"reason\":\"fixture\"}", Map.of());
    assertThat(made.status()).isEqualTo(201);
    double[] s1 = TestApp.square(), s3 = TestApp.square(), s4 = TestApp.square(), s5 = TestApp.square();
    double[] overlapping = {existing[0] + 0.0005, existing[1], existing[2] + 0.0005, existing[3]};
    String dup = TestApp.newCode();
    List<double[][]> bowRing = new java.util.ArrayList<>();
    bowRing.add(new double[][] {{s1[0], s1[1]}, {s1[2], s1[3]}, {s1[2], s1[1]}, {s1[0], s1[3]}, {s1[0], s1[1]}});
    Fixtures.F bowtie = new Fixtures.F(props(TestApp.newCode(), "x", null), bowRing);
    double[] s5b = {s5[0] + 0.0002, s5[1], s5[2] + 0.0002, s5[3]};
    byte[] zip = Fixtures.shapefileZip(4547, List.of(bowtie,
        Fixtures.square(props(TestApp.newCode(), "x", null), overlapping),
        Fixtures.square(props(dup, "x", null), s3), Fixtures.square(props(dup, "x", null), s4),
        Fixtures.square(props(TestApp.newCode(), "x", null), s5), Fixtures.square(props(TestApp.newCode(), "x", null), s5b)), true, false, GBK);
    int before = parcels();
    long id = upload(zip, "mixed.zip", "").get("id").asLong();
    JsonNode done = checked(id, "{}");
    JsonNode fs = features(id);
    assertThat(line(fs, 1).get("status").asText()).isEqualTo("repaired");
    assertThat(line(fs, 1).get("repairs").get(0).get("message").asText()).startsWith("Invalid outline repaired: Self-intersection");
    assertThat(codes(line(fs, 2).get("problems"))).isEqualTo("OVERLAP");
    assertThat(line(fs, 2).get("problems").get(0).get("otherCode").asText()).isEqualTo(existingCode);
    assertThat(line(fs, 2).get("problems").get(0).get("areaM2").asDouble()).isBetween(4000.0, 6000.0);
    assertThat(codes(line(fs, 3).get("problems"))).isEqualTo("CODE_DUPLICATE");
    assertThat(codes(line(fs, 4).get("problems"))).isEqualTo("CODE_DUPLICATE");
    assertThat(codes(line(fs, 5).get("problems"))).isEqualTo("OVERLAP_IN_FILE");
    assertThat(line(fs, 5).get("problems").get(0).get("otherFid").asInt()).isEqualTo(6);
    assertThat(codes(line(fs, 6).get("problems"))).isEqualTo("OVERLAP_IN_FILE");
    assertThat(done.get("counts").get("rejected").asInt()).isEqualTo(5);
    // All-or-nothing refuses; nothing was written.
    Resp all = editor.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"all\"}", Map.of());
    assertThat(all.status()).isEqualTo(409);
    assertThat(all.json().get("code").asText()).isEqualTo("IMPORT_HAS_REJECTED");
    assertThat(parcels()).isEqualTo(before);
    // Accepted only: the repaired bow-tie goes in.
    Resp accepted = editor.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"accepted\"}", Map.of());
    assertThat(accepted.json().get("counts").get("created").asInt()).isEqualTo(1);
    assertThat(parcels()).isEqualTo(before + 1);
    // The report files speak the user's language (the wizard's own words, web/js/findings.js): Chinese by default.
    String csv = editor.get("/api/imports/" + id + "/report.csv").body();
    assertThat(csv.lines().findFirst().orElseThrow()).contains("要素序号", "结果", "宗地代码", "问题");
    assertThat(csv).contains("已修复").contains("与现状宗地 " + existingCode + " 重叠").contains("在文件中出现 2 次")
        .doesNotContain("Overlaps").doesNotContain("repaired");
    String en = editor.get("/api/imports/" + id + "/report.csv?lang=en").body();
    assertThat(en).contains("repaired").contains("Overlaps current parcel " + existingCode).contains("appears 2 times");
    assertThat(editor.get("/api/imports/" + id + "/report.csv?lang=fr").status()).isEqualTo(400);
    byte[] xlsx = editor.getBytes("/api/imports/" + id + "/report.xlsx");
    assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
  }

  @Test
  void aToleranceChangedSinceTheDryRunStopsTheCommit() throws Exception {
    // The features' overlap cores were made for the dry run's tolerance; under another one the commit would not re-check
    // exactly, so it refuses and asks for a new dry run.
    long id = upload(Fixtures.shapefileZip(4490, List.of(Fixtures.square(props(TestApp.newCode(), "x", null), TestApp.square())), true, false, GBK),
        "tol.zip", "").get("id").asLong();
    checked(id, "{}");
    String before = TestApp.stringQuery("SELECT value FROM setting WHERE key = 'overlap_tolerance_m2'");
    TestApp.sql("INSERT INTO setting (key, value, description) VALUES ('overlap_tolerance_m2', '0.5', 'test') "
        + "ON CONFLICT (key) DO UPDATE SET value = '0.5'");
    try {
      Resp commit = editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
      assertThat(commit.status()).as(commit.body()).isEqualTo(409);
      assertThat(commit.json().get("code").asText()).isEqualTo("CHANGED_SINCE_DRY_RUN");
      assertThat(commit.json().get("message").asText()).contains("0.5 m² now").contains("dry run again");
    } finally {
      TestApp.sql(before == null ? "DELETE FROM setting WHERE key = 'overlap_tolerance_m2'"
          : "UPDATE setting SET value = '" + before + "' WHERE key = 'overlap_tolerance_m2'");
    }
    checked(id, "{}");
    assertThat(editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of()).status()).isEqualTo(200);
  }

  @Test
  void aThinOverlapAlongALongEdgeIsFoundAndATouchIsNot() throws Exception {
    // Neighbours sharing a 111 m edge, one drawn 2 cm into the other (about 2.2 m², over the 1 m² tolerance) and one
    // 3 mm (0.3 m², under it), within the file and against a current parcel. A pair's overlap area is computed only
    // when one outline reaches into the other's overlap core (the outline shrunk by tol / perimeter / 2): a long thin
    // overlap is the case that core must not miss.
    double[] s = TestApp.square(), t = TestApp.square(), u = TestApp.square(), w = TestApp.square();
    double metre = 1 / (111320 * Math.cos(Math.toRadians(s[1])));
    double ms = (s[0] + s[2]) / 2, mt = (t[0] + t[2]) / 2, mu = (u[0] + u[2]) / 2, mw = (w[0] + w[2]) / 2;
    String cu = TestApp.newCode(), cw = TestApp.newCode();
    for (Object[] p : new Object[][] {{cu, new double[] {u[0], u[1], mu, u[3]}}, {cw, new double[] {w[0], w[1], mw, w[3]}}}) {
      Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + p[0] + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
          + "\"geometry\":" + TestApp.polygonJson((double[]) p[1]) + ",\"reason\":\"fixture\"}", Map.of());
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
    byte[] zip = Fixtures.shapefileZip(4547, List.of(
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {s[0], s[1], ms + 0.02 * metre, s[3]}),
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {ms, s[1], s[2], s[3]}),
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {t[0], t[1], mt + 0.003 * metre, t[3]}),
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {mt, t[1], t[2], t[3]}),
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {mu - 0.02 * metre, u[1], u[2], u[3]}),
        Fixtures.square(props(TestApp.newCode(), "x", null), new double[] {mw - 0.003 * metre, w[1], w[2], w[3]})), true, false, GBK);
    long id = upload(zip, "thin.zip", "").get("id").asLong();
    checked(id, "{}");
    JsonNode fs = features(id);
    assertThat(codes(line(fs, 1).get("problems"))).isEqualTo("OVERLAP_IN_FILE");
    assertThat(line(fs, 1).get("problems").get(0).get("otherFid").asInt()).isEqualTo(2);
    assertThat(line(fs, 1).get("problems").get(0).get("areaM2").asDouble()).isBetween(1.8, 2.6);
    assertThat(line(fs, 2).get("problems").get(0).get("otherFid").asInt()).isEqualTo(1);
    assertThat(line(fs, 3).get("status").asText()).isEqualTo("accepted");
    assertThat(line(fs, 4).get("status").asText()).isEqualTo("accepted");
    assertThat(codes(line(fs, 5).get("problems"))).isEqualTo("OVERLAP");
    assertThat(line(fs, 5).get("problems").get(0).get("otherCode").asText()).isEqualTo(cu);
    assertThat(line(fs, 5).get("problems").get(0).get("areaM2").asDouble()).isBetween(1.8, 2.6);
    assertThat(line(fs, 6).get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void anExistingCodeIsAnUpdateWithHistory() throws Exception {
    double[] s = TestApp.square();
    String code = TestApp.newCode();
    Resp made = editor.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"fixture\"}", Map.of());
    long pid = made.json().get("id").asLong();
    double[] smaller = {s[0], s[1], s[2] - 0.0003, s[3]};
    long id = upload(Fixtures.shapefileZip(4490, List.of(Fixtures.square(props(code, "x", null), smaller)), true, false, GBK), "upd.zip", "").get("id").asLong();
    checked(id, "{}");
    assertThat(line(features(id), 1).get("action").asText()).isEqualTo("update");
    assertThat(editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of()).json().get("counts").get("updated").asInt()).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", pid)).isEqualTo(2);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version WHERE parcel_id = ? AND operation = 'import'", pid)).isEqualTo(1);
    // The history row of the version the import replaced (written for all its rows in one statement) has what an edit's
    // has: the same columns as the version in force, the outline, and its end where the import's version begins.
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_history a JOIN parcel_version b ON b.parcel_id = a.parcel_id AND b.version = 2 "
        + "WHERE a.parcel_id = ? AND a.version = 1 AND a.valid_to = b.valid_from AND b.valid_to IS NULL AND b.geom IS NOT NULL "
        + "AND (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(a.row_data) k) = (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(b.row_data) k) "
        + "AND (b.row_data ->> 'version')::int = 2 AND b.row_data ->> 'changed_by' = 't-resources' AND b.row_data -> 'geom' IS NULL "
        + "AND a.geom IS NOT NULL AND a.row_data -> 'geom' IS NULL AND a.operation <> 'import'", pid)).isEqualTo(1);
  }

  @Test
  void utf8TextReadAsGbkIsReportedAsGarbled() throws Exception {
    byte[] zip = Fixtures.shapefileZip(4490, List.of(Fixtures.square(props(TestApp.newCode(), "新郑市宏达机械有限公司", null), TestApp.square())), true, false, StandardCharsets.UTF_8);
    long id = upload(zip, "utf8.zip", "").get("id").asLong();
    JsonNode done = checked(id, "{}");
    assertThat(done.get("warnings").get(0).get("code").asText()).isEqualTo("MOJIBAKE");
    assertThat(done.get("warnings").get(0).get("message").asText()).contains("try UTF-8");
    JsonNode fixed = checked(id, "{\"encoding\":\"UTF-8\"}");
    assertThat(fixed.get("warnings")).isEmpty();
  }

  @Test
  void hostileAndBrokenFilesAreRefusedAndLeaveNothing() throws Exception {
    int before = parcels(), jobs = TestApp.intQuery("SELECT count(*) FROM import_job");
    Path q = TestApp.get().cfg.varDir.resolve("quarantine");
    long dirsBefore = Files.exists(q) ? countDirs(q) : 0;
    Resp slip = TestApp.upload(editor, "/api/imports?name=evil.zip", Fixtures.zipSlip());
    assertThat(slip.status()).isEqualTo(422);
    assertThat(slip.json().get("code").asText()).isEqualTo("ARCHIVE_UNSAFE_PATH");
    Resp bomb = TestApp.upload(editor, "/api/imports?name=bomb.zip", Fixtures.zipBomb());
    assertThat(bomb.status()).isEqualTo(422);
    assertThat(bomb.json().get("code").asText()).isIn("ARCHIVE_BOMB", "ARCHIVE_TOO_LARGE");
    Resp garbage = TestApp.upload(editor, "/api/imports?name=broken.gpkg", "this is not a geopackage".getBytes());
    assertThat(garbage.status()).isEqualTo(422);
    assertThat(garbage.json().get("code").asText()).isEqualTo("UNREADABLE_FILE");
    assertThat(garbage.body()).doesNotContain("/work").doesNotContain("quarantine");
    Resp big = TestApp.upload(editor, "/api/imports?name=big.geojson", new byte[21 * 1024 * 1024]);
    assertThat(big.status()).isEqualTo(413);
    Resp exe = TestApp.upload(editor, "/api/imports?name=tool.exe", "MZ".getBytes());
    assertThat(exe.json().get("code").asText()).isEqualTo("UNSUPPORTED_FORMAT");
    assertThat(parcels()).isEqualTo(before);
    assertThat(TestApp.intQuery("SELECT count(*) FROM import_job")).isEqualTo(jobs);
    assertThat(countDirs(q)).isEqualTo(dirsBefore);
    assertThat(Files.exists(q.getParent().getParent().resolve("evil.shp"))).isFalse();
    assertThat(Client.signedIn("t-viewer").get("/health").status()).isEqualTo(200);
  }

  static long countDirs(Path q) throws Exception {
    try (Stream<Path> s = Files.list(q)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("job-")).count();
    }
  }

  @Test
  void onlyEditorsImportAndOnlyTheirOwnJobs() throws Exception {
    assertThat(TestApp.upload(Client.signedIn("t-viewer"), "/api/imports?name=x.geojson", "{}".getBytes()).status()).isEqualTo(403);
    byte[] zip = Fixtures.shapefileZip(4490, List.of(Fixtures.square(props(TestApp.newCode(), "x", null), TestApp.square())), true, false, GBK);
    long id = upload(zip, "mine.zip", "").get("id").asLong();
    assertThat(Client.signedIn("t-city").get("/api/imports/" + id).status()).isEqualTo(404);
    // A Luoyang editor's dry run of a file in the TEST cluster: every feature is out of scope.
    Client city = Client.signedIn("t-city");
    Resp up = TestApp.upload(city, "/api/imports?name=other.zip", zip);
    long other = up.json().get("id").asLong();
    Resp r = city.send("POST", "/api/imports/" + other + "/check", "{}", Map.of());
    assertThat(codes(city.get("/api/imports/" + other + "/features").json().get("features").get(0).get("properties").get("problems"))).contains("OUT_OF_SCOPE");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void aConfirmedMappingIsSavedForTheNextFileWithTheSameLayout() throws Exception {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("BIANHAO", TestApp.newCode());
    p.put("YONGTU", "0601");
    byte[] zip = Fixtures.shapefileZip(4490, List.of(Fixtures.square(p, TestApp.square())), true, false, GBK);
    JsonNode first = upload(zip, "office-a.zip", "");
    assertThat(first.get("inspection").get("mappingSaved").asBoolean()).isFalse();
    assertThat(first.get("mapping").has("code")).isFalse();
    checked(first.get("id").asLong(), "{\"mapping\":{\"code\":\"BIANHAO\",\"landUseCode\":\"YONGTU\"}}");
    Map<String, Object> p2 = new LinkedHashMap<>();
    p2.put("BIANHAO", TestApp.newCode());
    p2.put("YONGTU", "0604");
    JsonNode second = upload(Fixtures.shapefileZip(4490, List.of(Fixtures.square(p2, TestApp.square())), true, false, GBK), "office-a-2.zip", "");
    assertThat(second.get("inspection").get("mappingSaved").asBoolean()).isTrue();
    assertThat(second.get("mapping").get("code").asText()).isEqualTo("BIANHAO");
    assertThat(checked(second.get("id").asLong(), "{}").get("counts").get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void holdersAreMatchedByCreditCodeOrByNameWithinTheClusterAndOnlyInTheCallersScope() {
    String credit = "91410100MA" + "HKLD001";
    credit += mujun.enterprise.CreditCode.checkChar(credit);
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + credit + "', '导入匹配测试有限公司', 'C34', 'above', "
        + TestApp.testClusterId + ") ON CONFLICT DO NOTHING");
    long holder = TestApp.intQuery("SELECT id FROM enterprise WHERE credit_code = ?", credit);
    String foreign = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT credit_code FROM enterprise WHERE cluster_id = (SELECT id FROM cluster WHERE code = 'DZCY') ORDER BY id LIMIT 1");
           var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    String[] codes = {TestApp.newCode(), TestApp.newCode(), TestApp.newCode()};
    String fc = "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"" + codes[0] + "\",\"DLBM\":\"0601\",\"TYSHXYDM\":\"" + credit + "\"},\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "},"
        + "{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"" + codes[1] + "\",\"DLBM\":\"0601\",\"QLR\":\"导入匹配测试有限公司\"},\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "},"
        + "{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"" + codes[2] + "\",\"DLBM\":\"0601\",\"TYSHXYDM\":\"" + foreign + "\"},\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "}]}";
    // Natural-resources staff of Zhengzhou (the TEST cluster's city): DZCY's enterprise is outside their scope.
    ensureZhengzhouUser();
    Client zz = Client.signedIn("t-zz-1");
    Resp up = TestApp.upload(zz, "/api/imports?name=holders.geojson", fc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    long id = up.json().get("id").asLong();
    Resp check = zz.send("POST", "/api/imports/" + id + "/check", "{}", Map.of());
    assertThat(check.status()).as(check.body()).isEqualTo(200);
    JsonNode fs = zz.get("/api/imports/" + id + "/features").json().get("features");
    assertThat(codes(line(fs, 3).get("warnings"))).contains("HOLDER_UNKNOWN");
    assertThat(zz.send("POST", "/api/imports/" + id + "/commit", "{\"mode\":\"all\"}", Map.of()).status()).isEqualTo(200);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND holder_id = ?", codes[0], holder)).as("by credit code").isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND holder_id = ?", codes[1], holder)).as("by name in the cluster").isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND holder_id IS NULL", codes[2])).as("not another city's enterprise").isEqualTo(1);
  }

  static String ensureZhengzhouUser() {
    if (TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 't-zz-1'") == 0) {
      TestApp.get().auth.addUser("t-zz-1", "Zhengzhou resources", TestApp.PASSWORD, java.util.List.of("resources:city:410100"));
    }
    return "1";
  }
}
