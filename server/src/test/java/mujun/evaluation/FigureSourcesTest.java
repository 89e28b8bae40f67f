package mujun.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each department's file imports on its own, in its own units and layout, and every figure keeps where it came from:
 * the department's value wins over the summary template's, the form's correction over both, a method may name its own
 * order, and the explanation shows every source beside the one used.
 */
class FigureSourcesTest {
  static Client coord;
  static long enterprise;
  static String credit;
  static double mu;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    coord = Client.signedIn("t-coord");
    enterprise = TestApp.intQuery("SELECT p.holder_id FROM parcel p JOIN cluster k ON k.id = p.cluster_id WHERE k.code = 'XZXG' AND p.status = 'current' "
        + "AND p.holder_id IS NOT NULL GROUP BY p.holder_id HAVING sum(p.area_mu) > 20 ORDER BY p.holder_id LIMIT 1");
    credit = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT credit_code FROM enterprise WHERE id = ?", enterprise));
  }

  static Resp upload(String source, String name, String csv, String extra) {
    return TestApp.upload(coord, "/api/indicator-imports?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&source=" + source + extra,
        csv.getBytes(StandardCharsets.UTF_8));
  }

  static Resp commit(Resp check) {
    Resp r = coord.send("POST", "/api/indicator-imports/" + check.json().get("id").asInt() + "/commit", "{\"mode\":\"all\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  static double figure(String column, int year) {
    return TestApp.get().db.read(c -> Double.parseDouble(mujun.db.Sql.one(c, "SELECT " + column + "::text FROM enterprise_indicator WHERE enterprise_id = ? AND year = ?",
        enterprise, year)));
  }

  @Test
  void departmentsFilesKeepTheirSourceAndTheAuthorityWins() {
    // 税务 sends taxes in 元: converted to 万元, said so in the report.
    Resp tax = upload("tax", "税务局2032.csv", "统一社会信用代码,纳税人名称,年度,实缴税金(元)\n" + credit + ",某公司,2032,\"1,234,500\"\n", "");
    assertThat(tax.status()).as(tax.body()).isEqualTo(201);
    assertThat(tax.json().at("/counts/conversions/0").asText()).contains("元 → 万元");
    assertThat(tax.json().at("/rows/0/values/tax_wan").asDouble()).isEqualTo(123.45);
    commit(tax);
    assertThat(figure("tax_wan", 2032)).isEqualTo(123.45);
    assertThat(TestApp.intQuery("SELECT (figures->'tax_wan'->>'line')::int FROM enterprise_figure WHERE enterprise_id = ? AND year = 2032 AND source = 'tax'", enterprise)).isEqualTo(2);

    // The summary template says otherwise for the tax, and brings the revenue: the tax bureau's tax stays.
    Resp sum = upload("summary", "汇总.csv", "统一社会信用代码,年度,实缴税金(万元),营业收入(万元)\n" + credit + ",2032,100,5000\n", "");
    commit(sum);
    assertThat(figure("tax_wan", 2032)).isEqualTo(123.45);
    assertThat(figure("revenue_wan", 2032)).isEqualTo(5000);
    JsonNode sources = TestApp.get().db.read(c -> mujun.http.Json.tree(mujun.db.Sql.one(c,
        "SELECT sources::text FROM enterprise_indicator WHERE enterprise_id = ? AND year = 2032", enterprise)));
    assertThat(sources.get("tax_wan")).hasSize(2);
    assertThat(sources.at("/tax_wan/0/source").asText()).isEqualTo("tax");
    assertThat(sources.at("/tax_wan/0/used").asBoolean()).isTrue();
    assertThat(sources.at("/tax_wan/0/file").asText()).isEqualTo("税务局2032.csv");
    assertThat(sources.at("/tax_wan/1/source").asText()).isEqualTo("summary");
    assertThat(sources.at("/tax_wan/1/used").asBoolean()).isFalse();

    // A person's correction in the form wins; withdrawing it gives the department's figure back.
    assertThat(coord.send("PUT", "/api/enterprises/" + enterprise + "/indicators/2032", "{\"taxWan\":130}", Map.of()).status()).isEqualTo(204);
    assertThat(figure("tax_wan", 2032)).isEqualTo(130);
    assertThat(coord.send("PUT", "/api/enterprises/" + enterprise + "/indicators/2032", "{\"taxWan\":null}", Map.of()).status()).isEqualTo(204);
    assertThat(figure("tax_wan", 2032)).isEqualTo(123.45);
    assertThat(figure("revenue_wan", 2032)).as("a figure not touched keeps its value").isEqualTo(5000);

    // The power company's kWh become 万kWh.
    Resp power = upload("power", "电力.csv", "统一社会信用代码,年度,用电量(kWh)\n" + credit + ",2032,2500000\n", "");
    commit(power);
    assertThat(figure("electricity_wan_kwh", 2032)).isEqualTo(250);
  }

  @Test
  void aFileInTheWrongUnitIsRefusedRowByRow() {
    // Header says 万元, the numbers are 元: far beyond any tax per 亩.
    Resp wrong = upload("tax", "tax.csv", "统一社会信用代码,年度,实缴税金(万元)\n" + credit + ",2033,12345000\n", "");
    assertThat(wrong.status()).isEqualTo(201);
    assertThat(wrong.json().at("/rows/0/status").asText()).isEqualTo("error");
    assertThat(wrong.json().at("/rows/0/errors/0/message").asText()).contains("per 亩", "元 rather than 万元");
    // The rule and its figures, for the interface to say it in its own language.
    assertThat(wrong.json().at("/rows/0/errors/0/rule").asText()).isEqualTo("implausiblePerMu");
    assertThat(wrong.json().at("/rows/0/errors/0/params/smaller").asText()).isEqualTo("元");
    assertThat(coord.send("POST", "/api/indicator-imports/" + wrong.json().get("id").asInt() + "/commit", "{\"mode\":\"all\"}", Map.of()).status()).isEqualTo(422);
    Resp dollars = upload("tax", "tax.csv", "统一社会信用代码,年度,实缴税金(美元)\n" + credit + ",2033,1\n", "");
    assertThat(dollars.status()).isEqualTo(422);
    assertThat(dollars.json().get("code").asText()).isEqualTo("TEMPLATE_MISMATCH");
    assertThat(dollars.body()).contains("the unit must be 万元");
    assertThat(upload("customs", "x.csv", "统一社会信用代码,年度\n", "").status()).isEqualTo(400);
  }

  @Test
  void aDepartmentsOwnLayoutIsMappedOnceAndRemembered() {
    String csv = "纳税识别码,所属期,入库税款合计(元)\n" + credit + ",2034,880000\n";
    Resp unknown = upload("tax", "税务导出.csv", csv, "");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("code").asText()).isEqualTo("TEMPLATE_MISMATCH");
    assertThat(unknown.body()).contains("纳税识别码", "入库税款合计(元)");
    String mapping = URLEncoder.encode("{\"纳税识别码\":\"creditCode\",\"所属期\":\"year\",\"入库税款合计(元)\":\"tax_wan\"}", StandardCharsets.UTF_8);
    Resp mapped = upload("tax", "税务导出.csv", csv, "&mapping=" + mapping);
    assertThat(mapped.status()).as(mapped.body()).isEqualTo(201);
    assertThat(mapped.json().at("/rows/0/values/tax_wan").asDouble()).isEqualTo(88);
    Resp next = upload("tax", "税务导出-下月.csv", csv.replace("880000", "990000"), "");
    assertThat(next.status()).as(next.body()).isEqualTo(201);
    assertThat(next.json().get("mappingSaved").asBoolean()).isTrue();
    assertThat(next.json().at("/rows/0/values/tax_wan").asDouble()).isEqualTo(99);
    // The same layout from another department is not mapped by the tax bureau's mapping.
    assertThat(upload("stats", "统计.csv", csv, "").status()).isEqualTo(422);
  }

  @Test
  void theExplanationShowsEverySourceAndAMethodMayNameItsOwn() {
    int year = 2035;
    commit(upload("tax", "税务.csv", "统一社会信用代码,年度,实缴税金(万元),\n" + credit + "," + year + ",200,\n", ""));
    commit(upload("summary", "汇总.csv", "统一社会信用代码,年度,实缴税金(万元),工业总产值(万元),综合能耗(吨标准煤)\n" + credit + "," + year + ",150,9000,800\n", ""));
    long xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
    String size = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT size_class FROM enterprise WHERE id = ?", enterprise));
    String definition = "{\"classes\":[\"A\",\"B\",\"C\"],\"scope\":{},\"groups\":[{\"code\":\"all\",\"sizeClass\":\"" + size + "\",\"indicators\":[{\"code\":\"tax_total\",\"weight\":100,"
        + "\"benchmark\":{\"type\":\"mean\"}}],\"classRule\":{\"type\":\"quotas\",\"shares\":[0.3,0.4,0.3]}}],\"bonus\":[],\"vetoes\":[]";
    Resp m = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"src-default\",\"name\":\"来源测试\",\"definition\":" + definition + "}}", Map.of());
    assertThat(m.status()).as(m.body()).isEqualTo(201);
    Resp own = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"src-summary\",\"name\":\"来源测试（汇总表优先）\",\"definition\":" + definition
        + ",\"sources\":{\"tax_wan\":[\"summary\",\"tax\"]}}}", Map.of());
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    Resp badSource = coord.send("POST", "/api/evaluation/methods", "{\"code\":\"src-bad\",\"name\":\"x\",\"definition\":" + definition
        + ",\"sources\":{\"tax_wan\":[\"customs\"]}}}", Map.of());
    assertThat(badSource.status()).isEqualTo(422);
    for (String[] c : new String[][] {{"src-default", "200"}, {"src-summary", "150"}}) {
      Resp run = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"" + c[0] + "\",\"year\":" + year + ",\"clusters\":[" + xzxg + "]}", Map.of());
      assertThat(run.status()).as(run.body()).isEqualTo(201);
      JsonNode x = coord.get("/api/evaluation/runs/" + run.json().get("id").asInt() + "/enterprises/" + enterprise).json();
      JsonNode fig = x.at("/input/figures");
      assertThat(fig.get("tax_wan").asDouble()).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
      JsonNode used = null;
      for (JsonNode s : fig.at("/sources/tax_wan")) if (s.get("used").asBoolean()) used = s;
      assertThat(used).isNotNull();
      assertThat(used.get("value").asDouble()).isEqualTo(Double.parseDouble(c[1]));
      assertThat(fig.at("/sources/output_wan/0/file").asText()).isEqualTo("汇总.csv");
    }
  }
}
