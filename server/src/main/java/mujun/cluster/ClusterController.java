package mujun.cluster;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.importing.OutlineReader;

/**
 * Clusters and parks. The list of clusters (boundaries, names, cities) is public reference data; a cluster's full
 * record, its parks and their roll-ups are for signed-in users; creating and editing them, and reading a boundary
 * from a file, are natural-resources or admin work.
 */
public final class ClusterController {
  private final ClusterRepository repo;
  private final ClusterService service;
  private final OutlineReader outlines;
  /** Called when the clusters a grant reaches change (a cluster created or moved to another city): callers are resolved again. */
  private final Runnable scopesChanged;

  public ClusterController(Db db, OutlineReader outlines, Runnable scopesChanged) {
    this.repo = new ClusterRepository(db);
    this.service = new ClusterService(db);
    this.outlines = outlines;
    this.scopesChanged = scopesChanged;
  }

  public ClusterService service() {
    return service;
  }

  public void list(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/geo+json; charset=utf-8").header("Cache-Control", "public, max-age=60").result(repo.clusters());
  }

  public void landUseCodes(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").header("Cache-Control", "public, max-age=300").result(repo.landUseCodes());
  }

  /** GET /api/clusters/{id} */
  public void one(Context ctx) {
    Http.allowQuery(ctx);
    String json = service.cluster(Http.idParam(ctx));
    ctx.header("ETag", ClusterService.etag("cluster", json));
    json(ctx, json);
  }

  /** GET /api/clusters/{id}/history */
  public void history(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    service.cluster(id);
    json(ctx, service.history("cluster", id));
  }

  /** POST /api/clusters */
  public void create(Context ctx) {
    Http.allowQuery(ctx);
    String json = service.createCluster(Principal.of(ctx), Json.object(ctx, ClusterService.CLUSTER_KEYS));
    scopesChanged.run();
    ctx.status(201).header("ETag", ClusterService.etag("cluster", json)).header("Location", "/api/clusters/" + Json.tree(json).path("id").asLong());
    json(ctx, json);
  }

  /** PATCH /api/clusters/{id} with If-Match */
  public void update(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "cluster", id);
    com.fasterxml.jackson.databind.node.ObjectNode body = Json.object(ctx, ClusterService.CLUSTER_KEYS);
    String json = service.updateCluster(Principal.of(ctx), id, version, body);
    if (body.has("cityCode")) scopesChanged.run();
    ctx.header("ETag", ClusterService.etag("cluster", json));
    json(ctx, json);
  }

  /** POST /api/boundary-files?name=&crs=&encoding= with the file as the raw body: the outline it holds, nothing written. */
  public void boundaryFile(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name", "crs", "encoding");
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) throw ApiError.badRequest("NAME_REQUIRED", "Give the file's name (name=…), so that its format is known.");
    Integer crs = ctx.queryParam("crs") == null ? null : Http.intParam(ctx, "crs", 2000, 999_999);
    try (InputStream in = ctx.bodyInputStream()) {
      json(ctx, outlines.read(Principal.of(ctx), name, in, crs, ctx.queryParam("encoding")).toString());
    }
  }

  /** GET /api/cities */
  public void cities(Context ctx) {
    Http.allowQuery(ctx);
    ctx.header("Cache-Control", "private, max-age=300");
    json(ctx, service.cities());
  }

  /** POST /api/cities {code, name, nameEn, kind}: a city or county of the province (admin). */
  public void createCity(Context ctx) {
    Http.allowQuery(ctx);
    String json = service.createCity(Json.object(ctx, java.util.Set.of("code", "name", "nameEn", "kind")));
    ctx.status(201);
    json(ctx, json);
  }

  /** GET /api/park-kinds */
  public void parkKinds(Context ctx) {
    Http.allowQuery(ctx);
    json(ctx, service.parkKinds());
  }

  /** GET /api/parks?cluster= */
  public void parks(Context ctx) {
    Http.allowQuery(ctx, "cluster");
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    json(ctx, service.parks(Principal.of(ctx), cluster));
  }

  /** GET /api/parks/{id} */
  public void park(Context ctx) {
    Http.allowQuery(ctx);
    String json = service.park(Principal.of(ctx), Http.idParam(ctx));
    ctx.header("ETag", ClusterService.etag("park", json));
    json(ctx, json);
  }

  /** GET /api/parks/{id}/history */
  public void parkHistory(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    service.park(Principal.of(ctx), id);
    json(ctx, service.history("park", id));
  }

  /** POST /api/parks */
  public void createPark(Context ctx) {
    Http.allowQuery(ctx);
    String json = service.createPark(Principal.of(ctx), Json.object(ctx, ClusterService.PARK_KEYS));
    ctx.status(201).header("ETag", ClusterService.etag("park", json)).header("Location", "/api/parks/" + Json.tree(json).path("id").asLong());
    json(ctx, json);
  }

  /** PATCH /api/parks/{id} with If-Match */
  public void updatePark(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "park", id);
    String json = service.updatePark(Principal.of(ctx), id, version, Json.object(ctx, ClusterService.PARK_KEYS));
    ctx.header("ETag", ClusterService.etag("park", json));
    json(ctx, json);
  }

  private static void json(Context ctx, String json) {
    ctx.contentType("application/json; charset=utf-8").result(json);
  }
}
