package mujun.standardland;

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
import mujun.error.ApiError;
import org.locationtech.jts.geom.Geometry;

/**
 * An offering write request, validated field by field. API names map to columns through a fixed table (no request
 * text becomes an identifier); every problem is collected so a form shows them all at once.
 */
public final class OfferingInput {
  /** API field → {column, kind}. */
  static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

  static {
    f("plotNo", "plot_no", "text40");
    f("name", "name", "text100");
    f("location", "location", "text");
    f("clusterId", "cluster_id", "int");
    f("landUseScheme", "land_use_scheme", "text40");
    f("landUseCode", "land_use_code", "text40");
    f("termYears", "term_years", "term");
    f("reservePriceWan", "reserve_price_wan", "money");
    f("depositWan", "deposit_wan", "money");
    f("farMin", "far_min", "far");
    f("farMax", "far_max", "far");
    f("buildingCoefficientMinPct", "building_coefficient_min_pct", "percent");
    f("buildingDensityMaxPct", "building_density_max_pct", "percent");
    f("heightMaxM", "height_max_m", "height");
    f("greenRatioMaxPct", "green_ratio_max_pct", "percent");
    f("officeLivingMaxPct", "office_living_max_pct", "percent");
    f("supportingFloorMaxPct", "supporting_floor_max_pct", "percent");
    f("divisible", "divisible", "flag");
    f("sellableFloorMaxPct", "sellable_floor_max_pct", "percent");
    f("envStandard", "env_standard", "text");
    f("listingEndsOn", "listing_ends_on", "date");
    f("internalNotes", "internal_notes", "text");
  }

  private static void f(String api, String column, String kind) {
    FIELDS.put(api, new String[] {column, kind});
  }

  public static final Set<String> ALLOWED;

  static {
    var s = new java.util.HashSet<>(FIELDS.keySet());
    s.addAll(List.of("geometry", "parcelIds", "parcelCodes", "industries", "indicators", "assessments", "reason"));
    ALLOWED = Set.copyOf(s);
  }

  /** Column → typed value for the scalar fields present. */
  public final Map<String, Object> values = new LinkedHashMap<>();
  public Geometry geometry;
  public List<Long> parcelIds;
  /** 宗地代码 of the parcels, as staff type them; resolved to parcelIds in the caller's scope. */
  public List<String> parcelCodes;
  public List<String> industries;
  public Map<String, BigDecimal> indicators;
  public List<String> assessments;
  public String reason = "";

  /** Parses; {@code full} requires what a new offering needs. */
  public static OfferingInput parse(ObjectNode body, boolean full) {
    List<Map<String, String>> problems = new ArrayList<>();
    OfferingInput in = new OfferingInput();
    if (body.has("geometry") && !body.get("geometry").isNull()) {
      in.geometry = GeoJsonInput.parse(body.get("geometry"), "geometry", Set.of("Polygon", "MultiPolygon"));
    }
    if (body.has("parcelIds")) {
      JsonNode a = body.get("parcelIds");
      if (!a.isArray() || a.size() > 200) problems.add(Rules.problem("parcelIds", "must be a list of at most 200 parcel ids"));
      else {
        in.parcelIds = new ArrayList<>();
        for (JsonNode x : a) {
          if (!x.isIntegralNumber() || x.asLong() <= 0) problems.add(Rules.problem("parcelIds", "must hold positive whole numbers"));
          else if (!in.parcelIds.contains(x.asLong())) in.parcelIds.add(x.asLong());
        }
      }
    }
    if (body.has("parcelCodes")) {
      in.parcelCodes = codes(body.get("parcelCodes"), "parcelCodes", 200, problems).stream().map(String::toUpperCase).toList();
      for (String c : in.parcelCodes) mujun.parcel.ParcelCode.problem(c).ifPresent(pr -> problems.add(Rules.problem("parcelCodes", c + ": " + pr)));
    }
    if (body.has("industries")) in.industries = codes(body.get("industries"), "industries", 30, problems);
    if (body.has("assessments")) {
      in.assessments = codes(body.get("assessments"), "assessments", 20, problems);
      for (String a : in.assessments) {
        if (!Rules.ASSESSMENTS.contains(a)) problems.add(Rules.problem("assessments", "\"" + mujun.http.Json.clip(a) + "\" is not one of " + String.join(", ", Rules.ASSESSMENTS)));
      }
    }
    if (body.has("indicators")) in.indicators = numbers(body.get("indicators"), "indicators", problems);
    JsonNode r = body.get("reason");
    if (r != null && !r.isNull()) {
      if (!r.isTextual() || r.asText().length() > 500) problems.add(Rules.problem("reason", "must be text of at most 500 characters"));
      else in.reason = r.asText().strip();
    }
    for (Map.Entry<String, String[]> e : FIELDS.entrySet()) {
      if (!body.has(e.getKey())) continue;
      try {
        in.values.put(e.getValue()[0], convert(e.getValue()[1], body.get(e.getKey())));
      } catch (IllegalArgumentException ex) {
        problems.add(Rules.problem(e.getKey(), ex.getMessage()));
      }
    }
    if (full) {
      for (String req : List.of("plotNo", "name", "clusterId", "landUseScheme", "landUseCode")) {
        if (in.values.get(FIELDS.get(req)[0]) == null) problems.add(Rules.problem(req, "is required"));
      }
      if (in.geometry == null && (in.parcelIds == null || in.parcelIds.isEmpty()) && (in.parcelCodes == null || in.parcelCodes.isEmpty())) {
        problems.add(Rules.problem("geometry", "draw the plot or give the parcels it is made of (parcelIds)"));
      }
    }
    int sources = (in.geometry != null ? 1 : 0) + (in.parcelIds != null && !in.parcelIds.isEmpty() ? 1 : 0) + (in.parcelCodes != null && !in.parcelCodes.isEmpty() ? 1 : 0);
    if (sources > 1) problems.add(Rules.problem("geometry", "give one of a drawn plot, parcelIds or parcelCodes"));
    if (!problems.isEmpty()) throw invalid(problems);
    return in;
  }

  static ApiError invalid(List<Map<String, String>> problems) {
    return ApiError.invalid(problems);
  }

  static List<String> codes(JsonNode a, String field, int max, List<Map<String, String>> problems) {
    List<String> out = new ArrayList<>();
    if (!a.isArray() || a.size() > max) {
      problems.add(Rules.problem(field, "must be a list of at most " + max + " codes"));
      return out;
    }
    for (JsonNode x : a) {
      if (!x.isTextual() || x.asText().isBlank() || x.asText().length() > 40) problems.add(Rules.problem(field, "must hold short text codes"));
      else if (!out.contains(x.asText().strip())) out.add(x.asText().strip());
    }
    return out;
  }

  /** A JSON object of kind code → number. */
  static Map<String, BigDecimal> numbers(JsonNode o, String field, List<Map<String, String>> problems) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    if (!o.isObject() || o.size() > 30) {
      problems.add(Rules.problem(field, "must be an object of indicator code → number"));
      return out;
    }
    for (var it = o.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().matches("[a-z][a-z0-9_]{1,40}")) problems.add(Rules.problem(field, "has an unknown indicator code"));
      else if (e.getValue().isNull()) continue;
      else if (!e.getValue().isNumber()) problems.add(Rules.problem(field + "." + e.getKey(), "must be a number"));
      else out.put(e.getKey(), e.getValue().decimalValue());
    }
    return out;
  }

  static Object convert(String kind, JsonNode n) {
    if (n == null || n.isNull()) {
      if (kind.startsWith("text40") || kind.equals("text100") || kind.equals("int")) throw new IllegalArgumentException("is required");
      return kind.equals("text") ? "" : kind.equals("flag") ? Boolean.FALSE : null;
    }
    switch (kind) {
      case "text", "text40", "text100" -> {
        if (!n.isTextual()) throw new IllegalArgumentException("must be text");
        String t = n.asText().strip();
        int max = kind.equals("text40") ? 40 : kind.equals("text100") ? 100 : 2000;
        if (t.length() > max) throw new IllegalArgumentException("may have at most " + max + " characters");
        if (!kind.equals("text") && t.isEmpty()) throw new IllegalArgumentException("is required");
        return t;
      }
      case "flag" -> {
        if (!n.isBoolean()) throw new IllegalArgumentException("must be true or false");
        return n.asBoolean();
      }
      case "int" -> {
        if (!n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > Integer.MAX_VALUE) throw new IllegalArgumentException("must be a positive whole number");
        return n.asInt();
      }
      case "term" -> {
        if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 50) throw new IllegalArgumentException("must be 1 to 50 years (industrial land: at most 50)");
        return n.asInt();
      }
      case "date" -> {
        if (!n.isTextual()) throw new IllegalArgumentException("must be a date like 2026-05-31");
        try {
          return LocalDate.parse(n.asText());
        } catch (DateTimeParseException ex) {
          throw new IllegalArgumentException("must be a date like 2026-05-31");
        }
      }
      default -> {
        if (!n.isNumber()) throw new IllegalArgumentException("must be a number");
        BigDecimal v = n.decimalValue();
        switch (kind) {
          case "money" -> { if (v.signum() < 0 || v.compareTo(new BigDecimal("1e9")) > 0) throw new IllegalArgumentException("must be 0 to 1,000,000,000 万元"); }
          case "far" -> { if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(20)) > 0) throw new IllegalArgumentException("must be above 0 and at most 20"); }
          case "percent" -> { if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) throw new IllegalArgumentException("must be between 0 and 100 (%)"); }
          case "height" -> { if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(500)) > 0) throw new IllegalArgumentException("must be above 0 and at most 500 m"); }
          default -> throw new IllegalStateException(kind);
        }
        return v;
      }
    }
  }

  /** Parses a date field of a transition body. */
  static LocalDate date(ObjectNode b, String field, boolean required, List<Map<String, String>> problems) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      if (required) problems.add(Rules.problem(field, "is required"));
      return null;
    }
    try {
      return (LocalDate) convert("date", n);
    } catch (IllegalArgumentException e) {
      problems.add(Rules.problem(field, e.getMessage()));
      return null;
    }
  }
}
