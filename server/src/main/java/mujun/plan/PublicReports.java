package mujun.plan;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/**
 * The public reports the province chooses to publish: per year, the clusters ranked by 亩均税收 and each cluster's class
 * mix from the year's published evaluation — counts only, never an enterprise's name or figures.
 */
public final class PublicReports {
  private final Db db;
  private final mujun.db.Replicas reads;

  public PublicReports(Db db, mujun.db.Replicas reads) {
    this.db = db;
    this.reads = reads;
  }

  static final Named YEARS = Named.of("SELECT COALESCE(json_agg(json_build_object('year', year, 'note', note, 'publishedAt', changed_at) ORDER BY year DESC), '[]')::text "
      + "FROM public_report WHERE published");

  /** One year's report: the ranking (tax and land of the clusters' enterprises with figures) and the class mix. */
  static final Named REPORT = Named.of("WITH f AS (SELECT e.cluster_id, sum(i.tax_wan) tax, sum(COALESCE(h.mu, 0) + COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000) land "
      + "  FROM enterprise e JOIN enterprise_indicator i ON i.enterprise_id = e.id AND i.year = :year "
      + "  LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q WHERE q.status = 'current' AND q.holder_id IS NOT NULL GROUP BY q.holder_id) h ON h.holder_id = e.id "
      + "  GROUP BY e.cluster_id), "
      + "pub AS (SELECT DISTINCT ON (er.enterprise_id) er.cluster_id, er.class FROM evaluation_result er JOIN evaluation_run r ON r.id = er.run_id "
      + "  WHERE r.status = 'published' AND r.year = :year AND er.class IS NOT NULL ORDER BY er.enterprise_id, r.published_at DESC), "
      + "k AS (SELECT k.id, k.code, k.name, k.name_en, c.name AS city, c.name_en AS city_en, round((f.tax / NULLIF(f.land, 0))::numeric, 2) AS tax_per_mu "
      + "  FROM cluster k JOIN city c ON c.code = k.city_code LEFT JOIN f ON f.cluster_id = k.id WHERE k.status = 'active') "
      + "SELECT json_build_object('year', p.year, 'note', p.note, 'publishedAt', p.changed_at, "
      + "'target', (SELECT value FROM dashboard_target WHERE scope_code = '' AND key = 'tax_per_mu'), "
      + "'clusters', COALESCE((SELECT json_agg(json_build_object('rank', x.rank, 'code', x.code, 'name', x.name, 'nameEn', x.name_en, 'city', x.city, "
      + "  'cityEn', x.city_en, 'taxPerMu', x.tax_per_mu, 'classes', (SELECT json_object_agg(y.class, y.n) FROM (SELECT pub.class, count(*) n FROM pub "
      + "  WHERE pub.cluster_id = x.id GROUP BY pub.class) y)) ORDER BY x.rank NULLS LAST, x.code) "
      + "  FROM (SELECT k.*, CASE WHEN k.tax_per_mu IS NOT NULL THEN rank() OVER (ORDER BY k.tax_per_mu DESC NULLS LAST) END AS rank FROM k) x), '[]'))::text "
      + "FROM public_report p WHERE p.year = :year AND p.published");

  static final Named PUT = Named.of("INSERT INTO public_report (year, published, note) VALUES (:year, :published, :note) "
      + "ON CONFLICT (year) DO UPDATE SET published = EXCLUDED.published, note = EXCLUDED.note");

  /** GET /api/public/reports: the published years. */
  public void years(Context ctx) {
    Http.allowQuery(ctx);
    String years = reads.read(null, c -> YEARS.one(c, Map.of()));
    ctx.contentType("application/json; charset=utf-8").result(years);
  }

  /** GET /api/public/reports/{year} */
  public void report(Context ctx) {
    Http.allowQuery(ctx);
    int year = (int) Math.min(9999, Http.longParam(ctx, "year"));
    String r = reads.read(null, c -> REPORT.one(c, Named.values("year", year)));
    if (r == null) throw ApiError.notFound("No public report for " + year + ".");
    ctx.contentType("application/json; charset=utf-8").result(r);
  }

  /** PUT /api/public-reports/{year} {published, note?}: the province publishes (or withdraws) a year's report. */
  public void put(Context ctx) {
    Http.allowQuery(ctx);
    Principal who = Principal.of(ctx);
    if (!who.editsMethodsOf(null)) throw new ApiError(403, "FORBIDDEN", "The province's coordinators decide which reports are public.");
    int year = (int) Math.min(9999, Http.longParam(ctx, "year"));
    if (year < 2000 || year > 2100) throw ApiError.badRequest("BAD_PARAMETER", "The year is one such as 2025.");
    var b = Json.object(ctx, Set.of("published", "note"));
    if (!b.path("published").isBoolean()) throw ApiError.unprocessable("VALIDATION_FAILED", "published is true or false.", Map.of("field", "published"));
    String note = b.path("note").asText("").strip();
    if (note.length() > 500) throw ApiError.unprocessable("VALIDATION_FAILED", "The note may have at most 500 characters.", Map.of("field", "note"));
    db.inTransaction(Db.Change.by(who.username(), (b.get("published").asBoolean() ? "公开" : "撤回") + year + " 年度评价报告"), c ->
        PUT.update(c, Named.values("year", year, "published", b.get("published").asBoolean(), "note", note)));
    ctx.json(Map.of("year", year, "published", b.get("published").asBoolean()));
  }
}
