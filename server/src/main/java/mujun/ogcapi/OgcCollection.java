package mujun.ogcapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mujun.parcel.ParcelFields;
import mujun.schema.Field;
import mujun.schema.FieldType;
import mujun.schema.Fields;

/**
 * A collection served through OGC API – Features: where its rows come from, its id and geometry expressions, and the
 * allow-list of its properties (name → SQL expression and JSON Schema type). Property names in requests (queryables,
 * sortby, properties) are looked up here; nothing else ever reaches SQL as an identifier.
 */
record OgcCollection(String id, String title, String description, String source, String asOfSource, String geom, String bbox,
                     String scope, Fields fields, Map<String, String[]> properties, boolean temporal, boolean editable) {

  OgcCollection(String id, String title, String description, String source, String asOfSource, String geom, String bbox,
                String scope, Fields fields, boolean temporal, boolean editable) {
    this(id, title, description, source, asOfSource, geom, bbox, scope, fields, expressions(fields), temporal, editable);
  }

  /** name → {SQL expression on alias t, JSON type (date for dates)}: what filters, sorting and pages read. */
  private static Map<String, String[]> expressions(Fields fields) {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (Field f : fields.all()) m.put(f.name(), new String[] {f.sql("t"), f.type().isDate() ? "date" : f.type().json()});
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Properties computed by SQL over the collection's source (alias t): name, expression, JSON type (or date) triples. */
  static Fields props(String table, String... triples) {
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < triples.length; i += 3) {
      String type = triples[i + 2];
      out.add(Field.computed(triples[i], null, type.equals("date") ? FieldType.date() : FieldType.computed(null, type, null), triples[i + 1]));
    }
    return new Fields(table, out);
  }

  boolean scoped() {
    return scope != null;
  }

  static final OgcCollection CLUSTERS = new OgcCollection("clusters", "产业集聚区 Industrial clusters",
      "Henan's industrial clusters (产业集聚区) with their planned boundaries, EPSG:4490.",
      "(SELECT k.*, k.boundary AS geom, c.name AS city_name FROM cluster k JOIN city c ON c.code = k.city_code)", null, "t.geom",
      "t.geom && %s", null,
      props("cluster", "code", "t.code", "string", "name", "t.name", "string", "nameEn", "t.name_en", "string", "cityCode", "t.city_code", "string",
          "cityName", "t.city_name", "string", "level", "t.level", "string", "plannedAreaKm2", "t.planned_area_km2", "number"),
      false, false);

  static final OgcCollection PARCELS = new OgcCollection("parcels", "宗地 Parcels",
      "The parcel register: current parcels (or, with datetime, the register as it was then), outlines in EPSG:4490, "
          + "areas in m² and 亩 as plane areas in each parcel's Gauss-Krüger zone.",
      "(SELECT p.* FROM parcel p WHERE p.status = 'current')", "ASOF", "t.geom", "t.geom && %s", "t.cluster_id",
      new Fields("parcel", ParcelFields.FIELDS.with(Field.Use.OGC)),
      true, true);

  static final OgcCollection ENTERPRISES = new OgcCollection("enterprises", "企业 Enterprises",
      "Enterprises keyed by 统一社会信用代码; the geometry is the land they hold (their current parcels).",
      "enterprise", null, "(SELECT ST_Multi(ST_Union(p.geom)) FROM parcel p WHERE p.holder_id = t.id AND p.status = 'current')",
      "EXISTS (SELECT 1 FROM parcel p WHERE p.holder_id = t.id AND p.status = 'current' AND p.geom && %s)", "t.cluster_id",
      props("enterprise", "creditCode", "t.credit_code", "string", "name", "t.name", "string", "industryCode", "t.industry_code", "string",
          "sizeClass", "t.size_class", "string", "clusterId", "t.cluster_id", "integer", "foundedOn", "t.founded_on", "date"),
      false, false);

  /** Open offerings only, with the fields of the announcement: the same projection as the public API (no enterprise data). */
  static final OgcCollection STANDARD_LAND = new OgcCollection("standard-land", "标准地 Standard-land offerings",
      "Announced standard-land (标准地) offerings: the plot, planning conditions and control indicators fixed in advance. Public.",
      "(SELECT s.id, s.geom, s.plot_no, s.name, s.location, s.cluster_id, k.name AS cluster_name, k.city_code, c.name AS city_name, "
          + "s.area_m2, s.area_mu, s.land_use_code, lu.name AS land_use_name, s.term_years, s.reserve_price_wan, s.deposit_wan, s.far_min, s.far_max, "
          + "s.building_coefficient_min_pct, s.office_living_max_pct, s.green_ratio_max_pct, s.height_max_m, s.industries, s.indicators, "
          + "s.env_standard, s.announced_on, s.listing_ends_on FROM " + mujun.standardland.LandSql.PUBLIC_SOURCE + " s "
          + "JOIN cluster k ON k.id = s.cluster_id JOIN city c ON c.code = k.city_code "
          + "JOIN land_use_code lu ON lu.scheme = s.land_use_scheme AND lu.code = s.land_use_code)", null, "t.geom", "t.geom && %s", null,
      props("standard_land", "plotNo", "t.plot_no", "string", "name", "t.name", "string", "location", "t.location", "string", "clusterId", "t.cluster_id", "integer",
          "clusterName", "t.cluster_name", "string", "cityCode", "t.city_code", "string", "cityName", "t.city_name", "string",
          "areaM2", "round(t.area_m2::numeric, 2)", "number", "areaMu", "round(t.area_mu::numeric, 2)", "number",
          "landUseCode", "t.land_use_code", "string", "landUseName", "t.land_use_name", "string", "termYears", "t.term_years", "integer",
          "reservePriceWan", "t.reserve_price_wan", "number", "depositWan", "t.deposit_wan", "number", "farMin", "t.far_min", "number",
          "farMax", "t.far_max", "number", "buildingCoefficientMinPct", "t.building_coefficient_min_pct", "number",
          "officeLivingMaxPct", "t.office_living_max_pct", "number", "greenRatioMaxPct", "t.green_ratio_max_pct", "number",
          "heightMaxM", "t.height_max_m", "number", "industries", "array_to_string(t.industries, ',')", "string",
          "investmentIntensity", "(t.indicators->>'investment_intensity')::numeric", "number",
          "taxPerMu", "(t.indicators->>'tax_per_mu')::numeric", "number", "outputPerMu", "(t.indicators->>'output_per_mu')::numeric", "number",
          "envStandard", "t.env_standard", "string", "announcedOn", "t.announced_on", "date", "listingEndsOn", "t.listing_ends_on", "date"),
      false, false);

  /** Active low-efficiency tags in the caller's clusters, with their kind and disposal status. */
  static final OgcCollection LOW_EFFICIENCY_LAND = new OgcCollection("low-efficiency-land", "低效用地 Low-efficiency land",
      "Surveyed low-efficiency and idle land (闲置土地, 停产, 半停产, 停建, 缓建 and local kinds): whole parcels or parts, with the "
          + "survey date, criteria and the state of the disposal plan. Signed-in users, their clusters only.",
      "(SELECT t.id, t.geom, t.cluster_id, t.parcel_id, p.code AS parcel_code, t.kind, lk.name AS kind_name, t.whole_parcel, t.area_m2, t.area_mu, "
          + "t.survey_date, t.criteria, t.notes, t.idle_fee_wan, t.recovery_date, COALESCE(dp.status, 'none') AS disposal, dp.method AS plan_method, "
          + "dp.deadline AS plan_deadline, dp.revived_mu, t.version, t.valid_from FROM low_eff_tag t JOIN parcel p ON p.id = t.parcel_id "
          + "JOIN low_eff_kind lk ON lk.code = t.kind LEFT JOIN LATERAL (SELECT * FROM disposal_plan d WHERE d.tag_id = t.id AND d.status <> 'cancelled' LIMIT 1) dp ON true "
          + "WHERE t.status = 'active')", null, "t.geom", "t.geom && %s", "t.cluster_id",
      props("low_eff_tag", "parcelId", "t.parcel_id", "integer", "parcelCode", "t.parcel_code", "string", "clusterId", "t.cluster_id", "integer",
          "kind", "t.kind", "string", "kindName", "t.kind_name", "string", "wholeParcel", "t.whole_parcel", "boolean",
          "areaM2", "round(t.area_m2::numeric, 2)", "number", "areaMu", "round(t.area_mu::numeric, 2)", "number", "surveyDate", "t.survey_date", "date",
          "criteria", "array_to_string(t.criteria, '; ')", "string", "notes", "t.notes", "string", "idleFeeWan", "t.idle_fee_wan", "number",
          "recoveryDate", "t.recovery_date", "date", "disposal", "t.disposal", "string", "planMethod", "t.plan_method", "string",
          "planDeadline", "t.plan_deadline", "date", "revivedMu", "t.revived_mu", "number", "version", "t.version", "integer"),
      false, true);

  /** Every collection served, by id, in the order the landing page lists them. */
  static final Map<String, OgcCollection> ALL;

  static {
    Map<String, OgcCollection> m = new LinkedHashMap<>();
    for (OgcCollection c : List.of(CLUSTERS, PARCELS, ENTERPRISES, STANDARD_LAND, LOW_EFFICIENCY_LAND)) m.put(c.id(), c);
    ALL = java.util.Collections.unmodifiableMap(m);
  }

  static OgcCollection get(String id) {
    return ALL.get(id);
  }
}
