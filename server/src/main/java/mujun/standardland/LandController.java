package mujun.standardland;

import mujun.auth.Principal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.files.FileStore;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** HTTP for staff work on standard land: offerings in every state, their lifecycle, documents and the pipeline. */
public final class LandController {
  static final Set<String> STATUSES = Set.of("planned", "announced", "transferred", "construction", "accepted", "failed", "supervision", "withdrawn");
  static final Set<String> TRANSITION_FIELDS = Set.of("to", "date", "note", "listingEndsOn", "enterpriseId", "enterpriseCreditCode",
      "transactionPriceWan", "commitments", "agreedStartDate", "agreedCompletionDate", "remedies", "parcelCode");
  static final Set<String> DOCUMENT_KINDS = Set.of("announcement", "plan", "assessment", "contract", "agreement", "acceptance", "photo", "other");

  private final LandRepository repo;

  public LandController(LandRepository repo) {
    this.repo = repo;
  }

  /** GET /api/land-use-rules: each land use's rules per city (M0's 容积率 range, supporting floor space, dividing and selling). */
  public void landUseRules(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").result(repo.landUseRules());
  }

  /** PUT /api/land-use-rules: a city's rules of a land use, set by its natural-resources staff. */
  public void putLandUseRule(Context ctx) {
    Http.allowQuery(ctx);
    repo.putLandUseRule(Principal.of(ctx), Json.object(ctx, java.util.Set.of("scheme", "code", "cityCode", "farMin", "farMax", "supportingFloorMaxPct",
        "divisible", "sellableFloorMaxPct", "basis")));
    landUseRules(ctx);
  }

  /** GET /api/standard-land-config: indicator kinds, national floor, 容积率 minimums, assessments (configuration; public). */
  public void config(Context ctx) {
    Http.allowQuery(ctx);
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType("application/json; charset=utf-8").result(repo.configJson());
  }

  /** GET /api/clusters/{id}/standards: the cluster's own standards for its offerings. */
  public void clusterStandards(Context ctx) {
    Http.allowQuery(ctx);
    int id = (int) Math.min(Integer.MAX_VALUE, Http.idParam(ctx));
    ctx.contentType("application/json; charset=utf-8").result(repo.clusterStandards(Principal.of(ctx), id));
  }

  /** PUT /api/clusters/{id}/standards {kind: value, …}: replaces the cluster's own standards. */
  public void setClusterStandards(Context ctx) {
    Http.allowQuery(ctx);
    int id = (int) Math.min(Integer.MAX_VALUE, Http.idParam(ctx));
    String body = ctx.body();
    com.fasterxml.jackson.databind.JsonNode n;
    try {
      n = Json.MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("MALFORMED_JSON", "The body is not valid JSON.");
    }
    if (n == null || !n.isObject()) throw ApiError.badRequest("MALFORMED_JSON", "The body must be an object {indicatorCode: value}.");
    List<Map<String, String>> problems = new java.util.ArrayList<>();
    Map<String, java.math.BigDecimal> values = OfferingInput.numbers(n, "standards", problems);
    if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
    repo.setClusterStandards(Principal.of(ctx), id, values);
    ctx.contentType("application/json; charset=utf-8").result(repo.clusterStandards(Principal.of(ctx), id));
  }

  /** GET /api/standard-land[?status=][&cluster=] */
  public void list(Context ctx) {
    Http.allowQuery(ctx, "status", "cluster");
    String status = ctx.queryParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("BAD_STATUS", "status must be one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)) + ".");
    }
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    ctx.header("Cache-Control", "private, no-cache");
    ctx.contentType("application/geo+json; charset=utf-8").result(repo.list(Principal.of(ctx), status, cluster));
  }

  /** GET /api/standard-land/pipeline[?year=] */
  public void pipeline(Context ctx) {
    Http.allowQuery(ctx, "year");
    int year = ctx.queryParam("year") == null ? LocalDate.now().getYear() : Http.intParam(ctx, "year", 2000, 2100);
    ctx.contentType("application/json; charset=utf-8").result(repo.pipeline(Principal.of(ctx), year));
  }

  public void one(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    LandRepository.Found f = repo.one(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Offering " + id + " does not exist in your clusters."));
    // The ETag is the row's version (for If-Match); the document also holds documents and lifecycle steps that change
    // without a new version, so browsers must not keep it and revalidate with If-None-Match.
    ctx.header("ETag", etag(id, f.version())).header("Cache-Control", "no-store");
    ctx.contentType("application/geo+json; charset=utf-8").result(f.json());
  }

  public void create(Context ctx) {
    Http.allowQuery(ctx);
    OfferingInput in = OfferingInput.parse(Json.object(ctx, OfferingInput.ALLOWED), true);
    long id = repo.create(Principal.of(ctx), in);
    respond(ctx, id, 201);
  }

  /** PATCH /api/standard-land/{id} with If-Match. */
  public void patch(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "offering", id);
    OfferingInput in = OfferingInput.parse(Json.object(ctx, OfferingInput.ALLOWED), false);
    repo.update(Principal.of(ctx), id, version, in);
    respond(ctx, id, 200);
  }

  /** POST /api/standard-land/{id}/transition {to, date, note, …the step's fields} with If-Match. */
  public void transition(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "offering", id);
    ObjectNode b = Json.object(ctx, TRANSITION_FIELDS);
    if (!b.path("to").isTextual() || !STATUSES.contains(b.get("to").asText())) {
      throw ApiError.badRequest("BAD_STATUS", "'to' must be the next state: one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)) + ".");
    }
    repo.transition(Principal.of(ctx), id, version, b);
    respond(ctx, id, 200);
  }

  /** POST /api/standard-land/{id}/documents?name=FILE[&kind=][&public=true] with the file as the raw body. */
  public void addDocument(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name", "kind", "public");
    long id = Http.idParam(ctx);
    String kind = ctx.queryParam("kind") == null ? "other" : ctx.queryParam("kind");
    if (!DOCUMENT_KINDS.contains(kind)) throw ApiError.badRequest("BAD_KIND", "kind must be one of " + String.join(", ", new java.util.TreeSet<>(DOCUMENT_KINDS)) + ".");
    String pub = ctx.queryParam("public");
    if (pub != null && !pub.equals("true") && !pub.equals("false")) throw ApiError.badRequest("BAD_PUBLIC", "public must be true or false.");
    FileStore.Checked f;
    try (InputStream in = ctx.bodyInputStream()) {
      f = repo.files().check(ctx.queryParam("name"), in);
    }
    long fileId = repo.addDocument(Principal.of(ctx), id, kind, "true".equals(pub), f);
    ctx.status(201).json(Map.of("id", fileId, "fileName", f.fileName(), "contentType", f.contentType(), "sizeBytes", f.bytes().length, "sha256", f.sha256()));
  }

  public void document(Context ctx) {
    Http.allowQuery(ctx, "download");
    long id = Http.idParam(ctx);
    long fileId = Http.longParam(ctx, "fileId");
    FileStore.Content f = repo.document(Principal.of(ctx), id, fileId).orElseThrow(() -> ApiError.notFound("No such document."));
    FileStore.send(ctx, f, "private, max-age=300");
  }

  static String etag(long id, int version) {
    return "\"offering-" + id + "-v" + version + "\"";
  }



  private void respond(Context ctx, long id, int status) {
    LandRepository.Found f = repo.one(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Offering " + id + " does not exist."));
    ctx.status(status).header("ETag", etag(id, f.version()));
    if (status == 201) ctx.header("Location", "/api/standard-land/" + id);
    ctx.contentType("application/geo+json; charset=utf-8").result(f.json());
  }

  static List<String> statuses() {
    return List.copyOf(STATUSES);
  }
}
