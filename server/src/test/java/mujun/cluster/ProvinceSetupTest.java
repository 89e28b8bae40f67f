package mujun.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.importing.Fixtures;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * A new county sets itself up with no psql, through the API as its staff would: the county registered, a cluster from
 * a boundary file, the enterprise roster, the parcels from a Shapefile naming their holders, three departments' figure
 * files in their own units, an evaluation run on them, and every figure's source in the explanation.
 */
class ProvinceSetupTest {
  static String credit(int i) {
    String first17 = String.format("91411122MA%07d", 5_100_000 + i);
    return first17 + CreditCode.checkChar(first17);
  }

  @Test
  void aCountyIsSetUpFromItsOwnFilesAndEvaluated() throws Exception {
    TestApp.get();
    Client admin = Client.signedIn("t-admin"), resources = Client.signedIn("t-resources"), coord = Client.signedIn("t-coord");
    assertThat(admin.send("POST", "/api/cities", "{\"code\":\"411122\",\"name\":\"临颍县\",\"nameEn\":\"Linying\",\"kind\":\"county\"}", Map.of()).status()).isIn(201, 409);

    // The cluster, from the boundary Shapefile the natural-resources office holds (CGCS2000, zone 38).
    double[] s = {114.10, 33.70, 114.16, 33.75};
    byte[] boundary = Fixtures.shapefileZip(4547, List.of(Fixtures.square(Map.of("MC", "临颍县产业集聚区"), s)), true, false, Charset.forName("GBK"));
    Resp outline = TestApp.upload(resources, "/api/boundary-files?name=linying.zip", boundary);
    assertThat(outline.status()).as(outline.body()).isEqualTo(200);
    Resp k = resources.send("POST", "/api/clusters", "{\"code\":\"LYCY\",\"name\":\"临颍县产业集聚区\",\"cityCode\":\"411122\",\"plannedAreaKm2\":30.5,"
        + "\"leadingIndustries\":[\"C13\",\"C14\"],\"boundary\":" + outline.json().get("geometry") + "}", Map.of());
    assertThat(k.status()).as(k.body()).isEqualTo(201);
    long cluster = k.json().get("id").asLong();

    // The roster from the development-reform office.
    StringBuilder roster = new StringBuilder("统一社会信用代码,企业名称,所属集聚区,行业代码,规模,纳规年份,成立日期,投产日期\n");
    String[] sizes = {"规上", "规上", "规上", "规下"};
    for (int i = 0; i < 4; i++) {
      roster.append(credit(i)).append(",临颍食品").append(i).append("有限公司,LYCY,C1391,").append(sizes[i]).append(",").append(i < 3 ? "2018" : "")
          .append(",2012-03-01,2013-05-01\n");
    }
    Resp check = TestApp.upload(coord, "/api/enterprise-imports?name=roster.csv", roster.toString().getBytes(Charset.forName("GBK")));
    assertThat(check.status()).as(check.body()).isEqualTo(201);
    assertThat(check.json().at("/counts/new").asInt()).as(check.body()).isEqualTo(4);
    assertThat(coord.send("POST", "/api/enterprise-imports/" + check.json().get("id").asInt() + "/commit", "{}", Map.of()).status()).isEqualTo(200);

    // The parcels, from a Shapefile whose attributes name each holder by credit code.
    List<Fixtures.F> parcels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("ZDDM", TestApp.newCode());
      p.put("DLBM", "0601");
      p.put("TYSHXYDM", credit(i));
      double x = 114.11 + i * 0.01;
      parcels.add(Fixtures.square(p, new double[] {x, 33.71, x + 0.004, 33.714}));
    }
    Resp imp = TestApp.upload(resources, "/api/imports?name=parcels.zip", Fixtures.shapefileZip(4547, parcels, true, false, Charset.forName("GBK")));
    assertThat(imp.status()).as(imp.body()).isEqualTo(201);
    long job = imp.json().get("id").asLong();
    Resp checked = resources.send("POST", "/api/imports/" + job + "/check", "{}", Map.of());
    assertThat(checked.json().at("/counts/accepted").asInt()).as(checked.body()).isEqualTo(4);
    assertThat(resources.send("POST", "/api/imports/" + job + "/commit", "{\"mode\":\"all\"}", Map.of()).status()).isEqualTo(200);

    // Three departments' files, each in its own units.
    StringBuilder tax = new StringBuilder("纳税人识别号,纳税人名称,年度,实缴税金(元)\n"), stats = new StringBuilder("统一社会信用代码,年度,工业增加值(万元),工业总产值(万元),"
        + "综合能耗(吨标准煤),年平均职工人数(人),研发经费支出(万元)\n"), power = new StringBuilder("统一社会信用代码,年度,用电量(千瓦时)\n");
    for (int i = 0; i < 4; i++) {
      tax.append(credit(i)).append(",企业").append(i).append(",2025,").append(1_500_000 + i * 900_000).append('\n');
      stats.append(credit(i)).append(",2025,").append(3000 + i * 500).append(',').append(12000 + i * 2000).append(',').append(900 - i * 100).append(',')
          .append(120 + i * 10).append(',').append(100 + i * 40).append('\n');
      power.append(credit(i)).append(",2025,").append(3_000_000 + i * 500_000).append('\n');
    }
    for (String[] f : new String[][] {{"tax", "临颍税务局2025.csv", tax.toString()}, {"stats", "临颍统计局2025.csv", stats.toString()}, {"power", "临颍供电2025.csv", power.toString()}}) {
      Resp c = TestApp.upload(coord, "/api/indicator-imports?source=" + f[0] + "&name=" + java.net.URLEncoder.encode(f[1], StandardCharsets.UTF_8),
          f[2].getBytes(StandardCharsets.UTF_8));
      assertThat(c.status()).as(c.body()).isEqualTo(201);
      assertThat(c.json().at("/counts/ok").asInt()).as(c.body()).isEqualTo(4);
      assertThat(coord.send("POST", "/api/indicator-imports/" + c.json().get("id").asInt() + "/commit", "{\"mode\":\"all\"}", Map.of()).status()).isEqualTo(200);
    }

    // The evaluation, and why each enterprise got its class, with each figure's source.
    Resp run = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"henan-2019\",\"year\":2025,\"clusters\":[" + cluster + "]}", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    assertThat(run.json().get("enterprises").asInt()).isEqualTo(4);
    JsonNode results = coord.get("/api/evaluation/runs/" + run.json().get("id").asInt() + "/results").json();
    long first = -1;
    assertThat(results.get("numberMatched").asInt()).isEqualTo(4);
    for (JsonNode r : results.get("items")) {
      assertThat(r.get("class").isNull()).as(r.toString()).isFalse();
      if (r.get("creditCode").asText().equals(credit(0))) first = r.get("enterpriseId").asLong();
    }
    JsonNode x = coord.get("/api/evaluation/runs/" + run.json().get("id").asInt() + "/enterprises/" + first).json();
    JsonNode figures = x.at("/input/figures");
    assertThat(figures.get("tax_wan").asDouble()).isEqualTo(150);
    assertThat(figures.at("/sources/tax_wan/0/source").asText()).isEqualTo("tax");
    assertThat(figures.at("/sources/tax_wan/0/file").asText()).isEqualTo("临颍税务局2025.csv");
    assertThat(figures.at("/sources/output_wan/0/source").asText()).isEqualTo("stats");
    assertThat(figures.at("/sources/electricity_wan_kwh/0/source").asText()).isEqualTo("power");
    assertThat(figures.get("electricity_wan_kwh").asDouble()).isEqualTo(300);
    assertThat(x.at("/result/indicators").size()).isGreaterThan(0);
  }
}
