package mujun.cluster;

import static mujun.schema.Field.Use.REQUIRED;
import static mujun.schema.Field.Use.WRITE;

import java.util.List;
import java.util.Optional;
import mujun.enterprise.EnterpriseFields;
import mujun.schema.Catalog;
import mujun.schema.Field;
import mujun.schema.FieldType;
import mujun.schema.Fields;

/**
 * The cluster (产业集聚区) and the park inside it (区中园), described once: the app API's records, the form's checks
 * and the OpenAPI schemas come from here, and the server refuses to start when they depart from the tables. Read from
 * alias {@code k} (cluster, with {@code c} its city) and {@code x} (park).
 */
public final class ClusterFields {
  private ClusterFields() {}

  static final String CODE_PATTERN = "^[A-Z0-9][A-Z0-9-]{1,19}$";

  static Optional<String> codeProblem(String code) {
    return code.matches(CODE_PATTERN) ? Optional.empty() : Optional.of("must be 2–20 capitals, digits or hyphens, e.g. XZXG");
  }

  static Optional<String> cityProblem(String code) {
    return code.matches("^[0-9]{6}$") ? Optional.empty() : Optional.of("must be a 6-digit 行政区划代码, e.g. 410184");
  }

  public static final Fields CLUSTER = new Fields("cluster", List.of(
      Field.of("code", "code", FieldType.code("text", CODE_PATTERN, ClusterFields::codeProblem)).with(WRITE, REQUIRED),
      Field.of("name", "name", FieldType.text(100)).with(WRITE, REQUIRED),
      Field.of("nameEn", "name_en", FieldType.text(200)).with(WRITE).emptyAs(""),
      Field.of("cityCode", "city_code", FieldType.code("character", null, ClusterFields::cityProblem)).with(WRITE, REQUIRED),
      Field.computed("cityName", "city.name", FieldType.computed("text", "string", null), "c.name"),
      Field.of("level", "level", FieldType.choice("national", "provincial", "other")).with(WRITE).emptyAs("provincial"),
      Field.of("plannedAreaKm2", "planned_area_km2", FieldType.number(0, true, null)).with(WRITE),
      Field.of("leadingIndustries", "leading_industries", FieldType.codeList(EnterpriseFields::industryProblem)).with(WRITE).emptyAs(new String[0]),
      Field.of("chemicalLed", "chemical_led", FieldType.flag()).with(WRITE).emptyAs(false),
      Field.of("chemicalPark", "chemical_park", FieldType.flag()).with(WRITE).emptyAs(false),
      Field.of("status", "status", FieldType.choice("active", "merged", "revoked")).with(WRITE).emptyAs("active"),
      Field.of("version", "version", FieldType.computed("integer", "integer", null)),
      Field.of("changedBy", "changed_by", FieldType.computed("text", "string", null)),
      Field.of("changedAt", "changed_at", FieldType.computed("timestamp with time zone", "string", "date-time"))));

  public static final Fields PARK = new Fields("park", List.of(
      Field.of("clusterId", "cluster_id", FieldType.reference("integer")).with(WRITE, REQUIRED),
      Field.of("code", "code", FieldType.code("text", CODE_PATTERN, ClusterFields::codeProblem)).with(WRITE, REQUIRED),
      Field.of("name", "name", FieldType.text(100)).with(WRITE, REQUIRED),
      Field.of("nameEn", "name_en", FieldType.text(200)).with(WRITE).emptyAs(""),
      Field.of("kind", "kind", FieldType.text(40)).with(WRITE, REQUIRED),
      Field.of("operator", "operator", FieldType.text(200)).with(WRITE).emptyAs(""),
      Field.of("areaMu", "area_mu", FieldType.computed("double precision", "number", null)),
      Field.of("status", "status", FieldType.choice("active", "closed")).with(WRITE).emptyAs("active"),
      Field.of("version", "version", FieldType.computed("integer", "integer", null)),
      Field.of("changedBy", "changed_by", FieldType.computed("text", "string", null)),
      Field.of("changedAt", "changed_at", FieldType.computed("timestamp with time zone", "string", "date-time"))));

  public static List<String> problems(Catalog catalog) {
    List<String> out = new java.util.ArrayList<>(catalog.check(CLUSTER));
    out.addAll(catalog.undescribed(CLUSTER, List.of("id", "boundary")));
    out.addAll(catalog.check(PARK));
    out.addAll(catalog.undescribed(PARK, List.of("id", "boundary")));
    return out;
  }
}
