package mujun.lowefficiency;

import mujun.auth.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.files.FileStore;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import mujun.http.Form;
import mujun.http.Http;
import mujun.http.Json;
import mujun.http.Tables;

/** HTTP for low-efficiency land: tags, evidence, the rules' proposals, disposal plans, summary and reports. */
public final class LowEffController {
  static final Set<String> TAG_STATUSES = Set.of("active", "cleared");
  static final Set<String> DISPOSALS = Set.of("none", "planned", "in_progress", "done");
  static final Set<String> PLAN_STATUSES = Set.of("planned", "in_progress", "done", "cancelled");
  static final Set<String> EVIDENCE_KINDS = Set.of("photo", "document");

  private final LowEffRepository repo;

  public LowEffController(LowEffRepository repo) {
    this.repo = repo;
  }

  static String tagEtag(long id, int v) {
    return "\"tag-" + id + "-v" + v + "\"";
  }



  // ------------------------------------------------------------------ reads

  public void config(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").result(repo.config());
  }

  /** GET /api/low-efficiency/tags?status=&kind=&cluster=&disposal=&from=&to=&bbox=&limit= */
  public void list(Context ctx) throws IOException {
    Http.allowQuery(ctx, "status", "kind", "cluster", "disposal", "from", "to", "bbox", "limit");
    String status = ctx.queryParam("status") == null ? "active" : ctx.queryParam("status");
    if (status.equals("all")) status = null;
    else if (!TAG_STATUSES.contains(status)) throw ApiError.badRequest("BAD_PARAMETER", "status must be active, cleared or all.");
    String kind = ctx.queryParam("kind");
    if (kind != null && !kind.matches("[a-z_]{2,40}")) throw ApiError.badRequest("BAD_PARAMETER", "kind must be a kind code such as idle.");
    String disposal = ctx.queryParam("disposal");
    if (disposal != null && !DISPOSALS.contains(disposal)) throw ApiError.badRequest("BAD_PARAMETER", "disposal must be one of none, planned, in_progress, done.");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    LocalDate from = queryDate(ctx, "from"), to = queryDate(ctx, "to");
    double[] bbox = Http.bbox(ctx.queryParam("bbox"));
    int limit = ctx.queryParam("limit") == null ? 5000 : Http.intParam(ctx, "limit", 1, 10000);
    ctx.header("Cache-Control", "private, no-cache");
    ctx.contentType("application/geo+json; charset=utf-8");
    repo.list(Principal.of(ctx), new LowEffRepository.Filter(status, kind, cluster, disposal, from, to, bbox, limit), ctx.outputStream());
  }

  public void tag(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    LowEffRepository.Found f = repo.tag(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Tag " + id + " does not exist in your clusters."));
    // The ETag is the row's version (for If-Match); the document also holds documents, plans and steps that change
    // without a new version, so browsers must not keep it and revalidate with If-None-Match.
    ctx.header("ETag", tagEtag(id, f.version())).header("Cache-Control", "no-store");
    ctx.contentType("application/geo+json; charset=utf-8").result(f.json());
  }

  public void summary(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").result(repo.summary(Principal.of(ctx)));
  }

  public void proposals(Context ctx) throws IOException {
    Http.allowQuery(ctx, "status", "cluster");
    String status = ctx.queryParam("status") == null ? "open" : ctx.queryParam("status");
    if (status.equals("all")) status = null;
    else if (!Set.of("open", "accepted", "dismissed").contains(status)) throw ApiError.badRequest("BAD_PARAMETER", "status must be open, accepted, dismissed or all.");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    ctx.contentType("application/geo+json; charset=utf-8");
    repo.proposals(Principal.of(ctx), status, cluster, ctx.outputStream());
  }

  public void reportCsv(Context ctx) throws IOException {
    Http.allowQuery(ctx, "cluster");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    Tables.csv(ctx, "low-efficiency-survey.csv", LowEffSql.REPORT_HEADER, repo.report(Principal.of(ctx), cluster));
  }

  public void reportXlsx(Context ctx) throws IOException {
    Http.allowQuery(ctx, "cluster");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    Tables.xlsx(ctx, "low-efficiency-survey.xlsx", "低效用地调查表", LowEffSql.REPORT_HEADER, repo.report(Principal.of(ctx), cluster));
  }

  public void evidence(Context ctx) {
    Http.allowQuery(ctx, "download");
    long id = Http.idParam(ctx);
    long fileId = Http.longParam(ctx, "fileId");
    FileStore.send(ctx, repo.evidence(Principal.of(ctx), id, fileId).orElseThrow(() -> ApiError.notFound("No such evidence file.")), "private, max-age=300");
  }

  // ------------------------------------------------------------------ writes

  static final Set<String> TAG_FIELDS = Set.of("parcelId", "kind", "geometry", "wholeParcel", "surveyDate", "criteria", "notes", "reason");

  /** Reads a tag's fields (for the app's API and the OGC API writes). */
  public void createTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = repo.createTag(Principal.of(ctx), TagInput.parse(Json.object(ctx, TAG_FIELDS), true));
    respondTag(ctx, id, 201);
  }

  public void updateTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "tag", id);
    repo.updateTag(Principal.of(ctx), id, v, TagInput.parse(Json.object(ctx, TAG_FIELDS), false));
    respondTag(ctx, id, 200);
  }

  public void clearTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "tag", id);
    Form f = new Form(Json.object(ctx, Set.of("reason")));
    String reason = f.text("reason", 500, true);
    f.done();
    repo.clearTag(Principal.of(ctx), id, v, reason);
    respondTag(ctx, id, 200);
  }

  public void addEvidence(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name", "kind");
    long id = Http.idParam(ctx);
    String kind = ctx.queryParam("kind") == null ? "photo" : ctx.queryParam("kind");
    if (!EVIDENCE_KINDS.contains(kind)) throw ApiError.badRequest("BAD_KIND", "kind must be photo or document.");
    FileStore.Checked file;
    try (InputStream in = ctx.bodyInputStream()) {
      file = repo.files().check(ctx.queryParam("name"), in);
    }
    long fileId = repo.addEvidence(Principal.of(ctx), id, kind, file);
    ctx.status(201).json(Map.of("id", fileId, "fileName", file.fileName(), "contentType", file.contentType(), "sizeBytes", file.bytes().length, "sha256", file.sha256()));
  }

  /** POST /api/low-efficiency/proposals/run {clusterId?, asOf?}: the rules propose; nothing is tagged. */
  public void run(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("clusterId", "asOf"));
    Form f = new Form(b);
    LocalDate asOf = f.date("asOf", false);
    Integer cluster = null;
    if (f.has("clusterId")) {
      if (!b.get("clusterId").isIntegralNumber()) f.problem("clusterId", "must be a cluster id");
      else cluster = b.get("clusterId").asInt();
    }
    f.done();
    int n = repo.run(Principal.of(ctx), cluster, asOf == null ? LocalDate.now() : asOf);
    ctx.json(Map.of("proposed", n, "asOf", (asOf == null ? LocalDate.now() : asOf).toString()));
  }

  public void accept(Context ctx) {
    decide(ctx, true);
  }

  public void dismiss(Context ctx) {
    decide(ctx, false);
  }

  private void decide(Context ctx, boolean accept) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("reason"));
    Form f = new Form(b);
    String reason = f.text("reason", 500, !accept);
    f.done();
    Long tag = repo.decide(Principal.of(ctx), id, accept, reason == null ? "" : reason);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("status", accept ? "accepted" : "dismissed");
    if (tag != null) m.put("tagId", tag);
    ctx.json(m);
  }

  static final Set<String> PLAN_FIELDS = Set.of("method", "responsibleUnit", "deadline", "status", "notes", "revivedMu", "newEnterpriseCreditCode",
      "newTaxWan", "completedOn", "outcomeNote", "steps");

  private static LowEffRepository.PlanInput planInput(ObjectNode b, boolean create) {
    Form f = new Form(b);
    String method = f.text("method", 40, create);
    if (method != null && !method.matches("[a-z_]{2,40}")) f.problem("method", "must be a method code such as negotiated_recovery");
    String unit = f.text("responsibleUnit", 200, create);
    LocalDate deadline = f.date("deadline", create);
    String status = create ? null : f.oneOf("status", PLAN_STATUSES, false);
    String notes = f.text("notes", 4000, false);
    BigDecimal revived = f.number("revivedMu");
    String credit = f.text("newEnterpriseCreditCode", 18, false);
    BigDecimal tax = f.number("newTaxWan");
    LocalDate completed = f.date("completedOn", false);
    if (completed != null && completed.isAfter(LocalDate.now())) f.problem("completedOn", "cannot be in the future");
    String outcome = f.text("outcomeNote", 4000, false);
    List<LowEffRepository.StepInput> steps = new ArrayList<>();
    if (f.has("steps")) {
      JsonNode a = b.get("steps");
      if (!a.isArray() || a.size() > 50) f.problem("steps", "must be a list of at most 50 steps");
      else for (JsonNode s : a) {
        if (!s.isObject()) {
          f.problem("steps", "each step is {title, dueDate}");
          continue;
        }
        Form sf = new Form((ObjectNode) s);
        LowEffRepository.StepInput si = new LowEffRepository.StepInput(sf.text("title", 200, true), sf.date("dueDate", true), sf.date("doneOn", false), sf.text("note", 2000, false));
        sf.problems.forEach(p -> f.problem("steps." + p.get("field"), p.get("message")));
        steps.add(si);
      }
    }
    f.done();
    return new LowEffRepository.PlanInput(method, unit, deadline, status, notes, revived, credit == null || credit.isEmpty() ? null : credit.toUpperCase(), tax,
        completed, outcome, steps);
  }

  public void createPlan(Context ctx) {
    Http.allowQuery(ctx);
    long tag = Http.idParam(ctx);
    repo.createPlan(Principal.of(ctx), tag, planInput(Json.object(ctx, PLAN_FIELDS), true));
    respondTag(ctx, tag, 201);
  }

  public void updatePlan(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "plan", id);
    long tag = repo.updatePlan(Principal.of(ctx), id, v, planInput(Json.object(ctx, PLAN_FIELDS), false));
    respondTag(ctx, tag, 200);
  }

  static final Set<String> STEP_FIELDS = Set.of("title", "dueDate", "doneOn", "note");

  public void addStep(Context ctx) {
    Http.allowQuery(ctx);
    long plan = Http.idParam(ctx);
    Form f = new Form(Json.object(ctx, STEP_FIELDS));
    LowEffRepository.StepInput s = new LowEffRepository.StepInput(f.text("title", 200, true), f.date("dueDate", true), f.date("doneOn", false), f.text("note", 2000, false));
    f.done();
    long id = repo.addStep(Principal.of(ctx), plan, s);
    ctx.status(201).json(Map.of("id", id));
  }

  public void updateStep(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "step", id);
    Form f = new Form(Json.object(ctx, STEP_FIELDS));
    LowEffRepository.StepInput s = new LowEffRepository.StepInput(f.text("title", 200, false), f.date("dueDate", false), f.date("doneOn", false), f.text("note", 2000, false));
    f.done();
    repo.updateStep(Principal.of(ctx), id, v, s);
    ctx.json(Map.of("id", id, "version", v + 1));
  }

  static final Set<String> PAUSE_CAUSES = Set.of("government", "planning", "force_majeure", "other");

  /** POST /api/low-efficiency/parcels/{id}/pauses {cause, startsOn, endsOn, evidence, reason?}: a period that stops the clock. */
  public void addPause(Context ctx) {
    Http.allowQuery(ctx);
    long parcel = Http.idParam(ctx);
    Form f = new Form(Json.object(ctx, Set.of("cause", "startsOn", "endsOn", "evidence", "reason")));
    String cause = f.text("cause", 20, true);
    if (cause != null && !PAUSE_CAUSES.contains(cause)) f.problem("cause", "must be government, planning, force_majeure or other");
    LocalDate from = f.date("startsOn", true), to = f.date("endsOn", true);
    if (from != null && to != null && to.isBefore(from)) f.problem("endsOn", "must not be before startsOn");
    String evidence = f.text("evidence", 2000, true);
    String reason = f.text("reason", 500, false);
    f.done();
    long id = repo.addPause(Principal.of(ctx), parcel, new LowEffRepository.PauseInput(cause, from, to, evidence, reason));
    ctx.status(201).header("ETag", "\"pause-" + id + "-v1\"").json(Map.of("id", id, "parcelId", parcel, "version", 1));
  }

  /** POST /api/low-efficiency/pauses/{id}/withdraw {reason} with If-Match "pause-{id}-v{n}". */
  public void withdrawPause(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "pause", id);
    Form f = new Form(Json.object(ctx, Set.of("reason")));
    String reason = f.text("reason", 500, true);
    f.done();
    long parcel = repo.withdrawPause(Principal.of(ctx), id, v, reason);
    ctx.json(Map.of("id", id, "parcelId", parcel, "status", "withdrawn", "version", v + 1));
  }

  /** POST /api/low-efficiency/tags/{id}/decisions {kind: fee | recovery, decidedOn, reference} with the tag's If-Match. */
  public void recordDecision(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int v = Http.ifMatch(ctx, "tag", id);
    Form f = new Form(Json.object(ctx, Set.of("kind", "decidedOn", "reference")));
    String kind = f.text("kind", 20, true);
    if (kind != null && !kind.equals("fee") && !kind.equals("recovery")) f.problem("kind", "must be fee or recovery");
    LocalDate on = f.date("decidedOn", true);
    if (on != null && on.isAfter(LocalDate.now())) f.problem("decidedOn", "cannot be in the future");
    String ref = f.text("reference", 200, true);
    f.done();
    repo.recordDecision(Principal.of(ctx), id, v, kind, on, ref);
    respondTag(ctx, id, 200);
  }

  /** PUT /api/low-efficiency/thresholds {scope: "" | city code, values: {key: number}} (admin). */
  public void setThresholds(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("scope", "values"));
    Form f = new Form(b);
    String scope = f.text("scope", 6, false);
    if (scope == null) scope = "";
    if (!scope.isEmpty() && !scope.matches("[0-9]{6}")) f.problem("scope", "must be empty (the province) or a 6-digit city code");
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    JsonNode v = b.get("values");
    if (v == null || !v.isObject()) f.problem("values", "must be an object {key: number}");
    else v.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber() || e.getValue().decimalValue().signum() < 0) f.problem("values." + Json.clip(e.getKey()), "must be a number ≥ 0");
      else values.put(e.getKey(), e.getValue().decimalValue());
    });
    f.done();
    repo.setThresholds(scope, values);
    ctx.contentType("application/json; charset=utf-8").result(repo.config());
  }

  private void respondTag(Context ctx, long id, int status) {
    LowEffRepository.Found f = repo.tag(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Tag " + id + " does not exist."));
    ctx.status(status).header("ETag", tagEtag(id, f.version()));
    if (status == 201) ctx.header("Location", "/api/low-efficiency/tags/" + id);
    ctx.contentType("application/geo+json; charset=utf-8").result(f.json());
  }

  private static LocalDate queryDate(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return null;
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("BAD_PARAMETER", name + " must be a date like 2026-08-31.");
    }
  }

}
