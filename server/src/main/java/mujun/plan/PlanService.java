package mujun.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Form;

/**
 * The province's work plan: tasks of a year with their deadlines (for every city, or one city's own), and who is done,
 * late, overdue or still in time — computed from the data (a published run, the year's survey, the disposal plans, an
 * announced offering) by {@code plan_status} in SQL, as of any date.
 */
public final class PlanService {
  private final Db db;
  private final mujun.db.Replicas reads;

  public PlanService(Db db, mujun.db.Replicas reads) {
    this.db = db;
    this.reads = reads;
  }

  private static final String WORST = "CASE WHEN bool_or(s.status = 'overdue') THEN 'overdue' WHEN bool_or(s.status = 'open') THEN 'open' "
      + "WHEN bool_or(s.status = 'late') THEN 'late' ELSE 'done' END";

  private static final String COUNTS = "'done', count(*) FILTER (WHERE s.status = 'done'), 'late', count(*) FILTER (WHERE s.status = 'late'), "
      + "'overdue', count(*) FILTER (WHERE s.status = 'overdue'), 'open', count(*) FILTER (WHERE s.status = 'open'), 'total', count(*)";

  static final Named OVERVIEW = Named.of("WITH s AS MATERIALIZED (SELECT * FROM plan_status(:year, :asOf::date, :scope)), "
      + "c AS (SELECT s.city_code, s.kind, min(s.task_id) AS task_id, min(s.due_on) AS due_on, " + WORST + " AS status, "
      + "  json_build_object(" + COUNTS + ", 'doneAt', max(s.done_at)) AS counts FROM s GROUP BY s.city_code, s.kind) "
      + "SELECT json_build_object('year', :year, 'asOf', :asOf, "
      + "'kinds', COALESCE((SELECT json_agg(json_build_object('code', tk.code, 'name', tk.name, 'nameEn', tk.name_en, 'perCluster', tk.per_cluster, "
      + "  'doneWhen', tk.done_when, 'doneWhenEn', tk.done_when_en) ORDER BY tk.sort) FROM plan_task_kind tk WHERE tk.code IN (SELECT kind FROM s)), '[]'), "
      + "'tasks', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'kind', t.kind, 'year', t.year, 'cityCode', t.city_code, 'cityName', tc.name, "
      + "  'cityNameEn', tc.name_en, 'dueOn', t.due_on, 'basis', t.basis, 'note', t.note, 'version', t.version) ORDER BY t.kind, t.city_code NULLS FIRST) "
      + "  FROM plan_task t LEFT JOIN city tc ON tc.code = t.city_code WHERE t.year = :year AND t.active), '[]'), "
      + "'totals', COALESCE((SELECT json_object_agg(x.kind, x.o) FROM (SELECT c.kind, json_build_object('done', count(*) FILTER (WHERE c.status = 'done'), "
      + "  'late', count(*) FILTER (WHERE c.status = 'late'), 'overdue', count(*) FILTER (WHERE c.status = 'overdue'), 'open', count(*) FILTER (WHERE c.status = 'open'), "
      + "  'total', count(*)) AS o FROM c GROUP BY c.kind) x), '{}'), "
      + "'cities', COALESCE((SELECT json_agg(json_build_object('code', ci.code, 'name', ci.name, 'nameEn', ci.name_en, "
      + "  'tasks', (SELECT json_object_agg(c.kind, json_build_object('taskId', c.task_id, 'dueOn', c.due_on, 'status', c.status, 'counts', c.counts)) "
      + "     FROM c WHERE c.city_code = ci.code), "
      + "  'clusters', (SELECT json_agg(json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'nameEn', k.name_en, "
      + "     'tasks', (SELECT json_object_agg(s.kind, json_build_object('status', s.status, 'doneAt', s.done_at, 'detail', s.detail)) FROM s WHERE s.cluster_id = k.id)) "
      + "     ORDER BY k.code) FROM cluster k WHERE k.city_code = ci.code AND k.id = ANY(:scope) AND k.status = 'active')) ORDER BY ci.code) "
      + "  FROM city ci WHERE ci.code IN (SELECT city_code FROM s)), '[]'))::text");

  /** The year's plan as of {@code asOf}, over the caller's clusters. */
  public String overview(Principal who, int year, LocalDate asOf) {
    return reads.read(who.username(), c -> OVERVIEW.one(c, Named.values("year", year, "asOf", asOf.toString(), "scope", who.readableClusters())));
  }

  static final Named INSERT = Named.of("INSERT INTO plan_task (kind, year, city_code, due_on, basis, note) VALUES (:kind, :year, :city, :due::date, :basis, :note) "
      + "RETURNING id::text");

  static final Named UPDATE = Named.of("UPDATE plan_task SET due_on = COALESCE(:due::date, due_on), basis = COALESCE(:basis, basis), note = COALESCE(:note, note), "
      + "active = COALESCE(:active, active) WHERE id = :id AND version = :version");

  static final Named ONE = Named.of("SELECT json_build_object('id', id, 'kind', kind, 'year', year, 'cityCode', city_code, 'dueOn', due_on, 'basis', basis, "
      + "'note', note, 'active', active, 'version', version, 'changedBy', changed_by, 'changedAt', changed_at)::text FROM plan_task WHERE id = :id");

  static final Named COPY = Named.of("INSERT INTO plan_task (kind, year, city_code, due_on, basis, note) "
      + "SELECT t.kind, :to, t.city_code, (t.due_on + make_interval(years => :to - :from))::date, t.basis, t.note FROM plan_task t "
      + "WHERE t.year = :from AND t.active AND NOT EXISTS (SELECT 1 FROM plan_task x WHERE x.year = :to AND x.active AND x.kind = t.kind "
      + "AND x.city_code IS NOT DISTINCT FROM t.city_code)");

  private static void requireOwner(Principal who, String city) {
    if (!who.editsMethodsOf(city)) {
      throw new ApiError(403, "FORBIDDEN", city == null ? "The province's plan is set by the province's coordinators." : "Only the coordinators of city " + city
          + " (or the province's) set its tasks.");
    }
  }

  public String one(long id) {
    String t = db.read(c -> ONE.one(c, Named.values("id", id)));
    if (t == null) throw ApiError.notFound("No task " + id + ".");
    return t;
  }

  /** POST /api/plan/tasks {kind, year, cityCode?, dueOn, basis?, note?} */
  public long create(Principal who, ObjectNode body) {
    Form f = new Form(body);
    String kind = f.text("kind", 40, true);
    Integer year = body.path("year").isIntegralNumber() ? body.get("year").asInt() : null;
    if (year == null || year < 2000 || year > 2100) f.problem("year", "must be a year such as 2026");
    String city = f.text("cityCode", 6, false);
    if (city != null && city.isEmpty()) city = null;
    if (city != null && !city.matches("\\d{6}")) f.problem("cityCode", "must be a city's 6-digit code, or empty for every city");
    LocalDate due = f.date("dueOn", true);
    if (due != null && year != null && (due.getYear() < year || due.getYear() > year + 1)) f.problem("dueOn", "must fall in the task's year (or early the next)");
    String basis = f.text("basis", 500, false);
    String note = f.text("note", 500, false);
    f.done();
    requireOwner(who, city);
    String c2 = city;
    return db.inTransaction(Db.Change.by(who.username(), "工作计划任务"), c -> {
      if (Named.of("SELECT code FROM plan_task_kind WHERE code = :k").one(c, Named.values("k", kind)) == null) {
        throw ApiError.invalid(List.of(Map.of("field", "kind", "message", "is not a kind of task (evaluation, low_eff_survey, disposal_plans, standard_land)")));
      }
      return Long.parseLong(INSERT.one(c, Named.values("kind", kind, "year", year, "city", c2, "due", due.toString(), "basis", basis == null ? "" : basis,
          "note", note == null ? "" : note)));
    });
  }

  /** PATCH /api/plan/tasks/{id} {dueOn?, basis?, note?, active?} with the version read. */
  public void update(Principal who, long id, int version, ObjectNode body) {
    Form f = new Form(body);
    LocalDate due = f.date("dueOn", false);
    String basis = f.text("basis", 500, false);
    String note = f.text("note", 500, false);
    Boolean active = body.has("active") ? (body.get("active").isBoolean() ? body.get("active").asBoolean() : null) : null;
    if (body.has("active") && active == null) f.problem("active", "must be true or false");
    f.done();
    db.inTransaction(Db.Change.by(who.username(), "修改工作计划任务 " + id), c -> {
      List<Object[]> t = Named.of("SELECT city_code, version, year FROM plan_task WHERE id = :id FOR UPDATE").rows(c, Named.values("id", id));
      if (t.isEmpty()) throw ApiError.notFound("No task " + id + ".");
      requireOwner(who, t.get(0)[0] == null ? null : String.valueOf(t.get(0)[0]));
      int y = ((Number) t.get(0)[2]).intValue();
      if (due != null && (due.getYear() < y || due.getYear() > y + 1)) throw ApiError.invalid(List.of(Map.of("field", "dueOn", "message", "must fall in the task's year (or early the next)")));
      if (UPDATE.update(c, Named.values("due", due == null ? null : due.toString(), "basis", basis, "note", note, "active", active, "id", id, "version", version)) == 0) {
        throw new ApiError(412, "VERSION_CONFLICT", "Task " + id + " was changed by someone else (now version " + t.get(0)[1] + "); reload it.");
      }
      return null;
    });
  }

  /** POST /api/plan/tasks/copy {from, to}: next year's plan from this year's, the dates moved by the years between. */
  public int copy(Principal who, int from, int to) {
    requireOwner(who, null);
    return db.inTransaction(Db.Change.by(who.username(), "复制工作计划 " + from + " → " + to), c -> COPY.update(c, Named.values("from", from, "to", to)));
  }
}
