package mujun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import mujun.enterprise.CreditCode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The work plan's status comes from the data: a run published after the deadline is late, not done; a cluster without
 * one is overdue once the deadline passed and open before; the city shows its worst cluster. Hand-made clusters in
 * 鹤壁市 (410600), tasks of that city's own.
 */
class PlanTest {
  static Client coord, otherCity;
  static int early, none;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    String[] codes = {"PLANA", "PLANB"};
    for (int i = 0; i < codes.length; i++) {
      if (TestApp.intQuery("SELECT count(*) FROM cluster WHERE code = ?", codes[i]) == 0) {
        TestApp.sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('" + codes[i] + "', '计划测试区" + i + "', 'Plan test " + i
            + "', '410600', ST_Multi(ST_MakeEnvelope(" + (114.0 + i * 0.1) + ", 35.60, " + (114.05 + i * 0.1) + ", 35.65, 4490)))");
      }
    }
    early = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'PLANA'");
    none = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'PLANB'");
    if (TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 'plan-city'") == 0) {
      TestApp.get().auth.addUser("plan-city", "Anyang coordinator", TestApp.PASSWORD, List.of("coordinator:city:410500"));
    }
    coord = Client.signedIn("t-coord");
    otherCity = Client.signedIn("plan-city");
  }

  static void task(String kind, int year, String due) {
    Resp r = coord.send("POST", "/api/plan/tasks", "{\"kind\":\"" + kind + "\",\"year\":" + year + ",\"cityCode\":\"410600\",\"dueOn\":\"" + due
        + "\",\"basis\":\"测试依据\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static JsonNode city(int year, String asOf) {
    JsonNode o = coord.get("/api/plan?year=" + year + "&asOf=" + asOf).json();
    for (JsonNode c : o.get("cities")) if (c.get("code").asText().equals("410600")) return c;
    throw new AssertionError("no 410600 in " + o);
  }

  static String status(JsonNode city, int cluster, String kind) {
    for (JsonNode k : city.get("clusters")) if (k.get("id").asInt() == cluster) return k.at("/tasks/" + kind + "/status").asText();
    throw new AssertionError("no cluster " + cluster);
  }

  @Test
  void statusComesFromTheDataAsOfADate() {
    // 2026's evaluation was due on 30 June; the run of 2025's figures is published today (after the deadline).
    task("evaluation", 2026, "2026-06-30");
    task("disposal_plans", 2026, "2026-08-31");
    task("low_eff_survey", 2026, "2026-08-31");
    task("standard_land", 2026, "2026-12-31");
    String first17 = String.format("91410600MA%07d", 4000000 + (int) (System.nanoTime() % 1000000));
    TestApp.sql("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) VALUES ('" + first17 + CreditCode.checkChar(first17)
        + "', '计划测试企业', 'C3971', 'above', " + early + ")");
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, tax_wan) SELECT id, 2025, 6666.67, 10 FROM enterprise WHERE credit_code = '"
        + first17 + CreditCode.checkChar(first17) + "'");
    Resp run = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"henan-2019\",\"year\":2025,\"clusters\":[" + early + "]}", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    assertThat(coord.send("POST", "/api/evaluation/runs/" + run.json().get("id").asInt() + "/publish", "", Map.of()).status()).isEqualTo(200);

    JsonNode now = city(2026, "2026-12-31");
    assertThat(status(now, early, "evaluation")).as("published after the deadline").isEqualTo("late");
    assertThat(status(now, none, "evaluation")).as("never published").isEqualTo("overdue");
    assertThat(now.at("/tasks/evaluation/status").asText()).as("the city shows its worst cluster").isEqualTo("overdue");
    assertThat(now.at("/tasks/evaluation/counts/late").asInt()).isEqualTo(1);
    assertThat(now.at("/tasks/evaluation/counts/overdue").asInt()).isEqualTo(1);
    // No low-efficiency land: nothing to plan, so the plans are done; but no survey either, so that is overdue.
    assertThat(status(now, none, "disposal_plans")).isEqualTo("done");
    assertThat(status(now, none, "low_eff_survey")).isEqualTo("overdue");
    // The standard-land pilot is the city's: none announced; in time until the last day of the year, overdue after.
    assertThat(now.at("/tasks/standard_land/status").asText()).isEqualTo("open");
    assertThat(city(2026, "2027-01-05").at("/tasks/standard_land/status").asText()).isEqualTo("overdue");
    // As of a day in May, before the deadline and before the publication: in time.
    assertThat(status(city(2026, "2026-05-31"), early, "evaluation")).isEqualTo("open");

    // The same publication counts as done for a deadline it met (2027's task, which evaluates 2026 — none yet).
    task("evaluation", 2027, "2027-06-30");
    assertThat(status(city(2027, "2027-01-15"), early, "evaluation")).isEqualTo("open");
    TestApp.sql("INSERT INTO enterprise_indicator (enterprise_id, year, rented_area_m2, tax_wan) SELECT id, 2026, 6666.67, 12 FROM enterprise WHERE credit_code = '"
        + first17 + CreditCode.checkChar(first17) + "'");
    Resp run2 = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"henan-2019\",\"year\":2026,\"clusters\":[" + early + "]}", Map.of());
    assertThat(coord.send("POST", "/api/evaluation/runs/" + run2.json().get("id").asInt() + "/publish", "", Map.of()).status()).isEqualTo(200);
    assertThat(status(city(2027, "2027-01-15"), early, "evaluation")).isEqualTo("done");
  }

  @Test
  void tasksAreSetByTheirOwnerAndKeptWithHistory() {
    Resp made = coord.send("POST", "/api/plan/tasks", "{\"kind\":\"evaluation\",\"year\":2031,\"cityCode\":\"410600\",\"dueOn\":\"2031-06-30\"}", Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    long id = made.json().get("id").asLong();
    // Another city's coordinator cannot set 鹤壁's tasks nor the province's; an unknown kind and a date in another year are refused.
    assertThat(otherCity.send("POST", "/api/plan/tasks", "{\"kind\":\"evaluation\",\"year\":2031,\"cityCode\":\"410600\",\"dueOn\":\"2031-06-30\"}", Map.of()).status())
        .isEqualTo(403);
    assertThat(otherCity.send("POST", "/api/plan/tasks/copy", "{\"from\":2031,\"to\":2032}", Map.of()).status()).isEqualTo(403);
    Resp bad = coord.send("POST", "/api/plan/tasks", "{\"kind\":\"nope\",\"year\":2031,\"dueOn\":\"2035-01-01\"}", Map.of());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("dueOn");
    // Moved with its ETag; a stale one is refused; copied to the next year with the date moved by a year.
    assertThat(coord.send("PATCH", "/api/plan/tasks/" + id, "{\"dueOn\":\"2031-07-15\"}", Map.of()).status()).isEqualTo(428);
    assertThat(coord.send("PATCH", "/api/plan/tasks/" + id, "{\"dueOn\":\"2031-07-15\"}", Map.of("If-Match", "\"task-" + id + "-v1\"")).status()).isEqualTo(200);
    assertThat(coord.send("PATCH", "/api/plan/tasks/" + id, "{\"note\":\"x\"}", Map.of("If-Match", "\"task-" + id + "-v1\"")).status()).isEqualTo(412);
    Resp copied = coord.send("POST", "/api/plan/tasks/copy", "{\"from\":2031,\"to\":2032}", Map.of());
    assertThat(copied.status()).as(copied.body()).isEqualTo(201);
    assertThat(TestApp.intQuery("SELECT count(*) FROM plan_task WHERE year = 2032 AND city_code = '410600' AND due_on = '2032-07-15'")).isEqualTo(1);
    assertThat(TestApp.intQuery("SELECT count(*) FROM change_history WHERE entity = 'plan_task' AND entity_id = ?", String.valueOf(id))).isEqualTo(2);
  }
}
