package mujun.parcel;

import static mujun.schema.Field.Use.COPY;
import static mujun.schema.Field.Use.DETAIL;
import static mujun.schema.Field.Use.OGC;
import static mujun.schema.Field.Use.REQUIRED;
import static mujun.schema.Field.Use.WRITE;

import java.util.List;
import mujun.schema.Catalog;
import mujun.schema.Field;
import mujun.schema.FieldType;
import mujun.schema.Fields;

/**
 * The parcel (宗地), described once. Each field's column, type and bounds are checked against the database at start
 * (its CHECK constraints are the rules; its {@code COMMENT ON} the description); the app API, OGC API items,
 * queryables and schema, the vector tiles, the exports, the OpenAPI schemas and the web form's checks are all built
 * from this list. A new field is one line here plus the migration that adds its column and comment.
 *
 * <p>Read from alias {@code p} (or {@code t}) with the joins of {@link ParcelSql#JOINS}: {@code k} (cluster), {@code lu}
 * (land-use code), {@code e} (holder).
 */
public final class ParcelFields {
  private ParcelFields() {}

  private static final FieldType NON_NEGATIVE = FieldType.number(0, false, null);

  public static final Fields FIELDS = new Fields("parcel", List.of(
      Field.of("code", "code", FieldType.code("varchar", "^[0-9]{12}[GJZ][A-Z][0-9]{5}$", ParcelCode::problem))
          .with(WRITE, REQUIRED).export("zddm").tiles(14),
      Field.of("clusterId", "cluster_id", FieldType.reference("integer")).written().tiles(0),
      Field.computed("clusterCode", "cluster.code", FieldType.computed("text", "string", null), "k.code").without(OGC).export("cluster"),
      Field.computed("clusterName", "cluster.name", FieldType.computed("text", "string", null), "k.name").without(OGC),
      Field.computed("clusterNameEn", "cluster.name_en", FieldType.computed("text", "string", null), "k.name_en").without(OGC),
      Field.of("landUseScheme", "land_use_scheme", FieldType.text(2000)).written().with(REQUIRED).export("dlfa"),
      Field.of("landUseCode", "land_use_code", FieldType.text(2000)).written().with(REQUIRED).export("dlbm").tiles(0),
      Field.computed("landUseName", "land_use_code.name", FieldType.computed("text", "string", null), "lu.name").without(OGC),
      Field.computed("landUseNameEn", "land_use_code.name_en", FieldType.computed("text", "string", null), "lu.name_en").without(OGC),
      Field.computed("color", "land_use_code.color", FieldType.computed("text", "string", null), "lu.color").without(OGC).tiles(0),
      Field.of("rightType", "right_type", FieldType.choice("transfer", "allocation", "lease")).written().export("qlxz"),
      Field.of("holderId", "holder_id", FieldType.reference("bigint")).written(),
      Field.computed("holderName", "enterprise.name", FieldType.computed("text", "string", null), "e.name").without(OGC).export("qlr"),
      Field.computed("holderCreditCode", "enterprise.credit_code", FieldType.computed("text", "string", null), "e.credit_code").without(OGC)
          .export("tyshxydm"),
      // The park inside the cluster (区中园) the parcel lies in, by its inner point: in exports, for the parks' roll-ups.
      Field.computed("parkCode", "park.code", FieldType.computed("text", "string", null), "(SELECT x.code FROM park x WHERE x.status = 'active' "
          + "AND x.boundary && @.geom AND ST_Covers(x.boundary, ST_PointOnSurface(@.geom)) ORDER BY x.code LIMIT 1)").without(OGC, DETAIL).export("park"),
      Field.of("registeredAreaM2", "registered_area_m2", FieldType.number(0, true, null)).with(WRITE).export("djmj_m2"),
      Field.computed("areaM2", "area_m2", FieldType.computed("double precision", "number", null), "round(@.area_m2::numeric, 2)").export("area_m2"),
      Field.computed("areaMu", "area_mu", FieldType.computed("double precision", "number", null), "round(@.area_mu::numeric, 4)")
          .export("area_mu").tiles(14),
      Field.of("gkSrid", "gk_srid", FieldType.computed("integer", "integer", null)).export("gk_epsg"),
      Field.of("supplyDate", "supply_date", FieldType.date()).written().export("gdrq"),
      Field.of("transferPriceWan", "transfer_price_wan", NON_NEGATIVE).written().export("crj_wan"),
      Field.of("agreedStartDate", "agreed_start_date", FieldType.date()).written().export("yddgrq"),
      Field.of("agreedCompletionDate", "agreed_completion_date", FieldType.date()).written().export("ydjgrq"),
      Field.of("actualStartDate", "actual_start_date", FieldType.date()).written().export("sjdgrq"),
      Field.of("actualCompletionDate", "actual_completion_date", FieldType.date()).written().export("sjjgrq"),
      Field.of("contractedInvestmentWan", "contracted_investment_wan", NON_NEGATIVE).written().export("tze_wan"),
      Field.of("floorAreaRatio", "floor_area_ratio", FieldType.number(0, false, 20)).written().export("rjl"),
      Field.of("buildingCoveragePct", "building_coverage_pct", FieldType.number(0, false, 100)).written().export("jzmd_pct"),
      Field.of("developedAreaM2", "developed_area_m2", NON_NEGATIVE).with(WRITE).export("kfmj_m2"),
      Field.of("investedWan", "invested_wan", NON_NEGATIVE).with(WRITE).export("ytz_wan"),
      Field.of("suspendedSince", "suspended_since", FieldType.date()).with(WRITE).export("tjrq"),
      Field.of("productionStoppedSince", "production_stopped_since", FieldType.date()).with(WRITE).export("tcrq"),
      Field.of("productionHalvedSince", "production_halved_since", FieldType.date()).with(WRITE).export("btcrq"),
      Field.of("remarks", "remarks", FieldType.text(2000)).written().emptyAs("").export("bz"),
      Field.computed("areaMismatch", null, FieldType.computed("boolean", "boolean", null),
          "mujun_area_mismatch(@.registered_area_m2, @.area_m2)").without(OGC),
      Field.of("status", "status", FieldType.computed("text", "string", null)).without(OGC),
      Field.of("origin", "origin", FieldType.computed("text", "string", null)).without(OGC),
      Field.of("predecessorIds", "predecessor_ids", FieldType.ids()).without(OGC),
      Field.of("version", "version", FieldType.computed("integer", "integer", null)).export("version"),
      Field.of("validFrom", "valid_from", FieldType.computed("timestamptz", "string", "date-time")).without(OGC),
      Field.of("changedBy", "changed_by", FieldType.computed("text", "string", null)).without(OGC),
      Field.of("changeReason", "change_reason", FieldType.computed("text", "string", null)).without(OGC)));

  /** What the map styles and labels need in a list of parcels. */
  static final List<Field> LIST = List.of("code", "clusterId", "landUseScheme", "landUseCode", "landUseName", "color", "holderName",
      "areaMu", "version").stream().map(FIELDS::get).toList();

  /** Columns the register keeps that are no field of the API (the outline, {@code geom}, aside): the id and the import that made the parcel. */
  static final List<String> OTHER_COLUMNS = List.of("id", "import_id");

  /** The tables whose columns the description reads: the parcel's and those of its joins. */
  public static final java.util.Set<String> TABLES = java.util.Set.of("parcel", "cluster", "land_use_code", "enterprise", "park");

  /** Every way this description departs from the database: columns, types, bounds, comments, and columns not described. */
  public static List<String> problems(Catalog catalog) {
    List<String> out = new java.util.ArrayList<>(catalog.check(FIELDS));
    List<String> others = new java.util.ArrayList<>(OTHER_COLUMNS);
    // The outline, and its clearance (computed from it by PostgreSQL, V33; read by the vector tiles, TileSql.PARCEL_GEOM).
    others.add("geom");
    others.add("geom_clearance");
    // What made the version in force (V36): read with the parcel's history (ParcelSql.HISTORY), no field of its own.
    others.add("operation");
    out.addAll(catalog.undescribed(FIELDS, others));
    return out;
  }
}
