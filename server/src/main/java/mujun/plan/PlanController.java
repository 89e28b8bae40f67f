package mujun.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** HTTP for the work plan: the overview as of a date, and the tasks (created, changed with If-Match, copied to a year). */
public final class PlanController {
  private final PlanService plan;

  public PlanController(PlanService plan) {
    this.plan = plan;
  }

  /** GET /api/plan?year=2026&asOf=2026-07-01 */
  public void overview(Context ctx) {
    Http.allowQuery(ctx, "year", "asOf");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    int year = ctx.queryParam("year") == null ? today.getYear() : Http.intParam(ctx, "year", 2000, 2100);
    LocalDate asOf = today;
    String a = ctx.queryParam("asOf");
    if (a != null) {
      try {
        asOf = LocalDate.parse(a);
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest("BAD_PARAMETER", "asOf is a date like 2026-07-01.");
      }
    }
    ctx.contentType("application/json; charset=utf-8").result(plan.overview(Principal.of(ctx), year, asOf));
  }

  public void createTask(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("kind", "year", "cityCode", "dueOn", "basis", "note"));
    long id = plan.create(Principal.of(ctx), b);
    ctx.status(201).header("Location", "/api/plan/tasks/" + id).contentType("application/json; charset=utf-8").result(plan.one(id));
  }

  public void task(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    String t = plan.one(id);
    ctx.header("ETag", "\"task-" + id + "-v" + Json.tree(t).get("version").asInt() + "\"").contentType("application/json; charset=utf-8").result(t);
  }

  public void updateTask(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "task", id);
    ObjectNode b = Json.object(ctx, Set.of("dueOn", "basis", "note", "active"));
    plan.update(Principal.of(ctx), id, version, b);
    task(ctx);
  }

  /** POST /api/plan/tasks/copy {from, to} */
  public void copy(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("from", "to"));
    int from = b.path("from").asInt(0), to = b.path("to").asInt(0);
    if (from < 2000 || from > 2100 || to < 2000 || to > 2100 || from == to) {
      throw ApiError.unprocessable("VALIDATION_FAILED", "from and to are two different years such as 2026 and 2027.", Map.of("field", "to"));
    }
    ctx.status(201).json(Map.of("copied", plan.copy(Principal.of(ctx), from, to), "year", to));
  }
}
