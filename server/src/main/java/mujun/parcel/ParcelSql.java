package mujun.parcel;

import java.util.List;
import java.util.Map;
import mujun.schema.Field.Use;
import mujun.schema.Fields;

/**
 * SQL of the parcel register. Every value is a bind parameter; the only text assembled here is from constants.
 * PostGIS writes the GeoJSON; the server streams it.
 */
final class ParcelSql {
  private ParcelSql() {}

  /** Columns of {@code parcel} but its outline, for the as-of reconstruction from history (the catalog check holds it whole). */
  static final List<String> COLUMNS = java.util.stream.Stream.concat(ParcelFields.OTHER_COLUMNS.stream(),
      ParcelFields.FIELDS.where(f -> f.column() != null && !f.column().contains(".")).stream().map(f -> f.column())).distinct().toList();

  /** The values OGC API clients may send back unchanged but never change (areas, zone), as JSON, if the caller reads the parcel's cluster; parameters: id, readable cluster ids. */
  static final String WRITE_STATE = "SELECT p.version, " + Fields.jsonObject(ParcelFields.FIELDS.where(f -> f.has(Use.OGC) && !f.has(Use.WRITE)), "p")
      + "::text FROM parcel p WHERE p.id = ? AND p.cluster_id = ANY(?)";

  /** The register as it is now: current parcels. */
  /** The day the register's history begins (its first entry, in Beijing time), or null for an empty register. */
  static final String REGISTER_SINCE = "SELECT (least((SELECT min(valid_from) FROM parcel_history), (SELECT min(valid_from) FROM parcel)) "
      + "AT TIME ZONE 'Asia/Shanghai')::date::text";

  static final String CURRENT = "(SELECT p.* FROM parcel p WHERE p.status = 'current')";

  /**
   * The register as of a moment (bound {@value #AS_OF_PARAMETERS} times as the first parameters): versions in force then,
   * not retired. Those still in force are parcel rows begun by then; those replaced since are history rows begun by then
   * and replaced after it. Each side is read through its own spatial index (and its own index of ids: a history row's
   * id is its parcel_id column).
   */
  static final String AS_OF = "(SELECT " + String.join(", ", COLUMNS.stream().map(c -> "p." + c).toList()) + ", p.geom "
      + "FROM parcel p WHERE p.valid_from <= ? AND p.status = 'current' "
      + "UNION ALL SELECT " + String.join(", ", COLUMNS.stream().map(c -> c.equals("id") ? "h.parcel_id" : "r." + c).toList()) + ", h.geom "
      + "FROM parcel_history h, jsonb_populate_record(NULL::parcel, h.row_data) r "
      + "WHERE h.valid_from <= ? AND h.valid_to > ? AND r.status = 'current')";

  /** How many times {@link #AS_OF} binds its moment. */
  static final int AS_OF_PARAMETERS = 3;

  /** Map properties of a parcel: what the map styles and labels need. */
  static final String LIST_PROPERTIES = Fields.jsonObject(ParcelFields.LIST, "p");

  /** All properties of a parcel, for the parcel panel and the API. */
  static final String DETAIL_PROPERTIES = Fields.jsonObject(ParcelFields.FIELDS.with(Use.DETAIL), "p");

  static final String JOINS = " JOIN cluster k ON k.id = p.cluster_id "
      + "JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code "
      + "LEFT JOIN enterprise e ON e.id = p.holder_id ";

  static String feature(String properties) {
    return "json_build_object('type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 7, 0)::json, 'properties', " + properties + ")::text";
  }

  /** One feature per row for a bbox / cluster list; parameters: [asOf x3], scope or null (twice), bbox (4), cluster or null (twice), limit. */
  static String list(boolean asOf) {
    return "SELECT " + feature(LIST_PROPERTIES) + " FROM " + (asOf ? AS_OF : CURRENT) + " p" + JOINS
        + "WHERE (?::int[] IS NULL OR p.cluster_id = ANY(?)) "
        + "AND p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) "
        + "AND (?::int IS NULL OR p.cluster_id = ?::int) "
        + "ORDER BY p.id LIMIT ?";
  }

  static String one(boolean asOf) {
    return "SELECT " + feature(DETAIL_PROPERTIES) + ", p.version FROM " + (asOf ? AS_OF : "parcel") + " p" + JOINS
        + "WHERE p.id = ? AND p.cluster_id = ANY(?)";
  }

  /** Flat export properties (names short enough for Shapefile DBF: at most 10 characters). */
  static final String EXPORT_PROPERTIES = Fields.exportObject(ParcelFields.FIELDS.where(f -> f.exportName() != null), "p");

  /** Every parcel of the caller's scope (optionally one cluster, optionally as of a moment), one GeoJSON feature per row. */
  static String export(boolean asOf) {
    return "SELECT json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(p.geom, 8, 0)::json, 'properties', " + EXPORT_PROPERTIES + ")::text "
        + "FROM " + (asOf ? AS_OF : CURRENT) + " p" + JOINS
        + "WHERE p.cluster_id = ANY(?) AND (?::int IS NULL OR p.cluster_id = ?::int) ORDER BY p.id";
  }

  static final String HISTORY =
      "SELECT json_build_object('version', h.version, 'operation', h.operation, 'validFrom', h.valid_from, "
          + "'validTo', h.valid_to, 'changedBy', h.changed_by, 'reason', h.change_reason, "
          + "'properties', h.row_data - 'predecessor_ids', 'areaMu', round((h.row_data->>'area_mu')::numeric, 2), "
          + "'geometry', ST_AsGeoJSON(h.geom, 7, 0)::json)::text "
          + "FROM parcel_version h JOIN parcel p ON p.id = h.parcel_id "
          + "WHERE h.parcel_id = ? AND p.cluster_id = ANY(?) ORDER BY h.version DESC";

  static final String SUCCESSORS = "SELECT id, code, status FROM parcel WHERE ? = ANY(predecessor_ids) ORDER BY id";

  /** A geometry expression for a bound EWKB: as sent, or repaired with ST_MakeValid keeping only polygons. */
  static String geometry(boolean repair) {
    return repair
        ? "ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_GeomFromEWKB(?)), 3))"
        : "ST_Multi(ST_GeomFromEWKB(?))";
  }

  static final String CLUSTER_OF_GEOMETRY =
      "SELECT id FROM cluster WHERE ST_Intersects(boundary, ST_PointOnSurface(ST_GeomFromEWKB(?))) ORDER BY id LIMIT 1";

  /** The reason and location of invalidity, or NULL for a valid geometry. */
  static final String INVALIDITY = "SELECT CASE WHEN NOT (d).valid THEN (d).reason || ' at (' || round(ST_X((d).location)::numeric, 7) || ', ' "
      + "|| round(ST_Y((d).location)::numeric, 7) || ')' END FROM (SELECT ST_IsValidDetail(ST_GeomFromEWKB(?)) d) s";

  static final String STATE = "SELECT version, status, cluster_id, code FROM parcel WHERE id = ? FOR UPDATE";

  static final String RETIRE = "UPDATE parcel SET status = 'retired' WHERE id = ? AND version = ? AND status = 'current'";

  /** Pieces of a parcel cut by a line: parameters parcel id, line EWKB. */
  static final String SPLIT_PIECES =
      "SELECT ST_AsEWKB(ST_Multi((d).geom)) FROM (SELECT ST_Dump(ST_Split(p.geom, ST_GeomFromEWKB(?))) d FROM parcel p WHERE p.id = ?) s "
          + "WHERE ST_GeometryType((d).geom) = 'ST_Polygon' ORDER BY ST_XMin((d).geom), ST_YMin((d).geom)";

  /** The union of parcels: parameter id array. Returns EWKB and the number of separate parts. */
  static final String UNION =
      "SELECT ST_AsEWKB(ST_Multi(u)), ST_NumGeometries(u) FROM (SELECT ST_Union(geom) u FROM parcel WHERE id = ANY(?)) s";

  /** Next free 宗地顺序号 within the same 14-character prefix (among all parcels, retired too). */
  static final String NEXT_CODE =
      "SELECT ? || lpad((COALESCE(max(right(code, 5)::int), 0) + 1)::text, 5, '0') FROM parcel WHERE left(code, 14) = ?";

  /** The attributes a piece of a split or merge inherits from its source parcel. */
  private static final String COPIED = String.join(", ", ParcelFields.FIELDS.with(Use.COPY).stream().map(f -> f.column()).toList());

  /** A new parcel with the source's inherited attributes; parameters code, EWKB, origin, predecessor ids, source id. */
  static final String COPY_ATTRIBUTES =
      "INSERT INTO parcel (code, geom, origin, predecessor_ids, gk_srid, area_m2, area_mu, changed_by, " + COPIED + ") "
          + "SELECT ?, ST_GeomFromEWKB(?), ?, ?, 0, 0, 0, '', " + COPIED + " FROM parcel WHERE id = ? RETURNING id";

  /** A parcel made from a transferred standard-land plot (its outline, cluster and land use); parameters code, offering id. */
  static final String FROM_OFFERING = "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, gk_srid, area_m2, area_mu, changed_by) "
      + "SELECT ?, s.cluster_id, s.geom, s.land_use_scheme, s.land_use_code, 0, 0, 0, '' FROM standard_land s WHERE s.id = ? RETURNING id";

  /**
   * What the parcels of an offering take from it at each step of its lifecycle (the register's triggers and history
   * record it like any edit); parameter the offering id. Steps not named change nothing in the register.
   */
  static final Map<String, String> FOLLOW_OFFERING = Map.of(
      "transferred", "UPDATE parcel p SET holder_id = s.enterprise_id, right_type = 'transfer', supply_date = s.contract_date, "
          + "transfer_price_wan = round((s.transaction_price_wan * p.area_m2 / NULLIF(s.area_m2, 0))::numeric, 2), agreed_start_date = s.agreed_start_date, "
          + "agreed_completion_date = s.agreed_completion_date, "
          + "contracted_investment_wan = round((s.commitments->>'investment_intensity')::numeric * p.area_mu::numeric, 2), "
          + "floor_area_ratio = COALESCE(p.floor_area_ratio, s.far_min) "
          + "FROM standard_land s WHERE s.id = ? AND p.id = ANY(s.parcel_ids) AND p.status = 'current'",
      "construction", "UPDATE parcel p SET actual_start_date = s.construction_started_on FROM standard_land s "
          + "WHERE s.id = ? AND p.id = ANY(s.parcel_ids) AND p.status = 'current'",
      "accepted", "UPDATE parcel p SET actual_completion_date = COALESCE(p.actual_completion_date, s.checked_on) FROM standard_land s "
          + "WHERE s.id = ? AND p.id = ANY(s.parcel_ids) AND p.status = 'current'");
}
