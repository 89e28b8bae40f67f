package mujun.enterprise;

import io.javalin.http.Context;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Http;

/** Enterprises and the search box: parcels by 宗地代码, enterprises by name or 统一社会信用代码, within the caller's scope. */
public final class EnterpriseController {
  private final EnterpriseRepository repo;

  public EnterpriseController(Db db) {
    this.repo = new EnterpriseRepository(db);
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

  /** GET /api/enterprises/{id} */
  public void one(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    String json = repo.one(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Enterprise " + id + " does not exist."));
    ctx.contentType("application/json; charset=utf-8").result(json);
  }
}
