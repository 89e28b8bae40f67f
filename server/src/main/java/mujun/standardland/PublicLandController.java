package mujun.standardland;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mujun.db.Db;
import mujun.files.FileStore;
import mujun.http.ApiError;
import mujun.http.Http;

/**
 * What anyone may see of standard land: announced offerings only, with the fields an announcement shows (one SQL
 * projection, {@link LandSql#PUBLIC_PROPERTIES}), their public documents, and Atom and RSS feeds of new offerings.
 */
public final class PublicLandController {
  private final Db db;

  public PublicLandController(Db db) {
    this.db = db;
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
    java.io.OutputStream out = ctx.outputStream();
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(LandSql.PUBLIC_LIST)) {
        int i = 1;
        ps.setString(i++, city);
        ps.setString(i++, city);
        ps.setObject(i++, cluster, Types.INTEGER);
        ps.setObject(i++, cluster, Types.INTEGER);
        ps.setObject(i++, minMu, Types.DOUBLE);
        ps.setObject(i++, minMu, Types.DOUBLE);
        ps.setObject(i++, maxMu, Types.DOUBLE);
        ps.setObject(i++, maxMu, Types.DOUBLE);
        ps.setString(i++, landUse);
        ps.setString(i++, landUse);
        ps.setString(i++, industry);
        ps.setString(i++, industry);
        ps.setString(i++, industry);
        ps.setObject(i++, minPrice == null ? null : BigDecimal.valueOf(minPrice), Types.NUMERIC);
        ps.setObject(i++, minPrice == null ? null : BigDecimal.valueOf(minPrice), Types.NUMERIC);
        ps.setObject(i++, maxPrice == null ? null : BigDecimal.valueOf(maxPrice), Types.NUMERIC);
        ps.setObject(i++, maxPrice == null ? null : BigDecimal.valueOf(maxPrice), Types.NUMERIC);
        ps.setObject(i++, bbox == null ? null : bbox[0], Types.DOUBLE);
        for (int k = 0; k < 4; k++) ps.setObject(i++, bbox == null ? null : bbox[k], Types.DOUBLE);
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          mujun.db.FeatureStream.write(rs, out);
        }
        return null;
      }
    });
  }

  /** GET /api/public/standard-land/{id}: an announced offering with its public documents; 404 otherwise. */
  public void one(Context ctx) {
    Http.allowQuery(ctx, "lang");
    long id = Http.idParam(ctx);
    String body = db.read(c -> {
      String feature;
      try (PreparedStatement ps = c.prepareStatement(LandSql.PUBLIC_ONE)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return null;
          feature = rs.getString(1);
        }
      }
      String docs = LandRepository.documents(c, id, true);
      return feature.substring(0, feature.length() - 1) + ",\"documents\":" + docs + "}";
    });
    if (body == null) throw ApiError.notFound("No open offering " + id + ": it may have been transferred or withdrawn.");
    ctx.header("Cache-Control", "public, no-cache");
    ctx.contentType("application/geo+json; charset=utf-8").result(body);
  }

  /** GET /api/public/standard-land/{id}/documents/{fileId}: a public document of an announced offering. */
  public void document(Context ctx) {
    Http.allowQuery(ctx, "download");
    long id = Http.idParam(ctx);
    long fileId = Http.longParam(ctx, "fileId");
    Optional<FileStore.Content> f = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + LandSql.PUBLIC_SOURCE + " s WHERE s.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
        }
      }
      return FileStore.read(c, LandRepository.OWNER, id, fileId, true);
    });
    FileStore.send(ctx, f.orElseThrow(() -> ApiError.notFound("No such public document.")), "public, max-age=300");
  }

  private record Entry(long id, String plotNo, String name, String location, String cluster, String city, BigDecimal mu, BigDecimal price,
                       java.sql.Date announced, java.sql.Date ends, java.sql.Timestamp updated, String landUse, String industries) {}

  private List<Entry> entries() {
    return db.read(c -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(LandSql.FEED); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7),
              rs.getBigDecimal(8), rs.getDate(9), rs.getDate(10), rs.getTimestamp(11), rs.getString(12), String.join(" ", (String[]) rs.getArray(13).getArray())));
        }
      }
      return out;
    });
  }

  private static String summary(Entry e) {
    return e.cluster() + " · " + e.location() + " · " + e.mu().stripTrailingZeros().toPlainString() + " 亩 · " + e.landUse()
        + (e.price() == null ? "" : " · 起始价 " + e.price().stripTrailingZeros().toPlainString() + " 万元")
        + (e.ends() == null ? "" : " · 挂牌截止 " + e.ends()) + " · 准入行业 " + e.industries();
  }

  /** GET /feeds/standard-land.atom */
  public void atom(Context ctx) {
    Http.allowQuery(ctx);
    String base = base(ctx);
    List<Entry> es = entries();
    String updated = es.stream().map(e -> e.updated().toInstant()).max(java.util.Comparator.naturalOrder()).orElse(java.time.Instant.EPOCH).toString();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    x.append("<title>亩均 · 标准地出让公告 Standard-land offerings</title>\n<id>").append(xml(base)).append("/feeds/standard-land.atom</id>\n");
    x.append("<link rel=\"self\" href=\"").append(xml(base)).append("/feeds/standard-land.atom\"/>\n<link href=\"").append(xml(base)).append("/\"/>\n");
    x.append("<updated>").append(updated).append("</updated>\n<author><name>Mujun</name></author>\n");
    for (Entry e : es) {
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
    String base = base(ctx);
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
    x.append("<title>亩均 · 标准地出让公告 Standard-land offerings</title>\n<link>").append(xml(base)).append("/</link>\n");
    x.append("<description>河南省产业集聚区标准地出让公告 — open standard-land offerings in Henan's industrial clusters</description>\n<language>zh-cn</language>\n");
    for (Entry e : entries()) {
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

  private static String base(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
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
