package mujun.parcel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import mujun.schema.Field.Use;
import mujun.schema.Fields;
import org.locationtech.jts.geom.Geometry;

/**
 * A parcel write request, validated field by field against {@link ParcelFields}: API names map to columns through
 * the description, so no request text ever becomes an identifier. Collects every problem so a form can show them all at once.
 */
public final class ParcelInput {
  /** Every field a parcel write body may carry. */
  public static final Set<String> ALLOWED;

  static {
    var s = new java.util.HashSet<String>();
    ParcelFields.FIELDS.with(Use.WRITE).forEach(f -> s.add(f.name()));
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
    List<Map<String, Object>> problems = new ArrayList<>();
    Geometry g = body.has("geometry") ? GeoJsonInput.parse(body.get("geometry"), "geometry", Set.of("Polygon", "MultiPolygon")) : null;
    JsonNode r = body.get("reason");
    if (r != null && !r.isNull() && !r.isTextual()) problems.add(problem("reason", "must be text", "text"));
    String reason = r == null || r.isNull() ? "" : r.asText().strip();
    if (reason.length() > 500) problems.add(problem("reason", "may have at most 500 characters", "maxLength", "max", 500));
    JsonNode rep = body.get("repair");
    if (rep != null && !rep.isBoolean() && !rep.isNull()) problems.add(problem("repair", "must be true or false", "boolean"));
    ParcelInput in = new ParcelInput(g, reason, rep != null && rep.asBoolean(false));
    Fields.Parsed parsed = ParcelFields.FIELDS.parse(body, full);
    in.values.putAll(parsed.values());
    problems.addAll(parsed.problems());
    if (full && g == null) problems.add(problem("geometry", "is required", "required"));
    LocalDate as = (LocalDate) in.values.get("agreed_start_date"), ac = (LocalDate) in.values.get("agreed_completion_date");
    if (as != null && ac != null && ac.isBefore(as)) problems.add(problem("agreedCompletionDate", "must not be before the agreed start date", "dateOrder"));
    LocalDate xs = (LocalDate) in.values.get("actual_start_date"), xc = (LocalDate) in.values.get("actual_completion_date");
    if (xs != null && xc != null && xc.isBefore(xs)) problems.add(problem("actualCompletionDate", "must not be before the actual start date", "dateOrder"));
    if (!problems.isEmpty()) {
      throw ApiError.invalid(problems);
    }
    return in;
  }

  private static Map<String, Object> problem(String field, String message, String rule, Object... params) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) m.put((String) params[i], params[i + 1]);
    return Fields.problem(field, message, rule, m);
  }
}
