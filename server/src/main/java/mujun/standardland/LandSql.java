package mujun.standardland;

/**
 * SQL of standard land. Every value is a bind parameter. The public projection is one constant used by every public
 * path (API, OGC API, tiles, feeds): it names the announcement's fields only — never the enterprise, commitments,
 * prices agreed, remedies or notes.
 */
public final class LandSql {
  private LandSql() {}

  /** What an announcement shows (alias s = standard_land, k = cluster, c = city, lu = land_use_code). */
  public static final String PUBLIC_PROPERTIES =
      "json_build_object('plotNo', s.plot_no, 'name', s.name, 'location', s.location, 'clusterId', s.cluster_id, 'clusterName', k.name, "
          + "'clusterNameEn', k.name_en, 'cityCode', k.city_code, 'cityName', c.name, 'cityNameEn', c.name_en, "
          + "'areaM2', round(s.area_m2::numeric, 2), 'areaMu', round(s.area_mu::numeric, 2), 'landUseScheme', s.land_use_scheme, "
          + "'landUseCode', s.land_use_code, 'landUseName', lu.name, 'landUseNameEn', lu.name_en, 'termYears', s.term_years, "
          + "'reservePriceWan', s.reserve_price_wan, 'depositWan', s.deposit_wan, 'farMin', s.far_min, 'farMax', s.far_max, "
          + "'buildingCoefficientMinPct', s.building_coefficient_min_pct, 'buildingDensityMaxPct', s.building_density_max_pct, "
          + "'heightMaxM', s.height_max_m, 'greenRatioMaxPct', s.green_ratio_max_pct, 'officeLivingMaxPct', s.office_living_max_pct, "
          + "'supportingFloorMaxPct', s.supporting_floor_max_pct, 'divisible', s.divisible, 'sellableFloorMaxPct', s.sellable_floor_max_pct, "
          + "'industries', s.industries, 'indicators', s.indicators, 'envStandard', s.env_standard, 'assessments', s.assessments, "
          + "'status', s.status, 'announcedOn', s.announced_on, 'listingEndsOn', s.listing_ends_on)";

  static final String PUBLIC_JOINS = " JOIN cluster k ON k.id = s.cluster_id JOIN city c ON c.code = k.city_code "
      + "JOIN land_use_code lu ON lu.scheme = s.land_use_scheme AND lu.code = s.land_use_code ";

  /** The open offerings the public sees. */
  public static final String PUBLIC_SOURCE = "(SELECT * FROM standard_land WHERE status = 'announced')";

  /**
   * Public list, filtered; parameters: city (x2), cluster (x2), min mu (x2), max mu (x2), land use (x2), industry (x3),
   * min price (x2), max price (x2), bbox xmin (first of 5: xmin, ymin, xmax, ymax, null-check), limit.
   */
  /** The public map's list; every filter optional (null: no filter). */
  static final mujun.db.Named PUBLIC_LIST = mujun.db.Named.of("SELECT json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 6)::json, "
      + "'properties', " + PUBLIC_PROPERTIES + ")::text FROM " + PUBLIC_SOURCE + " s" + PUBLIC_JOINS
      + "WHERE (:city::text IS NULL OR k.city_code = :city) AND (:cluster::int IS NULL OR s.cluster_id = :cluster) "
      + "AND (:minMu::float8 IS NULL OR s.area_mu >= :minMu) AND (:maxMu::float8 IS NULL OR s.area_mu <= :maxMu) "
      + "AND (:landUse::text IS NULL OR s.land_use_code = :landUse) "
      + "AND (:industry::text IS NULL OR EXISTS (SELECT 1 FROM unnest(s.industries) i WHERE i LIKE :industry || '%' OR :industry LIKE i || '%')) "
      + "AND (:minPrice::numeric IS NULL OR s.reserve_price_wan >= :minPrice) AND (:maxPrice::numeric IS NULL OR s.reserve_price_wan <= :maxPrice) "
      + "AND (:x0::float8 IS NULL OR s.geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490)) "
      + "ORDER BY s.announced_on DESC NULLS LAST, s.id DESC LIMIT :limit");

  /** Whether an offering is announced (public); parameter id. */
  static final String IS_PUBLIC = "SELECT 1 FROM " + PUBLIC_SOURCE + " s WHERE s.id = ?";

  static final String PUBLIC_ONE = "SELECT json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 7)::json, "
      + "'properties', " + PUBLIC_PROPERTIES + ")::text FROM " + PUBLIC_SOURCE + " s" + PUBLIC_JOINS + "WHERE s.id = ?";

  /** The newest announced offerings for the feeds. */
  static final String FEED = "SELECT s.id, s.plot_no, s.name, s.location, k.name, c.name, round(s.area_mu::numeric, 2), s.reserve_price_wan, "
      + "s.announced_on, s.listing_ends_on, s.valid_from, lu.name, s.industries FROM " + PUBLIC_SOURCE + " s" + PUBLIC_JOINS
      + "ORDER BY s.announced_on DESC NULLS LAST, s.id DESC LIMIT 50";

  /** Everything staff see of an offering (alias s, k, c, lu; e = winning enterprise). */
  static final String STAFF_PROPERTIES =
      "jsonb_build_object('enterpriseId', s.enterprise_id, 'enterpriseName', e.name, 'enterpriseCreditCode', e.credit_code, "
          + "'contractDate', s.contract_date, 'transactionPriceWan', s.transaction_price_wan, 'commitments', s.commitments, "
          + "'remedies', s.remedies, 'agreedStartDate', s.agreed_start_date, 'agreedCompletionDate', s.agreed_completion_date, "
          + "'constructionStartedOn', s.construction_started_on, 'checkedOn', s.checked_on, 'internalNotes', s.internal_notes, "
          + "'parcelIds', s.parcel_ids, 'version', s.version, 'validFrom', s.valid_from, 'changedBy', s.changed_by, "
          + "'overdueStart', s.status = 'transferred' AND s.agreed_start_date < current_date AND s.construction_started_on IS NULL, "
          + "'overdueCompletion', s.status IN ('transferred', 'construction') AND s.agreed_completion_date < current_date, "
          + "'listingEnded', s.status = 'announced' AND s.listing_ends_on < current_date, "
          + "'areaBasisMu', COALESCE((SELECT round(sum(p.area_mu)::numeric, 4) FROM parcel p WHERE p.holder_id = s.enterprise_id AND p.status = 'current'), round(s.area_mu::numeric, 4))) "
          + "|| " + PUBLIC_PROPERTIES.replace("json_build_object", "jsonb_build_object");

  static final String STAFF_JOINS = PUBLIC_JOINS + "LEFT JOIN enterprise e ON e.id = s.enterprise_id ";

  /** Staff list; parameters: scope, status (x2), cluster (x2). */
  static final String STAFF_LIST = "SELECT s.id, json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 6)::json, "
      + "'properties', " + STAFF_PROPERTIES + ")::text FROM standard_land s" + STAFF_JOINS
      + "WHERE s.cluster_id = ANY(?) AND (?::text IS NULL OR s.status = ?) AND (?::int IS NULL OR s.cluster_id = ?) "
      + "ORDER BY s.cluster_id, s.plot_no LIMIT 2000";

  /** One offering for staff; parameters: id, scope. */
  static final String STAFF_ONE = "SELECT s.id, json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 7)::json, "
      + "'properties', " + STAFF_PROPERTIES + ")::text, s.version, s.status, s.cluster_id FROM standard_land s" + STAFF_JOINS
      + "WHERE s.id = ? AND s.cluster_id = ANY(?)";

  static final String STEPS = "SELECT COALESCE(json_agg(json_build_object('status', status, 'date', on_date, 'note', note, "
      + "'recordedBy', recorded_by, 'recordedAt', recorded_at) ORDER BY id), '[]')::text FROM standard_land_step WHERE offering_id = ?";

  static final String HISTORY = "SELECT COALESCE(json_agg(json_build_object('version', version, 'operation', operation, 'changedAt', changed_at, "
      + "'changedBy', changed_by, 'reason', change_reason, 'status', row_data->>'status') ORDER BY version DESC), '[]')::text "
      + "FROM change_history WHERE entity = 'standard_land' AND entity_id = ?";

  /** Yearly figures of one enterprise. */
  static final String FIGURES = "SELECT year, tax_wan, output_wan, value_added_wan, energy_tce, investment_wan FROM enterprise_indicator WHERE enterprise_id = ?";

  static final String KINDS = "SELECT code, name, name_en, unit, direction, low, high, actual FROM standard_indicator_kind ORDER BY sort, code";

  static final String FAR_MINIMUMS = "SELECT division, name, far_min FROM industry_far_minimum";

  static final String SETTINGS = "SELECT key, value FROM setting WHERE key LIKE 'national\\_%' OR key LIKE 'standard\\_land\\_%'";

  static final String CLUSTER_STANDARDS = "SELECT kind, value FROM cluster_standard WHERE cluster_id = ?";

  static final String LAND_USE = "SELECT industrial FROM land_use_code WHERE scheme = ? AND code = ?";

  /** The parcels an offering is made of: current, in the cluster, not held by anyone; parameters: ids, scope. */
  static final String PARCELS_OF = "SELECT p.id, p.code, p.cluster_id, p.holder_id, e.name FROM parcel p LEFT JOIN enterprise e ON e.id = p.holder_id "
      + "WHERE p.id = ANY(?) AND p.status = 'current' AND p.cluster_id = ANY(?)";

  static final String UNION_OF = "SELECT ST_Multi(ST_Union(geom)) FROM parcel WHERE id = ANY(?)";

  static final String INSERT_STEP = "INSERT INTO standard_land_step (offering_id, status, on_date, note, recorded_by) VALUES (?, ?, ?, ?, '')";

  /** Pipeline per cluster in scope: count and 亩 in each state; the year's new industrial land and the 标准地 part of it. Parameters: year x2, scope. */
  static final String PIPELINE = "SELECT k.id, k.code, k.name, k.name_en, k.city_code, c.name, c.name_en, "
      + "COALESCE((SELECT json_object_agg(x.status, json_build_object('count', x.n, 'mu', x.mu)) FROM (SELECT s.status, count(*) n, round(sum(s.area_mu)::numeric, 2) mu "
      + "  FROM standard_land s WHERE s.cluster_id = k.id GROUP BY s.status) x), '{}')::text, "
      + "(SELECT COALESCE(round(sum(p.area_mu)::numeric, 2), 0) FROM parcel p JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code "
      + "  WHERE p.cluster_id = k.id AND p.status = 'current' AND lu.industrial AND extract(year FROM p.supply_date) = ?), "
      + "(SELECT COALESCE(round(sum(s.area_mu)::numeric, 2), 0) FROM standard_land s WHERE s.cluster_id = k.id "
      + "  AND s.status IN ('transferred', 'construction', 'accepted', 'failed', 'supervision') AND extract(year FROM s.contract_date) = ?) "
      + "FROM cluster k JOIN city c ON c.code = k.city_code WHERE k.id = ANY(?) ORDER BY k.city_code, k.code";

  /** The lifecycle's steps (from status, to status), as the database states them. */
  static final String LIFECYCLE = "SELECT from_status, to_status FROM standard_land_steps()";
}
