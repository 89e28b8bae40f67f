package mujun.parcel;

import java.util.List;
import java.util.Map;

/**
 * SQL of the parcel register. Every value is a bind parameter; the only text assembled here is from constants.
 * PostGIS writes the GeoJSON; the server streams it.
 */
final class ParcelSql {
  /** A parcel's version and areas (as the OGC API writes them) if the caller reads its cluster; parameters: id, readable cluster ids. */
  static final String WRITE_STATE = "SELECT version, round(area_m2::numeric, 2), round(area_mu::numeric, 4) FROM parcel WHERE id = ? AND cluster_id = ANY(?)";

  private ParcelSql() {}

  /** Columns of {@code parcel}, in one place for the current table and the as-of reconstruction from history. */
  static final List<String> COLUMNS = List.of(
      "id", "code", "cluster_id", "land_use_scheme", "land_use_code", "right_type", "holder_id", "registered_area_m2",
      "supply_date", "transfer_price_wan", "agreed_start_date", "agreed_completion_date", "actual_start_date",
      "actual_completion_date", "contracted_investment_wan", "floor_area_ratio", "building_coverage_pct", "remarks",
      "developed_area_m2", "invested_wan", "suspended_since", "production_stopped_since", "production_halved_since",
      "gk_srid", "area_m2", "area_mu", "status", "origin", "predecessor_ids", "version", "valid_from", "changed_by",
      "change_reason");

  /** The register as it is now: current parcels. */
  static final String CURRENT = "(SELECT p.* FROM parcel p WHERE p.status = 'current')";

  /** The register as of a moment (bound twice as the first two parameters): versions in force then, not retired. */
  static final String AS_OF = "(SELECT " + String.join(", ", COLUMNS.stream().map(c -> "r." + c).toList()) + ", h.geom "
      + "FROM parcel_history h, jsonb_populate_record(NULL::parcel, h.row_data) r "
      + "WHERE h.valid_from <= ? AND (h.valid_to IS NULL OR h.valid_to > ?) AND r.status = 'current')";

  /** Map properties of a parcel: what the map styles and labels need. */
  static final String LIST_PROPERTIES =
      "json_build_object('code', p.code, 'clusterId', p.cluster_id, 'landUseScheme', p.land_use_scheme, "
          + "'landUseCode', p.land_use_code, 'landUseName', lu.name, 'color', lu.color, 'holderName', e.name, "
          + "'areaMu', round(p.area_mu::numeric, 2), 'version', p.version)";

  /** All properties of a parcel, for the parcel panel and the API. */
  static final String DETAIL_PROPERTIES =
      "json_build_object('code', p.code, 'clusterId', p.cluster_id, 'clusterName', k.name, 'clusterNameEn', k.name_en, "
          + "'landUseScheme', p.land_use_scheme, 'landUseCode', p.land_use_code, 'landUseName', lu.name, 'landUseNameEn', lu.name_en, "
          + "'color', lu.color, 'rightType', p.right_type, 'holderId', p.holder_id, 'holderName', e.name, 'holderCreditCode', e.credit_code, "
          + "'registeredAreaM2', p.registered_area_m2, 'supplyDate', p.supply_date, 'transferPriceWan', p.transfer_price_wan, "
          + "'agreedStartDate', p.agreed_start_date, 'agreedCompletionDate', p.agreed_completion_date, "
          + "'actualStartDate', p.actual_start_date, 'actualCompletionDate', p.actual_completion_date, "
          + "'contractedInvestmentWan', p.contracted_investment_wan, 'floorAreaRatio', p.floor_area_ratio, "
          + "'buildingCoveragePct', p.building_coverage_pct, 'remarks', p.remarks, 'gkSrid', p.gk_srid, "
          + "'developedAreaM2', p.developed_area_m2, 'investedWan', p.invested_wan, 'suspendedSince', p.suspended_since, "
          + "'productionStoppedSince', p.production_stopped_since, 'productionHalvedSince', p.production_halved_since, "
          + "'areaM2', round(p.area_m2::numeric, 2), 'areaMu', round(p.area_mu::numeric, 4), "
          + "'areaMismatch', mujun_area_mismatch(p.registered_area_m2, p.area_m2), 'status', p.status, 'origin', p.origin, "
          + "'predecessorIds', p.predecessor_ids, 'version', p.version, 'validFrom', p.valid_from, "
          + "'changedBy', p.changed_by, 'changeReason', p.change_reason)";

  static final String JOINS = " JOIN cluster k ON k.id = p.cluster_id "
      + "JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code "
      + "LEFT JOIN enterprise e ON e.id = p.holder_id ";

  static String feature(String properties) {
    return "json_build_object('type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 7, 0)::json, 'properties', " + properties + ")::text";
  }

  /** One feature per row for a bbox / cluster list; parameters: [asOf x2], scope or null (twice), bbox (4), cluster or null (twice), limit. */
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
  static final String EXPORT_PROPERTIES =
      "json_build_object('zddm', p.code, 'cluster', k.code, 'dlbm', p.land_use_code, 'dlfa', p.land_use_scheme, 'qlxz', p.right_type, "
          + "'qlr', e.name, 'tyshxydm', e.credit_code, 'djmj_m2', p.registered_area_m2, 'area_m2', round(p.area_m2::numeric, 2), "
          + "'area_mu', round(p.area_mu::numeric, 4), 'gk_epsg', p.gk_srid, 'gdrq', p.supply_date, 'crj_wan', p.transfer_price_wan, "
          + "'yddgrq', p.agreed_start_date, 'ydjgrq', p.agreed_completion_date, 'sjdgrq', p.actual_start_date, 'sjjgrq', p.actual_completion_date, "
          + "'tze_wan', p.contracted_investment_wan, 'rjl', p.floor_area_ratio, 'jzmd_pct', p.building_coverage_pct, 'bz', p.remarks, "
          + "'version', p.version)";

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
          + "FROM parcel_history h JOIN parcel p ON p.id = h.parcel_id "
          + "WHERE h.parcel_id = ? AND p.cluster_id = ANY(?) ORDER BY h.version DESC";

  static final String SUCCESSORS = "SELECT id, code, status FROM parcel WHERE ? = ANY(predecessor_ids) ORDER BY id";

  /** Columns a client may set, with their SQL type for casting the bound text/number. */
  static final Map<String, String> WRITABLE = Map.ofEntries(
      Map.entry("code", "varchar"), Map.entry("cluster_id", "integer"), Map.entry("land_use_scheme", "text"),
      Map.entry("land_use_code", "text"), Map.entry("right_type", "text"), Map.entry("holder_id", "bigint"),
      Map.entry("registered_area_m2", "numeric"), Map.entry("supply_date", "date"),
      Map.entry("transfer_price_wan", "numeric"), Map.entry("agreed_start_date", "date"),
      Map.entry("agreed_completion_date", "date"), Map.entry("actual_start_date", "date"),
      Map.entry("actual_completion_date", "date"), Map.entry("contracted_investment_wan", "numeric"),
      Map.entry("floor_area_ratio", "numeric"), Map.entry("building_coverage_pct", "numeric"),
      Map.entry("developed_area_m2", "numeric"), Map.entry("invested_wan", "numeric"), Map.entry("suspended_since", "date"),
      Map.entry("production_stopped_since", "date"), Map.entry("production_halved_since", "date"),
      Map.entry("remarks", "text"));

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

  static final String COPY_ATTRIBUTES =
      "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, right_type, holder_id, supply_date, "
          + "transfer_price_wan, agreed_start_date, agreed_completion_date, actual_start_date, actual_completion_date, "
          + "contracted_investment_wan, floor_area_ratio, building_coverage_pct, remarks, origin, predecessor_ids, "
          + "gk_srid, area_m2, area_mu, changed_by) "
          + "SELECT ?, cluster_id, ST_GeomFromEWKB(?), land_use_scheme, land_use_code, right_type, holder_id, supply_date, "
          + "transfer_price_wan, agreed_start_date, agreed_completion_date, actual_start_date, actual_completion_date, "
          + "contracted_investment_wan, floor_area_ratio, building_coverage_pct, remarks, ?, ?, 0, 0, 0, '' "
          + "FROM parcel WHERE id = ? RETURNING id";
}
