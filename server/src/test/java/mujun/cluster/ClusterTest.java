package mujun.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mujun.importing.Fixtures;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A province registers its clusters and parks through the API: boundaries drawn or read from files (through the
 * import's CRS checks), overlaps and parcels left outside refused (or flagged, as the user chooses), parks inside their
 * cluster with their roll-ups, every version kept, scopes held, bad input refused with the field named.
 */
class ClusterTest {
  static Client resources, city, park;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    resources = Client.signedIn("t-resources");
    city = Client.signedIn("t-city");
    park = Client.signedIn("t-park");
  }

  static String box(double x0, double y0, double x1, double y1) {
    return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
        x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
  }

  static String cluster(String code, String cityCode, String boundary) {
    return "{\"code\":\"" + code + "\",\"name\":\"测试" + code + "集聚区\",\"cityCode\":\"" + cityCode + "\",\"level\":\"provincial\",\"plannedAreaKm2\":12.5,"
        + "\"leadingIndustries\":[\"c34\",\"C3670\"],\"chemicalPark\":true,\"boundary\":" + boundary + "}";
  }

  static Map<String, String> ifMatch(Resp r) {
    return Map.of("If-Match", r.header("ETag"));
  }

  @Test
  void aClusterIsCreatedEditedAndKeepsItsHistory() {
    Resp made = resources.send("POST", "/api/clusters", cluster("PDA1", "411300", box(111.00, 33.40, 111.05, 33.44)), Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode k = made.json();
    assertThat(k.get("version").asInt()).isEqualTo(1);
    assertThat(k.get("cityName").asText()).isEqualTo("南阳市");
    assertThat(k.get("leadingIndustries").toString()).isEqualTo("[\"C34\",\"C3670\"]");
    assertThat(k.get("chemicalPark").asBoolean()).isTrue();
    assertThat(k.get("chemicalLed").asBoolean()).isFalse();
    assertThat(k.get("boundaryAreaKm2").asDouble()).isBetween(20.0, 24.0);
    assertThat(made.header("ETag")).isEqualTo("\"cluster-" + k.get("id").asLong() + "-v1\"");
    long id = k.get("id").asLong();

    // It is on the public list of clusters at once.
    assertThat(Client.anonymous().get("/api/clusters").body()).contains("PDA1");

    // Another cluster may not overlap it; one beside it may.
    Resp overlap = resources.send("POST", "/api/clusters", cluster("PDA2", "411300", box(111.04, 33.40, 111.09, 33.44)), Map.of());
    assertThat(overlap.status()).as(overlap.body()).isEqualTo(409);
    assertThat(overlap.json().get("code").asText()).isEqualTo("CLUSTER_OVERLAP");
    assertThat(overlap.body()).contains("PDA1");
    Resp beside = resources.send("POST", "/api/clusters", cluster("PDA2", "411300", box(111.05, 33.40, 111.09, 33.44)), Map.of());
    assertThat(beside.status()).as(beside.body()).isEqualTo(201);

    // An edit needs the version read; a stale one is refused.
    Resp edit = resources.send("PATCH", "/api/clusters/" + id, "{\"name\":\"测试一区（更名）\",\"chemicalLed\":true,\"reason\":\"批复更名\"}", ifMatch(made));
    assertThat(edit.status()).as(edit.body()).isEqualTo(200);
    assertThat(edit.json().get("version").asInt()).isEqualTo(2);
    Resp stale = resources.send("PATCH", "/api/clusters/" + id, "{\"name\":\"又一个名字\"}", ifMatch(made));
    assertThat(stale.status()).isEqualTo(412);
    JsonNode history = resources.get("/api/clusters/" + id + "/history").json();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("reason").asText()).isEqualTo("批复更名");
    assertThat(history.get(1).at("/record/name").asText()).isEqualTo("测试PDA1集聚区");
    assertThat(history.get(1).at("/record/boundary/type").asText()).isEqualTo("MultiPolygon");
  }

  @Test
  void badClustersAreRefusedWithTheFieldNamed() {
    Resp bad = resources.send("POST", "/api/clusters", "{\"code\":\"bad code\",\"name\":\" \",\"cityCode\":\"4113\",\"leadingIndustries\":[\"Z99\"],"
        + "\"plannedAreaKm2\":-3,\"level\":\"county\"}", Map.of());
    assertThat(bad.status()).as(bad.body()).isEqualTo(422);
    assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    List<String> fields = new java.util.ArrayList<>();
    bad.json().get("details").forEach(d -> fields.add(d.get("field").asText()));
    assertThat(fields).contains("code", "cityCode", "leadingIndustries", "plannedAreaKm2", "level", "boundary");
    Resp unknownCity = resources.send("POST", "/api/clusters", cluster("PDB1", "419999", box(111.10, 33.40, 111.12, 33.42)), Map.of());
    assertThat(unknownCity.status()).isEqualTo(422);
    assertThat(unknownCity.body()).contains("cityCode");
    Resp outside = resources.send("POST", "/api/clusters", cluster("PDB2", "411300", box(120.0, 30.0, 120.1, 30.1)), Map.of());
    assertThat(outside.status()).isEqualTo(422);
    assertThat(outside.json().get("code").asText()).isEqualTo("OUTSIDE_HENAN");
    Resp invalid = resources.send("POST", "/api/clusters", cluster("PDB3", "411300",
        "{\"type\":\"Polygon\",\"coordinates\":[[[111.1,33.4],[111.12,33.42],[111.12,33.4],[111.1,33.42],[111.1,33.4]]]}"), Map.of());
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("code").asText()).isEqualTo("GEOMETRY_INVALID");
    Resp taken = resources.send("POST", "/api/clusters", cluster("XZXG", "410184", box(111.20, 33.40, 111.22, 33.42)), Map.of());
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body()).contains("cluster with this code");
    assertThat(TestApp.intQuery("SELECT count(*) FROM cluster WHERE code IN ('PDB1', 'PDB2', 'PDB3')")).isZero();
  }

  @Test
  void scopesHold() {
    // t-city edits Luoyang (410300): not a cluster in Nanyang; a park manager cannot create clusters at all.
    Resp other = city.send("POST", "/api/clusters", cluster("PDC1", "411300", box(111.30, 33.40, 111.32, 33.42)), Map.of());
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().get("code").asText()).isEqualTo("OUT_OF_SCOPE");
    Resp own = city.send("POST", "/api/clusters", cluster("PDC2", "410300", box(111.30, 34.40, 111.32, 34.42)), Map.of());
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    assertThat(park.send("POST", "/api/clusters", cluster("PDC3", "410184", box(111.34, 33.40, 111.36, 33.42)), Map.of()).status()).isEqualTo(403);
    long xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    int v = TestApp.intQuery("SELECT version FROM cluster WHERE id = ?", (int) xzxg);
    Resp foreign = city.send("PATCH", "/api/clusters/" + xzxg, "{\"name\":\"改名\"}", Map.of("If-Match", "\"cluster-" + xzxg + "-v" + v + "\""));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(TestApp.intQuery("SELECT version FROM cluster WHERE id = ?", (int) xzxg)).isEqualTo(v);
  }

  @Test
  void parksLieInsideTheirClusterAndRollUp() {
    Resp k = resources.send("POST", "/api/clusters", cluster("PDD1", "411300", box(111.50, 33.40, 111.56, 33.45)), Map.of());
    assertThat(k.status()).as(k.body()).isEqualTo(201);
    long kid = k.json().get("id").asLong();
    String parkBody = "{\"clusterId\":" + kid + ",\"code\":\"PDD1-GD\",\"name\":\"高端装备产业园\",\"kind\":\"high_end\",\"operator\":\"园区运营公司\",\"boundary\":"
        + box(111.50, 33.40, 111.53, 33.43) + "}";
    Resp p = resources.send("POST", "/api/parks", parkBody, Map.of());
    assertThat(p.status()).as(p.body()).isEqualTo(201);
    assertThat(p.json().get("kindName").asText()).isEqualTo("高端产业园");
    assertThat(p.json().get("areaMu").asDouble()).isGreaterThan(10_000);
    long pid = p.json().get("id").asLong();
    Resp out = resources.send("POST", "/api/parks", parkBody.replace("PDD1-GD", "PDD1-X").replace(box(111.50, 33.40, 111.53, 33.43), box(111.55, 33.44, 111.58, 33.47)), Map.of());
    assertThat(out.status()).as(out.body()).isEqualTo(422);
    assertThat(out.json().get("code").asText()).isEqualTo("OUTSIDE_CLUSTER");
    Resp over = resources.send("POST", "/api/parks", parkBody.replace("PDD1-GD", "PDD1-Y").replace(box(111.50, 33.40, 111.53, 33.43), box(111.52, 33.40, 111.54, 33.42)), Map.of());
    assertThat(over.status()).isEqualTo(409);
    Resp kind = resources.send("POST", "/api/parks", parkBody.replace("PDD1-GD", "PDD1-Z").replace("high_end", "casino"), Map.of());
    assertThat(kind.status()).isEqualTo(422);
    assertThat(park.send("POST", "/api/parks", parkBody.replace("PDD1-GD", "PDD1-W"), Map.of()).status()).isEqualTo(403);

    // A parcel in the park, held by an enterprise with figures: the park's roll-up counts it.
    String code = TestApp.newCode();
    Resp parcel = resources.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"clusterId\":" + kid + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + box(111.501, 33.401, 111.503, 33.403) + "}", Map.of());
    assertThat(parcel.status()).as(parcel.body()).isEqualTo(201);
    JsonNode sum = resources.get("/api/parks/" + pid).json().get("summary");
    assertThat(sum.get("parcels").asInt()).isEqualTo(1);
    assertThat(sum.get("industrialMu").asDouble()).isGreaterThan(50);
    assertThat(resources.get("/api/parks?cluster=" + kid).json()).hasSize(1);
    assertThat(resources.get("/api/clusters/" + kid).json().at("/parks/0/code").asText()).isEqualTo("PDD1-GD");
    // The park's roll-up wherever the cluster's is: the dashboard and the low-efficiency summary.
    JsonNode dash = null;
    for (JsonNode c : resources.get("/api/evaluation/dashboard?year=2025").json().get("clusters")) if (c.get("code").asText().equals("PDD1")) dash = c;
    assertThat(dash).isNotNull();
    assertThat(dash.at("/parks/0/code").asText()).isEqualTo("PDD1-GD");
    assertThat(dash.at("/parks/0/summary/parcels").asInt()).isEqualTo(1);
    JsonNode low = null;
    for (JsonNode c : resources.get("/api/low-efficiency/summary").json().get("clusters")) if (c.get("code").asText().equals("PDD1")) low = c;
    assertThat(low.at("/parks/0/name").asText()).isEqualTo("高端装备产业园");
    assertThat(low.at("/parks/0/industrialMu").asDouble()).isGreaterThan(50);
    // Exports name the park each parcel lies in.
    String export = new String(resources.getBytes("/api/exports/parcels?format=geojson&cluster=" + kid), StandardCharsets.UTF_8);
    assertThat(export).contains(code, "\"park\": \"PDD1-GD\"");

    // A boundary that would leave the park outside is refused, whatever the caller accepts for parcels.
    Resp cut = resources.send("PATCH", "/api/clusters/" + kid, "{\"boundary\":" + box(111.52, 33.40, 111.56, 33.45) + ",\"outsideParcels\":\"flag\"}", ifMatch(k));
    assertThat(cut.status()).as(cut.body()).isEqualTo(409);
    assertThat(cut.json().get("code").asText()).isEqualTo("LEFT_OUTSIDE");
    assertThat(cut.body()).contains("高端装备产业园");
  }

  @Test
  void aBoundaryLeavingParcelsOutsideIsRefusedOrAcceptedWithThemFlagged() {
    Resp k = resources.send("POST", "/api/clusters", cluster("PDE1", "411300", box(111.70, 33.40, 111.76, 33.45)), Map.of());
    long kid = k.json().get("id").asLong();
    String code = TestApp.newCode();
    Resp parcel = resources.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"clusterId\":" + kid + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + box(111.745, 33.44, 111.755, 33.445) + "}", Map.of());
    assertThat(parcel.status()).as(parcel.body()).isEqualTo(201);
    String smaller = "{\"boundary\":" + box(111.70, 33.40, 111.75, 33.45) + "}";
    Resp refused = resources.send("PATCH", "/api/clusters/" + kid, smaller, ifMatch(k));
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("code").asText()).isEqualTo("LEFT_OUTSIDE");
    assertThat(refused.json().at("/details/0/count").asInt()).isEqualTo(1);
    assertThat(refused.json().at("/details/0/parcels/0/code").asText()).isEqualTo(code);
    assertThat(TestApp.intQuery("SELECT version FROM cluster WHERE id = ?", (int) kid)).isEqualTo(1);
    Resp bad = resources.send("PATCH", "/api/clusters/" + kid, smaller.replace("}", ",\"outsideParcels\":\"ignore\"}").replaceFirst("\\},\"outsideParcels", "},\"outsideParcels"), ifMatch(k));
    assertThat(bad.status()).isEqualTo(400);
    Resp flagged = resources.send("PATCH", "/api/clusters/" + kid, "{\"boundary\":" + box(111.70, 33.40, 111.75, 33.45) + ",\"outsideParcels\":\"flag\",\"reason\":\"核减范围\"}",
        ifMatch(k));
    assertThat(flagged.status()).as(flagged.body()).isEqualTo(200);
    assertThat(flagged.json().at("/outsideParcels/0/code").asText()).isEqualTo(code);
    assertThat(flagged.json().at("/outsideParcels/0/outsideM2").asDouble()).isGreaterThan(100);
    assertThat(resources.get("/api/clusters/" + kid + "/history").json()).hasSize(2);
  }

  @Test
  void aBoundaryIsReadFromAFileThroughTheImportChecks() throws Exception {
    double[] s = {113.95, 33.45, 114.00, 33.49};
    byte[] shp = Fixtures.shapefileZip(4547, List.of(Fixtures.square(Map.of("NAME", "集聚区范围"), s)), true, false, java.nio.charset.Charset.forName("GBK"));
    Resp outline = TestApp.upload(resources, "/api/boundary-files?name=boundary.zip", shp);
    assertThat(outline.status()).as(outline.body()).isEqualTo(200);
    assertThat(outline.json().get("srid").asInt()).isEqualTo(4547);
    assertThat(outline.json().get("features").asInt()).isEqualTo(1);
    assertThat(outline.json().at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    assertThat(outline.json().get("areaKm2").asDouble()).isBetween(18.0, 22.0);
    Resp made = resources.send("POST", "/api/clusters", cluster("PDF1", "411100", outline.json().get("geometry").toString()), Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);

    // A DXF of closed lines in the plane CRS without a .prj: refused until the CRS is chosen.
    byte[] dxf = Fixtures.dxf(4547, List.of(Fixtures.square(Map.of(), new double[] {114.02, 33.45, 114.05, 33.48})));
    Resp noCrs = TestApp.upload(resources, "/api/boundary-files?name=boundary.dxf", dxf);
    assertThat(noCrs.status()).as(noCrs.body()).isEqualTo(422);
    assertThat(noCrs.json().get("code").asText()).isIn("CRS_MISSING", "CRS_CONTRADICTS");
    Resp chosen = TestApp.upload(resources, "/api/boundary-files?name=boundary.dxf&crs=4547", dxf);
    assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
    assertThat(chosen.json().get("areaKm2").asDouble()).isBetween(8.0, 12.0);

    // Hostile and broken files are refused, and nothing is written.
    Resp broken = TestApp.upload(resources, "/api/boundary-files?name=boundary.zip", "PK not a zip".getBytes(StandardCharsets.UTF_8));
    assertThat(broken.status()).isBetween(400, 499);
    Resp lines = TestApp.upload(resources, "/api/boundary-files?name=lines.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[113.9,33.4],[113.95,33.45]]}}]}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(lines.status()).as(lines.body()).isEqualTo(422);
    assertThat(lines.json().get("code").asText()).isEqualTo("NO_AREA");
    assertThat(TestApp.upload(park, "/api/boundary-files?name=boundary.zip", shp).status()).isEqualTo(403);
  }

  @Test
  void anAdminRegistersACountySoThatItsClustersCanBeCreated() {
    Client admin = Client.signedIn("t-admin");
    String body = "{\"code\":\"411423\",\"name\":\"宁陵县\",\"nameEn\":\"Ningling\",\"kind\":\"county\"}";
    assertThat(resources.send("POST", "/api/cities", body, Map.of()).status()).isEqualTo(403);
    Resp made = admin.send("POST", "/api/cities", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(admin.send("POST", "/api/cities", body, Map.of()).status()).isEqualTo(409);
    Resp bad = admin.send("POST", "/api/cities", "{\"code\":\"120000\",\"name\":\"\",\"kind\":\"village\"}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("code", "name", "kind");
    Resp k = resources.send("POST", "/api/clusters", cluster("PDG1", "411423", box(115.20, 34.40, 115.23, 34.42)), Map.of());
    assertThat(k.status()).as(k.body()).isEqualTo(201);
    assertThat(k.json().get("cityName").asText()).isEqualTo("宁陵县");
  }
}
