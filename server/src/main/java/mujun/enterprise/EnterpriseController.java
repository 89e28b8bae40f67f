package mujun.enterprise;

import io.javalin.http.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.http.ApiError;
import mujun.http.Http;

/** Enterprises and the search box: parcels by 宗地代码, enterprises by name or 统一社会信用代码, within the caller's scope. */
public final class EnterpriseController {
  /** Escapes LIKE wildcards so a search for "10%" finds that text, not everything. */
  static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static final String SEARCH =
      "SELECT json_build_object('parcels', COALESCE((SELECT json_agg(x) FROM (SELECT p.id, p.code, e.name AS \"holderName\", "
          + "round(p.area_mu::numeric, 2) AS \"areaMu\", json_build_array(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) AS bbox "
          + "FROM parcel p LEFT JOIN enterprise e ON e.id = p.holder_id WHERE p.status = 'current' AND p.cluster_id = ANY(?) "
          + "AND (p.code LIKE ? ESCAPE '\\' OR p.holder_id IN (SELECT id FROM enterprise WHERE lower(name) LIKE ? ESCAPE '\\' OR credit_code LIKE ? ESCAPE '\\')) "
          + "ORDER BY p.code LIMIT 20) x), '[]'), "
          + "'enterprises', COALESCE((SELECT json_agg(y) FROM (SELECT e.id, e.name, e.credit_code AS \"creditCode\", e.size_class AS \"sizeClass\", "
          + "(SELECT count(*) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current') AS parcels "
          + "FROM enterprise e WHERE e.cluster_id = ANY(?) AND (lower(e.name) LIKE ? ESCAPE '\\' OR e.credit_code LIKE ? ESCAPE '\\') "
          + "ORDER BY e.name LIMIT 20) y), '[]'))::text";

  private static final String ONE =
      "SELECT json_build_object('id', e.id, 'creditCode', e.credit_code, 'name', e.name, 'industryCode', e.industry_code, "
          + "'sizeClass', e.size_class, 'clusterId', e.cluster_id, 'clusterName', k.name, 'foundedOn', e.founded_on, "
          + "'parcels', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'code', p.code, 'areaMu', round(p.area_mu::numeric, 2), "
          + "'rightType', p.right_type) ORDER BY p.code) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'), '[]'), "
          + "'heldAreaMu', (SELECT round(COALESCE(sum(p.area_mu), 0)::numeric, 2) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'))::text "
          + "FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE e.id = ? AND e.cluster_id = ANY(?)";

  private final Db db;

  public EnterpriseController(Db db) {
    this.db = db;
  }

  /** GET /api/search?q= */
  public void search(Context ctx) {
    Http.allowQuery(ctx, "q");
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) throw ApiError.badRequest("QUERY_REQUIRED", "Type at least one character to search.");
    q = q.strip();
    if (q.length() > 60) throw ApiError.badRequest("QUERY_TOO_LONG", "A search may have at most 60 characters.");
    Principal who = Http.principal(ctx);
    String prefix = likeEscape(q.toUpperCase()) + "%";
    String contains = "%" + likeEscape(q.toLowerCase()) + "%";
    String json = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(SEARCH)) {
        var scope = c.createArrayOf("integer", who.readableClusters());
        ps.setArray(1, scope);
        ps.setString(2, prefix);
        ps.setString(3, contains);
        ps.setString(4, prefix);
        ps.setArray(5, scope);
        ps.setString(6, contains);
        ps.setString(7, prefix);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    ctx.contentType("application/json; charset=utf-8").result(json);
  }

  /** GET /api/enterprises/{id} */
  public void one(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    Principal who = Http.principal(ctx);
    String json = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ONE)) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
    if (json == null) throw ApiError.notFound("Enterprise " + id + " does not exist.");
    ctx.contentType("application/json; charset=utf-8").result(json);
  }
}
