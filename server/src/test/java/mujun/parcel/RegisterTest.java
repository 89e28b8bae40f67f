package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mujun.auth.Principal;
import mujun.geo.GaussKruger;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import mujun.http.Json;
import mujun.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The register on a real PostGIS: history, as-of reads, optimistic locking, validity, overlap and scope. */
class RegisterTest {
  static ParcelRepository repo;
  static Principal editor;
  static Principal cityEditor;

  @BeforeAll
  static void setUp() {
    repo = new ParcelRepository(TestApp.get().db);
    editor = TestApp.principal("t-resources");
    cityEditor = TestApp.principal("t-city");
  }

  static ParcelInput input(String json) throws Exception {
    return ParcelInput.parse((ObjectNode) Json.MAPPER.readTree(json), false);
  }

  static ParcelInput newParcel(String code, String geometry, String extra) throws Exception {
    return ParcelInput.parse((ObjectNode) Json.MAPPER.readTree("{\"code\":\"" + code + "\",\"landUseScheme\":\"GB/T 21010-2017\","
        + "\"landUseCode\":\"0601\",\"geometry\":" + geometry + ",\"reason\":\"test create\"" + extra + "}"), true);
  }

  static long create(String extra) throws Exception {
    return repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(TestApp.square()), extra)).id();
  }

  static JsonNode feature(long id, Instant asOf) throws Exception {
    return Json.MAPPER.readTree(repo.one(editor, id, asOf).orElseThrow().featureJson());
  }

  @Test
  void createWritesHistoryWithWhoAndWhy() throws Exception {
    long id = create("");
    JsonNode h = Json.MAPPER.readTree(repo.history(editor, id).orElseThrow());
    assertThat(h.get("versions")).hasSize(1);
    JsonNode v1 = h.get("versions").get(0);
    assertThat(v1.get("operation").asText()).isEqualTo("create");
    assertThat(v1.get("changedBy").asText()).isEqualTo("t-resources");
    assertThat(v1.get("reason").asText()).isEqualTo("test create");
    assertThat(v1.get("validTo").isNull()).isTrue();
  }

  @Test
  void editKeepsPreviousGeometryAndAttributesInHistory() throws Exception {
    long id = create(",\"remarks\":\"before\"");
    double[] s = TestApp.square();
    repo.update(editor, id, 1, input("{\"remarks\":\"after\",\"geometry\":" + TestApp.polygonJson(s) + ",\"reason\":\"moved\"}"));
    JsonNode h = Json.MAPPER.readTree(repo.history(editor, id).orElseThrow());
    assertThat(h.get("versions")).hasSize(2);
    JsonNode v2 = h.get("versions").get(0), v1 = h.get("versions").get(1);
    assertThat(v2.get("version").asInt()).isEqualTo(2);
    assertThat(v2.get("reason").asText()).isEqualTo("moved");
    assertThat(v1.get("properties").get("remarks").asText()).isEqualTo("before");
    assertThat(v2.get("properties").get("remarks").asText()).isEqualTo("after");
    assertThat(v1.get("validTo").asText()).isEqualTo(v2.get("validFrom").asText());
    assertThat(v1.get("geometry").toString()).isNotEqualTo(v2.get("geometry").toString());
    assertThat(feature(id, null).get("properties").get("version").asInt()).isEqualTo(2);
  }

  @Test
  void historyHoldsEachReplacedVersionOnceAndTheRowTheVersionInForce() throws Exception {
    long id = create(",\"remarks\":\"one\"");
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_history WHERE parcel_id = ?", id)).as("a new parcel is its version in force").isZero();
    repo.update(editor, id, 1, input("{\"remarks\":\"two\"}"));
    repo.update(editor, id, 2, input("{\"remarks\":\"three\"}"));
    // Versions 1 and 2, as they were, each ending where the next begins; version 3 is the parcel row.
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_history a JOIN parcel_history b ON b.parcel_id = a.parcel_id AND b.version = 2 "
        + "JOIN parcel p ON p.id = a.parcel_id WHERE a.parcel_id = ? AND a.version = 1 AND a.row_data ->> 'remarks' = 'one' AND a.operation = 'create' "
        + "AND b.row_data ->> 'remarks' = 'two' AND b.operation = 'update' AND a.valid_to = b.valid_from AND b.valid_to = p.valid_from "
        + "AND p.version = 3 AND p.operation = 'update' AND a.row_data -> 'operation' IS NULL", id)).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_history WHERE parcel_id = ?", id)).isEqualTo(2);
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version WHERE parcel_id = ? AND valid_to IS NULL AND row_data ->> 'remarks' = 'three'", id)).isEqualTo(1);
    // Append-only, even for a statement that would change nothing.
    assertThatThrownBy(() -> TestApp.sql("UPDATE parcel_history SET change_reason = 'x' WHERE parcel_id = -1"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("HISTORY_IMMUTABLE"));
  }

  @Test
  void reshapingWithinTheSameBoundingBoxRecomputesTheArea() throws Exception {
    double[] s = TestApp.square();
    long id = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(s), "")).id();
    double before = feature(id, null).get("properties").get("areaM2").asDouble();
    // Same bounding box, one corner cut off: a quarter of the square's area less... here a triangle of half the square.
    String triangle = String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
        s[0], s[1], s[2], s[1], s[2], s[3], s[0], s[1]);
    repo.update(editor, id, 1, input("{\"geometry\":" + triangle + "}"));
    assertThat(feature(id, null).get("properties").get("areaM2").asDouble()).isCloseTo(before / 2, within(1.0));
  }

  @Test
  void staleVersionGets412AndChangesNothing() throws Exception {
    long id = create("");
    repo.update(editor, id, 1, input("{\"remarks\":\"first\"}"));
    assertThatThrownBy(() -> repo.update(editor, id, 1, input("{\"remarks\":\"lost update\"}")))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status).isEqualTo(412);
          assertThat(e.code).isEqualTo("VERSION_CONFLICT");
        });
    assertThat(feature(id, null).get("properties").get("remarks").asText()).isEqualTo("first");
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version WHERE parcel_id = ?", id)).isEqualTo(2);
  }

  @Test
  void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
    long id = create("");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      results.add(pool.submit((Callable<String>) () -> {
        try {
          repo.update(editor, id, 1, input("{\"remarks\":\"writer " + n + "\"}"));
          return "ok";
        } catch (ApiError e) {
          return e.code;
        }
      }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : results) outcomes.add(f.get());
    pool.shutdown();
    assertThat(outcomes).containsOnlyOnce("ok");
    assertThat(outcomes.stream().filter(o -> o.equals("VERSION_CONFLICT"))).hasSize(3);
    assertThat(TestApp.intQuery("SELECT version FROM parcel WHERE id = ?", id)).isEqualTo(2);
  }

  @Test
  void asOfReadsShowThePastOutlineAndAttributes() throws Exception {
    long id = create(",\"remarks\":\"v1\"");
    Instant between = TestApp.get().db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getTimestamp(1).toInstant();
      }
    });
    Thread.sleep(5);
    repo.update(editor, id, 1, input("{\"remarks\":\"v2\",\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "}"));
    JsonNode past = feature(id, between), now = feature(id, null);
    assertThat(past.get("properties").get("remarks").asText()).isEqualTo("v1");
    assertThat(now.get("properties").get("remarks").asText()).isEqualTo("v2");
    assertThat(past.get("geometry").toString()).isNotEqualTo(now.get("geometry").toString());
    // Before the parcel existed it is not there at all.
    assertThat(repo.one(editor, id, Instant.parse("2001-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void wholeRegisterAsOfExcludesLaterAndRetiredParcels() throws Exception {
    double[] s = TestApp.square();
    long keep = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(s), "")).id();
    Instant t1 = Instant.now();
    Thread.sleep(20);
    repo.retire(editor, keep, 1, "demolished");
    ParcelRepository.BBox box = new ParcelRepository.BBox(s[0] - 1e-4, s[1] - 1e-4, s[2] + 1e-4, s[3] + 1e-4);
    ByteArrayOutputStream then = new ByteArrayOutputStream(), now = new ByteArrayOutputStream();
    repo.streamList(editor, box, null, t1, 100, then);
    repo.streamList(editor, box, null, null, 100, now);
    assertThat(Json.MAPPER.readTree(then.toString(StandardCharsets.UTF_8)).get("features")).hasSize(1);
    assertThat(Json.MAPPER.readTree(now.toString(StandardCharsets.UTF_8)).get("features")).isEmpty();
  }

  @Test
  void overlapIsRefusedWithAreaAndOtherCode() throws Exception {
    double[] s = TestApp.square();
    String code = TestApp.newCode();
    repo.create(editor, newParcel(code, TestApp.polygonJson(s), ""));
    // Shifted by half its width: overlaps ~ half of 0.001° × 0.001°.
    double[] shifted = {s[0] + 0.0005, s[1], s[2] + 0.0005, s[3]};
    int before = TestApp.intQuery("SELECT count(*) FROM parcel_version");
    assertThatThrownBy(() -> repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(shifted), "")))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status).isEqualTo(409);
          assertThat(e.code).isEqualTo("OVERLAP");
          assertThat(e.getMessage()).contains(code);
          @SuppressWarnings("unchecked")
          java.util.Map<String, Object> d = (java.util.Map<String, Object>) e.details.get(0);
          assertThat(((Number) d.get("overlapAreaM2")).doubleValue()).isBetween(4000.0, 6000.0);
        });
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_version")).isEqualTo(before);
  }

  @Test
  void bowTieIsRefusedWithReasonAndLocation() throws Exception {
    double[] s = TestApp.square();
    String bowtie = String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
        s[0], s[1], s[2], s[3], s[2], s[1], s[0], s[3], s[0], s[1]);
    assertThatThrownBy(() -> repo.create(editor, newParcel(TestApp.newCode(), bowtie, "")))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code).isEqualTo("GEOMETRY_INVALID");
          assertThat(e.getMessage()).contains("Self-intersection");
          @SuppressWarnings("unchecked")
          java.util.Map<String, Object> d = (java.util.Map<String, Object>) e.details.get(0);
          assertThat(((Number) d.get("lon")).doubleValue()).isCloseTo((s[0] + s[2]) / 2, within(1e-6));
          assertThat(((Number) d.get("lat")).doubleValue()).isCloseTo((s[1] + s[3]) / 2, within(1e-6));
        });
  }

  @Test
  void bowTieIsRepairedOnRequest() throws Exception {
    double[] s = TestApp.square();
    String bowtie = String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
        s[0], s[1], s[2], s[3], s[2], s[1], s[0], s[3], s[0], s[1]);
    ParcelRepository.Saved saved = repo.create(editor, newParcel(TestApp.newCode(), bowtie, ",\"repair\":true"));
    assertThat(saved.repaired()).startsWith("Self-intersection at (");
    JsonNode f = feature(saved.id(), null);
    assertThat(f.get("geometry").get("coordinates")).hasSize(2); // two triangles
    assertThat(f.get("properties").get("areaM2").asDouble()).isGreaterThan(0);
  }

  @Test
  void outsideHenanIsRefused() throws Exception {
    String shanghai = "{\"type\":\"Polygon\",\"coordinates\":[[[121.4,31.2],[121.401,31.2],[121.401,31.201],[121.4,31.201],[121.4,31.2]]]}";
    assertThatThrownBy(() -> repo.create(editor, newParcel(TestApp.newCode(), shanghai, ",\"clusterId\":" + TestApp.testClusterId)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("OUTSIDE_HENAN"));
  }

  @Test
  void swappedAxesAreRefusedAsOutsideHenan() throws Exception {
    double[] s = TestApp.square();
    String swapped = TestApp.polygonJson(new double[] {s[1], s[0], s[3], s[2]});
    assertThatThrownBy(() -> repo.create(editor, newParcel(TestApp.newCode(), swapped, ",\"clusterId\":" + TestApp.testClusterId)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("OUTSIDE_HENAN"));
  }

  @Test
  void parcelCrossingTheClusterBoundaryIsRefused() throws Exception {
    // The TEST cluster ends at lat 35.0.
    String crossing = TestApp.polygonJson(new double[] {113.29, 34.999, 113.2915, 35.0005});
    assertThatThrownBy(() -> repo.create(editor, newParcel(TestApp.newCode(), crossing, ",\"clusterId\":" + TestApp.testClusterId)))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code).isEqualTo("OUTSIDE_CLUSTER");
          assertThat(e.getMessage()).contains("outside its cluster");
        });
  }

  @Test
  void duplicateCurrentCodeIsRefusedButARetiredCodeMayBeReused() throws Exception {
    String code = TestApp.newCode();
    long first = repo.create(editor, newParcel(code, TestApp.polygonJson(TestApp.square()), "")).id();
    assertThatThrownBy(() -> repo.create(editor, newParcel(code, TestApp.polygonJson(TestApp.square()), "")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("DUPLICATE"));
    repo.retire(editor, first, 1, "re-surveyed");
    long second = repo.create(editor, newParcel(code, TestApp.polygonJson(TestApp.square()), "")).id();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void retiredParcelsAreNeverDeletedNorChanged() throws Exception {
    long id = create("");
    repo.retire(editor, id, 1, "merged elsewhere");
    assertThatThrownBy(() -> repo.update(editor, id, 2, input("{\"remarks\":\"x\"}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("PARCEL_RETIRED"));
    assertThatThrownBy(() -> TestApp.sql("DELETE FROM parcel WHERE id = " + id))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("DELETE_FORBIDDEN"));
    assertThatThrownBy(() -> TestApp.sql("DELETE FROM parcel_history WHERE parcel_id = " + id))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("HISTORY_IMMUTABLE"));
    JsonNode h = Json.MAPPER.readTree(repo.history(editor, id).orElseThrow());
    assertThat(h.get("versions").get(0).get("operation").asText()).isEqualTo("retire");
  }

  @Test
  void enterpriseCreditCodesMustCarryTheRightCheckCharacter() {
    assertThatThrownBy(() -> TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) "
        + "VALUES ('91350100M000100Y44', 'x', 'C3311', 'above', " + TestApp.testClusterId + ")"))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code).isEqualTo("CHECK_FAILED");
          assertThat(e.getMessage()).contains("check character");
        });
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) "
        + "VALUES ('91350100M000100Y43', 'valid', 'C3311', 'above', " + TestApp.testClusterId + ")");
  }

  @Test
  void directSqlEditsAreRecordedToo() throws Exception {
    long id = create("");
    TestApp.sql("UPDATE parcel SET remarks = 'by a DBA' WHERE id = " + id);
    JsonNode h = Json.MAPPER.readTree(repo.history(editor, id).orElseThrow());
    assertThat(h.get("versions")).hasSize(2);
    assertThat(h.get("versions").get(0).get("changedBy").asText()).isEqualTo("test");
  }

  @Test
  void splitMakesTwoParcelsThatInheritAttributesAndRetiresTheParent() throws Exception {
    double[] s = TestApp.square();
    long id = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(s), ",\"floorAreaRatio\":1.5")).id();
    double mid = (s[0] + s[2]) / 2;
    var line = GeoJsonInput.parse(Json.MAPPER.readTree(String.format(Locale.ROOT,
        "{\"type\":\"LineString\",\"coordinates\":[[%f,%f],[%f,%f]]}", mid, s[1] - 0.0002, mid, s[3] + 0.0002)), "line", java.util.Set.of("LineString"));
    List<Long> kids = repo.split(editor, id, 1, line, List.of(), "road widening");
    assertThat(kids).hasSize(2);
    double parentArea = feature(id, null).get("properties").get("areaM2").asDouble();
    double sum = 0;
    for (long k : kids) {
      JsonNode f = feature(k, null);
      assertThat(f.get("properties").get("floorAreaRatio").asDouble()).isEqualTo(1.5);
      assertThat(f.get("properties").get("origin").asText()).isEqualTo("split");
      assertThat(f.get("properties").get("predecessorIds").get(0).asLong()).isEqualTo(id);
      sum += f.get("properties").get("areaM2").asDouble();
    }
    assertThat(sum).isCloseTo(parentArea, within(0.01));
    assertThat(feature(id, null).get("properties").get("status").asText()).isEqualTo("retired");
    JsonNode h = Json.MAPPER.readTree(repo.history(editor, id).orElseThrow());
    assertThat(h.get("successors")).hasSize(2);
    // A line that misses the parcel cuts nothing.
    var miss = GeoJsonInput.parse(Json.MAPPER.readTree(String.format(Locale.ROOT,
        "{\"type\":\"LineString\",\"coordinates\":[[%f,%f],[%f,%f]]}", s[0] - 0.01, s[1], s[0] - 0.009, s[3])), "line", java.util.Set.of("LineString"));
    assertThatThrownBy(() -> repo.split(editor, kids.get(0), 1, miss, List.of(), "x"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("SPLIT_LINE_DOES_NOT_CROSS"));
  }

  @Test
  void mergeJoinsNeighboursAndRefusesDistantParcels() throws Exception {
    double[] s = TestApp.square();
    double mid = (s[0] + s[2]) / 2;
    long a = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(new double[] {s[0], s[1], mid, s[3]}), "")).id();
    long b = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(new double[] {mid, s[1], s[2], s[3]}), "")).id();
    long far = create("");
    assertThatThrownBy(() -> repo.merge(editor, List.of(new ParcelRepository.Part(a, 1), new ParcelRepository.Part(far, 1)), null, "x"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("MERGE_NOT_ADJACENT"));
    long merged = repo.merge(editor, List.of(new ParcelRepository.Part(a, 1), new ParcelRepository.Part(b, 1)), null, "consolidation");
    JsonNode f = feature(merged, null);
    assertThat(f.get("geometry").get("coordinates")).hasSize(1);
    assertThat(f.get("properties").get("predecessorIds")).hasSize(2);
    assertThat(f.get("properties").get("code").asText()).isEqualTo(feature(a, null).get("properties").get("code").asText());
    assertThat(feature(b, null).get("properties").get("status").asText()).isEqualTo("retired");
  }

  @Test
  void aMergeKeepsTheAttributesOfThePartTheUserChose() throws Exception {
    double[] s = TestApp.square();
    double mid = (s[0] + s[2]) / 2;
    long a = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(new double[] {s[0], s[1], mid, s[3]}), ",\"remarks\":\"west part\"")).id();
    long b = repo.create(editor, newParcel(TestApp.newCode(), TestApp.polygonJson(new double[] {mid, s[1], s[2], s[3]}),
        ",\"remarks\":\"east part\",\"floorAreaRatio\":1.6")).id();
    List<ParcelRepository.Part> parts = List.of(new ParcelRepository.Part(a, 1), new ParcelRepository.Part(b, 1));
    assertThatThrownBy(() -> repo.merge(editor, parts, 999_999_999L, null, "x"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status).isEqualTo(422));
    long merged = repo.merge(editor, parts, b, null, "consolidation");
    JsonNode p = feature(merged, null).get("properties");
    assertThat(p.get("remarks").asText()).isEqualTo("east part");
    assertThat(p.get("floorAreaRatio").asDouble()).isEqualTo(1.6);
    assertThat(p.get("code").asText()).isEqualTo(feature(b, null).get("properties").get("code").asText());
    // The other part's attributes are in its retired version.
    assertThat(feature(a, null).get("properties").get("remarks").asText()).isEqualTo("west part");
  }

  @Test
  void areaIsThePlaneAreaInTheParcelsOwnZone() throws Exception {
    // A 100 m square laid out in each zone's own plane, stored through the trigger: 10,000 m² = 15 亩 each time.
    try (Connection c = TestApp.connection()) {
      for (int zone : new int[] {37, 38, 39}) {
        int srid = GaussKruger.srid(zone);
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT mujun_gk_srid(g), mujun_gk_area(g) FROM (SELECT ST_Transform(ST_MakeEnvelope(500000, 3750000, 500100, 3750100, ?), 4490) g) s")) {
          ps.setInt(1, srid);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(srid);
            assertThat(rs.getDouble(2)).isCloseTo(10000.0, within(0.01));
          }
        }
      }
    }
    long id = create(",\"registeredAreaM2\":100");
    JsonNode p = feature(id, null).get("properties");
    assertThat(p.get("gkSrid").asInt()).isEqualTo(4547);
    assertThat(p.get("areaMu").asDouble()).isCloseTo(p.get("areaM2").asDouble() * 15 / 10000, within(0.001));
    assertThat(p.get("areaMismatch").asBoolean()).isTrue();
  }

  @Test
  void editorsOutsideTheirCityCannotChangeParcels() throws Exception {
    long id = create("");
    assertThatThrownBy(() -> repo.update(cityEditor, id, 1, input("{\"remarks\":\"not mine\"}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status).isIn(403, 404));
    assertThat(feature(id, null).get("properties").get("version").asInt()).isEqualTo(1);
  }
}
