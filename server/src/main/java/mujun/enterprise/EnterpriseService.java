package mujun.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.db.Sql;
import mujun.error.ApiError;
import mujun.geo.GeoJsonInput;
import mujun.schema.Field;
import mujun.schema.Fields;
import org.locationtech.jts.geom.Geometry;

/**
 * Enterprises created and edited one at a time (the app's form and the API), versioned with their history. Reads are
 * limited to the clusters the caller reads; writes to the clusters where the caller enters enterprises (admin,
 * coordinators, park managers), both for the enterprise's current cluster and the one it moves to.
 */
public final class EnterpriseService {
  static final Fields F = EnterpriseFields.FIELDS;

  private static final String RECORD = "(" + Fields.jsonObject(F.all(), "e") + "::jsonb || jsonb_build_object('id', e.id, "
      + "'location', ST_AsGeoJSON(e.location, 7)::jsonb, "
      + "'parcels', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'areaMu', round(p.area_mu::numeric, 2), "
      + "'rightType', p.right_type) ORDER BY p.code) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'), '[]'), "
      + "'heldAreaMu', (SELECT round(COALESCE(sum(p.area_mu), 0)::numeric, 2) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'), "
      + "'figureYears', COALESCE((SELECT jsonb_agg(i.year ORDER BY i.year) FROM enterprise_indicator i WHERE i.enterprise_id = e.id), '[]')))";

  private static final Named ONE = Named.of("SELECT " + RECORD + "::text FROM enterprise e JOIN cluster k ON k.id = e.cluster_id "
      + "WHERE e.id = :id AND (:all OR e.cluster_id = ANY(:scope))");

  private static final Named LIST = Named.of("WITH m AS (SELECT e.* FROM enterprise e WHERE (:all OR e.cluster_id = ANY(:scope)) "
      + "AND (:cluster::int IS NULL OR e.cluster_id = :cluster) AND (:status::text IS NULL OR e.status = :status) "
      + "AND (:size::text IS NULL OR e.size_class = :size) "
      + "AND (:q::text IS NULL OR lower(e.name) LIKE :contains ESCAPE '\\' OR e.credit_code LIKE :prefix ESCAPE '\\')) "
      + "SELECT json_build_object('numberMatched', (SELECT count(*) FROM m), 'items', COALESCE((SELECT json_agg(x) FROM ("
      + "SELECT e.id, e.credit_code AS \"creditCode\", e.name, e.industry_code AS \"industryCode\", e.size_class AS \"sizeClass\", "
      + "e.status, e.cluster_id AS \"clusterId\", k.name AS \"clusterName\", e.version "
      + "FROM m e JOIN cluster k ON k.id = e.cluster_id ORDER BY e.name, e.id LIMIT :limit OFFSET :offset) x), '[]'))::text");

  private static final Named HISTORY = Named.of("SELECT COALESCE(json_agg(json_build_object('version', h.version, 'operation', h.operation, "
      + "'changedAt', h.changed_at, 'changedBy', h.changed_by, 'reason', h.change_reason, 'record', h.row_data - 'location') ORDER BY h.version DESC), '[]')::text "
      + "FROM change_history h WHERE h.entity = :entity AND h.entity_id = :id");

  private static final Named VERSION_OF = Named.of("SELECT version::text FROM enterprise WHERE id = :id AND (:all OR cluster_id = ANY(:scope))");
  private static final Named PARCEL_POINT = Named.of("SELECT ST_AsEWKB(ST_PointOnSurface(geom)) FROM parcel WHERE code = :code AND status = 'current'");

  private final Db db;

  public EnterpriseService(Db db) {
    this.db = db;
  }

  /** The enterprise as JSON, if the caller reads its cluster. */
  public java.util.Optional<String> one(Principal who, long id) {
    return java.util.Optional.ofNullable(db.read(c -> ONE.one(c, scope(who, id))));
  }

  /** A page of enterprises in the caller's clusters, with the number matched. */
  public String list(Principal who, Integer cluster, String status, String size, String q, int limit, int offset) {
    String qq = q == null || q.isBlank() ? null : q.strip();
    return db.read(c -> LIST.one(c, Named.values("all", who.readsProvince(), "scope", who.readableClusters(), "cluster", cluster, "status", status,
        "size", size, "q", qq, "contains", qq == null ? null : "%" + Sql.likeEscape(qq.toLowerCase()) + "%",
        "prefix", qq == null ? null : Sql.likeEscape(qq.toUpperCase()) + "%", "limit", limit, "offset", offset)));
  }

  /** Every version of the enterprise, newest first. */
  public String history(Principal who, long id) {
    return db.read(c -> {
      if (VERSION_OF.one(c, scope(who, id)) == null) throw ApiError.notFound("Enterprise " + id + " does not exist.");
      return HISTORY.one(c, Named.values("entity", "enterprise", "id", String.valueOf(id)));
    });
  }

  /** Creates an enterprise; returns its record. */
  public String create(Principal who, ObjectNode body) {
    Input in = input(body, true);
    requireWritable(who, (Integer) in.values.get("cluster_id"), "clusterId");
    return db.inTransaction(who.change(reason(body, "新增企业"), "create"), c -> {
      long id = insert(c, in);
      return ONE.one(c, Named.values("id", id, "all", true, "scope", new Integer[0]));
    });
  }

  /** Changes the fields sent (If-Match: the version read); returns the new record. */
  public String update(Principal who, long id, int version, ObjectNode body) {
    Input in = input(body, false);
    Integer to = (Integer) in.values.get("cluster_id");
    if (to != null) requireWritable(who, to, "clusterId");
    return db.inTransaction(who.change(reason(body, "修改企业"), "update"), c -> {
      String current = VERSION_OF.one(c, Named.values("id", id, "all", false, "scope", who.enterpriseClusters()));
      if (current == null) throw ApiError.notFound("Enterprise " + id + " is not one of your clusters'.");
      if (Integer.parseInt(current) != version) {
        throw new ApiError(412, "VERSION_CONFLICT", "Enterprise " + id + " was changed by someone else (now version " + current + "); reload it and apply your change again.");
      }
      if (!in.values.isEmpty() || in.location != null) updateRow(c, id, version, in);
      return ONE.one(c, Named.values("id", id, "all", true, "scope", new Integer[0]));
    });
  }

  /**
   * Registers an enterprise inside the caller's transaction, with the checks of the API's create (the path of bulk
   * loaders such as the demo generator); returns its id.
   */
  public static long register(Connection c, ObjectNode body) throws SQLException {
    return insert(c, input(body, true));
  }

  /** The ETag of an enterprise's record. */
  public static String etag(String recordJson) {
    JsonNode r = mujun.http.Json.tree(recordJson);
    return "\"enterprise-" + r.path("id").asLong() + "-v" + r.path("version").asInt() + "\"";
  }

  // ---------------------------------------------------------------- checking

  /** A write's values (column → value) and its address point, checked. */
  record Input(Map<String, Object> values, Geometry location, boolean clearLocation) {}

  private static final Set<String> OTHER_KEYS = Set.of("location", "reason");

  /** The keys a write's body may have: the written fields, the address point and the reason. */
  public static final Set<String> BODY_KEYS;

  static {
    Set<String> k = new java.util.TreeSet<>(OTHER_KEYS);
    F.with(Field.Use.WRITE).forEach(f -> k.add(f.name()));
    BODY_KEYS = java.util.Collections.unmodifiableSet(k);
  }

  static Input input(ObjectNode body, boolean full) {
    mujun.http.Json.refuseNul(body);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      Field f = F.get(k);
      if ((f == null || !f.has(Field.Use.WRITE)) && !OTHER_KEYS.contains(k)) {
        problems.add(Fields.problem(mujun.http.Json.clip(k), "is not a field of an enterprise that can be written", "unknownField", Map.of()));
      }
    }
    Fields.Parsed p = F.parse(body, full);
    problems.addAll(p.problems());
    Map<String, Object> v = new LinkedHashMap<>(p.values());
    problems.addAll(rules(v, full));
    Geometry loc = null;
    boolean clear = false;
    if (body.has("location")) {
      if (body.get("location").isNull()) clear = true;
      else {
        try {
          loc = GeoJsonInput.parse(body.get("location"), "location", Set.of("Point"));
        } catch (ApiError e) {
          problems.add(Fields.problem("location", e.getMessage(), "point", Map.of()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApiError.invalid(problems);
    }
    return new Input(v, loc, clear);
  }

  /** The rules between fields (the database checks them again): merged ⇔ merged into; 规上 since only for 规上; dates in order. */
  static List<Map<String, Object>> rules(Map<String, Object> v, boolean full) {
    List<Map<String, Object>> out = new ArrayList<>();
    Object status = v.get("status"), into = v.get("merged_into");
    if ("merged".equals(status) && into == null && (full || !v.containsKey("merged_into"))) {
      out.add(Fields.problem("mergedInto", "is required when the status is merged", "mergedIntoRequired", Map.of()));
    }
    if (into != null && status != null && !"merged".equals(status)) {
      out.add(Fields.problem("mergedInto", "is only given for a merged enterprise", "mergedIntoOnlyMerged", Map.of()));
    }
    if (into != null && into.equals(v.get("credit_code"))) out.add(Fields.problem("mergedInto", "cannot be the enterprise itself", "mergedIntoSelf", Map.of()));
    if (v.get("above_since") != null && "below".equals(v.get("size_class"))) {
      out.add(Fields.problem("aboveSince", "is only given for a 规上 enterprise", "aboveSinceOnlyAbove", Map.of()));
    }
    if (v.get("above_since") instanceof Integer y && y > LocalDate.now().getYear()) {
      out.add(Fields.problem("aboveSince", "is in the future", "notFuture", Map.of()));
    }
    LocalDate founded = (LocalDate) v.get("founded_on"), started = (LocalDate) v.get("production_started_on");
    if (founded != null && founded.isAfter(LocalDate.now())) out.add(Fields.problem("foundedOn", "is in the future", "notFuture", Map.of()));
    if (started != null && founded != null && started.isBefore(founded)) {
      out.add(Fields.problem("productionStartedOn", "must not be before the founding date", "dateOrder", Map.of()));
    }
    return out;
  }

  private static void requireWritable(Principal who, Integer cluster, String field) {
    if (cluster == null) return;
    if (!java.util.Arrays.asList(who.enterpriseClusters()).contains(cluster)) {
      throw new ApiError(422, "VALIDATION_FAILED", field + " " + cluster + " is not one of your clusters.",
          List.of(Fields.problem(field, "is not one of your clusters", "notYourCluster", Map.of())));
    }
  }

  private static String reason(ObjectNode body, String fallback) {
    String r = body.path("reason").asText("").strip();
    return r.isEmpty() ? fallback : r.length() > 500 ? r.substring(0, 500) : r;
  }

  // ---------------------------------------------------------------- writing

  static long insert(Connection c, Input in) throws SQLException {
    Map<String, Object> v = new LinkedHashMap<>(in.values);
    byte[] loc = locationOf(c, in, v);
    StringBuilder cols = new StringBuilder(), vals = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : v.entrySet()) {
      Field f = F.writable(e.getKey());
      cols.append(cols.length() > 0 ? ", " : "").append(f.column());
      vals.append(vals.length() > 0 ? ", " : "").append("?::").append(f.type().castSql());
      params.add(e.getValue());
    }
    if (loc != null) {
      cols.append(", location");
      vals.append(", ST_GeomFromEWKB(?)");
      params.add(loc);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO enterprise (" + cols + ") VALUES (" + vals + ") RETURNING id")) {
      Sql.bind(c, ps, params.toArray());
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void updateRow(Connection c, long id, int version, Input in) throws SQLException {
    Map<String, Object> v = new LinkedHashMap<>(in.values);
    byte[] loc = locationOf(c, in, v);
    StringBuilder set = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : v.entrySet()) {
      Field f = F.writable(e.getKey());
      set.append(set.length() > 0 ? ", " : "").append(f.column()).append(" = ?::").append(f.type().castSql());
      params.add(e.getValue());
    }
    if (loc != null || in.clearLocation) {
      set.append(set.length() > 0 ? ", " : "").append("location = ST_GeomFromEWKB(?)");
      params.add(loc);
    }
    if (set.length() == 0) return;
    params.add(id);
    params.add(version);
    try (PreparedStatement ps = c.prepareStatement("UPDATE enterprise SET " + set + " WHERE id = ? AND version = ?")) {
      Sql.bind(c, ps, params.toArray());
      if (ps.executeUpdate() == 0) throw new ApiError(412, "VERSION_CONFLICT", "Enterprise " + id + " was changed by someone else; reload it.");
    }
  }

  /** The address point given, or, for an enterprise on rented premises, a point inside the landlord's parcel. */
  private static byte[] locationOf(Connection c, Input in, Map<String, Object> v) throws SQLException {
    if (in.location != null) return GeoJsonInput.ewkb(in.location);
    Object code = v.get("premises_parcel_code");
    if (code == null) return null;
    try (PreparedStatement ps = PARCEL_POINT.prepare(c, Named.values("code", code)); var rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new ApiError(422, "VALIDATION_FAILED", "premisesParcelCode " + code + " is not a current parcel.",
            List.of(Fields.problem("premisesParcelCode", "is not a current parcel", "unknownParcel", Map.of())));
      }
      return rs.getBytes(1);
    }
  }

  private static Map<String, Object> scope(Principal who, long id) {
    return Named.values("id", id, "all", who.readsProvince(), "scope", who.readableClusters());
  }
}
