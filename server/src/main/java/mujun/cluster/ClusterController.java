package mujun.cluster;

import io.javalin.http.Context;
import mujun.db.Db;
import mujun.http.Http;

/** Clusters are public: boundaries, names and cities, with their parcel counts and industrial area. */
public final class ClusterController {
  private final ClusterRepository repo;

  public ClusterController(Db db) {
    this.repo = new ClusterRepository(db);
  }

  public void list(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/geo+json; charset=utf-8").header("Cache-Control", "public, max-age=60").result(repo.clusters());
  }

  public void landUseCodes(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").header("Cache-Control", "public, max-age=300").result(repo.landUseCodes());
  }
}
