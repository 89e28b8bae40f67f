package mujun.standardland;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standard land through HTTP: planning, announcing, transfer, refusals, the public side, documents, feeds and the check. */
class StandardLandTest {
  static Client staff, park, anon;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    staff = Client.signedIn("t-resources");
    park = Client.signedIn("t-park");
    anon = Client.anonymous();
  }

  static String body(double[] sq, String plotNo) {
    return "{\"plotNo\":\"" + plotNo + "\",\"name\":\"测试标准地\",\"location\":\"纬一路以东\",\"clusterId\":" + TestApp.testClusterId
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"termYears\":50,\"reservePriceWan\":300,\"depositWan\":60,"
        + "\"farMin\":1.2,\"farMax\":2.5,\"buildingCoefficientMinPct\":40,\"officeLivingMaxPct\":7,\"greenRatioMaxPct\":15,"
        + "\"industries\":[\"C39\"],\"indicators\":{\"investment_intensity\":300,\"tax_per_mu\":20},\"envStandard\":\"GB 8978 一级\","
        + "\"internalNotes\":\"SECRET-NOTE 意向企业\",\"geometry\":" + TestApp.polygonJson(sq) + "}";
  }

  static final String ALL_ASSESSMENTS = "[\"energy\",\"environment\",\"flood\",\"soil_water\",\"water_resources\",\"mineral\",\"geohazard\"]";

  static Resp create(String plotNo) {
    return staff.send("POST", "/api/standard-land", body(TestApp.square(), plotNo), Map.of());
  }

  static Resp send(String method, String path, String json, Resp current) {
    return staff.send(method, path, json, Map.of("If-Match", current.header("ETag")));
  }

  /** Creates an offering and announces it; returns the latest answer. */
  static Resp announced(String plotNo) {
    Resp r = create(plotNo);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    r = send("PATCH", "/api/standard-land/" + id, "{\"assessments\":" + ALL_ASSESSMENTS + "}", r);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    r = send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + java.time.LocalDate.now() + "\"}", r);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  static String transferBody(String extra) {
    String today = java.time.LocalDate.now().toString();
    String credit = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT credit_code FROM enterprise ORDER BY id LIMIT 1"); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    return "{\"to\":\"transferred\",\"date\":\"" + today + "\",\"enterpriseCreditCode\":\"" + credit + "\",\"transactionPriceWan\":320,"
        + "\"agreedStartDate\":\"" + java.time.LocalDate.now().plusDays(90) + "\",\"agreedCompletionDate\":\"" + java.time.LocalDate.now().plusDays(700) + "\","
        + "\"remedies\":\"违约金\",\"parcelCode\":\"" + TestApp.newCode() + "\"" + extra + "}";
  }

  @Test
  void plannedOfferingsAreNotPublicAndTheNationalFloorIsChecked() {
    Resp r = create("T-PLAN-1");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    assertThat(r.json().at("/properties/status").asText()).isEqualTo("planned");
    assertThat(r.json().at("/properties/areaMu").asDouble()).isGreaterThan(10);
    assertThat(anon.get("/api/public/standard-land/" + id).status()).isEqualTo(404);
    assertThat(anon.get("/api/public/standard-land").body()).doesNotContain("T-PLAN-1");

    // 建筑系数 below 30 % and 容积率 below the electronics minimum: both named, nothing written.
    Resp bad = staff.send("POST", "/api/standard-land", body(TestApp.square(), "T-BAD-1").replace("\"buildingCoefficientMinPct\":40", "\"buildingCoefficientMinPct\":25")
        .replace("\"farMin\":1.2", "\"farMin\":0.9"), Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("buildingCoefficientMinPct", "farMin");
    assertThat(TestApp.intQuery("SELECT count(*) FROM standard_land WHERE plot_no = 'T-BAD-1'")).isZero();

    // Investment entered in 元 instead of 万元.
    Resp unit = staff.send("POST", "/api/standard-land", body(TestApp.square(), "T-BAD-2").replace("\"investment_intensity\":300", "\"investment_intensity\":3000000"), Map.of());
    assertThat(unit.status()).isEqualTo(422);
    assertThat(unit.json().get("message").asText()).contains("万元");

    // Announcing without the regional assessments is refused with the missing ones named.
    Resp ann = send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + java.time.LocalDate.now() + "\"}", r);
    assertThat(ann.status()).isEqualTo(422);
    assertThat(ann.body()).contains("assessments", "geohazard");
    // Skipping steps is refused.
    Resp skip = send("POST", "/api/standard-land/" + id + "/transition", transferBody(""), r);
    assertThat(skip.status()).isEqualTo(409);
    assertThat(skip.json().get("code").asText()).isEqualTo("BAD_TRANSITION");
  }

  @Test
  void aClustersOwnStandardsAreEnforcedAndPlotsCanBeGivenByParcelCodes() {
    String path = "/api/clusters/" + TestApp.testClusterId + "/standards";
    Resp set = staff.send("PUT", path, "{\"investment_intensity\":350}", Map.of());
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(staff.get(path).json().get("investment_intensity").asInt()).isEqualTo(350);
    assertThat(staff.send("PUT", path, "{\"investment_intensity\":3500000}", Map.of()).status()).isEqualTo(422);
    assertThat(park.send("PUT", path, "{}", Map.of()).status()).isEqualTo(403);
    try {
      Resp low = create("T-STD-1");
      assertThat(low.status()).isEqualTo(422);
      assertThat(low.json().get("message").asText()).contains("cluster's standard", "350");
    } finally {
      assertThat(staff.send("PUT", path, "{}", Map.of()).status()).isEqualTo(200);
    }
    // A plot given as the 宗地代码 of parcels nobody holds.
    String code = TestApp.newCode();
    Resp parcel = staff.send("POST", "/api/parcels", "{\"code\":\"" + code + "\",\"clusterId\":" + TestApp.testClusterId
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + TestApp.polygonJson(TestApp.square()) + "}", Map.of());
    assertThat(parcel.status()).as(parcel.body()).isEqualTo(201);
    String body = body(TestApp.square(), "T-CODES-1");
    body = body.substring(0, body.indexOf(",\"geometry\"")) + ",\"parcelCodes\":[\"" + code.toLowerCase() + "\"]}";
    Resp byCode = staff.send("POST", "/api/standard-land", body, Map.of());
    assertThat(byCode.status()).as(byCode.body()).isEqualTo(201);
    assertThat(byCode.json().at("/properties/parcelIds/0").asLong()).isEqualTo(parcel.json().get("id").asLong());
    assertThat(staff.send("POST", "/api/standard-land", body.replace("T-CODES-1", "T-CODES-2").replace(code.toLowerCase(), "410100999999GB99999"), Map.of()).status())
        .isEqualTo(422);
  }

  @Test
  void overlappingOfferingsAndHeldLandAreRefused() {
    double[] sq = TestApp.square();
    assertThat(staff.send("POST", "/api/standard-land", body(sq, "T-OVL-1"), Map.of()).status()).isEqualTo(201);
    Resp again = staff.send("POST", "/api/standard-land", body(sq, "T-OVL-2"), Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("message").asText()).contains("T-OVL-1");
    // A parcel held by an enterprise cannot be offered.
    long held = TestApp.intQuery("SELECT min(p.id) FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'XZXG' AND p.holder_id IS NOT NULL AND p.status = 'current'");
    int xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    Resp heldResp = park.send("POST", "/api/standard-land", "{\"plotNo\":\"T-HELD\",\"name\":\"x\",\"clusterId\":" + xzxg
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"parcelIds\":[" + held + "]}", Map.of());
    assertThat(heldResp.status()).as(heldResp.body()).isEqualTo(409);
    assertThat(heldResp.json().get("code").asText()).isEqualTo("PARCEL_HELD");
    // A park manager cannot plan in a cluster outside their scope.
    Resp out = park.send("POST", "/api/standard-land", body(TestApp.square(), "T-SCOPE"), Map.of());
    assertThat(out.status()).isEqualTo(403);
  }

  @Test
  void announcedOfferingsArePublicWithoutPrivateAttributesUntilTransferred() throws Exception {
    Resp r = announced("T-PUB-1");
    long id = r.json().get("id").asLong();
    JsonNode pub = anon.get("/api/public/standard-land/" + id).json();
    assertThat(pub.at("/properties/plotNo").asText()).isEqualTo("T-PUB-1");
    assertThat(pub.at("/properties/indicators/investment_intensity").asInt()).isEqualTo(300);
    String list = anon.get("/api/public/standard-land?cluster=" + TestApp.testClusterId + "&industry=C3971&minMu=1&maxPrice=1000").body();
    assertThat(list).contains("T-PUB-1");
    assertThat(anon.get("/api/public/standard-land?cluster=" + TestApp.testClusterId + "&industry=C17").body()).doesNotContain("T-PUB-1");
    assertThat(anon.get("/api/public/standard-land?maxPrice=10").body()).doesNotContain("T-PUB-1");
    assertThat(anon.get("/api/public/standard-land?city=41'--").status()).isEqualTo(400);
    // Standards are fixed once announced.
    Resp fixed = send("PATCH", "/api/standard-land/" + id, "{\"indicators\":{\"investment_intensity\":200,\"tax_per_mu\":20}}", r);
    assertThat(fixed.status()).isEqualTo(409);
    assertThat(fixed.json().get("code").asText()).isEqualTo("STANDARDS_FIXED");
    // Stale and missing versions.
    assertThat(staff.send("POST", "/api/standard-land/" + id + "/transition", transferBody(""), Map.of()).status()).isEqualTo(428);
    assertThat(staff.send("POST", "/api/standard-land/" + id + "/transition", transferBody(""), Map.of("If-Match", "\"offering-" + id + "-v1\"")).status()).isEqualTo(412);

    // Refused transfers change nothing: commitment below the standard, price below the reserve, start before the contract.
    int version = r.json().at("/properties/version").asInt();
    Resp low = send("POST", "/api/standard-land/" + id + "/transition", transferBody(",\"commitments\":{\"investment_intensity\":250,\"tax_per_mu\":20}"), r);
    assertThat(low.status()).isEqualTo(422);
    assertThat(low.body()).contains("commitments.investment_intensity");
    Resp cheap = send("POST", "/api/standard-land/" + id + "/transition", transferBody(",\"commitments\":{\"investment_intensity\":300,\"tax_per_mu\":20}")
        .replace("\"transactionPriceWan\":320", "\"transactionPriceWan\":299"), r);
    assertThat(cheap.status()).isEqualTo(422);
    assertThat(cheap.body()).contains("reserve price");
    assertThat(TestApp.intQuery("SELECT version FROM standard_land WHERE id = ?", id)).isEqualTo(version);

    Resp done = send("POST", "/api/standard-land/" + id + "/transition", transferBody(",\"commitments\":{\"investment_intensity\":350,\"tax_per_mu\":22}"), r);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().at("/properties/status").asText()).isEqualTo("transferred");
    assertThat(anon.get("/api/public/standard-land/" + id).status()).isEqualTo(404);
    assertThat(anon.get("/api/public/standard-land").body()).doesNotContain("T-PUB-1");
    // The plot became a parcel of the register, held by the winner, with the agreed dates.
    long parcel = done.json().at("/properties/parcelIds/0").asLong();
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE id = ? AND holder_id IS NOT NULL AND right_type = 'transfer' AND agreed_start_date IS NOT NULL "
        + "AND contracted_investment_wan > 0", parcel)).isEqualTo(1);
    // Back to announced is not a step.
    Resp back = send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + java.time.LocalDate.now() + "\"}", done);
    assertThat(back.status()).isEqualTo(409);
    // Every version is kept.
    JsonNode one = staff.get("/api/standard-land/" + id).json();
    assertThat(one.at("/properties/history").size()).isEqualTo(one.at("/properties/version").asInt());
    assertThat(one.at("/properties/steps").size()).isEqualTo(3);
  }

  @Test
  void publicPathsCarryNoPrivateAttribute() throws Exception {
    Resp r = announced("T-PRIV-1");
    long id = r.json().get("id").asLong();
    for (String path : new String[] {"/api/public/standard-land", "/api/public/standard-land/" + id, "/ogcapi/collections/standard-land/items?limit=1000",
        "/ogcapi/collections/standard-land/items/" + id, "/feeds/standard-land.atom", "/feeds/standard-land.rss"}) {
      Resp p = anon.get(path);
      assertThat(p.status()).as(path).isEqualTo(200);
      assertThat(p.body()).as(path).contains("T-PRIV-1").doesNotContain("SECRET-NOTE", "internalNotes", "enterprise", "commitments", "remedies", "transactionPrice");
    }
    // The tile over the plot: the layer's attributes are the announcement's only.
    double[] c = TestApp.get().db.read(conn -> {
      try (var ps = conn.prepareStatement("SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM standard_land WHERE id = ?")) {
        ps.setLong(1, id);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
      }
    });
    int z = 15, x = (int) Math.floor((c[0] + 180) / 360 * (1 << z));
    double lat = Math.toRadians(c[1]);
    int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
    byte[] tile = anon.getBytes("/tiles/standard-land/" + z + "/" + x + "/" + y + ".mvt");
    String text = new String(tile, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).contains("standard-land", "plotNo", "reservePriceWan");
    assertThat(new String(tile, java.nio.charset.StandardCharsets.UTF_8)).contains("T-PRIV-1").doesNotContain("SECRET-NOTE", "enterprise", "commitments");
    // Feeds are well-formed XML.
    var dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var atom = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(anon.getBytes("/feeds/standard-land.atom")));
    assertThat(atom.getDocumentElement().getNodeName()).isEqualTo("feed");
    var rss = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(anon.getBytes("/feeds/standard-land.rss")));
    assertThat(rss.getElementsByTagName("item").getLength()).isGreaterThan(0);
    // The staff list needs a sign-in.
    assertThat(anon.get("/api/standard-land").status()).isEqualTo(401);
  }

  @Test
  void documentsAreTypeCheckedAndOnlyPublicOnesArePublic() {
    Resp r = announced("T-DOC-1");
    long id = r.json().get("id").asLong();
    byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    Resp pub = TestApp.upload(staff, "/api/standard-land/" + id + "/documents?name=site.png&kind=photo&public=true", png);
    assertThat(pub.status()).as(pub.body()).isEqualTo(201);
    Resp priv = TestApp.upload(staff, "/api/standard-land/" + id + "/documents?name=contract.pdf&kind=contract", "%PDF-1.4\n%%EOF\n".getBytes());
    assertThat(priv.status()).isEqualTo(201);
    Resp fake = TestApp.upload(staff, "/api/standard-land/" + id + "/documents?name=notes.pdf", "<script>alert(1)</script>".getBytes());
    assertThat(fake.status()).isEqualTo(422);
    assertThat(fake.json().get("code").asText()).isEqualTo("FILE_CONTENT");
    assertThat(TestApp.upload(staff, "/api/standard-land/" + id + "/documents?name=run.exe", png).status()).isEqualTo(422);

    JsonNode docs = anon.get("/api/public/standard-land/" + id).json().get("documents");
    assertThat(docs).hasSize(1);
    long pubId = pub.json().get("id").asLong(), privId = priv.json().get("id").asLong();
    assertThat(anon.getBytes("/api/public/standard-land/" + id + "/documents/" + pubId)).isEqualTo(png);
    assertThat(anon.get("/api/public/standard-land/" + id + "/documents/" + privId).status()).isEqualTo(404);
    assertThat(staff.get("/api/standard-land/" + id + "/documents/" + privId).status()).isEqualTo(200);
  }

  @Test
  void theCheckAfterConstructionComparesCommitmentsWithActualFigures() {
    // A demo offering accepted after construction; its enterprise's 2025 figures set by hand.
    long id = TestApp.intQuery("SELECT min(id) FROM standard_land WHERE status = 'accepted'");
    long ent = TestApp.intQuery("SELECT enterprise_id FROM standard_land WHERE id = ?", id);
    JsonNode before = staff.get("/api/standard-land/" + id).json().get("properties");
    double mu = before.get("areaBasisMu").asDouble();
    double committedTax = before.at("/commitments/tax_per_mu").asDouble();
    int year = java.time.LocalDate.parse(before.get("agreedCompletionDate").asText()).getYear() + 1;
    // Tax exactly 1 万元/亩 short of the commitment; energy at the commitment.
    double tax = (committedTax - 1) * mu;
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan, output_wan, energy_tce, investment_wan) VALUES (" + ent + ", " + year + ", "
        + String.format(java.util.Locale.ROOT, "%.2f", tax) + ", 1000, 80, 1) ON CONFLICT (enterprise_id, year) DO UPDATE SET tax_wan = EXCLUDED.tax_wan, "
        + "output_wan = 1000, energy_tce = 80");
    JsonNode p = staff.get("/api/standard-land/" + id).json().get("properties");
    JsonNode taxRow = null, energyRow = null;
    for (JsonNode row : p.get("compliance")) {
      if (row.get("year").asInt() != year) continue;
      if (row.get("kind").asText().equals("tax_per_mu")) taxRow = row;
      if (row.get("kind").asText().equals("energy_per_output")) energyRow = row;
    }
    assertThat(taxRow).isNotNull();
    assertThat(taxRow.get("actual").asDouble()).isCloseTo(committedTax - 1, org.assertj.core.data.Offset.offset(0.011));
    assertThat(taxRow.get("met").asBoolean()).isFalse();
    assertThat(taxRow.get("gap").asDouble()).isCloseTo(-1, org.assertj.core.data.Offset.offset(0.011));
    assertThat(energyRow.get("actual").asDouble()).isEqualTo(0.08);
    assertThat(energyRow.get("met").asBoolean()).isTrue();
  }

  @Test
  void pipelineCountsEachStateAndTheShareOfNewIndustrialLand() {
    JsonNode pipe = staff.get("/api/standard-land/pipeline?year=" + java.time.LocalDate.now().getYear()).json();
    JsonNode test = null;
    for (JsonNode cl : pipe.get("clusters")) if (cl.get("code").asText().equals("TEST")) test = cl;
    assertThat(test).isNotNull();
    int planned = TestApp.intQuery("SELECT count(*) FROM standard_land WHERE cluster_id = ? AND status = 'planned'", TestApp.testClusterId);
    if (planned > 0) assertThat(test.at("/byStatus/planned/count").asInt()).isEqualTo(planned);
    assertThat(pipe.get("cities")).isNotEmpty();
    assertThat(staff.get("/api/standard-land?status=nonsense").status()).isEqualTo(400);
  }

  @Test
  void newTypeIndustrialLandIsCheckedAgainstTheCitysRules() {
    // Zhengzhou's M0 rule (supporting floor space ≤ 30 %) applies to 新郑 (410184), a county of Zhengzhou; the rules are public.
    com.fasterxml.jackson.databind.JsonNode rules = anon.get("/api/land-use-rules").json();
    assertThat(rules.toString()).contains("\"code\":\"M0\"").contains("\"supportingFloorMaxPct\":30").contains("郑州市");
    String m0 = body(TestApp.square(), "T-M0-1").replace("\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\"",
        "\"landUseScheme\":\"用地用海分类\",\"landUseCode\":\"M0\"");
    Resp over = staff.send("POST", "/api/standard-land", m0.replace("\"officeLivingMaxPct\":7", "\"officeLivingMaxPct\":7,\"supportingFloorMaxPct\":40"), Map.of());
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.body()).contains("supportingFloorMaxPct").contains("30 %");
    // Without the ceiling it is saved, but cannot be announced until it says one.
    Resp r = staff.send("POST", "/api/standard-land", m0, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    r = send("PATCH", "/api/standard-land/" + id, "{\"assessments\":" + ALL_ASSESSMENTS + "}", r);
    Resp ann = send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + java.time.LocalDate.now() + "\"}", r);
    assertThat(ann.status()).isEqualTo(422);
    assertThat(ann.body()).contains("supportingFloorMaxPct");
    r = send("PATCH", "/api/standard-land/" + id, "{\"supportingFloorMaxPct\":25}", r);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    ann = send("POST", "/api/standard-land/" + id + "/transition", "{\"to\":\"announced\",\"date\":\"" + java.time.LocalDate.now() + "\"}", r);
    assertThat(ann.status()).as(ann.body()).isEqualTo(200);
    assertThat(anon.get("/api/public/standard-land").body()).contains("T-M0-1").contains("新型产业用地（M0）");
    // The city tightens its rules (data): a floor-area-ratio floor and no dividing; offerings that break them are refused.
    Resp rule = staff.send("PUT", "/api/land-use-rules", "{\"scheme\":\"用地用海分类\",\"code\":\"M0\",\"cityCode\":\"410100\",\"farMin\":2.0,"
        + "\"supportingFloorMaxPct\":30,\"divisible\":false,\"basis\":\"郑州市新型产业用地管理办法（测试）\"}", Map.of());
    assertThat(rule.status()).as(rule.body()).isEqualTo(200);
    Resp low = staff.send("POST", "/api/standard-land", m0.replace("T-M0-1", "T-M0-2").replace("\"officeLivingMaxPct\":7", "\"officeLivingMaxPct\":7,\"divisible\":true"), Map.of());
    assertThat(low.status()).isEqualTo(422);
    assertThat(low.body()).contains("farMin").contains("divisible").contains("郑州市新型产业用地管理办法（测试）");
    assertThat(park.send("PUT", "/api/land-use-rules", "{\"scheme\":\"用地用海分类\",\"code\":\"M0\",\"cityCode\":\"410100\",\"basis\":\"x\"}", Map.of()).status())
        .isEqualTo(403);
    // Back to the seeded rule for the other tests.
    staff.send("PUT", "/api/land-use-rules", "{\"scheme\":\"用地用海分类\",\"code\":\"M0\",\"cityCode\":\"410100\",\"supportingFloorMaxPct\":30,"
        + "\"basis\":\"郑州市新型产业用地（M0）试点（2018）：配套用房不超过地上总建筑面积的 30 %\"}", Map.of());
  }
}
