package mujun.standardland;

import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import mujun.db.Db;
import mujun.files.FileStore;
import mujun.error.ApiError;
import mujun.http.Http;

/**
 * What anyone may see of standard land: announced offerings only, with the fields an announcement shows (one SQL
 * projection, {@link LandSql#PUBLIC_PROPERTIES}), their public documents, and Atom and RSS feeds of new offerings.
 */
public final class PublicLandController {
  private final PublicLandRepository repo;

  public PublicLandController(mujun.db.Replicas db) {
    this.repo = new PublicLandRepository(db);
  }

  /** GET /api/public/standard-land?city=&cluster=&minMu=&maxMu=&landUse=&industry=&minPrice=&maxPrice=&bbox=&limit= */
  public void list(Context ctx) throws java.io.IOException {
    Http.allowQuery(ctx, "city", "cluster", "minMu", "maxMu", "landUse", "industry", "minPrice", "maxPrice", "bbox", "limit", "lang");
    String city = pattern(ctx, "city", "[0-9]{6}", "a 6-digit 行政区划代码");
    Integer cluster = ctx.queryParam("cluster") == null || ctx.queryParam("cluster").isEmpty() ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    Double minMu = number(ctx, "minMu"), maxMu = number(ctx, "maxMu"), minPrice = number(ctx, "minPrice"), maxPrice = number(ctx, "maxPrice");
    String landUse = pattern(ctx, "landUse", "[0-9A-Za-z]{2,8}", "a land-use code");
    String industry = pattern(ctx, "industry", "[A-T]([0-9]{2,4})?", "a 国民经济行业分类 code such as C39");
    double[] bbox = Http.bbox(ctx.queryParam("bbox"));
    int limit = ctx.queryParam("limit") == null ? 500 : Http.intParam(ctx, "limit", 1, 1000);
    ctx.header("Cache-Control", "public, no-cache");
    ctx.contentType("application/geo+json; charset=utf-8");
    repo.list(new PublicLandRepository.Filter(city, cluster, minMu, maxMu, landUse, industry, minPrice, maxPrice, bbox, limit), ctx.outputStream());
  }

  /** GET /api/public/standard-land/{id}: an announced offering with its public documents; 404 otherwise. */
  public void one(Context ctx) {
    Http.allowQuery(ctx, "lang");
    long id = Http.idParam(ctx);
    String body = repo.one(id).orElse(null);
    if (body == null) throw ApiError.notFound("No open offering " + id + ": it may have been transferred or withdrawn.");
    ctx.header("Cache-Control", "public, no-cache");
    ctx.contentType("application/geo+json; charset=utf-8").result(body);
  }

  /** GET /api/public/standard-land/{id}/documents/{fileId}: a public document of an announced offering. */
  public void document(Context ctx) {
    Http.allowQuery(ctx, "download");
    long id = Http.idParam(ctx);
    long fileId = Http.longParam(ctx, "fileId");
    Optional<FileStore.Content> f = repo.document(id, fileId);
    FileStore.send(ctx, f.orElseThrow(() -> ApiError.notFound("No such public document.")), "public, max-age=300");
  }

  private static String summary(PublicLandRepository.Entry e) {
    return e.cluster() + " · " + e.location() + " · " + e.mu().stripTrailingZeros().toPlainString() + " 亩 · " + e.landUse()
        + (e.price() == null ? "" : " · 起始价 " + e.price().stripTrailingZeros().toPlainString() + " 万元")
        + (e.ends() == null ? "" : " · 挂牌截止 " + e.ends()) + " · 准入行业 " + e.industries();
  }

  /** GET /feeds/standard-land.atom */
  public void atom(Context ctx) {
    Http.allowQuery(ctx);
    String base = Http.base(ctx);
    List<PublicLandRepository.Entry> es = repo.feed();
    String updated = es.stream().map(e -> e.updated().toInstant()).max(java.util.Comparator.naturalOrder()).orElse(java.time.Instant.EPOCH).toString();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    x.append("<title>亩均 · 标准地出让公告 Standard-land offerings</title>\n<id>").append(xml(base)).append("/feeds/standard-land.atom</id>\n");
    x.append("<link rel=\"self\" href=\"").append(xml(base)).append("/feeds/standard-land.atom\"/>\n<link href=\"").append(xml(base)).append("/\"/>\n");
    x.append("<updated>").append(updated).append("</updated>\n<author><name>Mujun</name></author>\n");
    for (PublicLandRepository.Entry e : es) {
      String url = base + "/offering.html?id=" + e.id();
      x.append("<entry>\n<title>").append(xml(e.plotNo() + " " + e.name())).append("</title>\n<id>").append(xml(url)).append("</id>\n");
      x.append("<link href=\"").append(xml(url)).append("\"/>\n<updated>").append(e.updated().toInstant()).append("</updated>\n");
      if (e.announced() != null) x.append("<published>").append(e.announced().toLocalDate().atStartOfDay(ZoneOffset.ofHours(8)).toOffsetDateTime()).append("</published>\n");
      x.append("<summary>").append(xml(summary(e))).append("</summary>\n</entry>\n");
    }
    x.append("</feed>\n");
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType("application/atom+xml; charset=utf-8").result(x.toString());
  }

  /** GET /feeds/standard-land.rss */
  public void rss(Context ctx) {
    Http.allowQuery(ctx);
    String base = Http.base(ctx);
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
    x.append("<title>亩均 · 标准地出让公告 Standard-land offerings</title>\n<link>").append(xml(base)).append("/</link>\n");
    x.append("<description>河南省产业集聚区标准地出让公告 — open standard-land offerings in Henan's industrial clusters</description>\n<language>zh-cn</language>\n");
    for (PublicLandRepository.Entry e : repo.feed()) {
      String url = base + "/offering.html?id=" + e.id();
      x.append("<item>\n<title>").append(xml(e.plotNo() + " " + e.name())).append("</title>\n<link>").append(xml(url)).append("</link>\n");
      x.append("<guid isPermaLink=\"true\">").append(xml(url)).append("</guid>\n");
      java.time.ZonedDateTime when = e.announced() != null ? e.announced().toLocalDate().atStartOfDay(ZoneOffset.ofHours(8))
          : e.updated().toInstant().atZone(ZoneOffset.ofHours(8));
      x.append("<pubDate>").append(rfc.format(when)).append("</pubDate>\n<description>").append(xml(summary(e))).append("</description>\n</item>\n");
    }
    x.append("</channel>\n</rss>\n");
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType("application/rss+xml; charset=utf-8").result(x.toString());
  }

  static String xml(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (ch >= 0x20 || ch == '\n' || ch == '\t') b.append(ch);
        }
      }
    }
    return b.toString();
  }

  private static String pattern(Context ctx, String name, String regex, String what) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return null;
    if (!v.matches(regex)) throw ApiError.badRequest("BAD_PARAMETER", name + " must be " + what + ".");
    return v;
  }

  private static Double number(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return null;
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d) || d < 0 || d > 1e9) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("BAD_PARAMETER", name + " must be a number from 0 to 1,000,000,000.");
    }
  }

}
