package mujun.parcel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads and writes the parcel register. Scope is bound into every query as the array of cluster ids the caller
 * reaches; writes go through the database triggers that validate, compute areas and write history.
 *
 * <p>Over 400 lines: the one owner of table {@code parcel} (create, edit, split, merge, retire, history, and the
 * steps of standard land that reach the register); its SQL is in {@link ParcelSql}, its fields in {@link ParcelFields}.
 */
public final class ParcelRepository {
  public static final int MAX_LIST = 10_000;
  private final Db db;

  public ParcelRepository(Db db) {
    this.db = db;
  }

  /** The register as of a moment, as a subquery of parcel columns (two bound timestamps); for other readers such as the OGC API. */
  /** The day the register's history begins (its first entry, Beijing time; the as-of map has nothing before), or null. */
  public static java.util.function.Supplier<String> registerSince(Db db) {
    // Once the register has a version its first day never changes (versions are never removed): read until then.
    java.util.concurrent.atomic.AtomicReference<String> since = new java.util.concurrent.atomic.AtomicReference<>();
    return () -> {
      String s = since.get();
      if (s != null) return s;
      s = db.readBounded(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement(ParcelSql.REGISTER_SINCE); java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      });
      since.compareAndSet(null, s);
      return s;
    };
  }

  public static String asOfSource() {
    return ParcelSql.AS_OF;
  }

  /** Binds the moment of {@link #asOfSource} from parameter {@code i} on; returns the next parameter's index. */
  public static int bindAsOf(PreparedStatement ps, int i, Instant asOf) throws java.sql.SQLException {
    for (int k = 0; k < ParcelSql.AS_OF_PARAMETERS; k++) ps.setTimestamp(i++, Timestamp.from(asOf));
    return i;
  }

  /** A bbox in EPSG:4490 (lon/lat). */
  public record BBox(double minLon, double minLat, double maxLon, double maxLat) {}

  /** Streams a GeoJSON FeatureCollection of parcels in {@code bbox}, as written by PostGIS, to {@code out}. */
  public void streamList(Principal who, BBox bbox, Integer clusterId, Instant asOf, int limit, OutputStream out) {
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.list(asOf != null))) {
        int i = 1;
        if (asOf != null) i = bindAsOf(ps, i, asOf);
        // A province-wide reader needs no cluster filter (NULL): the planner drops it.
        java.sql.Array scope = who.readsProvince() ? null : c.createArrayOf("integer", who.readableClusters());
        ps.setArray(i++, scope);
        ps.setArray(i++, scope);
        ps.setDouble(i++, bbox.minLon());
        ps.setDouble(i++, bbox.minLat());
        ps.setDouble(i++, bbox.maxLon());
        ps.setDouble(i++, bbox.maxLat());
        ps.setObject(i++, clusterId, java.sql.Types.INTEGER);
        ps.setObject(i++, clusterId, java.sql.Types.INTEGER);
        ps.setInt(i, limit);
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          mujun.http.FeatureStream.write(rs, out);
        }
      }
      return null;
    });
  }

  /** Streams the register (scope, optional cluster and moment) as a GeoJSON FeatureCollection of flat properties; returns the count. */
  public long streamExport(Principal who, Integer clusterId, Instant asOf, OutputStream out) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.export(asOf != null))) {
        int i = 1;
        if (asOf != null) i = bindAsOf(ps, i, asOf);
        ps.setArray(i++, c.createArrayOf("integer", who.readableClusters()));
        ps.setObject(i++, clusterId, java.sql.Types.INTEGER);
        ps.setObject(i, clusterId, java.sql.Types.INTEGER);
        ps.setFetchSize(1000);
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          out.write("{\"type\":\"FeatureCollection\",\"features\":[\n".getBytes(StandardCharsets.UTF_8));
          while (rs.next()) {
            if (n++ > 0) out.write(",\n".getBytes(StandardCharsets.UTF_8));
            out.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
          }
          out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return n;
      }
    });
  }

  /** A parcel as a GeoJSON Feature with all properties, and its version. */
  public record Found(String featureJson, int version) {}

  public Optional<Found> one(Principal who, long id, Instant asOf) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.one(asOf != null))) {
        int i = 1;
        if (asOf != null) i = bindAsOf(ps, i, asOf);
        ps.setLong(i++, id);
        ps.setArray(i, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Found(rs.getString(1), rs.getInt(2))) : Optional.empty();
        }
      }
    });
  }

  /** The parcel's versions, newest first, as a JSON array, with the ids of parcels it was split or merged into. */
  public Optional<String> history(Principal who, long id) {
    return db.read(c -> {
      StringBuilder sb = new StringBuilder("{\"versions\":[");
      int n = 0;
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.HISTORY)) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (n++ > 0) sb.append(',');
            sb.append(rs.getString(1));
          }
        }
      }
      if (n == 0) return Optional.empty();
      sb.append("],\"successors\":[");
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.SUCCESSORS)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          int k = 0;
          while (rs.next()) {
            if (k++ > 0) sb.append(',');
            sb.append("{\"id\":").append(rs.getLong(1)).append(",\"code\":\"").append(rs.getString(2))
                .append("\",\"status\":\"").append(rs.getString(3)).append("\"}");
          }
        }
      }
      return Optional.of(sb.append("]}").toString());
    });
  }

  /** The SQL text of a page of the map's list (current register): parameters scope (twice), bbox (4), cluster (twice), limit. */
  public static String listStatement() {
    return ParcelSql.list(false);
  }

  /**
   * Makes the parcel of a transferred standard-land plot, in the offering's transaction {@code c} (the register owns the
   * parcel table: standard land writes it only through here). Returns the new parcel's id.
   */
  public static long fromOffering(Connection c, String code, long offeringId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.FROM_OFFERING)) {
      ps.setString(1, code);
      ps.setLong(2, offeringId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The parcels of an offering take what its lifecycle step {@code step} settles (rights, price, dates), in its transaction. */
  public static void followOffering(Connection c, long offeringId, String step) throws SQLException {
    String sql = ParcelSql.FOLLOW_OFFERING.get(step);
    if (sql == null) return;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, offeringId);
      ps.executeUpdate();
    }
  }

  /** A saved parcel, and what was repaired in its outline when a repair was asked for (null when nothing). */
  public record Saved(long id, String repaired) {}

  /** Creates a parcel; derives its cluster from the geometry when none is given. */
  public Saved create(Principal who, ParcelInput in) {
    return db.inTransaction(who.change(in.reason), c -> {
      byte[] wkb = GeoJsonInput.ewkb(in.geometry);
      String repaired = in.repair ? invalidity(c, wkb) : null;
      Map<String, Object> v = new java.util.LinkedHashMap<>(in.values);
      if (v.get("cluster_id") == null) v.put("cluster_id", clusterOf(c, wkb));
      requireEditable(who, ((Number) v.get("cluster_id")).intValue());
      List<String> cols = new ArrayList<>(v.keySet());
      StringBuilder sql = new StringBuilder("INSERT INTO parcel (");
      for (String col : cols) sql.append(column(col)).append(", ");
      sql.append("geom) VALUES (");
      for (String col : cols) sql.append("?::").append(ParcelFields.FIELDS.writable(col).type().sql()).append(", ");
      sql.append(ParcelSql.geometry(in.repair)).append(") RETURNING id");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (String col : cols) bind(ps, i++, v.get(col));
        ps.setBytes(i, wkb);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Saved(rs.getLong(1), repaired);
        }
      }
    });
  }

  /** Updates the fields present in {@code in} if the parcel is still at {@code expectedVersion}; returns the new version. */
  public Saved update(Principal who, long id, int expectedVersion, ParcelInput in) {
    return db.inTransaction(who.change(in.reason), c -> {
      lockCurrent(c, who, id, expectedVersion);
      String repaired = in.repair && in.geometry != null ? invalidity(c, GeoJsonInput.ewkb(in.geometry)) : null;
      List<String> cols = new ArrayList<>(in.values.keySet());
      if (cols.isEmpty() && in.geometry == null) throw ApiError.badRequest("NOTHING_TO_CHANGE", "The request changes no field.");
      StringBuilder sql = new StringBuilder("UPDATE parcel SET ");
      List<String> sets = new ArrayList<>();
      for (String col : cols) sets.add(column(col) + " = ?::" + ParcelFields.FIELDS.writable(col).type().sql());
      if (in.geometry != null) sets.add("geom = " + ParcelSql.geometry(in.repair));
      sql.append(String.join(", ", sets)).append(" WHERE id = ? AND version = ? RETURNING version, cluster_id");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (String col : cols) bind(ps, i++, in.values.get(col));
        if (in.geometry != null) ps.setBytes(i++, GeoJsonInput.ewkb(in.geometry));
        ps.setLong(i++, id);
        ps.setInt(i, expectedVersion);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          requireEditable(who, rs.getInt(2));
          return new Saved(id, repaired);
        }
      }
    });
  }

  /** Retires a parcel (never deletes it); its history stays readable. */
  public void retire(Principal who, long id, int expectedVersion, String reason) {
    db.inTransaction(who.change(reason), c -> {
      lockCurrent(c, who, id, expectedVersion);
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.RETIRE)) {
        ps.setLong(1, id);
        ps.setInt(2, expectedVersion);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Splits a parcel along a line into two or more parcels that inherit its attributes; retires the original. */
  public List<Long> split(Principal who, long id, int expectedVersion, Geometry line, List<String> codes, String reason) {
    return db.inTransaction(who.change(reason, "split"), c -> {
      String parentCode = lockCurrent(c, who, id, expectedVersion);
      List<byte[]> pieces = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.SPLIT_PIECES)) {
        ps.setBytes(1, GeoJsonInput.ewkb(line));
        ps.setLong(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) pieces.add(rs.getBytes(1));
        }
      }
      if (pieces.size() < 2) {
        throw ApiError.unprocessable("SPLIT_LINE_DOES_NOT_CROSS",
            "The line does not cut the parcel into pieces: draw it from outside the outline, across, to outside again.", Map.of("pieces", pieces.size()));
      }
      if (codes != null && !codes.isEmpty() && codes.size() != pieces.size()) {
        throw ApiError.unprocessable("SPLIT_CODES", "The line makes " + pieces.size() + " pieces but " + codes.size() + " codes were given.", Map.of("pieces", pieces.size()));
      }
      retireLocked(c, id, expectedVersion);
      List<Long> ids = new ArrayList<>();
      for (int k = 0; k < pieces.size(); k++) {
        String code = codes != null && !codes.isEmpty() ? codes.get(k) : nextCode(c, parentCode);
        ids.add(copyFrom(c, id, code, pieces.get(k), "split", new Long[] {id}));
      }
      return ids;
    });
  }

  /** One part of a merge: a parcel id and the version the client saw. */
  public record Part(long id, int version) {}

  /** Merges adjacent parcels of one cluster into one; the first part gives the attributes (and, by default, the code). */
  public long merge(Principal who, List<Part> parts, String code, String reason) {
    return merge(who, parts, parts.get(0).id(), code, reason);
  }

  /**
   * Merges neighbouring parcels into one; the new parcel takes the attributes (holder, land use, dates, …) and, unless
   * {@code code} is given, the 宗地代码 of part {@code keep} — the one the user chose — and the others' attributes stay in
   * their retired versions' history.
   */
  public long merge(Principal who, List<Part> parts, long keep, String code, String reason) {
    if (parts.stream().noneMatch(p -> p.id() == keep)) {
      throw ApiError.unprocessable("VALIDATION_FAILED", "The parcel whose attributes the merged one keeps must be one of the parts.", Map.of("field", "keep"));
    }
    return db.inTransaction(who.change(reason, "merge"), c -> {
      String keptCode = null;
      Integer cluster = null;
      for (Part p : parts) {
        String pc = lockCurrent(c, who, p.id(), p.version());
        if (p.id() == keep) keptCode = pc;
        int k = clusterIdOf(c, p.id());
        if (cluster != null && cluster != k) {
          throw ApiError.unprocessable("MERGE_CLUSTERS", "Parcels of different clusters cannot be merged.", null);
        }
        cluster = k;
      }
      byte[] union;
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.UNION)) {
        ps.setArray(1, c.createArrayOf("bigint", parts.stream().map(Part::id).toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          union = rs.getBytes(1);
          if (rs.getInt(2) != 1) {
            throw ApiError.unprocessable("MERGE_NOT_ADJACENT", "The parcels do not touch: only neighbouring parcels can be merged into one.",
                Map.of("parts", rs.getInt(2)));
          }
        }
      }
      for (Part p : parts) retireLocked(c, p.id(), p.version());
      Long[] preds = parts.stream().map(Part::id).toArray(Long[]::new);
      return copyFrom(c, keep, code == null ? keptCode : code, union, "merge", preds);
    });
  }

  // --- helpers ---

  /** Why PostGIS finds the outline invalid (reason and location), or null when it is valid. */
  private String invalidity(Connection c, byte[] wkb) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.INVALIDITY)) {
      ps.setBytes(1, wkb);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** What a client's write is checked against: the version and the read-only values as the OGC API writes them. */
  public record Current(int version, com.fasterxml.jackson.databind.node.ObjectNode readOnly) {}

  /** The parcel as the caller may see it now (any status), or empty: what a write's preconditions compare with. */
  public java.util.Optional<Current> current(Principal who, long id) {
    return db.readBounded(c -> {
      try (PreparedStatement ps = c.prepareStatement(ParcelSql.WRITE_STATE)) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? java.util.Optional.of(new Current(rs.getInt(1), (com.fasterxml.jackson.databind.node.ObjectNode) mujun.http.Json.tree(rs.getString(2)))) : java.util.Optional.<Current>empty();
        }
      }
    });
  }

  /** Locks the parcel row; 404 outside scope or unknown, 409 retired, 412 stale. Returns its code. */
  private String lockCurrent(Connection c, Principal who, long id, int expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.STATE)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !contains(who.readableClusters(), rs.getInt(3))) throw ApiError.notFound("Parcel " + id + " does not exist.");
        requireEditable(who, rs.getInt(3));
        if (rs.getString(2).equals("retired")) {
          throw new ApiError(409, "PARCEL_RETIRED", "Parcel " + rs.getString(4) + " is retired and can no longer be changed.");
        }
        int current = rs.getInt(1);
        if (current != expectedVersion) {
          throw new ApiError(412, "VERSION_CONFLICT", "Parcel " + rs.getString(4) + " was changed by someone else (now version "
              + current + ", you edited version " + expectedVersion + "). Reload it and apply your change again.",
              List.of(Map.of("currentVersion", current, "yourVersion", expectedVersion)));
        }
        return rs.getString(4);
      }
    }
  }

  private void retireLocked(Connection c, long id, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.RETIRE)) {
      ps.setLong(1, id);
      ps.setInt(2, version);
      if (ps.executeUpdate() != 1) throw new IllegalStateException("retire of a locked parcel failed");
    }
  }

  private long copyFrom(Connection c, long sourceId, String code, byte[] ewkb, String origin, Long[] preds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.COPY_ATTRIBUTES)) {
      ps.setString(1, code);
      ps.setBytes(2, ewkb);
      ps.setString(3, origin);
      ps.setArray(4, c.createArrayOf("bigint", preds));
      ps.setLong(5, sourceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String nextCode(Connection c, String parentCode) throws SQLException {
    String prefix = parentCode.substring(0, 14);
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.NEXT_CODE)) {
      ps.setString(1, prefix);
      ps.setString(2, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private int clusterIdOf(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT cluster_id FROM parcel WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int clusterOf(Connection c, byte[] wkb) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ParcelSql.CLUSTER_OF_GEOMETRY)) {
      ps.setBytes(1, wkb);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiError.unprocessable("OUTSIDE_CLUSTER", "The parcel is not inside any cluster: draw it within a cluster boundary or give clusterId.", null);
        }
        return rs.getInt(1);
      }
    }
  }

  private static void requireEditable(Principal who, int clusterId) {
    if (!contains(who.parcelEditableClusters(), clusterId)) {
      throw new ApiError(403, "OUT_OF_SCOPE", "You may not change parcels of this cluster.");
    }
  }

  private static boolean contains(Integer[] ids, int id) {
    for (Integer i : ids) if (i == id) return true;
    return false;
  }

  private static String column(String col) {
    return ParcelFields.FIELDS.writable(col).column();
  }

  private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
    if (v == null) ps.setNull(i, java.sql.Types.NULL);
    else if (v instanceof LocalDate d) ps.setDate(i, Date.valueOf(d));
    else ps.setObject(i, v);
  }
}
