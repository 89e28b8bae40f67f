package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.http.ResponseBuffer;
import mujun.parcel.ParcelFields;
import mujun.parcel.ParcelInput;
import mujun.schema.Catalog;
import mujun.schema.Field;
import mujun.parcel.ParcelRepository;

/**
 * OGC API – Features: Part 1 (core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (CRS by reference) and Part 3 (filters,
 * queryables, sorting) for every collection. Items are written as the database produces them.
 *
 * <p>Over 400 lines: Parts 1–3's resources (landing, conformance, collections, schemas, items, item) share the
 * collection descriptions and the link building; a request's parameters are read in {@link ItemsRequest}, writes
 * (Part 4) are in {@link OgcWrites}, database work besides pages in {@link OgcStore}.
 */
public final class OgcController {
  static final int DEFAULT_LIMIT = 100, MAX_LIMIT = 10_000;
  static final List<String> CONFORMANCE = List.of(
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
      "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/sorting");
  private final Db db;
  /** Items pages and single items: from a hot standby that has the caller's own writes, when there is one. */
  private final mujun.db.Replicas standbys;
  private final Catalog catalog;
  /** The province (with its margin): the extent of a collection the planner has no statistics for yet. */
  private final mujun.geo.Region region;
  private final OgcStore store;
  private final ReadVersions reads = new ReadVersions();
  private final OgcWrites writes;
  private final byte[] openapi;

  public OgcController(Db db, mujun.db.Replicas standbys, Catalog catalog, mujun.geo.Region region, ParcelRepository parcels, mujun.lowefficiency.LowEffRepository lowEff) {
    this.db = db;
    this.standbys = standbys;
    this.catalog = catalog;
    this.region = region;
    this.store = new OgcStore(db);
    this.writes = new OgcWrites(store, reads, parcels, lowEff);
    try (InputStream in = OgcController.class.getResourceAsStream("/ogcapi-openapi.json")) {
      this.openapi = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("ogcapi-openapi.json missing from the build", e);
    }
  }

  /** The SQL text of a collection's first items page in a bbox for a province-wide reader (parameters: the bbox, then limit + 1). */
  public static String firstPageStatement(String id) {
    OgcCollection c = OgcCollection.get(id);
    return new OgcQuery(c).bbox(0, 0, 1, 1).firstPageSql(Crs.of(null, "crs"), new ArrayList<>(c.properties().keySet()));
  }

  /** Plans and runs the first items page of the parcels and the clusters for an empty box, on one connection (Db.warmUp). */
  public static void warm(java.sql.Connection conn) throws java.sql.SQLException {
    for (String id : List.of("parcels", "clusters")) {
      OgcCollection c = OgcCollection.get(id);
      try (java.sql.PreparedStatement ps = new OgcQuery(c).bbox(0, 0, 0.001, 0.001)
          .page(conn, Crs.of(null, "crs"), new ArrayList<>(c.properties().keySet()), null, null, null, 10)) {
        ps.executeQuery().close();
      }
    }
  }

  /** Part 4: the writes of the editable collections. */
  public OgcWrites writes() {
    return writes;
  }

  public static boolean isPublic(String id) {
    return id.equals("clusters") || id.equals("standard-land");
  }

  // ------------------------------------------------------------------ resources

  public void landing(Context ctx) {
    String f = format(ctx, Set.of("f"));
    String base = Http.base(ctx);
    List<Map<String, String>> links = List.of(
        link(base + "/ogcapi?f=json", "self", "application/json", "This document"),
        link(base + "/ogcapi?f=html", "alternate", "text/html", "This document as HTML"),
        link(base + "/ogcapi/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
        link(base + "/ogcapi/conformance", "conformance", "application/json", "Conformance classes"),
        link(base + "/ogcapi/collections", "data", "application/json", "The collections"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "Mujun (亩均) — OGC API – Features");
    m.put("description", "Parcels, clusters and enterprises of Henan's industrial clusters; anonymous callers see the clusters and the announced standard land only.");
    m.put("links", links);
    respond(ctx, f, m, () -> Html.page("Mujun OGC API – Features", "<p>" + Html.esc((String) m.get("description")) + "</p>" + Html.links(links)));
  }

  public void conformance(Context ctx) {
    String f = format(ctx, Set.of("f"));
    Map<String, Object> m = Map.of("conformsTo", CONFORMANCE);
    respond(ctx, f, m, () -> Html.page("Conformance", "<ul>" + CONFORMANCE.stream().map(c -> "<li>" + Html.esc(c) + "</li>").reduce("", String::concat) + "</ul>"));
  }

  public void api(Context ctx) {
    Http.allowQuery(ctx, "f");
    String doc = new String(openapi, StandardCharsets.UTF_8).replace("\"__SERVER__\"", Json.write(Http.base(ctx) + "/ogcapi"));
    ctx.contentType("application/vnd.oai.openapi+json;version=3.0; charset=utf-8").result(doc);
  }

  public void collections(Context ctx) {
    String f = format(ctx, Set.of("f"));
    Principal who = Principal.orNull(ctx);
    List<Map<String, Object>> cols = new ArrayList<>();
    for (OgcCollection c : OgcCollection.ALL.values()) {
      if (who == null && !isPublic(c.id())) continue;
      cols.add(describe(ctx, c));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("links", List.of(link(Http.base(ctx) + "/ogcapi/collections?f=json", "self", "application/json", "The collections"),
        link(Http.base(ctx) + "/ogcapi/collections?f=html", "alternate", "text/html", "The collections as HTML")));
    m.put("collections", cols);
    m.put("crs", Crs.uris());
    respond(ctx, f, m, () -> Html.page("Collections", cols.stream().map(c -> "<h2><a href=\"collections/" + Html.esc((String) c.get("id")) + "?f=html\">"
        + Html.esc((String) c.get("title")) + "</a></h2><p>" + Html.esc((String) c.get("description")) + "</p>").reduce("", String::concat)));
  }

  public void collection(Context ctx, String id) {
    String f = format(ctx, Set.of("f"));
    OgcCollection c = OgcCollection.get(id);
    Map<String, Object> m = describe(ctx, c);
    respond(ctx, f, m, () -> Html.page(c.title(), "<p>" + Html.esc(c.description()) + "</p>" + Html.links(castLinks(m.get("links")))));
  }

  private Map<String, Object> describe(Context ctx, OgcCollection c) {
    String base = Http.base(ctx) + "/ogcapi/collections/" + c.id();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("title", c.title());
    m.put("description", c.description());
    m.put("itemType", "feature");
    Map<String, Object> extent = new LinkedHashMap<>();
    double[] e = dataExtent(c);
    extent.put("spatial", Map.of("bbox", List.of(List.of(e[0], e[1], e[2], e[3])), "crs", Crs.CRS84));
    if (c.temporal()) extent.put("temporal", Map.of("interval", List.of(java.util.Arrays.asList("2000-01-01T00:00:00Z", null)),
        "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
    m.put("extent", extent);
    m.put("crs", Crs.uris());
    m.put("storageCrs", "http://www.opengis.net/def/crs/EPSG/0/4490");
    m.put("links", List.of(
        link(base + "?f=json", "self", "application/json", c.title()),
        link(base + "/items?f=json", "items", "application/geo+json", "Items"),
        link(base + "/items?f=html", "items", "text/html", "Items as HTML"),
        link(base + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "Queryables"),
        link(base + "/schema", "describedby", "application/schema+json", "Schema of the features"),
        link(base + "/schema", "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json", "Schema of the features")));
    return m;
  }

  /** The extent of the collection's data (the planner's estimate), or the province's box while there is none. */
  private double[] dataExtent(OgcCollection c) {
    double[] e = store.estimatedExtent(c.id());
    return e == null ? new double[] {region.minLon(), region.minLat(), region.maxLon(), region.maxLat()} : e;
  }

  /** The geometry and each property of the collection with its JSON Schema (type, bounds, title and description). */
  private Map<String, Object> typedProperties(OgcCollection c, Map<String, Object> geometry) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("geometry", geometry);
    props.putAll(c.fields().schema(c.fields().all(), catalog, c.editable()));
    return props;
  }

  /** GET /ogcapi/collections/{id}/schema: the features' properties and their types, as JSON Schema (Part 5 draft). */
  public void schema(Context ctx, String id) {
    Http.allowQuery(ctx);
    OgcCollection c = OgcCollection.get(id);
    Map<String, Object> props = typedProperties(c, Map.of("format", "geometry-any", "x-ogc-role", "primary-geometry"));
    if (c.editable() && !props.containsKey("version")) props.put("version", Map.of("type", "integer", "readOnly", true, "description", "The version, also sent as the ETag"));
    ctx.contentType("application/schema+json; charset=utf-8").result(Json.write(jsonSchema(ctx, c, "schema", props)));
  }

  /** A JSON Schema 2020-12 document of the collection, at {@code /collections/{id}/{name}}. */
  private static Map<String, Object> jsonSchema(Context ctx, OgcCollection c, String name, Map<String, Object> props) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    m.put("$id", Http.base(ctx) + "/ogcapi/collections/" + c.id() + "/" + name);
    m.put("type", "object");
    m.put("title", c.title());
    m.put("properties", props);
    return m;
  }

  /** GET /ogcapi/collections/{id}/queryables: the properties a filter may use, as JSON Schema. */
  public void queryables(Context ctx, String id) {
    String f = format(ctx, Set.of("f"));
    OgcCollection c = OgcCollection.get(id);
    Map<String, Object> props = typedProperties(c, Map.of("format", "geometry-any", "title", "Outline"));
    Map<String, Object> m = jsonSchema(ctx, c, "queryables", props);
    m.put("additionalProperties", false);
    if (!f.equals("html")) {
      ctx.contentType("application/schema+json; charset=utf-8").result(Json.write(m));
      return;
    }
    respond(ctx, f, m, () -> Html.page(c.title() + " — queryables", "<ul>" + props.keySet().stream().map(k -> "<li>" + Html.esc(k) + "</li>").reduce("", String::concat) + "</ul>"));
  }

  // ------------------------------------------------------------------ items

  private static final Set<String> ITEMS_PARAMS = Set.of("f", "bbox", "bbox-crs", "crs", "limit", "cursor", "before", "properties",
      "filter", "filter-lang", "filter-crs", "sortby", "datetime");
  /** The parameters an items page takes, per collection: the common ones and its queryables (Part 3). */
  private static final Map<String, Set<String>> ITEMS_PARAMS_OF = OgcCollection.ALL.values().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
      OgcCollection::id, c -> union(ITEMS_PARAMS, c.properties().keySet().toArray(new String[0]))));
  private static final byte[] PAGE_HEAD = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8);

  public void items(Context ctx, String id) throws IOException {
    OgcCollection c = OgcCollection.get(id);
    String f = format(ctx, ITEMS_PARAMS_OF.get(id));
    Crs crs = Crs.of(ctx.queryParam("crs"), "crs");
    int limit = ctx.queryParam("limit") == null ? DEFAULT_LIMIT : Http.intParam(ctx, "limit", 1, MAX_LIMIT);
    List<OgcQuery.Sort> sort = ItemsRequest.sortby(ctx, c);
    String[] cursor = ItemsRequest.token(ctx, "cursor", sort), before = ItemsRequest.token(ctx, "before", sort);
    if (cursor != null && before != null) throw ApiError.badRequest("BAD_PARAMETER", "Give cursor or before, not both.");
    List<String> props = ItemsRequest.properties(ctx, c);
    OgcQuery q = ItemsRequest.query(ctx, c, store);
    ctx.header("Content-Crs", "<" + crs.uri() + ">");
    boolean html = f.equals("html");
    List<String> collected = html ? new ArrayList<>() : null;
    if (!html) ctx.contentType("application/geo+json; charset=utf-8");
    // One pooled buffer for the whole page: the features go out in few large writes instead of two small ones each.
    ResponseBuffer out = html ? null : new ResponseBuffer(ctx.outputStream());
    String reader = ReadVersions.readerOf(ctx, c);
    try {
      // Features are written as the database produces them; the numbers and links follow once the page is read.
      Db.Work<Page> read = conn -> {
        long total = -1, written = 0;
        boolean more = false;
        String firstId = null, firstSv = null, lastId = null, lastSv = null;
        try (PreparedStatement ps = q.page(conn, crs, props, sort, cursor, before, limit); ResultSet rs = ps.executeQuery()) {
          if (out != null) out.write(PAGE_HEAD);
          boolean firstRow = true;
          while (rs.next()) {
            total = rs.getLong(4);
            if (firstRow && before != null && rs.getLong(5) > limit) {
              more = true;
              firstRow = false;
              continue;
            }
            firstRow = false;
            if (before == null && written == limit) {
              more = true;
              break;
            }
            // The feature's text as the driver received it (UTF-8 bytes): no decode and re-encode on the way out.
            byte[] feature = rs.getBytes(1);
            lastId = rs.getString(2);
            reads.remember(reader, c, rs.getLong(2), rs.getInt(6));
            lastSv = sort == null ? null : rs.getString(3);
            if (firstId == null) {
              firstId = lastId;
              firstSv = lastSv;
            }
            if (out != null) {
              if (written > 0) out.write(',');
              out.write(feature);
            } else {
              collected.add(new String(feature, StandardCharsets.UTF_8));
            }
            written++;
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        if (total < 0) {
          try (PreparedStatement ps = q.count(conn); ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
        return new Page(total, written, more, firstId == null ? null : ItemsRequest.cursorOf(firstId, firstSv, sort),
            lastId == null ? null : ItemsRequest.cursorOf(lastId, lastSv, sort));
      };
      String user = Principal.orNull(ctx) == null ? null : Principal.orNull(ctx).username();
      Page page = limit + 1 <= OgcQuery.ROWS_PER_FETCH ? standbys.readBounded(user, read) : standbys.read(user, read);
      List<Map<String, String>> links = pageLinks(ctx, c, f, cursor, before, page);
      if (html) {
        ctx.contentType("text/html; charset=utf-8").result(Html.page(c.title(), Html.itemsTable(collected, page.matched()) + Html.links(links)));
        return;
      }
      Map<String, Object> tail = new LinkedHashMap<>();
      tail.put("numberMatched", page.matched());
      tail.put("numberReturned", page.returned());
      tail.put("timeStamp", Instant.now().toString());
      tail.put("links", links);
      String t = Json.write(tail);
      out.write(("]," + t.substring(1)).getBytes(StandardCharsets.UTF_8));
      out.close();
    } finally {
      if (out != null) out.release();
    }
  }

  /** What a page read: the count, the rows written, whether more lie beyond, and the cursors of its first and last rows. */
  private record Page(long matched, long returned, boolean more, String firstCursor, String lastCursor) {}

  /** self, alternate, next/prev (keeping every filter parameter) and collection links of an items page. */
  private static List<Map<String, String>> pageLinks(Context ctx, OgcCollection c, String f, String[] cursor, String[] before, Page page) {
    String base = Http.base(ctx) + "/ogcapi/collections/" + c.id() + "/items";
    String keep = ItemsRequest.keptQuery(ctx);
    String here = ctx.queryParam("cursor") != null ? "&cursor=" + ItemsRequest.enc(ctx.queryParam("cursor"))
        : ctx.queryParam("before") != null ? "&before=" + ItemsRequest.enc(ctx.queryParam("before")) : "";
    List<Map<String, String>> links = new ArrayList<>();
    links.add(link(base + "?" + keep + "f=json" + here, "self", "application/geo+json", "This page"));
    links.add(link(base + "?" + keep + "f=html" + here, "alternate", "text/html", "This page as HTML"));
    long returned = page.returned();
    boolean hasNext = before != null ? returned > 0 : page.more();
    boolean hasPrev = before != null ? page.more() : cursor != null && returned > 0;
    if (hasNext && returned > 0) links.add(link(base + "?" + keep + "f=" + f + "&cursor=" + ItemsRequest.enc(page.lastCursor()), "next", mediaType(f), "Next page"));
    if (hasPrev && returned > 0) links.add(link(base + "?" + keep + "f=" + f + "&before=" + ItemsRequest.enc(page.firstCursor()), "prev", mediaType(f), "Previous page"));
    links.add(link(Http.base(ctx) + "/ogcapi/collections/" + c.id(), "collection", "application/json", c.title()));
    return links;
  }

  private static Set<String> union(Set<String> a, String... more) {
    Set<String> s = new java.util.HashSet<>(a);
    s.addAll(List.of(more));
    return Set.copyOf(s);
  }

  public void item(Context ctx, String id) {
    OgcCollection c = OgcCollection.get(id);
    Set<String> allowed = new java.util.HashSet<>(Set.of("f", "crs", "datetime"));
    String f = format(ctx, allowed);
    Crs crs = Crs.of(ctx.queryParam("crs"), "crs");
    long fid = featureId(ctx);
    OgcQuery q = ItemsRequest.query(ctx, c, store);
    String[] row = standbys.read(Principal.orNull(ctx) == null ? null : Principal.orNull(ctx).username(), conn -> {
      try (PreparedStatement ps = q.one(conn, crs, fid); ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        java.sql.Timestamp changed = rs.getTimestamp(3);
        return new String[] {rs.getString(1), rs.getString(2), changed == null ? null
            : java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(changed.toInstant().atZone(java.time.ZoneOffset.UTC))};
      }
    });
    if (row == null) throw ApiError.notFound("No feature " + fid + " in " + c.id() + ".");
    ctx.header("Content-Crs", "<" + crs.uri() + ">");
    if (c.editable()) ctx.header("ETag", "\"" + etagKind(id) + "-" + fid + "-v" + row[1] + "\"");
    reads.remember(ReadVersions.readerOf(ctx, c), c, fid, Integer.parseInt(row[1]));
    if (row[2] != null) ctx.header("Last-Modified", row[2]);
    ctx.header("Cache-Control", isPublic(id) ? "public, max-age=60" : "private, no-cache");
    if (f.equals("html")) {
      ctx.contentType("text/html; charset=utf-8").result(Html.page(c.title() + " " + fid, Html.itemsTable(List.of(row[0]), 1)));
      return;
    }
    ObjectNode n;
    try {
      n = (ObjectNode) Json.MAPPER.readTree(row[0]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String self = Http.base(ctx) + "/ogcapi/collections/" + c.id() + "/items/" + fid;
    n.set("links", Json.MAPPER.valueToTree(List.of(link(self + "?f=json", "self", "application/geo+json", "This feature"),
        link(self + "?f=html", "alternate", "text/html", "This feature as HTML"),
        link(Http.base(ctx) + "/ogcapi/collections/" + c.id(), "collection", "application/json", c.title()))));
    ctx.contentType("application/geo+json; charset=utf-8").result(n.toString());
  }

  /** The ETag prefix of an editable collection's features (the same as the app's own API). */
  static String etagKind(String collection) {
    return collection.equals("parcels") ? "parcel" : "tag";
  }

  // ------------------------------------------------------------------ helpers

  static long featureId(Context ctx) {
    try {
      long v = Long.parseLong(ctx.pathParam("featureId"));
      if (v <= 0) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.notFound("No feature '" + Json.clip(ctx.pathParam("featureId")) + "'.");
    }
  }

  /** Refuses unknown parameters; returns json or html from f= or the Accept header. */
  static String format(Context ctx, Set<String> allowed) {
    Http.allowQuery(ctx, allowed);
    String f = ctx.queryParam("f");
    if (f != null) {
      if (!f.equals("json") && !f.equals("html")) throw ApiError.badRequest("BAD_FORMAT", "f is json or html.", Map.of("parameter", "f"));
      return f;
    }
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html") && !accept.contains("json") ? "html" : "json";
  }

  private static String mediaType(String f) {
    return f.equals("html") ? "text/html" : "application/geo+json";
  }

  private static void respond(Context ctx, String f, Object json, java.util.function.Supplier<String> html) {
    if (f.equals("html")) ctx.contentType("text/html; charset=utf-8").result(html.get());
    else ctx.json(json);
  }

  static Map<String, String> link(String href, String rel, String type, String title) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("href", href);
    m.put("rel", rel);
    m.put("type", type);
    m.put("title", title);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> castLinks(Object o) {
    return (List<Map<String, String>>) o;
  }

}
