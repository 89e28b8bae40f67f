package mujun.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import mujun.http.Json;
import mujun.schema.Field;
import mujun.schema.Fields;
import org.locationtech.jts.geom.Geometry;

/**
 * Clusters and the parks inside them, created and edited by natural-resources staff and admins within their scope:
 * a cluster in a city their grant reaches, a park in a cluster they edit. Boundaries are checked by the database
 * (valid, in Henan, no overlap with another cluster or park, parks inside their cluster, parcels left outside refused
 * or flagged as the caller chose); every version is kept.
 */
public final class ClusterService {
  private static final String CLUSTER_RECORD = "(" + Fields.jsonObject(ClusterFields.CLUSTER.all(), "k") + "::jsonb || jsonb_build_object('id', k.id, "
      + "'geometry', ST_AsGeoJSON(k.boundary, 7)::jsonb, 'boundaryAreaKm2', round((ST_Area(ST_Transform(k.boundary, mujun_gk_srid(k.boundary))) / 1e6)::numeric, 3), "
      + "'bbox', jsonb_build_array(ST_XMin(k.boundary), ST_YMin(k.boundary), ST_XMax(k.boundary), ST_YMax(k.boundary)), "
      + "'parcels', (SELECT count(*) FROM parcel p WHERE p.cluster_id = k.id AND p.status = 'current'), "
      + "'enterprises', (SELECT count(*) FROM enterprise e WHERE e.cluster_id = k.id), "
      + "'parks', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', x.id, 'code', x.code, 'name', x.name, 'kind', x.kind, 'kindName', pk.name, "
      + "  'kindNameEn', pk.name_en, 'areaMu', round(x.area_mu::numeric, 1), 'status', x.status) ORDER BY x.code) FROM park x JOIN park_kind pk ON pk.code = x.kind "
      + "  WHERE x.cluster_id = k.id), '[]'), "
      + "'outsideParcels', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'outsideM2', round(o.outside_m2::numeric, 1), "
      + "  'boundaryVersion', o.boundary_version, 'flaggedAt', o.flagged_at) ORDER BY p.code) FROM cluster_outside_parcel o JOIN parcel p ON p.id = o.parcel_id "
      + "  WHERE o.cluster_id = k.id AND o.boundary_version = k.version AND p.status = 'current' AND p.cluster_id = k.id), '[]')))";

  private static final Named CLUSTER = Named.of("SELECT " + CLUSTER_RECORD + "::text FROM cluster k JOIN city c ON c.code = k.city_code WHERE k.id = :id");
  private static final Named CLUSTER_BY_CODE = Named.of("SELECT id::text FROM cluster WHERE code = :code");
  private static final Named CITY = Named.of("SELECT name FROM city WHERE code = :code");
  private static final Named CITIES = Named.of("SELECT COALESCE(json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en, 'kind', kind) "
      + "ORDER BY code), '[]')::text FROM city");
  private static final Named PARK_KINDS = Named.of("SELECT COALESCE(json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en) "
      + "ORDER BY sort, code), '[]')::text FROM park_kind");
  private static final Named CLUSTER_VERSION = Named.of("SELECT version || '/' || city_code FROM cluster WHERE id = :id");
  private static final Named HISTORY = Named.of("SELECT COALESCE(json_agg(json_build_object('version', h.version, 'operation', h.operation, "
      + "'changedAt', h.changed_at, 'changedBy', h.changed_by, 'reason', h.change_reason, 'record', h.row_data) ORDER BY h.version DESC), '[]')::text "
      + "FROM change_history h WHERE h.entity = :entity AND h.entity_id = :id");

  private static final String PARK_RECORD = "(" + Fields.jsonObject(ClusterFields.PARK.all(), "x") + "::jsonb || jsonb_build_object('id', x.id, "
      + "'clusterCode', k.code, 'clusterName', k.name, 'kindName', pk.name, 'kindNameEn', pk.name_en, 'geometry', ST_AsGeoJSON(x.boundary, 7)::jsonb, "
      + "'summary', park_summary(x.id)))";
  private static final Named PARK = Named.of("SELECT " + PARK_RECORD + "::text FROM park x JOIN cluster k ON k.id = x.cluster_id "
      + "JOIN park_kind pk ON pk.code = x.kind WHERE x.id = :id AND (:all OR x.cluster_id = ANY(:scope))");
  private static final Named PARKS = Named.of("SELECT COALESCE(json_agg(" + PARK_RECORD + " ORDER BY k.code, x.code), '[]')::text "
      + "FROM park x JOIN cluster k ON k.id = x.cluster_id JOIN park_kind pk ON pk.code = x.kind "
      + "WHERE (:all OR x.cluster_id = ANY(:scope)) AND (:cluster::int IS NULL OR x.cluster_id = :cluster)");
  private static final Named PARK_VERSION = Named.of("SELECT version::text FROM park WHERE id = :id AND cluster_id = ANY(:scope)");

  private final Db db;

  public ClusterService(Db db) {
    this.db = db;
  }

  // ---------------------------------------------------------------- clusters

  public String cluster(long id) {
    String json = db.read(c -> CLUSTER.one(c, Named.values("id", id)));
    if (json == null) throw ApiError.notFound("Cluster " + id + " does not exist.");
    return json;
  }

  public Integer idOf(String code) {
    String id = db.read(c -> CLUSTER_BY_CODE.one(c, Named.values("code", code)));
    return id == null ? null : Integer.valueOf(id);
  }

  public String cities() {
    return db.read(c -> CITIES.one(c, Map.of()));
  }

  private static final Named NEW_CITY = Named.of("INSERT INTO city (code, name, name_en, kind) VALUES (:code, :name, :nameEn, :kind) "
      + "RETURNING json_build_object('code', code, 'name', name, 'nameEn', name_en, 'kind', kind)::text");

  /**
   * Registers a city or county (行政区划代码) so that clusters can be created in it: six digits of the province (41…),
   * its names and kind. Admin work (the list is the province's reference data).
   */
  public String createCity(ObjectNode body) {
    Json.refuseNul(body);
    List<Map<String, Object>> problems = new ArrayList<>();
    String code = body.path("code").asText("").strip(), name = body.path("name").asText("").strip(), nameEn = body.path("nameEn").asText("").strip();
    String kind = body.path("kind").asText("county");
    if (!code.matches("41[0-9]{4}") || code.endsWith("0000")) problems.add(Fields.problem("code", "must be the 6-digit 行政区划代码 of a city or county of Henan (41xxxx)", "cityCode", Map.of()));
    if (name.isEmpty() || name.length() > 40) problems.add(Fields.problem("name", "is required (at most 40 characters)", "required", Map.of()));
    if (nameEn.length() > 80) problems.add(Fields.problem("nameEn", "may have at most 80 characters", "maxLength", Map.of("max", 80)));
    if (!Set.of("prefecture", "county", "demonstration").contains(kind)) {
      problems.add(Fields.problem("kind", "must be one of prefecture, county, demonstration", "choice", Map.of("values", "prefecture, county, demonstration")));
    }
    if (!problems.isEmpty()) {
      throw ApiError.invalid(problems);
    }
    return db.inTransaction(Db.Change.by("admin", "新增行政区"), c -> NEW_CITY.one(c, Named.values("code", code, "name", name, "nameEn", nameEn.isEmpty() ? name : nameEn, "kind", kind)));
  }

  public String parkKinds() {
    return db.read(c -> PARK_KINDS.one(c, Map.of()));
  }

  public String history(String entity, long id) {
    return db.read(c -> HISTORY.one(c, Named.values("entity", entity, "id", String.valueOf(id))));
  }

  /** The keys a cluster write's body may have. */
  public static final Set<String> CLUSTER_KEYS = keys(ClusterFields.CLUSTER, "boundary", "outsideParcels", "reason");
  public static final Set<String> PARK_KEYS = keys(ClusterFields.PARK, "boundary", "reason");

  private static Set<String> keys(Fields fields, String... more) {
    Set<String> k = new java.util.TreeSet<>(List.of(more));
    fields.with(Field.Use.WRITE).forEach(f -> k.add(f.name()));
    return java.util.Collections.unmodifiableSet(k);
  }

  /** Creates a cluster in a city the caller's grant reaches; returns its record. */
  public String createCluster(Principal who, ObjectNode body) {
    Input in = input(ClusterFields.CLUSTER, body, true, true);
    String city = (String) in.values.get("city_code");
    db.read(c -> requireCity(c, city));
    if (!who.reachesCity(city)) {
      throw new ApiError(403, "OUT_OF_SCOPE", "Your grant does not reach city " + city + ": a cluster there is created by its own natural-resources office or an admin.",
          List.of(Map.of("field", "cityCode")));
    }
    return db.inTransaction(who.change(reason(body, "新建集聚区"), "create"), c -> {
      long id = insert(c, "cluster", ClusterFields.CLUSTER, in);
      return CLUSTER.one(c, Named.values("id", id));
    });
  }

  /**
   * Changes a cluster (If-Match: the version read). A boundary that leaves current parcels outside is refused with
   * their list unless {@code outsideParcels} is {@code flag}.
   */
  public String updateCluster(Principal who, long id, int version, ObjectNode body) {
    Input in = input(ClusterFields.CLUSTER, body, false, false);
    String outside = body.path("outsideParcels").asText("refuse");
    if (!outside.equals("refuse") && !outside.equals("flag")) {
      throw ApiError.badRequest("BAD_PARAMETER", "outsideParcels is refuse (the default) or flag.", Map.of("field", "outsideParcels"));
    }
    if (!java.util.Arrays.asList(who.clusterEditableClusters()).contains((int) id)) {
      throw ApiError.notFound("Cluster " + id + " is not one of the clusters you edit.");
    }
    String city = (String) in.values.get("city_code");
    if (city != null) {
      db.read(c -> requireCity(c, city));
      if (!who.reachesCity(city)) throw new ApiError(403, "OUT_OF_SCOPE", "Your grant does not reach city " + city + ".", List.of(Map.of("field", "cityCode")));
    }
    return db.inTransaction(who.change(reason(body, "修改集聚区"), "update"), c -> {
      String current = CLUSTER_VERSION.one(c, Named.values("id", id));
      if (current == null) throw ApiError.notFound("Cluster " + id + " does not exist.");
      if (Integer.parseInt(current.split("/")[0]) != version) {
        throw new ApiError(412, "VERSION_CONFLICT", "Cluster " + id + " was changed by someone else (now version " + current.split("/")[0] + "); reload it.");
      }
      if (outside.equals("flag")) Sql.one(c, "SELECT set_config('mujun.outside_parcels', 'flag', true)");
      update(c, "cluster", ClusterFields.CLUSTER, id, version, in);
      return CLUSTER.one(c, Named.values("id", id));
    });
  }

  // ---------------------------------------------------------------- parks

  public String parks(Principal who, Integer cluster) {
    return db.read(c -> PARKS.one(c, Named.values("all", who.readsProvince(), "scope", who.readableClusters(), "cluster", cluster)));
  }

  public String park(Principal who, long id) {
    String json = db.read(c -> PARK.one(c, Named.values("id", id, "all", who.readsProvince(), "scope", who.readableClusters())));
    if (json == null) throw ApiError.notFound("Park " + id + " does not exist.");
    return json;
  }

  public String createPark(Principal who, ObjectNode body) {
    Input in = input(ClusterFields.PARK, body, true, true);
    Integer cluster = (Integer) in.values.get("cluster_id");
    if (!java.util.Arrays.asList(who.clusterEditableClusters()).contains(cluster)) {
      throw new ApiError(422, "VALIDATION_FAILED", "clusterId " + cluster + " is not one of the clusters you edit.",
          List.of(Fields.problem("clusterId", "is not one of the clusters you edit", "notYourCluster", Map.of())));
    }
    return db.inTransaction(who.change(reason(body, "新建园区"), "create"), c -> {
      requireKind(c, (String) in.values.get("kind"));
      long id = insert(c, "park", ClusterFields.PARK, in);
      return PARK.one(c, Named.values("id", id, "all", true, "scope", new Integer[0]));
    });
  }

  public String updatePark(Principal who, long id, int version, ObjectNode body) {
    Input in = input(ClusterFields.PARK, body, false, false);
    Integer to = (Integer) in.values.get("cluster_id");
    Integer[] scope = who.clusterEditableClusters();
    if (to != null && !java.util.Arrays.asList(scope).contains(to)) {
      throw new ApiError(422, "VALIDATION_FAILED", "clusterId " + to + " is not one of the clusters you edit.",
          List.of(Fields.problem("clusterId", "is not one of the clusters you edit", "notYourCluster", Map.of())));
    }
    return db.inTransaction(who.change(reason(body, "修改园区"), "update"), c -> {
      String current = PARK_VERSION.one(c, Named.values("id", id, "scope", scope));
      if (current == null) throw ApiError.notFound("Park " + id + " is not in one of the clusters you edit.");
      if (Integer.parseInt(current) != version) throw new ApiError(412, "VERSION_CONFLICT", "Park " + id + " was changed by someone else (now version " + current + "); reload it.");
      if (in.values.containsKey("kind")) requireKind(c, (String) in.values.get("kind"));
      update(c, "park", ClusterFields.PARK, id, version, in);
      return PARK.one(c, Named.values("id", id, "all", true, "scope", new Integer[0]));
    });
  }

  // ---------------------------------------------------------------- shared

  record Input(Map<String, Object> values, Geometry boundary) {}

  private static Input input(Fields fields, ObjectNode body, boolean full, boolean needBoundary) {
    Json.refuseNul(body);
    Fields.Parsed p = fields.parse(body, full);
    List<Map<String, Object>> problems = new ArrayList<>(p.problems());
    Geometry g = null;
    if (body.has("boundary")) {
      try {
        g = GeoJsonInput.parse(body.get("boundary"), "boundary", Set.of("Polygon", "MultiPolygon"));
      } catch (ApiError e) {
        problems.add(Fields.problem("boundary", e.getMessage(), "geometry", Map.of()));
      }
    } else if (needBoundary) {
      problems.add(Fields.problem("boundary", "is required: draw the outline or read it from a file", "required", Map.of()));
    }
    if (!problems.isEmpty()) {
      throw ApiError.invalid(problems);
    }
    Map<String, Object> values = new LinkedHashMap<>(p.values());
    if (full) {
      // A new record gets each field's neutral value where the body leaves it out (name_en has no column default).
      for (Field f : fields.with(Field.Use.WRITE)) if (f.emptyValue() != null) values.putIfAbsent(f.column(), f.emptyValue());
    }
    return new Input(values, g);
  }

  private static Void requireCity(Connection c, String city) throws SQLException {
    if (CITY.one(c, Named.values("code", city)) == null) {
      throw new ApiError(422, "VALIDATION_FAILED", "cityCode " + city + " is not a city or county of the province.",
          List.of(Fields.problem("cityCode", "is not a city or county of the province", "unknownCity", Map.of())));
    }
    return null;
  }

  private static void requireKind(Connection c, String kind) throws SQLException {
    if (Sql.one(c, "SELECT code FROM park_kind WHERE code = ?", kind) == null) {
      throw new ApiError(422, "VALIDATION_FAILED", "kind " + kind + " is not a kind of park.",
          List.of(Fields.problem("kind", "is not a kind of park", "unknownKind", Map.of())));
    }
  }

  private static String reason(ObjectNode body, String fallback) {
    String r = body.path("reason").asText("").strip();
    return r.isEmpty() ? fallback : r.length() > 500 ? r.substring(0, 500) : r;
  }

  private static long insert(Connection c, String table, Fields fields, Input in) throws SQLException {
    StringBuilder cols = new StringBuilder("boundary"), vals = new StringBuilder("ST_Multi(ST_GeomFromEWKB(?))");
    List<Object> params = new ArrayList<>(List.of(GeoJsonInput.ewkb(in.boundary)));
    for (Map.Entry<String, Object> e : in.values.entrySet()) {
      Field f = fields.writable(e.getKey());
      cols.append(", ").append(f.column());
      vals.append(", ?::").append(f.type().castSql());
      params.add(e.getValue());
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + cols + ") VALUES (" + vals + ") RETURNING id")) {
      Sql.bind(c, ps, params.toArray());
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void update(Connection c, String table, Fields fields, long id, int version, Input in) throws SQLException {
    StringBuilder set = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (in.boundary != null) {
      set.append("boundary = ST_Multi(ST_GeomFromEWKB(?))");
      params.add(GeoJsonInput.ewkb(in.boundary));
    }
    for (Map.Entry<String, Object> e : in.values.entrySet()) {
      Field f = fields.writable(e.getKey());
      set.append(set.length() > 0 ? ", " : "").append(f.column()).append(" = ?::").append(f.type().castSql());
      params.add(e.getValue());
    }
    if (set.length() == 0) return;
    params.add(id);
    params.add(version);
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + set + " WHERE id = ? AND version = ?")) {
      Sql.bind(c, ps, params.toArray());
      if (ps.executeUpdate() == 0) throw new ApiError(412, "VERSION_CONFLICT", "It was changed by someone else; reload it.");
    }
  }

  /**
   * Registers a cluster inside the caller's transaction, with the checks of the API's create (the path of bulk
   * loaders such as the demo generator); returns its id.
   */
  public static int register(Connection c, ObjectNode body) throws SQLException {
    Input in = input(ClusterFields.CLUSTER, body, true, true);
    requireCity(c, (String) in.values.get("city_code"));
    return (int) insert(c, "cluster", ClusterFields.CLUSTER, in);
  }

  /** Registers a park inside the caller's transaction (checks of the API's create); returns its id. */
  public static int registerPark(Connection c, ObjectNode body) throws SQLException {
    Input in = input(ClusterFields.PARK, body, true, true);
    requireKind(c, (String) in.values.get("kind"));
    return (int) insert(c, "park", ClusterFields.PARK, in);
  }

  /** The ETag of a record ("cluster-7-v3"). */
  public static String etag(String kind, String recordJson) {
    JsonNode r = Json.tree(recordJson);
    return "\"" + kind + "-" + r.path("id").asLong() + "-v" + r.path("version").asInt() + "\"";
  }
}
