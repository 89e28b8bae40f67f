package mujun.tiles;

import mujun.parcel.ParcelFields;

/**
 * Tile SQL, one shape for every layer: bounds → ST_AsMVTGeom on the buffered envelope (filtered in the stored CRS, so
 * the GiST index is used) → ST_AsMVT. z/x/y are bound as typed parameters; the layer name and columns are constants.
 */
final class TileSql {
  private TileSql() {}

  /** Geometry in tile coordinates, simplified below zoom 13 to about half a pixel. */
  private static final String MVT_GEOM =
      "ST_AsMVTGeom(CASE WHEN b.z < 13 THEN ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), 20037508.34 * 2 / 4096 / 2 ^ b.z / 2) "
          + "ELSE ST_Transform(t.geom, 3857) END, b.tile, 4096, 64, true) AS geom";

  /** The tile's zoom and envelopes; z, x, y are bound once, as the first three parameters of every tile statement. */
  private static final String BOUNDS =
      "WITH b AS (SELECT q.z, ST_TileEnvelope(q.z, q.x, q.y) AS tile, ST_Transform(ST_TileEnvelope(q.z, q.x, q.y, margin => 64.0 / 4096), 4490) AS env "
          + "FROM (SELECT ?::int AS z, ?::int AS x, ?::int AS y) q) ";

  /** The parcel's tile attributes, from its description: each from its zoom on (numbers as float8, as MVT holds them). */
  private static final String PARCEL_ATTRIBUTES = String.join(", ", ParcelFields.FIELDS.where(f -> f.tileZoom() >= 0).stream().map(f -> {
    String v = f.type().json().equals("number") ? "(" + f.sql("t") + ")::float8" : f.sql("t");
    return (f.tileZoom() == 0 ? v : "CASE WHEN b.z >= " + f.tileZoom() + " THEN " + v + " END") + " AS \"" + f.name() + "\"";
  }).toList());

  /** Parameters: z, x, y; the readable cluster ids. */
  static final String PARCELS = BOUNDS
      + "SELECT ST_AsMVT(m, 'parcels', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, " + PARCEL_ATTRIBUTES + ", "
      + MVT_GEOM + " FROM parcel t JOIN land_use_code lu ON lu.scheme = t.land_use_scheme AND lu.code = t.land_use_code, b "
      + "WHERE t.status = 'current' AND t.cluster_id = ANY(?) AND t.geom && b.env) m WHERE m.geom IS NOT NULL";

  /**
   * Up to this zoom a parcel is a pixel or less: parcel tiles are the overview instead (one square per cell of a 64 × 64
   * grid, coloured by the land-use class with the most area there, with count, area and coverage), read from the
   * cells kept by triggers (table parcel_cell). Megabytes and half a second per tile become tens of kilobytes and
   * milliseconds.
   */
  static final int PARCEL_OVERVIEW_MAX_ZOOM = 11;

  /**
   * Parameters: z, x, y, the readable cluster ids, the scope's key ({@link TileService#scopeTag}). Rendered once and
   * kept in the database while its cells are unchanged (R__6): after an edit only the tiles it touched are rendered
   * again, for every instance and every standby reading the primary's kept tiles.
   */
  static final String PARCEL_OVERVIEW = "SELECT parcel_overview_tile_kept(?, ?, ?, ?, ?)";

  /** Parameters: z, x, y. Clusters are public. */
  static final String CLUSTERS = BOUNDS
      + "SELECT ST_AsMVT(m, 'clusters', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, t.code, t.name, t.name_en AS \"nameEn\", t.city_code AS \"cityCode\", "
      + MVT_GEOM + " FROM (SELECT k.*, k.boundary AS geom FROM cluster k) t, b WHERE t.geom && b.env) m WHERE m.geom IS NOT NULL";

  /** Parameters as for clusters. Open offerings only, with the announcement's fields: public, no enterprise attribute. */
  static final String STANDARD_LAND = BOUNDS
      + "SELECT ST_AsMVT(m, 'standard-land', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, t.plot_no AS \"plotNo\", t.name, round(t.area_mu::numeric, 2)::float8 AS \"areaMu\", t.land_use_code AS \"landUseCode\", "
      + "t.reserve_price_wan::float8 AS \"reservePriceWan\", t.cluster_id AS \"clusterId\", "
      + MVT_GEOM + " FROM " + mujun.standardland.LandSql.PUBLIC_SOURCE + " t, b WHERE t.geom && b.env) m WHERE m.geom IS NOT NULL";

  /** Parameters as for parcels. Active low-efficiency tags of the caller's clusters, coloured by kind. */
  static final String LOW_EFFICIENCY_LAND = BOUNDS
      + "SELECT ST_AsMVT(m, 'low-efficiency-land', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, t.kind, lk.color, t.cluster_id AS \"clusterId\", "
      + "CASE WHEN b.z >= 12 THEN COALESCE((SELECT d.status FROM disposal_plan d WHERE d.tag_id = t.id AND d.status <> 'cancelled' LIMIT 1), 'none') END AS disposal, "
      + "CASE WHEN b.z >= 14 THEN round(t.area_mu::numeric, 2)::float8 END AS \"areaMu\", "
      + MVT_GEOM + " FROM low_eff_tag t JOIN low_eff_kind lk ON lk.code = t.kind, b "
      + "WHERE t.status = 'active' AND t.cluster_id = ANY(?) AND t.geom && b.env) m WHERE m.geom IS NOT NULL";

  /** A layer's data version: the sum of its shards (see V12__system_of_record.sql). */
  static final String VERSION = "SELECT COALESCE(sum(version), 0)::bigint FROM data_version_shard WHERE name = ?";

  /** The z14 tile (x, y) of one current parcel and that parcel's cluster, for warming a connection (TileService.warm). */
  static final String WARM_TILE =
      "SELECT floor((ST_X(p) + 180) / 360 * 16384)::int, floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 16384)::int, "
          + "ARRAY[cluster_id] FROM (SELECT ST_PointOnSurface(geom) AS p, cluster_id FROM parcel WHERE status = 'current' LIMIT 1) s";
}
