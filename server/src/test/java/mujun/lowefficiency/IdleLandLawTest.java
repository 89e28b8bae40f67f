package mujun.lowefficiency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The idle-land law at its edges (闲置土地处置办法, 令第53号; 民法典 arts. 201–203): "满一年" read both ways (city 411100 on
 * the corresponding day, city 411000 the day after), the day before, the day and the day after, 29 February; land not
 * started and land suspended (the clock runs from the suspension); periods that stop the clock (art. 8); the fee and
 * recovery dates passed without a decision; 缓建 and recorded stoppages; exact figures in the reasons.
 */
class IdleLandLawTest {
  static Client admin;
  static int anniversary, civil;
  static int slot;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = 'LAWANN'") == 0) {
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('LAWANN', '对应日测试区', 'Anniversary reading', '411100', "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(560000, 3776000, 564000, 3780000, 4547), 4490)))");
      TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('LAWCIV', '民法典测试区', 'Civil-code reading', '411000', "
          + "ST_Multi(ST_Transform(ST_MakeEnvelope(570000, 3776000, 574000, 3780000, 4547), 4490)))");
    }
    admin = Client.signedIn("t-admin");
    anniversary = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LAWANN'");
    civil = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LAWCIV'");
    Resp set = admin.send("PUT", "/api/low-efficiency/thresholds", "{\"scope\":\"411000\",\"values\":{\"full_year_reading\":1}}", Map.of());
    assertThat(set.status()).as(set.body()).isEqualTo(200);
  }

  /** A 100 m × 60 m parcel (6,000 m²) in the cluster, with extra JSON fields; returns its id. */
  static long parcel(int cluster, String extra) {
    int k = slot++;
    double x = (cluster == civil ? 570200 : 560200) + (k % 20) * 150, y = 3776200 + (k / 20) * 100;
    String geom = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 4547), 4490), 12)")) {
        ps.setDouble(1, x);
        ps.setDouble(2, y);
        ps.setDouble(3, x + 100);
        ps.setDouble(4, y + 60);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    Resp r = admin.send("POST", "/api/parcels", "{\"code\":\"" + TestApp.newCode() + "\",\"clusterId\":" + cluster
        + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":" + geom + extra + "}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  static String full(String city, String start, int years, int months) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT low_eff_period_full(?, NULL, ?, ?, ?)::text")) {
        ps.setString(1, city);
        ps.setDate(2, Date.valueOf(start));
        ps.setInt(3, years);
        ps.setInt(4, months);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  /** The rules met by the parcel as of the date, with their reasons. */
  static Map<String, String> rules(int cluster, long parcel, String asOf) {
    return TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT rule, reason FROM low_eff_candidates(ARRAY[?]::int[], ?) WHERE parcel_id = ?")) {
        ps.setInt(1, cluster);
        ps.setDate(2, Date.valueOf(asOf));
        ps.setLong(3, parcel);
        Map<String, String> m = new java.util.TreeMap<>();
        try (var rs = ps.executeQuery()) {
          while (rs.next()) m.put(rs.getString(1), rs.getString(2));
        }
        return m;
      }
    });
  }

  static Set<String> ruleNames(int cluster, long parcel, String asOf) {
    return new HashSet<>(rules(cluster, parcel, asOf).keySet());
  }

  static JsonNode tag(long parcel, String surveyDate) {
    Resp r = admin.send("POST", "/api/low-efficiency/tags", "{\"parcelId\":" + parcel + ",\"kind\":\"idle\",\"surveyDate\":\"" + surveyDate + "\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static JsonNode tagNow(long tagId) {
    return admin.get("/api/low-efficiency/tags/" + tagId).json().get("properties");
  }

  @Test
  void aFullYearIsReadOnTheCorrespondingDayOrTheDayAfterAndFrom29February() {
    assertThat(full("411100", "2024-03-10", 1, 0)).isEqualTo("2025-03-10");
    assertThat(full("411000", "2024-03-10", 1, 0)).isEqualTo("2025-03-11");
    assertThat(full("411100", "2024-02-29", 1, 0)).as("no 29 February: the month's last day").isEqualTo("2025-02-28");
    assertThat(full("411000", "2024-02-29", 1, 0)).as("over at the end of 28 February").isEqualTo("2025-03-01");
    assertThat(full("411100", "2024-02-29", 4, 0)).isEqualTo("2028-02-29");
    assertThat(full("411000", "2023-02-28", 1, 0)).isEqualTo("2024-02-29");
    assertThat(full("411100", "2024-01-31", 0, 1)).isEqualTo("2024-02-29");
    assertThat(full("411000", "2024-01-31", 0, 12)).isEqualTo("2025-02-01");
    // A province may not set anything but the two readings.
    Resp bad = admin.send("PUT", "/api/low-efficiency/thresholds", "{\"scope\":\"411000\",\"values\":{\"full_year_reading\":2}}", Map.of());
    assertThat(bad.status()).as(bad.body()).isBetween(400, 499);
  }

  @Test
  void landNotStartedIsIdleTheDayItsYearIsFullUnderEitherReading() {
    long a = parcel(anniversary, ",\"agreedStartDate\":\"2024-03-10\"");
    long c = parcel(civil, ",\"agreedStartDate\":\"2024-03-10\"");
    assertThat(ruleNames(anniversary, a, "2025-03-09")).doesNotContain("idle_not_started");
    assertThat(ruleNames(anniversary, a, "2025-03-10")).contains("idle_not_started");
    assertThat(ruleNames(anniversary, a, "2025-03-11")).contains("idle_not_started");
    assertThat(ruleNames(civil, c, "2025-03-10")).doesNotContain("idle_not_started");
    assertThat(ruleNames(civil, c, "2025-03-11")).contains("idle_not_started");
    assertThat(rules(civil, c, "2025-03-11").get("idle_not_started")).contains("2025-03-11");
    long leapA = parcel(anniversary, ",\"agreedStartDate\":\"2024-02-29\"");
    long leapC = parcel(civil, ",\"agreedStartDate\":\"2024-02-29\"");
    assertThat(ruleNames(anniversary, leapA, "2025-02-27")).doesNotContain("idle_not_started");
    assertThat(ruleNames(anniversary, leapA, "2025-02-28")).contains("idle_not_started");
    assertThat(ruleNames(civil, leapC, "2025-02-28")).doesNotContain("idle_not_started");
    assertThat(ruleNames(civil, leapC, "2025-03-01")).contains("idle_not_started");
    // The tag says which reading it used, and its dates follow it.
    JsonNode t = tag(leapC, "2026-11-01").get("properties");
    assertThat(t.at("/legalDates/reading").asText()).isEqualTo("civil_code");
    assertThat(t.at("/legalDates/idleFrom").asText()).isEqualTo("2025-03-01");
    assertThat(t.at("/legalDates/recoveryFrom").asText()).isEqualTo("2026-03-01");
    assertThat(t.get("recoveryDate").asText()).isEqualTo("2026-03-01");
    assertThat(t.at("/legalDates/recoveryRule").asText()).contains("第十四条");
  }

  @Test
  void landSuspendedCountsFromTheSuspensionNeverFromTheAgreedStart() {
    long p = parcel(anniversary, ",\"agreedStartDate\":\"2021-01-01\",\"actualStartDate\":\"2021-03-01\",\"suspendedSince\":\"2025-06-30\","
        + "\"developedAreaM2\":1999.99,\"investedWan\":249.99,\"contractedInvestmentWan\":1000,\"transferPriceWan\":400");
    assertThat(ruleNames(anniversary, p, "2026-06-29")).doesNotContain("idle_suspended");
    assertThat(ruleNames(anniversary, p, "2026-06-30")).contains("idle_suspended");
    String reason = rules(anniversary, p, "2026-06-30").get("idle_suspended");
    assertThat(reason).as("exact figures, and a share below 25 % never shown as 25").contains("1999.99 / 6000").contains("249.99 / 1000").contains("24.999%")
        .doesNotContain("25.0%").contains("2026-06-30");
    JsonNode t = tag(p, "2026-11-01").get("properties");
    assertThat(t.at("/legalDates/basis").asText()).isEqualTo("suspended");
    assertThat(t.at("/legalDates/startDate").asText()).isEqualTo("2025-06-30");
    assertThat(t.at("/legalDates/idleFrom").asText()).isEqualTo("2026-06-30");
    assertThat(t.get("recoveryDate").asText()).as("two years from the suspension, not from the agreed start").isEqualTo("2027-06-30");
    assertThat(t.get("idleFeeWan").asDouble()).isEqualTo(80.0);
    // The survey corrects the suspension date: the tag's dates follow, as a new version.
    Resp fix = admin.send("PATCH", "/api/parcels/" + p, "{\"suspendedSince\":\"2025-07-31\",\"reason\":\"复核中止日期\"}",
        Map.of("If-Match", admin.get("/api/parcels/" + p).header("ETag")));
    assertThat(fix.status()).as(fix.body()).isEqualTo(200);
    JsonNode moved = tagNow(TestApp.intQuery("SELECT max(id) FROM low_eff_tag WHERE parcel_id = ?", p));
    assertThat(moved.get("recoveryDate").asText()).isEqualTo("2027-07-31");
    assertThat(moved.at("/legalDates/idleFrom").asText()).isEqualTo("2026-07-31");

    // The same under the civil-code reading, then with 10 days stopped by force majeure inside the year.
    long c = parcel(civil, ",\"agreedStartDate\":\"2021-01-01\",\"actualStartDate\":\"2021-03-01\",\"suspendedSince\":\"2025-06-30\","
        + "\"developedAreaM2\":100,\"investedWan\":10,\"contractedInvestmentWan\":1000");
    assertThat(ruleNames(civil, c, "2026-06-30")).doesNotContain("idle_suspended");
    assertThat(ruleNames(civil, c, "2026-07-01")).contains("idle_suspended");
    assertThat(admin.send("POST", "/api/low-efficiency/parcels/" + c + "/pauses", "{\"cause\":\"force_majeure\",\"startsOn\":\"2025-08-01\",\"endsOn\":\"2025-08-10\","
        + "\"evidence\":\"暴雨红色预警 停工\"}", Map.of()).status()).isEqualTo(201);
    assertThat(ruleNames(civil, c, "2026-07-10")).doesNotContain("idle_suspended");
    assertThat(ruleNames(civil, c, "2026-07-11")).contains("idle_suspended");
    JsonNode ct = tag(c, "2026-11-01").get("properties");
    assertThat(ct.get("recoveryDate").asText()).isEqualTo("2027-07-11");
    assertThat(ct.at("/legalDates/reading").asText()).isEqualTo("civil_code");
  }

  @Test
  void periodsThatStopTheClockMoveEveryDateAndAreKeptInHistory() {
    long p = parcel(anniversary, ",\"agreedStartDate\":\"2024-03-10\"");
    JsonNode made = tag(p, "2026-11-01");
    long tagId = made.get("id").asLong();
    assertThat(made.at("/properties/recoveryDate").asText()).isEqualTo("2026-03-10");
    Resp pause = admin.send("POST", "/api/low-efficiency/parcels/" + p + "/pauses", "{\"cause\":\"planning\",\"startsOn\":\"2024-05-01\",\"endsOn\":\"2024-05-31\","
        + "\"evidence\":\"豫规〔2024〕12号 规划调整通知\"}", Map.of());
    assertThat(pause.status()).as(pause.body()).isEqualTo(201);
    assertThat(ruleNames(anniversary, p, "2025-04-09")).doesNotContain("idle_not_started");
    assertThat(ruleNames(anniversary, p, "2025-04-10")).as("31 days later").contains("idle_not_started");
    JsonNode t = tagNow(tagId);
    assertThat(t.get("recoveryDate").asText()).isEqualTo("2026-04-10");
    assertThat(t.at("/legalDates/pausedDays").asInt()).isEqualTo(31);
    assertThat(t.at("/legalDates/pauses/0/evidence").asText()).contains("豫规");
    // An overlapping second pause counts each day once (1 May – 15 June = 46 days); one outside the period moves nothing.
    admin.send("POST", "/api/low-efficiency/parcels/" + p + "/pauses", "{\"cause\":\"government\",\"startsOn\":\"2024-05-15\",\"endsOn\":\"2024-06-15\",\"evidence\":\"征迁\"}", Map.of());
    admin.send("POST", "/api/low-efficiency/parcels/" + p + "/pauses", "{\"cause\":\"force_majeure\",\"startsOn\":\"2027-01-01\",\"endsOn\":\"2027-12-31\",\"evidence\":\"洪水\"}", Map.of());
    t = tagNow(tagId);
    assertThat(t.at("/legalDates/pausedDays").asInt()).isEqualTo(46);
    assertThat(t.at("/legalDates/idleFrom").asText()).isEqualTo("2025-04-25");
    assertThat(t.get("recoveryDate").asText()).isEqualTo("2026-04-25");
    // Withdrawn: the dates go back, and each shift is a version of the tag.
    long first = pause.json().get("id").asLong();
    Resp w = admin.send("POST", "/api/low-efficiency/pauses/" + first + "/withdraw", "{\"reason\":\"文件撤销\"}", Map.of("If-Match", "\"pause-" + first + "-v1\""));
    assertThat(w.status()).as(w.body()).isEqualTo(200);
    t = tagNow(tagId);
    assertThat(t.at("/legalDates/pausedDays").asInt()).isEqualTo(32);
    assertThat(t.get("version").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'low_eff_clock_pause' AND entity_id = ?", String.valueOf(first))).isEqualTo(2);
    // A pause needs evidence and a sensible period.
    assertThat(admin.send("POST", "/api/low-efficiency/parcels/" + p + "/pauses", "{\"cause\":\"planning\",\"startsOn\":\"2024-05-01\",\"endsOn\":\"2024-04-01\",\"evidence\":\"x\"}", Map.of()).status()).isEqualTo(422);
    assertThat(admin.send("POST", "/api/low-efficiency/parcels/" + p + "/pauses", "{\"cause\":\"planning\",\"startsOn\":\"2024-05-01\",\"endsOn\":\"2024-06-01\"}", Map.of()).status()).isEqualTo(422);
  }

  @Test
  void aFeeOrRecoveryDatePassedWithoutADecisionIsFlaggedUntilOneIsRecorded() throws Exception {
    long p = parcel(anniversary, ",\"agreedStartDate\":\"2020-01-01\",\"transferPriceWan\":500");
    JsonNode made = tag(p, "2026-11-01");
    long tagId = made.get("id").asLong();
    JsonNode t = made.get("properties");
    assertThat(t.get("feeDatePassed").asBoolean()).isTrue();
    assertThat(t.get("recoveryDatePassed").asBoolean()).isTrue();
    Resp r = admin.get("/api/low-efficiency/tags/" + tagId);
    Resp dec = admin.send("POST", "/api/low-efficiency/tags/" + tagId + "/decisions", "{\"kind\":\"fee\",\"decidedOn\":\"2021-02-01\",\"reference\":\"许自然资〔2021〕3号\"}",
        Map.of("If-Match", r.header("ETag")));
    assertThat(dec.status()).as(dec.body()).isEqualTo(200);
    t = dec.json().get("properties");
    assertThat(t.get("feeDatePassed").asBoolean()).isFalse();
    assertThat(t.get("feeDecisionRef").asText()).contains("3号");
    assertThat(t.get("recoveryDatePassed").asBoolean()).isTrue();
    // Not started and not yet a year: nothing is flagged.
    long fresh = parcel(anniversary, ",\"agreedStartDate\":\"" + LocalDate.now().minusYears(1).minusDays(2) + "\"");
    JsonNode ft = tag(fresh, LocalDate.now().toString()).get("properties");
    assertThat(ft.get("feeDatePassed").asBoolean()).isTrue();
    assertThat(ft.get("recoveryDatePassed").asBoolean()).isFalse();
    // The survey table says the reading, the dates and the flag.
    String csv = new String(admin.getBytes("/api/low-efficiency/report.csv?cluster=" + anniversary), java.nio.charset.StandardCharsets.UTF_8);
    java.util.List<String> header = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(csv.substring(1))).getRecords().get(0).toList();
    assertThat(header).contains("\"满一年\"的计算", "可征缴闲置费日期");
    assertThat(csv).contains("对应日");
  }

  @Test
  void slowedConstructionAndRecordedStoppagesHaveTheirRules() {
    long slowed = parcel(anniversary, ",\"agreedStartDate\":\"2024-01-01\",\"actualStartDate\":\"2024-03-10\",\"developedAreaM2\":2000");
    assertThat(ruleNames(anniversary, slowed, "2025-03-09")).doesNotContain("slowed");
    assertThat(ruleNames(anniversary, slowed, "2025-03-10")).contains("slowed");
    assertThat(rules(anniversary, slowed, "2025-03-10").get("slowed")).contains("2000.00 / 6000.00").contains("33.3%");
    long halfDone = parcel(anniversary, ",\"agreedStartDate\":\"2024-01-01\",\"actualStartDate\":\"2024-03-10\",\"developedAreaM2\":3000");
    assertThat(ruleNames(anniversary, halfDone, "2025-06-01")).as("half developed is not slowed").doesNotContain("slowed");
    long stopped = parcel(civil, ",\"productionStoppedSince\":\"2024-01-31\"");
    assertThat(ruleNames(civil, stopped, "2025-01-31")).doesNotContain("stopped_recorded");
    assertThat(ruleNames(civil, stopped, "2025-02-01")).contains("stopped_recorded");
    long half = parcel(anniversary, ",\"productionHalvedSince\":\"2024-01-31\"");
    assertThat(ruleNames(anniversary, half, "2025-01-30")).doesNotContain("half_stopped_recorded");
    assertThat(ruleNames(anniversary, half, "2025-01-31")).contains("half_stopped_recorded");
  }
}
