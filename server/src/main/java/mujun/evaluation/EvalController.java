package mujun.evaluation;

import mujun.auth.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.http.Tables;

/** HTTP for the evaluation: methods, runs, results, explanations, publishing, exports, policies, map, dashboard, figures. */
public final class EvalController {
  private final EvalRepository repo;
  private final IndicatorService indicators;
  private final MethodService methods;
  private final PolicyService policies;

  public EvalController(EvalRepository repo, IndicatorService indicators, MethodService methods, PolicyService policies) {
    this.repo = repo;
    this.indicators = indicators;
    this.methods = methods;
    this.policies = policies;
  }

  private static int runId(Context ctx) {
    return (int) Math.min(Integer.MAX_VALUE, Http.idParam(ctx));
  }

  private static void json(Context ctx, String body) {
    ctx.contentType("application/json; charset=utf-8").result(body);
  }

  public void methods(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, methods.methods());
  }

  public void method(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, methods.method(ctx.pathParam("code")));
  }

  /** The lifecycle fields of a request: status (draft or in_force), inForceFrom (a year), note. */
  private static MethodService.Lifecycle lifecycle(ObjectNode b, List<Map<String, String>> problems) {
    String status = b.path("status").isTextual() ? b.get("status").asText() : null;
    if (status != null && !Set.of("draft", "in_force").contains(status)) problems.add(Map.of("field", "status", "message", "must be draft or in_force"));
    Integer from = year(b, "inForceFrom", problems);
    String note = b.path("note").isTextual() ? b.get("note").asText().strip() : "";
    if (note.length() > 1000) problems.add(Map.of("field", "note", "message", "may have at most 1000 characters"));
    return new MethodService.Lifecycle(status, from, note);
  }

  private static Integer year(ObjectNode b, String field, List<Map<String, String>> problems) {
    JsonNode y = b.get(field);
    if (y == null || y.isNull()) return null;
    if (!y.isIntegralNumber() || y.asInt() < 2000 || y.asInt() > 2100) {
      problems.add(Map.of("field", field, "message", "must be a year such as 2025"));
      return null;
    }
    return y.asInt();
  }

  /** POST /api/evaluation/methods {code, name, nameEn?, description?, ownerCity?, definition, status?, inForceFrom?, note?} */
  public void createMethod(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("code", "name", "nameEn", "description", "ownerCity", "definition", "status", "inForceFrom", "note"));
    List<Map<String, String>> problems = new ArrayList<>();
    String code = b.path("code").asText("").strip();
    if (!code.matches("[a-z0-9_-]{2,40}")) problems.add(Map.of("field", "code", "message", "must be 2 to 40 lower-case letters, digits, - or _ (e.g. anyang-2019)"));
    String name = b.path("name").asText("").strip();
    if (name.isEmpty() || name.length() > 80) problems.add(Map.of("field", "name", "message", "is required (1 to 80 characters)"));
    String nameEn = b.path("nameEn").asText("").strip();
    if (nameEn.length() > 80) problems.add(Map.of("field", "nameEn", "message", "may have at most 80 characters"));
    String description = b.path("description").asText("").strip();
    if (description.length() > 2000) problems.add(Map.of("field", "description", "message", "may have at most 2000 characters"));
    String owner = b.path("ownerCity").isTextual() && !b.get("ownerCity").asText().isBlank() ? b.get("ownerCity").asText().strip() : null;
    if (owner != null && !owner.matches("\\d{6}")) problems.add(Map.of("field", "ownerCity", "message", "must be a city's 6-digit code (e.g. 410500), or empty for the province"));
    MethodService.Lifecycle life = lifecycle(b, problems);
    if (!problems.isEmpty()) throw ApiError.invalid(problems);
    methods.createMethod(Principal.of(ctx), code, name, nameEn.isEmpty() ? name : nameEn, description, owner, b.get("definition"), life);
    ctx.status(201).header("Location", "/api/evaluation/methods/" + code).json(Map.of("method", code, "version", 1, "status", life.status()));
  }

  /** POST /api/evaluation/methods/{code}/versions {definition, status?, inForceFrom?, note?} */
  public void saveVersion(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("definition", "status", "inForceFrom", "note"));
    List<Map<String, String>> problems = new ArrayList<>();
    MethodService.Lifecycle life = lifecycle(b, problems);
    if (!problems.isEmpty()) throw ApiError.invalid(problems);
    int v = methods.saveVersion(Principal.of(ctx), ctx.pathParam("code"), b.get("definition"), life);
    ctx.status(201).json(Map.of("method", Json.clip(ctx.pathParam("code")), "version", v, "status", life.status(),
        "problems", methods.check(b.get("definition"))));
  }

  /** PATCH /api/evaluation/methods/{code}/versions/{version} {definition?, status?, inForceFrom?, note?} */
  public void changeVersion(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("definition", "status", "inForceFrom", "note"));
    List<Map<String, String>> problems = new ArrayList<>();
    String status = b.path("status").isTextual() ? b.get("status").asText() : null;
    if (b.has("status") && (status == null || !MethodService.STATUSES.contains(status))) problems.add(Map.of("field", "status", "message", "must be draft, in_force or retired"));
    Integer from = year(b, "inForceFrom", problems);
    String note = b.path("note").isTextual() ? b.get("note").asText().strip() : null;
    if (note != null && note.length() > 1000) problems.add(Map.of("field", "note", "message", "may have at most 1000 characters"));
    if (!problems.isEmpty()) throw ApiError.invalid(problems);
    int version = (int) Math.min(Integer.MAX_VALUE, Http.longParam(ctx, "version"));
    ctx.json(methods.changeVersion(Principal.of(ctx), ctx.pathParam("code"), version, b.get("definition"), status, b.has("inForceFrom"), from, note));
  }

  /** POST /api/evaluation/methods/check {definition}: the problems, as the editor is typed in. */
  public void checkMethod(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("definition"));
    ctx.json(Map.of("problems", methods.check(b.get("definition"))));
  }

  /** POST /api/evaluation/methods/{code}/versions/{version}/preview {year, clusters?, baseRunId?} */
  public void preview(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("year", "clusters", "baseRunId"));
    List<Map<String, String>> problems = new ArrayList<>();
    Integer year = year(b, "year", problems);
    if (year == null && problems.isEmpty()) problems.add(Map.of("field", "year", "message", "is required (the year whose figures the preview reads)"));
    Integer[] clusters = clusterList(b, problems);
    Integer base = b.path("baseRunId").isIntegralNumber() ? b.get("baseRunId").asInt() : null;
    if (!problems.isEmpty()) throw ApiError.invalid(problems);
    int version = (int) Math.min(Integer.MAX_VALUE, Http.longParam(ctx, "version"));
    json(ctx, methods.preview(Principal.of(ctx), ctx.pathParam("code"), version, year, clusters, base));
  }

  private static Integer[] clusterList(ObjectNode b, List<Map<String, String>> problems) {
    if (!b.has("clusters") || b.get("clusters").isNull()) return null;
    JsonNode a = b.get("clusters");
    if (!a.isArray() || a.size() > 500) {
      problems.add(Map.of("field", "clusters", "message", "must be a list of cluster ids"));
      return null;
    }
    Integer[] clusters = new Integer[a.size()];
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isIntegralNumber()) problems.add(Map.of("field", "clusters", "message", "must hold cluster ids"));
      clusters[i] = a.get(i).asInt();
    }
    return clusters;
  }

  // ------------------------------------------------------------------ policies

  public void policies(Context ctx) {
    Http.allowQuery(ctx, "method");
    String m = ctx.queryParam("method");
    if (m != null && !m.matches("[a-z0-9_-]{2,40}")) throw ApiError.badRequest("BAD_PARAMETER", "method is a method code such as henan-2019.");
    json(ctx, policies.list(m));
  }

  public void createPolicy(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("method", "class", "kind", "description", "value", "unit", "minConsecutiveYears", "maxConsecutiveYears", "legalBasis", "sort"));
    long id = policies.create(Principal.of(ctx), b);
    ctx.status(201).header("Location", "/api/evaluation/policies/" + id).contentType("application/json; charset=utf-8").result(policies.one(id));
  }

  public void updatePolicy(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "policy", id);
    ObjectNode b = Json.object(ctx, Set.of("class", "kind", "description", "value", "unit", "minConsecutiveYears", "maxConsecutiveYears", "legalBasis", "sort", "active"));
    policies.update(Principal.of(ctx), id, version, b);
    String one = policies.one(id);
    ctx.header("ETag", "\"policy-" + id + "-v" + Json.tree(one).get("version").asInt() + "\"").contentType("application/json; charset=utf-8").result(one);
  }

  public void policy(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    String one = policies.one(id);
    ctx.header("ETag", "\"policy-" + id + "-v" + Json.tree(one).get("version").asInt() + "\"").contentType("application/json; charset=utf-8").result(one);
  }

  /** POST /api/evaluation/runs {method, version?, year, clusters?, correctsRunId?, note?} */
  public void run(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("method", "version", "year", "clusters", "correctsRunId", "note"));
    List<Map<String, String>> problems = new ArrayList<>();
    String method = b.path("method").asText("");
    if (!method.matches("[a-z0-9_-]{2,40}")) problems.add(Map.of("field", "method", "message", "is required (a method code such as henan-2019)"));
    JsonNode y = b.get("year");
    if (y == null || !y.isIntegralNumber() || y.asInt() < 2000 || y.asInt() > 2100) problems.add(Map.of("field", "year", "message", "must be a year such as 2025"));
    Integer version = b.path("version").isIntegralNumber() ? b.get("version").asInt() : null;
    Integer[] clusters = clusterList(b, problems);
    Integer corrects = b.path("correctsRunId").isIntegralNumber() ? b.get("correctsRunId").asInt() : null;
    String note = b.path("note").isTextual() ? b.get("note").asText() : "";
    if (note.length() > 1000) problems.add(Map.of("field", "note", "message", "may have at most 1000 characters"));
    if (!problems.isEmpty()) throw ApiError.invalid(problems);
    Map<String, Object> r = repo.run(Principal.of(ctx), new EvalRepository.RunRequest(method, version, y.asInt(), clusters, corrects, note));
    ctx.status(201).header("Location", "/api/evaluation/runs/" + r.get("id")).json(r);
  }

  public void runs(Context ctx) {
    Http.allowQuery(ctx, "year");
    Integer year = ctx.queryParam("year") == null ? null : Http.intParam(ctx, "year", 2000, 2100);
    json(ctx, repo.runs(Principal.of(ctx), year));
  }

  public void one(Context ctx) {
    Http.allowQuery(ctx);
    int id = runId(ctx);
    json(ctx, repo.runJson(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Run " + id + " does not exist in your scope.")));
  }

  /** GET /api/evaluation/runs/{id}/results?cluster=&class=&group=&q=&changed=&limit=&offset= : a page, with the number matched. */
  public void results(Context ctx) {
    Http.allowQuery(ctx, "cluster", "class", "group", "q", "changed", "limit", "offset");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    String cls = ctx.queryParam("class");
    if (cls != null && !cls.matches("[A-Z][+-]?|excluded")) throw ApiError.badRequest("BAD_PARAMETER", "class must be a class letter such as A, or excluded.");
    String group = ctx.queryParam("group");
    if (group != null && !group.matches("[a-z0-9_-]{1,40}")) throw ApiError.badRequest("BAD_PARAMETER", "group must be a group code such as above.");
    String q = ctx.queryParam("q");
    if (q != null && q.length() > 60) throw ApiError.badRequest("QUERY_TOO_LONG", "A search may have at most 60 characters.");
    String changed = ctx.queryParam("changed");
    if (changed != null && !changed.matches("true|false")) throw ApiError.badRequest("BAD_PARAMETER", "changed is true or false.");
    int limit = ctx.queryParam("limit") == null ? 100 : Http.intParam(ctx, "limit", 1, 1000);
    int offset = ctx.queryParam("offset") == null ? 0 : Http.intParam(ctx, "offset", 0, 10_000_000);
    json(ctx, repo.results(Principal.of(ctx), runId(ctx), new EvalRepository.ResultQuery(cluster, cls, group, q, "true".equals(changed), limit, offset)));
  }

  public void explain(Context ctx) {
    Http.allowQuery(ctx);
    int id = runId(ctx);
    long ent = Http.longParam(ctx, "enterpriseId");
    json(ctx, repo.explain(Principal.of(ctx), id, ent).orElseThrow(() -> ApiError.notFound("No result for enterprise " + ent + " in run " + id + ".")));
  }

  public void publish(Context ctx) {
    Http.allowQuery(ctx);
    int id = runId(ctx);
    repo.publish(Principal.of(ctx), id);
    one(ctx);
  }

  public void discard(Context ctx) {
    Http.allowQuery(ctx);
    repo.discard(Principal.of(ctx), runId(ctx));
    ctx.status(204);
  }

  public void verify(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(repo.verify(Principal.of(ctx), runId(ctx)));
  }

  public void resultsCsv(Context ctx) throws IOException {
    resultTable(ctx, false);
  }

  public void resultsXlsx(Context ctx) throws IOException {
    resultTable(ctx, true);
  }

  /** A run's results as evaluation-{run}.csv or .xlsx, in Chinese or (lang=en) English. */
  private void resultTable(Context ctx, boolean xlsx) throws IOException {
    Http.allowQuery(ctx, "lang");
    String lang = Http.langParam(ctx);
    int id = runId(ctx);
    List<Object[]> data = repo.resultRows(Principal.of(ctx), id, lang);
    String[] header = lang.equals("en") ? EvalRepository.RESULT_HEADER_EN : EvalRepository.RESULT_HEADER;
    if (xlsx) Tables.xlsx(ctx, "evaluation-" + id + ".xlsx", lang.equals("en") ? "results" : "评价结果", header, data);
    else Tables.csv(ctx, "evaluation-" + id + ".csv", header, data);
  }

  public void policiesCsv(Context ctx) throws IOException {
    policyTable(ctx, false);
  }

  public void policiesXlsx(Context ctx) throws IOException {
    policyTable(ctx, true);
  }

  /** A run's policy list, for every department or (department=power, tax, bank, ecology, ...) the one it is sent to. */
  private void policyTable(Context ctx, boolean xlsx) throws IOException {
    Http.allowQuery(ctx, "department");
    String dep = ctx.queryParam("department");
    if (dep != null && !dep.matches("[a-z][a-z0-9_]{1,30}")) throw ApiError.badRequest("BAD_PARAMETER", "department is a department code such as power, tax, bank or ecology.");
    int id = runId(ctx);
    List<Object[]> data = repo.policyRows(Principal.of(ctx), id, dep);
    String name = "policies-" + id + (dep == null ? "" : "-" + dep);
    if (xlsx) Tables.xlsx(ctx, name + ".xlsx", "差别化政策", EvalRepository.POLICY_HEADER, data);
    else Tables.csv(ctx, name + ".csv", EvalRepository.POLICY_HEADER, data);
  }

  public void map(Context ctx) {
    Http.allowQuery(ctx, "bbox");
    double[] b = Http.bbox(ctx.queryParam("bbox"));
    if (b == null) throw ApiError.badRequest("BBOX_REQUIRED", "Give bbox=minLon,minLat,maxLon,maxLat.");
    if ((b[2] - b[0]) * (b[3] - b[1]) > 4) throw ApiError.badRequest("BBOX_TOO_LARGE", "The bbox may cover at most 4 square degrees; zoom in.");
    ctx.contentType("application/geo+json; charset=utf-8").result(repo.map(Principal.of(ctx), runId(ctx), b));
  }

  public void dashboard(Context ctx) {
    Http.allowQuery(ctx, "year");
    int year = ctx.queryParam("year") == null ? java.time.LocalDate.now().getYear() - 1 : Http.intParam(ctx, "year", 2000, 2100);
    json(ctx, repo.dashboard(Principal.of(ctx), year));
  }

  // ------------------------------------------------------------------ figures

  /** PUT /api/enterprises/{id}/indicators/{year} {taxWan: …, revenueWan: …, highTech: true, …} */
  public void putIndicators(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int year = (int) Math.min(9999, Http.longParam(ctx, "year"));
    String body = ctx.body();
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
    } catch (IOException e) {
      throw ApiError.badRequest("MALFORMED_JSON", "The body is not valid JSON.");
    }
    if (n == null || !n.isObject()) throw ApiError.badRequest("MALFORMED_JSON", "The body must be an object of figures.");
    indicators.putOne(Principal.of(ctx), id, year, (ObjectNode) n);
    ctx.status(204);
  }

  /** GET /api/indicators/template.csv?year=&source= : the template of a department's file (all figures without source). */
  public void templateCsv(Context ctx) throws IOException {
    template(ctx, false);
  }

  public void templateXlsx(Context ctx) throws IOException {
    template(ctx, true);
  }

  private void template(Context ctx, boolean xlsx) throws IOException {
    Http.allowQuery(ctx, "year", "source");
    int year = ctx.queryParam("year") == null ? java.time.LocalDate.now().getYear() - 1 : Http.intParam(ctx, "year", 2000, 2100);
    String source = source(ctx);
    String name = "indicators-" + (source == null ? "" : source + "-") + year;
    if (xlsx) Tables.xlsx(ctx, name + ".xlsx", "年度指标", indicators.header(source), indicators.templateRows(Principal.of(ctx), year, source));
    else Tables.csv(ctx, name + ".csv", indicators.header(source), indicators.templateRows(Principal.of(ctx), year, source));
  }

  private String source(Context ctx) {
    String s = ctx.queryParam("source");
    if (s == null || s.isBlank()) return null;
    java.util.Set<String> known = indicators.sources().keySet();
    if (!known.contains(s) || s.equals("form")) {
      throw ApiError.badRequest("BAD_SOURCE", "source must be one of " + String.join(", ", known.stream().filter(x -> !x.equals("form")).toList()) + ".",
          java.util.Map.of("field", "source"));
    }
    return s;
  }

  /** GET /api/figure-sources: the departments whose files bring figures, with the figures each is the authority for. */
  public void figureSources(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, indicators.sourcesJson());
  }

  /**
   * POST /api/indicator-imports?name=FILE[&year=][&source=tax][&mapping={"纳税人识别号":"creditCode","税款合计(元)":"tax_wan"}] with the
   * file as the raw body: the dry run. A mapping given is remembered for the next file of the same layout from that source.
   */
  public void importCheck(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name", "year", "source", "mapping");
    Integer year = ctx.queryParam("year") == null ? null : Http.intParam(ctx, "year", 2000, 2100);
    String source = source(ctx);
    java.util.Map<String, String> mapping = null;
    String m = ctx.queryParam("mapping");
    if (m != null && !m.isBlank()) {
      JsonNode n;
      try {
        n = Json.MAPPER.readTree(m);
      } catch (IOException e) {
        throw ApiError.badRequest("MAPPING_INVALID", "mapping must be a JSON object: {\"file's column\": \"creditCode | year | name | ignore | a figure such as tax_wan\"}.");
      }
      if (n == null || !n.isObject()) throw ApiError.badRequest("MAPPING_INVALID", "mapping must be a JSON object of column → target.");
      Json.refuseNul(n);
      mapping = new java.util.LinkedHashMap<>();
      for (var it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isTextual()) throw ApiError.badRequest("MAPPING_INVALID", "Each mapping target is text (" + Json.clip(e.getKey()) + ").");
        mapping.put(e.getKey(), e.getValue().asText());
      }
    }
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = in.readNBytes(20 * 1024 * 1024 + 1);
    }
    ctx.status(201);
    json(ctx, indicators.check(Principal.of(ctx), ctx.queryParam("name"), bytes, year, source, mapping));
  }

  /** POST /api/indicator-imports/{id}/commit {mode: all|valid} */
  public void importCommit(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("mode"));
    String mode = b.path("mode").asText("all");
    if (!mode.equals("all") && !mode.equals("valid")) throw ApiError.badRequest("BAD_MODE", "mode must be all or valid.");
    json(ctx, indicators.commit(Principal.of(ctx), runId(ctx), mode));
  }
}
