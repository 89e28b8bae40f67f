package mujun.tiles;

import mujun.parcel.ParcelFields;

/**
 * Tile SQL, one shape for every layer: bounds → ST_AsMVTGeom on the buffered envelope (filtered in the stored CRS, so
 * the GiST index is used) → ST_AsMVT; parcels, the densest layer, are mapped to the tile more cheaply (PARCEL_GEOM). z/x/y are bound as typed parameters; the layer name and columns are constants.
 * ST_AsMVT leaves out a row whose geometry is null (one outside the buffered tile): filtering those rows in SQL instead
 * made PostgreSQL compute every row's tile geometry twice (the filter is pushed into the scan, the select list keeps its
 * own), which was a third of a parcel tile's time.
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

  /**
   * The parcel tile's bounds (z, x, y bound as in {@link #BOUNDS}): the buffered envelope in the stored CRS for the
   * index; the tile's corners in longitude and latitude (x0, y1) and its scale (sx, sy: tile units per degree) for the
   * affine map below; the box a parcel must lie in to be written whole (the tile grown by a quarter on each side); and the
   * clearance a parcel needs for its rounded outline to stay valid (twice the tile's diagonal over 4096, see PARCEL_GEOM).
   * Materialized, so that a plan made once for every tile computes them once per tile (inlined, each reference to them
   * in a row's map became the whole expression, folded only by a plan made for the tile's own z, x and y: 0.85 ms of
   * planning per tile); TileService runs this statement prepared.
   */
  static final String PARCEL_BOUNDS =
      "WITH q AS (SELECT ?::int AS z, ?::int AS x, ?::int AS y), "
          + "k AS (SELECT q.z, ST_Transform(ST_TileEnvelope(q.z, q.x, q.y, margin => 64.0 / 4096), 4490) AS env, "
          + "ST_Transform(ST_TileEnvelope(q.z, q.x, q.y), 4490)::box2d AS t FROM q), "
          + "e AS (SELECT k.z, k.env, ST_XMin(k.t) AS x0, ST_YMin(k.t) AS y0, ST_XMax(k.t) AS x1, ST_YMax(k.t) AS y1, "
          + "ST_XMax(k.t) - ST_XMin(k.t) AS w, ST_YMax(k.t) - ST_YMin(k.t) AS h FROM k), "
          + "b AS MATERIALIZED (SELECT e.z, e.env, e.x0, e.y1, 4096 / e.w AS sx, 4096 / e.h AS sy, "
          + "ST_MakeEnvelope(e.x0 - e.w / 4, e.y0 - e.h / 4, e.x1 + e.w / 4, e.y1 + e.h / 4, 4490) AS near, "
          + "2 * sqrt(e.w ^ 2 + e.h ^ 2) / 4096 AS clearance FROM e) ";

  /**
   * A parcel in tile coordinates. Longitude and latitude go to the tile's grid by one affine map: exact in x (Web
   * Mercator's x is linear in longitude) and, in y, off the Mercator curve by at most h·tan(φ)/8 of the tile's height h
   * in radians (0.11 of a unit of the 4096 grid at zoom 14 at Henan's latitudes, 0.44 at zoom 12; under one unit
   * anywhere in China from zoom 12), so no outline is transformed by PROJ. Then:
   * <ul>
   *   <li>from zoom 13, a parcel that lies within a quarter tile of the tile and whose clearance (parcel.geom_clearance,
   *       V33) is above twice the tile's diagonal over 4096 is rounded to the grid and written whole: rounding moves each
   *       vertex by at most half that diagonal over 4096, in degrees, and an outline whose vertices all move by less than
   *       half its clearance cannot touch or cross itself, so it stays valid and needs no repair; its exterior rings are
   *       turned to positive area in tile coordinates, as the MVT specification asks. The few outside that box, or too
   *       thin for the grid, are clipped and repaired instead:</li>
   *   <li>otherwise ST_AsMVTGeom clips and repairs it (below zoom 13 after a simplification to half a unit), given the
   *       same map with y negated (its own map then is exact: scale 1, offset 0), so that vertices shared with a
   *       neighbour written whole land on the same grid point.</li>
   * </ul>
   * The repair (ST_AsMVTGeom's clip and validation, about 12 µs a polygon) was most of a z14 tile's time.
   */
  private static final String PARCEL_GEOM;

  static {
    String down = "ST_Affine(t.geom, b.sx, 0, 0, -b.sy, -b.x0 * b.sx, b.y1 * b.sy)"; // tile coordinates, y down
    String up = "ST_Affine(t.geom, b.sx, 0, 0, b.sy, -b.x0 * b.sx, -b.y1 * b.sy)"; // the same with y negated
    PARCEL_GEOM = "CASE WHEN b.z >= 13 AND t.geom_clearance > b.clearance AND t.geom @ b.near "
        + "THEN ST_ForcePolygonCCW(ST_RemoveRepeatedPoints(ST_SnapToGrid(" + down + ", 1))) "
        + "ELSE ST_AsMVTGeom(CASE WHEN b.z < 13 THEN ST_SimplifyPreserveTopology(" + up + ", 0.5) ELSE " + up + " END, "
        + "ST_MakeBox2D(ST_Point(0, -4096), ST_Point(4096, 0)), 4096, 64, true) END AS geom";
  }

  /** The parcel's tile attributes, from its description: each from its zoom on (numbers as float8, as MVT holds them). */
  private static final String PARCEL_ATTRIBUTES = String.join(", ", ParcelFields.FIELDS.where(f -> f.tileZoom() >= 0).stream().map(f -> {
    String v = f.type().json().equals("number") ? "(" + f.sql("t") + ")::float8" : f.sql("t");
    return (f.tileZoom() == 0 ? v : "CASE WHEN b.z >= " + f.tileZoom() + " THEN " + v + " END") + " AS \"" + f.name() + "\"";
  }).toList());

  /** A parcel tile's rows over {@link #PARCEL_BOUNDS} (b); parameter: the readable cluster ids. */
  static final String PARCEL_ROWS = "SELECT t.id, " + PARCEL_ATTRIBUTES + ", "
      + PARCEL_GEOM + " FROM parcel t JOIN land_use_code lu ON lu.scheme = t.land_use_scheme AND lu.code = t.land_use_code, b "
      + "WHERE t.status = 'current' AND t.cluster_id = ANY(?) AND t.geom && b.env";

  /** Parameters: z, x, y; the readable cluster ids. */
  static final String PARCELS = PARCEL_BOUNDS + "SELECT ST_AsMVT(m, 'parcels', 4096, 'geom', 'id') FROM (" + PARCEL_ROWS + ") m";

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
      + MVT_GEOM + " FROM (SELECT k.*, k.boundary AS geom FROM cluster k) t, b WHERE t.geom && b.env) m";

  /** Parameters as for clusters. Open offerings only, with the announcement's fields: public, no enterprise attribute. */
  static final String STANDARD_LAND = BOUNDS
      + "SELECT ST_AsMVT(m, 'standard-land', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, t.plot_no AS \"plotNo\", t.name, round(t.area_mu::numeric, 2)::float8 AS \"areaMu\", t.land_use_code AS \"landUseCode\", "
      + "t.reserve_price_wan::float8 AS \"reservePriceWan\", t.cluster_id AS \"clusterId\", "
      + MVT_GEOM + " FROM " + mujun.standardland.LandSql.PUBLIC_SOURCE + " t, b WHERE t.geom && b.env) m";

  /** Parameters as for parcels. Active low-efficiency tags of the caller's clusters, coloured by kind. */
  static final String LOW_EFFICIENCY_LAND = BOUNDS
      + "SELECT ST_AsMVT(m, 'low-efficiency-land', 4096, 'geom', 'id') FROM ("
      + "SELECT t.id, t.kind, lk.color, t.cluster_id AS \"clusterId\", "
      + "CASE WHEN b.z >= 12 THEN COALESCE((SELECT d.status FROM disposal_plan d WHERE d.tag_id = t.id AND d.status <> 'cancelled' LIMIT 1), 'none') END AS disposal, "
      + "CASE WHEN b.z >= 14 THEN round(t.area_mu::numeric, 2)::float8 END AS \"areaMu\", "
      + MVT_GEOM + " FROM low_eff_tag t JOIN low_eff_kind lk ON lk.code = t.kind, b "
      + "WHERE t.status = 'active' AND t.cluster_id = ANY(?) AND t.geom && b.env) m";

  /** A layer's data version: the sum of its shards (see V12__system_of_record.sql). */
  static final String VERSION = "SELECT COALESCE(sum(version), 0)::bigint FROM data_version_shard WHERE name = ?";

  /** The z14 tile (x, y) of one current parcel and that parcel's cluster, for warming a connection (TileService.warm). */
  static final String WARM_TILE =
      "SELECT floor((ST_X(p) + 180) / 360 * 16384)::int, floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 16384)::int, "
          + "ARRAY[cluster_id] FROM (SELECT ST_PointOnSurface(geom) AS p, cluster_id FROM parcel WHERE status = 'current' LIMIT 1) s";
}
