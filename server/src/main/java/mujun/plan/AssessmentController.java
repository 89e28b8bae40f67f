package mujun.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** HTTP for the clusters' yearly assessment: indicators, methods, entered figures, runs, publishing. */
public final class AssessmentController {
  private final AssessmentService svc;

  public AssessmentController(AssessmentService svc) {
    this.svc = svc;
  }

  private static void json(Context ctx, String body) {
    ctx.contentType("application/json; charset=utf-8").result(body);
  }

  public void overview(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, svc.overview(Principal.of(ctx)));
  }

  public void saveVersion(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("definition"));
    ctx.status(201).json(Map.of("method", Json.clip(ctx.pathParam("code")), "version", svc.saveVersion(Principal.of(ctx), ctx.pathParam("code"), b.get("definition"))));
  }

  /** PUT /api/assessment/figures {clusterId, year, indicator, value, source} */
  public void putFigure(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("clusterId", "year", "indicator", "value", "source"));
    if (!b.path("clusterId").isIntegralNumber()) throw ApiError.unprocessable("VALIDATION_FAILED", "clusterId is a cluster's id.", Map.of("field", "clusterId"));
    int year = b.path("year").asInt(0);
    if (year < 2000 || year > 2100) throw ApiError.unprocessable("VALIDATION_FAILED", "year is a year such as 2025.", Map.of("field", "year"));
    if (!b.path("value").isNumber()) throw ApiError.unprocessable("VALIDATION_FAILED", "value is a number.", Map.of("field", "value"));
    String source = b.path("source").asText("").strip();
    if (source.isEmpty() || source.length() > 200) throw ApiError.unprocessable("VALIDATION_FAILED", "source says where the figure comes from (e.g. 统计部门), at most 200 characters.", Map.of("field", "source"));
    svc.putFigure(Principal.of(ctx), b.get("clusterId").asInt(), year, b.path("indicator").asText(""), b.get("value").decimalValue(), source);
    ctx.status(204);
  }

  /** POST /api/assessment/runs {method, year} */
  public void run(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("method", "year"));
    int year = b.path("year").asInt(0);
    if (year < 2000 || year > 2100) throw ApiError.unprocessable("VALIDATION_FAILED", "year is a year such as 2025.", Map.of("field", "year"));
    int id = svc.run(Principal.of(ctx), b.path("method").asText("henan-cluster-2020"), year);
    ctx.status(201).header("Location", "/api/assessment/runs/" + id);
    json(ctx, svc.runJson(Principal.of(ctx), id));
  }

  public void one(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, svc.runJson(Principal.of(ctx), (int) Math.min(Integer.MAX_VALUE, Http.idParam(ctx))));
  }

  public void publish(Context ctx) {
    Http.allowQuery(ctx);
    int id = (int) Math.min(Integer.MAX_VALUE, Http.idParam(ctx));
    svc.publish(Principal.of(ctx), id);
    json(ctx, svc.runJson(Principal.of(ctx), id));
  }
}
