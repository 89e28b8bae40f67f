package mujun.enterprise;

import static mujun.schema.Field.Use.REQUIRED;
import static mujun.schema.Field.Use.WRITE;

import java.util.List;
import java.util.Optional;
import mujun.parcel.ParcelCode;
import mujun.schema.Catalog;
import mujun.schema.Field;
import mujun.schema.FieldType;
import mujun.schema.Fields;

/**
 * The enterprise, described once (as {@link mujun.parcel.ParcelFields} describes the parcel): the app API's record,
 * the form's checks, the roster file's columns and the OpenAPI schemas are built from it, and the server refuses to
 * start when it departs from the table. Read from alias {@code e} with {@code k} (its cluster).
 */
public final class EnterpriseFields {
  private EnterpriseFields() {}

  static final String INDUSTRY_PATTERN = "^[A-T]([0-9]{2,4})?$";

  /** Why {@code code} is not a 国民经济行业分类 code, or empty. */
  public static Optional<String> industryProblem(String code) {
    return code.matches(INDUSTRY_PATTERN) ? Optional.empty()
        : Optional.of("must be a 国民经济行业分类 code: a section letter A–T and up to 4 digits, e.g. C3670");
  }

  public static final Fields FIELDS = new Fields("enterprise", List.of(
      Field.of("creditCode", "credit_code", FieldType.code("character", null, CreditCode::problem)).with(WRITE, REQUIRED),
      Field.of("name", "name", FieldType.text(200)).with(WRITE, REQUIRED),
      Field.of("industryCode", "industry_code", FieldType.code("text", INDUSTRY_PATTERN, EnterpriseFields::industryProblem)).with(WRITE, REQUIRED),
      Field.of("sizeClass", "size_class", FieldType.choice("above", "below")).with(WRITE, REQUIRED),
      Field.of("aboveSince", "above_since", FieldType.whole("smallint", 1949, 2100)).with(WRITE),
      Field.of("clusterId", "cluster_id", FieldType.reference("integer")).with(WRITE, REQUIRED),
      Field.computed("clusterCode", "cluster.code", FieldType.computed("text", "string", null), "k.code"),
      Field.computed("clusterName", "cluster.name", FieldType.computed("text", "string", null), "k.name"),
      Field.of("foundedOn", "founded_on", FieldType.date()).with(WRITE),
      Field.of("productionStartedOn", "production_started_on", FieldType.date()).with(WRITE),
      Field.of("address", "address", FieldType.text(200)).with(WRITE).emptyAs(""),
      Field.of("status", "status", FieldType.choice("operating", "suspended", "deregistered", "merged")).with(WRITE).emptyAs("operating"),
      Field.of("mergedInto", "merged_into", FieldType.code("character", null, CreditCode::problem)).with(WRITE),
      Field.of("premisesParcelCode", "premises_parcel_code", FieldType.code("varchar", "^[0-9]{12}[GJZ][A-Z][0-9]{5}$", ParcelCode::problem))
          .with(WRITE),
      Field.of("version", "version", FieldType.computed("integer", "integer", null)),
      Field.of("changedBy", "changed_by", FieldType.computed("text", "string", null)),
      Field.of("changedAt", "changed_at", FieldType.computed("timestamp with time zone", "string", "date-time")),
      Field.of("createdAt", "created_at", FieldType.computed("timestamp with time zone", "string", "date-time"))));

  /** Columns of the table that are not fields: the key, and the address point (read and written as GeoJSON beside the fields). */
  static final List<String> OTHER_COLUMNS = List.of("id", "location");

  public static List<String> problems(Catalog catalog) {
    List<String> out = new java.util.ArrayList<>(catalog.check(FIELDS));
    out.addAll(catalog.undescribed(FIELDS, OTHER_COLUMNS));
    return out;
  }
}
