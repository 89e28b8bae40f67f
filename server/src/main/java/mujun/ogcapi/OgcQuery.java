package mujun.ogcapi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mujun.auth.Principal;

/**
 * Builds the SQL of an items request from allow-listed pieces: the collection's source and expressions, the chosen
 * properties and sort keys (names checked against the collection), and bound values for everything from the request.
 */
final class OgcQuery {
  final OgcCollection col;
  final List<String> where = new ArrayList<>();
  final List<Object> params = new ArrayList<>();
  private Instant asOf;
  /** Whether a bbox restricts the rows: the page is then read through the spatial index (see {@link #pageSql}). */
  private boolean spatial;
  private final List<Object> sourceParams = new ArrayList<>();

  OgcQuery(OgcCollection col) {
    this.col = col;
  }

  /** The register as of an instant (collections with history only). */
  OgcQuery asOf(Instant t) {
    this.asOf = t;
    return this;
  }

  String source() {
    if (asOf != null && col.asOfSource() != null) {
      return mujun.parcel.ParcelRepository.asOfSource();
    }
    return col.source();
  }

  /** Scope: rows of the caller's clusters (collections that have a scope); no filter for a province-wide reader. */
  OgcQuery scope(Principal who) {
    if (col.scoped() && !who.readsProvince()) {
      where.add(col.scope() + " = ANY(?)");
      params.add(who.readableClusters());
    }
    return this;
  }

  private static final java.util.Map<String, String> BBOX_SQL = new java.util.concurrent.ConcurrentHashMap<>();

  /** A bbox (already in lon/lat, EPSG:4490); a bbox crossing the antimeridian (minLon > maxLon) is two boxes. */
  OgcQuery bbox(double minLon, double minLat, double maxLon, double maxLat) {
    spatial = true;
    if (minLon > maxLon) {
      where.add("(" + String.format(col.bbox(), "ST_MakeEnvelope(?, ?, 180, ?, 4490)") + " OR "
          + String.format(col.bbox(), "ST_MakeEnvelope(-180, ?, ?, ?, 4490)") + ")");
      params.addAll(List.of(minLon, minLat, maxLat, minLat, maxLon, maxLat));
    } else {
      where.add(BBOX_SQL.computeIfAbsent(col.bbox(), b -> String.format(b, "ST_MakeEnvelope(?, ?, ?, ?, 4490)")));
      params.addAll(List.of(minLon, minLat, maxLon, maxLat));
    }
    return this;
  }

  OgcQuery where(String clause, Object... values) {
    where.add(clause);
    params.addAll(List.of(values));
    return this;
  }

  private String whereSql() {
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  /** The count of matching rows. */
  PreparedStatement count(Connection c) throws SQLException {
    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + source() + " t" + whereSql());
    bind(ps, c, params);
    return ps;
  }

  /** A sort key from sortby: an allow-listed expression (NULLs as the lowest value), its SQL type, and the direction. */
  record Sort(String expr, String type, boolean desc) {
    static Sort of(String[] def, boolean desc) {
      String e = switch (def[1]) {
        case "number", "integer" -> "COALESCE((" + def[0] + ")::float8, '-Infinity'::float8)";
        case "date" -> "COALESCE(" + def[0] + ", '-infinity'::date)";
        default -> "COALESCE((" + def[0] + ")::text, '')";
      };
      String t = switch (def[1]) {
        case "number", "integer" -> "float8";
        case "date" -> "date";
        default -> "text";
      };
      return new Sort(e, t, desc);
    }
  }

  /**
   * One page in keyset order: by id, or by the sort keys then id (the id follows the first key's direction). {@code after}
   * / {@code before} are the cursor of the last / first row seen: {id}, or {sort values…, id}. Columns: feature JSON, id,
   * the sort values as a JSON array (text), total (first pages), page_rows (previous pages).
   */
  PreparedStatement page(Connection c, Crs crs, List<String> propertyNames, List<Sort> sorts, String[] after, String[] before, int limit)
      throws SQLException {
    List<Object> p = new ArrayList<>(params);
    boolean backwards = before != null;
    String[] cur = after != null ? after : before;
    List<Sort> keys = sorts == null ? List.of() : sorts;
    if (cur != null) {
      // The values of the cursor condition, in the order of their '?' in pageSql's text.
      for (int i = 0; i <= keys.size(); i++) {
        for (int j = 0; j < i; j++) p.add(cur[j]);
        p.add(i < keys.size() ? cur[i] : (Object) Long.parseLong(cur[keys.size()]));
      }
    }
    p.add(limit + 1);
    PageShape shape = new PageShape(col.id(), source(), List.copyOf(where), spatial, crs, List.copyOf(propertyNames), keys, cur == null ? 0 : backwards ? -1 : 1);
    String sql = PAGE_SQL.get(shape, this::pageSql);
    PreparedStatement ps = c.prepareStatement(sql);
    bind(ps, c, p);
    ps.setFetchSize(ROWS_PER_FETCH);
    return ps;
  }

  /**
   * What decides a page's SQL text (its values are all bound): the same shape gives the same String instance, so the
   * driver finds its prepared statement without re-hashing kilobytes of SQL, and nothing is rebuilt per request.
   * {@code direction}: 0 first page, 1 after a cursor, -1 before one.
   */
  private record PageShape(String collection, String source, List<String> where, boolean spatial, Crs crs, List<String> props, List<Sort> keys,
                           int direction) {}

  /**
   * Rows the driver holds at once. A page of up to this many rows (limit + 1) comes in one round trip without a
   * transaction; a larger one streams through a cursor in batches of this size.
   */
  static final int ROWS_PER_FETCH = 1001;

  private static final com.github.benmanes.caffeine.cache.Cache<PageShape, String> PAGE_SQL =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(500).build();

  /** The SQL of a first page with no sort keys, as {@link #page} prepares it. */
  String firstPageSql(Crs crs, List<String> props) {
    return pageSql(new PageShape(col.id(), source(), List.copyOf(where), spatial, crs, props, List.of(), 0));
  }

  private String pageSql(PageShape shape) {
    List<String> w = new ArrayList<>(shape.where());
    List<Sort> keys = shape.keys();
    boolean backwards = shape.direction() < 0;
    boolean idDesc = !keys.isEmpty() && keys.get(0).desc();
    if (shape.direction() != 0) {
      // Lexicographic "comes after the cursor" (or before it, for a previous page), key by key in each key's direction.
      List<String> ors = new ArrayList<>();
      for (int i = 0; i <= keys.size(); i++) {
        List<String> ands = new ArrayList<>();
        for (int j = 0; j < i; j++) ands.add(keys.get(j).expr() + " = ?::" + keys.get(j).type());
        boolean desc = i < keys.size() ? keys.get(i).desc() : idDesc;
        boolean greater = desc == backwards;
        if (i < keys.size()) ands.add(keys.get(i).expr() + (greater ? " > " : " < ") + "?::" + keys.get(i).type());
        else ands.add("t.id " + (greater ? ">" : "<") + " ?");
        ors.add("(" + String.join(" AND ", ands) + ")");
      }
      w.add("(" + String.join(" OR ", ors) + ")");
    }
    // On a first page the total comes with the rows (a window count runs before LIMIT): one round trip instead of two.
    boolean first = shape.direction() == 0;
    List<String> order = new ArrayList<>(), outer = new ArrayList<>(), sk = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Sort k = keys.get(i);
      order.add(k.expr() + ((k.desc() != backwards) ? " DESC" : ""));
      outer.add("sk" + i + (k.desc() ? " DESC" : ""));
      sk.add(k.expr() + " AS sk" + i);
    }
    order.add("t.id" + ((idDesc != backwards) ? " DESC" : ""));
    outer.add("id" + (idDesc ? " DESC" : ""));
    String sv = keys.isEmpty() ? "NULL" : "json_build_array(" + String.join(", ", keys.stream().map(k -> k.expr() + "::text").toList()) + ")::text";
    // The version of each feature of an editable collection comes along (what a desktop client read; see OgcController).
    String ver = col.editable() ? "t.version" : "NULL::int";
    // With a bbox, the matching rows are read first (OFFSET 0 keeps that subquery as it is), then ordered and cut: else the
    // planner, not costing that the window count must read every matching row, walks the primary key over the whole
    // table looking for the first few rows of the box (hundreds of ms for a box of a few thousand parcels).
    String where = w.isEmpty() ? "" : " WHERE " + String.join(" AND ", w);
    String from = shape.spatial() ? "(SELECT * FROM " + shape.source() + " t" + where + " OFFSET 0) t" : shape.source() + " t" + where;
    // The page's rows are chosen (and counted) first, and only they are written as features. Where the source has no
    // parameters of its own, the choice carries only ids and sort keys (the count and the sort then move narrow rows:
    // half the cost on a box of thousands) and the page's rows are read again by id.
    String total = (first ? "count(*) OVER ()" : "-1") + " AS mujun_total";
    String rows = shape.source().contains("?")
        ? "SELECT t.*, " + total + " FROM " + from + " ORDER BY " + String.join(", ", order) + " LIMIT ?"
        : "SELECT t.*, k.mujun_total FROM (SELECT t.id, " + total + (sk.isEmpty() ? "" : ", " + String.join(", ", sk)) + " FROM " + from
            + " ORDER BY " + String.join(", ", order) + " LIMIT ?) k JOIN " + shape.source() + " t ON t.id = k.id";
    String inner = "SELECT " + feature(shape.crs(), shape.props()) + " AS f, t.id, " + sv + " AS sv, " + ver + " AS ver, t.mujun_total AS total"
        + (sk.isEmpty() ? "" : ", " + String.join(", ", sk)) + " FROM (" + rows + ") t ORDER BY " + String.join(", ", order);
    // A previous page is read backwards from its cursor, then put back in display order; page_rows tells whether the
    // first row is the one-too-many that only says another page lies before.
    return backwards
        ? "SELECT f, id, sv, total, count(*) OVER () AS page_rows, ver FROM (" + inner + ") s ORDER BY " + String.join(", ", outer)
        : "SELECT f, id, sv, total, NULL::bigint AS page_rows, ver FROM (" + inner + ") s";
  }

  /** One feature by id. */
  PreparedStatement one(Connection c, Crs crs, long id) throws SQLException {
    List<String> w = new ArrayList<>(where);
    List<Object> p = new ArrayList<>(params);
    w.add("t.id = ?");
    p.add(id);
    boolean versioned = col.properties().containsKey("version");
    PreparedStatement ps = c.prepareStatement("SELECT " + feature(crs, new ArrayList<>(col.properties().keySet())) + ", "
        + (versioned ? "t.version, t.valid_from" : "0, NULL::timestamptz") + " FROM " + source() + " t WHERE " + String.join(" AND ", w));
    bind(ps, c, p);
    return ps;
  }

  String feature(Crs crs, List<String> names) {
    StringBuilder props = new StringBuilder("json_build_object(");
    for (int i = 0; i < names.size(); i++) {
      String[] def = col.properties().get(names.get(i));
      if (def == null) throw new IllegalArgumentException("not a property of " + col.id() + ": " + names.get(i));
      if (i > 0) props.append(", ");
      props.append('\'').append(names.get(i)).append("', ").append(def[0]);
    }
    props.append(')');
    // An enterprise's land is a union of parcels, whose shared edges rounding could make cross: written snapped and valid.
    String geometry = col.id().equals("enterprises") ? crs.validGeoJson(col.geom()) : crs.geoJson(col.geom());
    return "json_build_object('type', 'Feature', 'id', t.id, 'geometry', " + geometry + ", 'properties', " + props + ")::text";
  }

  private void bind(PreparedStatement ps, Connection c, List<Object> values) throws SQLException {
    int i = 1;
    if (asOf != null && col.asOfSource() != null) i = mujun.parcel.ParcelRepository.bindAsOf(ps, i, asOf);
    for (Object v : values) {
      if (v instanceof Integer[] arr) ps.setArray(i++, c.createArrayOf("integer", arr));
      else if (v instanceof Instant t) ps.setTimestamp(i++, Timestamp.from(t));
      else ps.setObject(i++, v);
    }
  }
}
