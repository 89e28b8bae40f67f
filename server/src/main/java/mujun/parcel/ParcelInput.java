package mujun.parcel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.geo.GeoJsonInput;
import mujun.http.ApiError;
import org.locationtech.jts.geom.Geometry;

/**
 * A parcel write request, validated field by field: API names (camelCase) map to columns through a fixed table, so
 * no request text ever becomes an identifier. Collects every problem so a form can show them all at once.
 */
public final class ParcelInput {
  /** API field → column, with its kind. */
  private static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

  static {
    f("code", "code", "code");
    f("clusterId", "cluster_id", "int");
    f("landUseScheme", "land_use_scheme", "text");
    f("landUseCode", "land_use_code", "text");
    f("rightType", "right_type", "rightType");
    f("holderId", "holder_id", "int");
    f("registeredAreaM2", "registered_area_m2", "positive");
    f("supplyDate", "supply_date", "date");
    f("transferPriceWan", "transfer_price_wan", "nonNegative");
    f("agreedStartDate", "agreed_start_date", "date");
    f("agreedCompletionDate", "agreed_completion_date", "date");
    f("actualStartDate", "actual_start_date", "date");
    f("actualCompletionDate", "actual_completion_date", "date");
    f("contractedInvestmentWan", "contracted_investment_wan", "nonNegative");
    f("floorAreaRatio", "floor_area_ratio", "far");
    f("buildingCoveragePct", "building_coverage_pct", "percent");
    f("developedAreaM2", "developed_area_m2", "nonNegative");
    f("investedWan", "invested_wan", "nonNegative");
    f("suspendedSince", "suspended_since", "date");
    f("productionStoppedSince", "production_stopped_since", "date");
    f("productionHalvedSince", "production_halved_since", "date");
    f("remarks", "remarks", "text");
  }

  private static void f(String api, String column, String kind) {
    FIELDS.put(api, new String[] {column, kind});
  }

  public static final Set<String> RIGHT_TYPES = Set.of("transfer", "allocation", "lease");
  /** Every field a parcel write body may carry. */
  public static final Set<String> ALLOWED;

  static {
    var s = new java.util.HashSet<>(FIELDS.keySet());
    s.addAll(List.of("geometry", "reason", "repair"));
    ALLOWED = Set.copyOf(s);
  }

  /** Column → typed value (String, Long, BigDecimal, LocalDate or null) for the fields present. */
  public final Map<String, Object> values = new LinkedHashMap<>();
  public final Geometry geometry;
  public final String reason;
  public final boolean repair;

  private ParcelInput(Geometry geometry, String reason, boolean repair) {
    this.geometry = geometry;
    this.reason = reason;
    this.repair = repair;
  }

  /** Parses and validates; {@code full} requires what a new parcel needs (code, land use, geometry). */
  public static ParcelInput parse(ObjectNode body, boolean full) {
    List<Map<String, String>> problems = new ArrayList<>();
    Geometry g = body.has("geometry") ? GeoJsonInput.parse(body.get("geometry"), "geometry", Set.of("Polygon", "MultiPolygon")) : null;
    JsonNode r = body.get("reason");
    if (r != null && !r.isNull() && !r.isTextual()) problems.add(problem("reason", "must be text"));
    String reason = r == null || r.isNull() ? "" : r.asText().strip();
    if (reason.length() > 500) problems.add(problem("reason", "may have at most 500 characters"));
    JsonNode rep = body.get("repair");
    if (rep != null && !rep.isBoolean() && !rep.isNull()) problems.add(problem("repair", "must be true or false"));
    ParcelInput in = new ParcelInput(g, reason, rep != null && rep.asBoolean(false));
    for (Map.Entry<String, String[]> e : FIELDS.entrySet()) {
      String api = e.getKey();
      if (!body.has(api)) continue;
      JsonNode n = body.get(api);
      String column = e.getValue()[0];
      try {
        in.values.put(column, convert(api, e.getValue()[1], n));
      } catch (IllegalArgumentException ex) {
        problems.add(problem(api, ex.getMessage()));
      }
    }
    if (full) {
      for (String req : List.of("code", "land_use_scheme", "land_use_code")) {
        if (in.values.get(req) == null) problems.add(problem(apiName(req), "is required"));
      }
      if (g == null) problems.add(problem("geometry", "is required"));
    }
    LocalDate as = (LocalDate) in.values.get("agreed_start_date"), ac = (LocalDate) in.values.get("agreed_completion_date");
    if (as != null && ac != null && ac.isBefore(as)) problems.add(problem("agreedCompletionDate", "must not be before the agreed start date"));
    LocalDate xs = (LocalDate) in.values.get("actual_start_date"), xc = (LocalDate) in.values.get("actual_completion_date");
    if (xs != null && xc != null && xc.isBefore(xs)) problems.add(problem("actualCompletionDate", "must not be before the actual start date"));
    if (!problems.isEmpty()) {
      throw new ApiError(422, "VALIDATION_FAILED", "Some fields are not valid: "
          + String.join("; ", problems.stream().map(p -> p.get("field") + " " + p.get("message")).toList()) + ".", problems);
    }
    return in;
  }

  static String apiName(String column) {
    return FIELDS.entrySet().stream().filter(e -> e.getValue()[0].equals(column)).map(Map.Entry::getKey).findFirst().orElse(column);
  }

  private static Map<String, String> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static Object convert(String api, String kind, JsonNode n) {
    if (n == null || n.isNull()) {
      if (kind.equals("code")) throw new IllegalArgumentException("is required");
      return kind.equals("text") && api.equals("remarks") ? "" : null;
    }
    switch (kind) {
      case "code": {
        if (!n.isTextual()) throw new IllegalArgumentException("must be text");
        String c = n.asText().strip().toUpperCase();
        ParcelCode.problem(c).ifPresent(p -> {
          throw new IllegalArgumentException(p);
        });
        return c;
      }
      case "text": {
        if (!n.isTextual()) throw new IllegalArgumentException("must be text");
        String t = n.asText().strip();
        if (t.length() > 2000) throw new IllegalArgumentException("may have at most 2000 characters");
        return t;
      }
      case "rightType": {
        if (!n.isTextual() || !RIGHT_TYPES.contains(n.asText())) throw new IllegalArgumentException("must be one of transfer, allocation, lease");
        return n.asText();
      }
      case "int": {
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw new IllegalArgumentException("must be a whole number");
        if (n.asLong() <= 0) throw new IllegalArgumentException("must be positive");
        return n.asLong();
      }
      case "date": {
        if (!n.isTextual()) throw new IllegalArgumentException("must be a date like 2024-05-31");
        try {
          LocalDate d = LocalDate.parse(n.asText());
          if (d.getYear() < 1949 || d.getYear() > 2100) throw new IllegalArgumentException("must be between 1949 and 2100");
          return d;
        } catch (DateTimeParseException ex) {
          throw new IllegalArgumentException("must be a date like 2024-05-31");
        }
      }
      default: {
        if (!n.isNumber()) throw new IllegalArgumentException("must be a number");
        BigDecimal v = n.decimalValue();
        switch (kind) {
          case "positive" -> { if (v.signum() <= 0) throw new IllegalArgumentException("must be greater than 0"); }
          case "nonNegative" -> { if (v.signum() < 0) throw new IllegalArgumentException("must not be negative"); }
          case "far" -> { if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(20)) > 0) throw new IllegalArgumentException("must be between 0 and 20"); }
          case "percent" -> { if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) throw new IllegalArgumentException("must be between 0 and 100 (%)"); }
          default -> throw new IllegalStateException(kind);
        }
        if (v.abs().compareTo(new BigDecimal("1e12")) > 0) throw new IllegalArgumentException("is too large");
        return v;
      }
    }
  }
}
