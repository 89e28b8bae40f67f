package mujun.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enterprises registered one by one and from the roster file a development-reform office sends: a dry run that says
 * what each row would do (new, changed with its fields, unchanged, rejected with why), then a commit that writes all
 * or the valid rows in one transaction, with history and the park manager's scope held.
 */
class RosterTest {
  static Client park, coord;
  static final AtomicInteger SERIAL = new AtomicInteger(1);

  @BeforeAll
  static void setUp() {
    TestApp.get();
    park = Client.signedIn("t-park");
    coord = Client.signedIn("t-coord");
  }

  /** A fresh valid 统一社会信用代码. */
  static String code() {
    String first17 = String.format("91410184MA%07d", 4_000_000 + SERIAL.getAndIncrement() * 7 + (int) (System.nanoTime() % 7));
    return first17 + CreditCode.checkChar(first17);
  }

  static String broken(String code) {
    char last = code.charAt(17);
    return code.substring(0, 17) + (last == '0' ? '1' : '0');
  }

  @Test
  void enterprisesAreRegisteredAndEditedWithinScope() {
    String cc = code();
    long xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'"), lygx = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LYGX'");
    String body = "{\"creditCode\":\"" + cc.toLowerCase() + "\",\"name\":\"新港精密机械有限公司\",\"industryCode\":\"c3484\",\"sizeClass\":\"above\",\"aboveSince\":2022,"
        + "\"clusterId\":" + xzxg + ",\"foundedOn\":\"2018-04-02\",\"productionStartedOn\":\"2019-10-08\",\"address\":\"新港大道 8 号\"}";
    Resp made = park.send("POST", "/api/enterprises", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode e = made.json();
    assertThat(e.get("creditCode").asText()).isEqualTo(cc);
    assertThat(e.get("industryCode").asText()).isEqualTo("C3484");
    assertThat(e.get("status").asText()).isEqualTo("operating");
    assertThat(e.get("clusterCode").asText()).isEqualTo("XZXG");
    long id = e.get("id").asLong();
    assertThat(park.send("POST", "/api/enterprises", body, Map.of()).status()).isEqualTo(409);

    // Not in another cluster, not with a wrong check character, not merged without saying into what.
    Resp foreign = park.send("POST", "/api/enterprises", body.replace(cc.toLowerCase(), code()).replace("\"clusterId\":" + xzxg, "\"clusterId\":" + lygx), Map.of());
    assertThat(foreign.status()).isEqualTo(422);
    assertThat(foreign.body()).contains("notYourCluster");
    Resp bad = park.send("POST", "/api/enterprises", body.replace(cc.toLowerCase(), broken(cc)).replace("\"aboveSince\":2022", "\"aboveSince\":1800")
        .replace("2019-10-08", "2017-01-01"), Map.of());
    assertThat(bad.status()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    bad.json().get("details").forEach(d -> fields.add(d.get("field").asText()));
    assertThat(fields).contains("creditCode", "aboveSince", "productionStartedOn");
    Resp unknown = park.send("POST", "/api/enterprises", body.replace("\"address\"", "\"owner\""), Map.of());
    assertThat(unknown.status()).isEqualTo(400);

    Resp merged = park.send("PATCH", "/api/enterprises/" + id, "{\"status\":\"merged\"}", Map.of("If-Match", made.header("ETag")));
    assertThat(merged.status()).isEqualTo(422);
    String into = code();
    Resp ok = park.send("PATCH", "/api/enterprises/" + id, "{\"status\":\"merged\",\"mergedInto\":\"" + into + "\",\"reason\":\"被兼并\"}", Map.of("If-Match", made.header("ETag")));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("mergedInto").asText()).isEqualTo(into);
    assertThat(park.send("PATCH", "/api/enterprises/" + id, "{\"name\":\"x\"}", Map.of("If-Match", made.header("ETag"))).status()).isEqualTo(412);
    JsonNode history = park.get("/api/enterprises/" + id + "/history").json();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("reason").asText()).isEqualTo("被兼并");
    assertThat(park.get("/api/enterprises?cluster=" + xzxg + "&q=新港精密").json().get("numberMatched").asInt()).isEqualTo(1);
    assertThat(Client.signedIn("t-resources").send("POST", "/api/enterprises", body, Map.of()).status()).isEqualTo(403);
  }

  /** A roster file as a GBK CSV without BOM (Excel's CSV on Chinese Windows). */
  static byte[] gbk(String csv) {
    return csv.getBytes(Charset.forName("GBK"));
  }

  @Test
  void aRosterIsCheckedRowByRowThenCommitted() {
    long xzxgEnt = TestApp.intQuery("SELECT min(id) FROM enterprise e WHERE cluster_id = (SELECT id FROM cluster WHERE code = 'XZXG')");
    String existing = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT credit_code FROM enterprise WHERE id = ?", xzxgEnt));
    long same = TestApp.intQuery("SELECT max(id) FROM enterprise e WHERE cluster_id = (SELECT id FROM cluster WHERE code = 'XZXG')");
    String unchanged = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT credit_code FROM enterprise WHERE id = ?", same));
    String lygx = TestApp.get().db.read(c -> mujun.db.Sql.one(c, "SELECT min(credit_code) FROM enterprise WHERE cluster_id = (SELECT id FROM cluster WHERE code = 'LYGX')"));
    String fresh = code(), dup = code();
    String csv = "统一社会信用代码,企业名称,所属集聚区(代码或名称),行业代码,规模(规上/规下),纳规年份(YYYY),成立日期,投产日期,地址,经营状态\r\n"
        + fresh + ",豫新智能装备有限公司,XZXG,C3484,规上,2023,2019/3/1,2020年5月6日,新郑市梨园路 3 号,在营\r\n"
        + existing + ",改名后的企业有限公司,,,,,,,,停产\r\n"
        + unchanged + ",,,,,,,,,\r\n"
        + broken(code()) + ",校验位错误公司,XZXG,C3484,规下,,,,,\r\n"
        + code() + ",未知集聚区公司,NOPE,C3484,规下,,,,,\r\n"
        + dup + ",重复一,新郑新港产业集聚区,C1310,规下,,,,,\r\n"
        + dup + ",重复二,XZXG,C1310,规下,,,,,\r\n"
        + lygx + ",洛阳的企业,,,,,,,,\r\n"
        + code() + ",被兼并公司,XZXG,C1310,规下,,,,,被兼并\r\n"
        + code() + ",规模错误公司,XZXG,C1310,中型,,,,,\r\n";
    Resp check = TestApp.upload(park, "/api/enterprise-imports?name=" + java.net.URLEncoder.encode("企业名录.csv", StandardCharsets.UTF_8), gbk(csv));
    assertThat(check.status()).as(check.body()).isEqualTo(201);
    JsonNode job = check.json();
    JsonNode rows = job.get("rows");
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).get("status").asText()).as(rows.get(0).toString()).isEqualTo("new");
    assertThat(rows.get(1).get("status").asText()).as(rows.get(1).toString()).isEqualTo("changed");
    List<String> changed = new ArrayList<>();
    rows.get(1).get("changes").forEach(ch -> changed.add(ch.get("field").asText()));
    assertThat(changed).containsExactlyInAnyOrder("name", "status");
    assertThat(rows.get(1).at("/changes/0/to").asText() + rows.get(1).at("/changes/1/to").asText()).contains("改名后的企业有限公司", "suspended");
    assertThat(rows.get(2).get("status").asText()).isEqualTo("unchanged");
    for (int i = 3; i < 10; i++) {
      if (i == 5) continue; // the first of the duplicated pair is fine; the second is rejected
      assertThat(rows.get(i).get("status").asText()).as(rows.get(i).toString()).isEqualTo("rejected");
    }
    assertThat(rows.get(5).get("status").asText()).isEqualTo("new");
    assertThat(rows.get(3).toString()).contains("check character");
    assertThat(rows.get(4).toString()).contains("unknownCluster");
    assertThat(rows.get(6).toString()).contains("appears twice");
    assertThat(rows.get(7).toString()).contains("notYourCluster");
    assertThat(rows.get(8).toString()).contains("mergedInto");
    assertThat(rows.get(9).toString()).contains("规上 or 规下");
    assertThat(job.at("/counts/new").asInt()).isEqualTo(2);
    assertThat(job.at("/counts/rejected").asInt()).isEqualTo(6);
    int before = TestApp.intQuery("SELECT count(*) FROM enterprise");

    // All or nothing: with rejected rows, "all" writes nothing.
    Resp all = park.send("POST", "/api/enterprise-imports/" + job.get("id").asInt() + "/commit", "{\"mode\":\"all\"}", Map.of());
    assertThat(all.status()).isEqualTo(422);
    assertThat(TestApp.intQuery("SELECT count(*) FROM enterprise")).isEqualTo(before);
    // Another user cannot commit it.
    assertThat(coord.send("POST", "/api/enterprise-imports/" + job.get("id").asInt() + "/commit", "{\"mode\":\"valid\"}", Map.of()).status()).isEqualTo(404);
    Resp valid = park.send("POST", "/api/enterprise-imports/" + job.get("id").asInt() + "/commit", "{\"mode\":\"valid\"}", Map.of());
    assertThat(valid.status()).as(valid.body()).isEqualTo(200);
    assertThat(valid.json().get("inserted").asInt()).isEqualTo(2);
    assertThat(valid.json().get("updated").asInt()).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM enterprise")).isEqualTo(before + 2);
    JsonNode made = park.get("/api/enterprises?q=" + fresh).json().at("/items/0");
    JsonNode rec = park.get("/api/enterprises/" + made.get("id").asLong()).json();
    assertThat(rec.get("foundedOn").asText()).isEqualTo("2019-03-01");
    assertThat(rec.get("productionStartedOn").asText()).isEqualTo("2020-05-06");
    assertThat(rec.get("aboveSince").asInt()).isEqualTo(2023);
    assertThat(rec.get("address").asText()).isEqualTo("新郑市梨园路 3 号");
    JsonNode moved = park.get("/api/enterprises/" + xzxgEnt).json();
    assertThat(moved.get("name").asText()).isEqualTo("改名后的企业有限公司");
    assertThat(moved.get("status").asText()).isEqualTo("suspended");
    assertThat(moved.get("industryCode").asText()).as("empty cells keep what is stored").isNotBlank();
    assertThat(park.get("/api/enterprises/" + xzxgEnt + "/history").json().get(0).get("operation").asText()).isEqualTo("import");
    assertThat(park.send("POST", "/api/enterprise-imports/" + job.get("id").asInt() + "/commit", "{\"mode\":\"valid\"}", Map.of()).status()).isEqualTo(409);
  }

  @Test
  void aRowRegisteredMeanwhileRefusesTheWholeCommit() {
    String a = code(), b = code();
    String head = "统一社会信用代码,企业名称,所属集聚区,行业代码,规模\n";
    Resp first = TestApp.upload(park, "/api/enterprise-imports?name=a.csv", (head + a + ",甲公司,XZXG,C13,规下\n").getBytes(StandardCharsets.UTF_8));
    Resp second = TestApp.upload(park, "/api/enterprise-imports?name=b.csv", (head + b + ",乙公司,XZXG,C13,规下\n" + a + ",甲公司,XZXG,C13,规下\n").getBytes(StandardCharsets.UTF_8));
    assertThat(second.json().at("/counts/new").asInt()).isEqualTo(2);
    assertThat(park.send("POST", "/api/enterprise-imports/" + first.json().get("id").asInt() + "/commit", "{}", Map.of()).status()).isEqualTo(200);
    Resp late = park.send("POST", "/api/enterprise-imports/" + second.json().get("id").asInt() + "/commit", "{}", Map.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("code").asText()).isEqualTo("REGISTER_CHANGED");
    assertThat(TestApp.intQuery("SELECT count(*) FROM enterprise WHERE credit_code = ?", b)).as("nothing half-written").isZero();
  }

  @Test
  void workbooksWithSeveralSheetsOrMergedHeadersAndWrongFilesAreRefused() throws Exception {
    Path d = Files.createTempDirectory(Path.of("target"), "roster");
    Files.writeString(d.resolve("名录.csv"), "统一社会信用代码,企业名称\n" + code() + ",甲\n");
    Files.writeString(d.resolve("说明.csv"), "说明,内容\n填表说明,见附件\n");
    run(d, "ogr2ogr", "-f", "XLSX", "book.xlsx", "名录.csv", "-nln", "名录");
    run(d, "ogr2ogr", "-f", "XLSX", "-update", "book.xlsx", "说明.csv", "-nln", "说明");
    Resp two = TestApp.upload(park, "/api/enterprise-imports?name=book.xlsx", Files.readAllBytes(d.resolve("book.xlsx")));
    assertThat(two.status()).as(two.body()).isEqualTo(422);
    assertThat(two.json().get("code").asText()).isEqualTo("MANY_SHEETS");
    assertThat(two.body()).contains("名录", "说明");
    run(d, "ogr2ogr", "-f", "XLSX", "one.xlsx", "名录.csv", "-nln", "名录");
    Resp one = TestApp.upload(park, "/api/enterprise-imports?name=one.xlsx", Files.readAllBytes(d.resolve("one.xlsx")));
    assertThat(one.status()).as(one.body()).isEqualTo(201);
    assertThat(one.json().at("/rows/0/status").asText()).as(one.body()).isEqualTo("rejected"); // no cluster for a new enterprise
    Resp merged = TestApp.upload(park, "/api/enterprise-imports?name=m.csv", ("统一社会信用代码,企业名称,,规模\n" + code() + ",甲,XZXG,规下\n").getBytes(StandardCharsets.UTF_8));
    assertThat(merged.status()).isEqualTo(422);
    assertThat(merged.json().get("code").asText()).isEqualTo("HEADER_MERGED");
    Resp noCode = TestApp.upload(park, "/api/enterprise-imports?name=n.csv", "名称,地址\n甲,乙\n".getBytes(StandardCharsets.UTF_8));
    assertThat(noCode.json().get("code").asText()).isEqualTo("TEMPLATE_MISMATCH");
    Resp exe = TestApp.upload(park, "/api/enterprise-imports?name=roster.exe", "MZ".getBytes(StandardCharsets.UTF_8));
    assertThat(exe.status()).isEqualTo(422);
    Resp nul = TestApp.upload(park, "/api/enterprise-imports?name=x.csv", "统一社会信用代码,企业名称\n\u0000,\u0000\n".getBytes(StandardCharsets.UTF_8));
    assertThat(nul.status()).isBetween(400, 499);
    String template = new String(park.getBytes("/api/enterprise-imports/template.csv"), StandardCharsets.UTF_8);
    assertThat(template).contains("统一社会信用代码", "规模(规上/规下)", "投产日期(YYYY-MM-DD)", "XZXG");
  }

  static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
  }
}
