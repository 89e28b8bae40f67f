package mujun.enterprise;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.http.Tables;
import mujun.importing.TableFile;

/**
 * Enterprises: the search box, the register of enterprises (list, record, history, create, edit) and the roster file
 * from the development-reform / industry offices (template, dry run, commit), within the caller's clusters.
 */
public final class EnterpriseController {
  private final EnterpriseRepository repo;
  private final EnterpriseService service;
  private final RosterImport roster;
  private final long maxBytes;

  public EnterpriseController(Db db, TableFile files, long maxBytes) {
    this.repo = new EnterpriseRepository(db);
    this.service = new EnterpriseService(db);
    this.roster = new RosterImport(db, files);
    this.maxBytes = maxBytes;
  }

  public EnterpriseService service() {
    return service;
  }

  public RosterImport roster() {
    return roster;
  }

  /** GET /api/search?q= */
  public void search(Context ctx) {
    Http.allowQuery(ctx, "q");
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) throw ApiError.badRequest("QUERY_REQUIRED", "Type at least one character to search.");
    q = q.strip();
    if (q.length() > 60) throw ApiError.badRequest("QUERY_TOO_LONG", "A search may have at most 60 characters.");
    ctx.contentType("application/json; charset=utf-8").result(repo.search(Principal.of(ctx), q));
  }

  /** GET /api/enterprises?cluster=&status=&sizeClass=&q=&limit=&offset= */
  public void list(Context ctx) {
    Http.allowQuery(ctx, "cluster", "status", "sizeClass", "q", "limit", "offset");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    String status = choice(ctx, "status", Set.of("operating", "suspended", "deregistered", "merged"));
    String size = choice(ctx, "sizeClass", Set.of("above", "below"));
    String q = ctx.queryParam("q");
    if (q != null && q.length() > 60) throw ApiError.badRequest("QUERY_TOO_LONG", "A search may have at most 60 characters.");
    int limit = ctx.queryParam("limit") == null ? 50 : Http.intParam(ctx, "limit", 1, 500);
    int offset = ctx.queryParam("offset") == null ? 0 : Http.intParam(ctx, "offset", 0, 10_000_000);
    json(ctx, service.list(Principal.of(ctx), cluster, status, size, q, limit, offset));
  }

  private static String choice(Context ctx, String name, Set<String> allowed) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return null;
    if (!allowed.contains(v)) throw ApiError.badRequest("BAD_PARAMETER", name + " must be one of " + String.join(", ", allowed) + ".");
    return v;
  }

  /** GET /api/enterprises/{id} */
  public void one(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    String json = service.one(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Enterprise " + id + " does not exist."));
    ctx.header("ETag", EnterpriseService.etag(json));
    json(ctx, json);
  }

  /** GET /api/enterprises/{id}/history */
  public void history(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, service.history(Principal.of(ctx), Http.idParam(ctx)));
  }

  /** POST /api/enterprises */
  public void create(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode body = Json.object(ctx, EnterpriseService.BODY_KEYS);
    String json = service.create(Principal.of(ctx), body);
    ctx.status(201).header("ETag", EnterpriseService.etag(json)).header("Location", "/api/enterprises/" + Json.tree(json).path("id").asLong());
    json(ctx, json);
  }

  /** PATCH /api/enterprises/{id} with If-Match */
  public void update(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "enterprise", id);
    String json = service.update(Principal.of(ctx), id, version, Json.object(ctx, EnterpriseService.BODY_KEYS));
    ctx.header("ETag", EnterpriseService.etag(json));
    json(ctx, json);
  }

  /** GET /api/enterprise-imports/template.csv */
  public void templateCsv(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    Tables.csv(ctx, "enterprise-roster.csv", RosterImport.header(), roster.templateRows(Principal.of(ctx)));
  }

  /** GET /api/enterprise-imports/template.xlsx */
  public void templateXlsx(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    Tables.xlsx(ctx, "enterprise-roster.xlsx", "企业名录", RosterImport.header(), roster.templateRows(Principal.of(ctx)));
  }

  /** POST /api/enterprise-imports?name=FILE with the file as the raw body: the dry run. */
  public void importCheck(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name");
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    ctx.status(201);
    json(ctx, roster.check(Principal.of(ctx), ctx.queryParam("name"), bytes));
  }

  /** POST /api/enterprise-imports/{id}/commit {mode: all|valid} */
  public void importCommit(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("mode"));
    String mode = b.path("mode").asText("all");
    if (!mode.equals("all") && !mode.equals("valid")) throw ApiError.badRequest("BAD_MODE", "mode must be all or valid.");
    json(ctx, roster.commit(Principal.of(ctx), (int) Http.idParam(ctx), mode));
  }

  private static void json(Context ctx, String json) {
    ctx.contentType("application/json; charset=utf-8").result(json);
  }
}
