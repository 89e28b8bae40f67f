package mujun.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a field, said once: its SQL type (what a bound value is cast to, checked against the database at start),
 * its JSON Schema, and how a JSON value sent by a client is checked and converted. The messages are the ones a form
 * shows next to the field.
 */
public record FieldType(String sql, String json, String format, BigDecimal min, boolean exclusiveMin, BigDecimal max,
                        List<String> values, int maxLength, String pattern, Function<String, Optional<String>> problem) {

  private static final BigDecimal TOO_LARGE = new BigDecimal("1e12");

  /**
   * What is wrong with a value: the sentence (English, for API clients and logs) and the rule it breaks with its
   * parameters, which the web translates ({@code rules.<rule>} in i18n.js), so a Chinese form never shows English text.
   */
  public static final class Problem extends IllegalArgumentException {
    public final String rule;
    public final Map<String, Object> params;

    Problem(String message, String rule, Object... params) {
      super(message);
      this.rule = rule;
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < params.length; i += 2) m.put((String) params[i], params[i + 1]);
      this.params = m;
    }
  }

  /** Free text of at most {@code maxLength} characters (stripped). */
  public static FieldType text(int maxLength) {
    return new FieldType("text", "string", null, null, false, null, null, maxLength, null, null);
  }

  /** A code checked by {@code problem} (upper-cased and stripped first), e.g. a 宗地代码. */
  public static FieldType code(String sql, String pattern, Function<String, Optional<String>> problem) {
    return new FieldType(sql, "string", null, null, false, null, null, 0, pattern, problem);
  }

  /** One of a fixed list of text values. */
  public static FieldType choice(String... values) {
    return new FieldType("text", "string", null, null, false, null, List.of(values), 0, null, null);
  }

  /** A reference to another record: a positive whole number. */
  public static FieldType reference(String sql) {
    return new FieldType(sql, "integer", null, BigDecimal.ZERO, true, null, null, 0, null, null);
  }

  /** A whole number between {@code min} and {@code max} (inclusive; either may be null), stored as {@code sql}. */
  public static FieldType whole(String sql, Number min, Number max) {
    return new FieldType(sql, "integer", null, min == null ? null : new BigDecimal(min.toString()), false,
        max == null ? null : new BigDecimal(max.toString()), null, 0, null, null);
  }

  /** Yes or no. */
  public static FieldType flag() {
    return new FieldType("boolean", "boolean", null, null, false, null, null, 0, null, null);
  }

  /** A list of codes, each upper-cased and checked by {@code problem} (e.g. industry codes), stored as text[]. */
  public static FieldType codeList(Function<String, Optional<String>> problem) {
    return new FieldType("text[]", "array", null, null, false, null, null, 0, null, problem);
  }

  /** A calendar date between 1949 and 2100. */
  public static FieldType date() {
    return new FieldType("date", "string", "date", null, false, null, null, 0, null, null);
  }

  /** A number with bounds (either may be null); {@code exclusiveMin} when the minimum itself is not allowed. */
  public static FieldType number(Number min, boolean exclusiveMin, Number max) {
    return new FieldType("numeric", "number", null, min == null ? null : new BigDecimal(min.toString()), exclusiveMin,
        max == null ? null : new BigDecimal(max.toString()), null, 0, null, null);
  }

  /** A value computed by the database, described but never written by a client. */
  public static FieldType computed(String sql, String json, String format) {
    return new FieldType(sql, json, format, null, false, null, null, 0, null, null);
  }

  /** A list of record ids (bigint[]), computed. */
  public static FieldType ids() {
    return new FieldType("bigint[]", "array", null, null, false, null, null, 0, null, null);
  }

  /**
   * The type a bound value is cast to: the SQL type, except that a fixed-length {@code character} column takes text
   * (a cast to {@code character} without a length would cut the value to one character; assigning text to
   * {@code char(18)} refuses a longer value instead).
   */
  public String castSql() {
    return sql.equals("character") ? "text" : sql;
  }

  public boolean isDate() {
    return "date".equals(format);
  }

  /** The JSON Schema of a value of this type (null allowed when {@code nullable}). */
  public Map<String, Object> schema(boolean nullable) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", nullable ? List.of(json, "null") : json);
    if (format != null) m.put("format", format);
    if (json.equals("array")) m.put("items", Map.of("type", sql.equals("text[]") ? "string" : "integer"));
    if (values != null) m.put("enum", values);
    if (pattern != null) m.put("pattern", pattern);
    if (maxLength > 0) m.put("maxLength", maxLength);
    if (min != null) m.put(exclusiveMin ? "exclusiveMinimum" : "minimum", min);
    if (max != null) m.put("maximum", max);
    return m;
  }

  /** The same schema in OpenAPI 3.0's dialect (nullable, boolean exclusiveMinimum). */
  public Map<String, Object> openApiSchema(boolean nullable) {
    Map<String, Object> m = schema(false);
    if (min != null && exclusiveMin) {
      m.remove("exclusiveMinimum");
      m.put("exclusiveMinimum", true);
      m.put("minimum", min);
    }
    if (nullable) m.put("nullable", true);
    return m;
  }

  /**
   * A client's JSON value as a Java value for binding (String, Long, BigDecimal or LocalDate); a JSON null is null.
   *
   * @throws IllegalArgumentException with the message a form shows when the value is not valid
   */
  public Object convert(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (json.equals("array") && problem != null) {
      if (!n.isArray()) throw new Problem("must be a list", "list");
      java.util.List<String> out = new java.util.ArrayList<>();
      for (JsonNode x : n) {
        if (!x.isTextual()) throw new Problem("must be a list of codes", "list");
        String c = x.asText().strip().toUpperCase();
        problem.apply(c).ifPresent(p -> {
          throw new Problem(p, "code");
        });
        if (!out.contains(c)) out.add(c);
      }
      if (out.size() > 50) throw new Problem("may have at most 50 entries", "maxItems", "max", 50);
      return out.toArray(new String[0]);
    }
    if (json.equals("boolean")) {
      if (!n.isBoolean()) throw new Problem("must be true or false", "boolean");
      return n.asBoolean();
    }
    if (problem != null) {
      if (!n.isTextual()) throw new Problem("must be text", "text");
      String c = n.asText().strip().toUpperCase();
      problem.apply(c).ifPresent(p -> {
        throw new Problem(p, "code");
      });
      return c;
    }
    if (values != null) {
      if (!n.isTextual() || !values.contains(n.asText())) throw new Problem("must be one of " + String.join(", ", values), "choice", "values", String.join(", ", values));
      return n.asText();
    }
    if (isDate()) {
      if (!n.isTextual()) throw new Problem("must be a date like 2024-05-31", "date");
      LocalDate d;
      try {
        d = LocalDate.parse(n.asText());
      } catch (DateTimeParseException ex) {
        throw new Problem("must be a date like 2024-05-31", "date");
      }
      if (d.getYear() < 1949 || d.getYear() > 2100) throw new Problem("must be between 1949 and 2100", "year", "min", 1949, "max", 2100);
      return d;
    }
    switch (json) {
      case "string" -> {
        if (!n.isTextual()) throw new Problem("must be text", "text");
        String t = n.asText().strip();
        if (maxLength > 0 && t.length() > maxLength) throw new Problem("may have at most " + maxLength + " characters", "maxLength", "max", maxLength);
        return t;
      }
      case "integer" -> {
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw new Problem("must be a whole number", "integer");
        if (min != null && BigDecimal.valueOf(n.asLong()).compareTo(min) <= 0 && exclusiveMin) throw new Problem("must be positive", "positive");
        if (!exclusiveMin) rangeProblem(BigDecimal.valueOf(n.asLong())).ifPresent(p -> {
          throw p;
        });
        return sql.equals("smallint") || sql.equals("integer") ? (Object) (int) n.asLong() : (Object) n.asLong();
      }
      case "number" -> {
        if (!n.isNumber()) throw new Problem("must be a number", "number");
        BigDecimal v = n.decimalValue();
        rangeProblem(v).ifPresent(p -> {
          throw p;
        });
        if (v.abs().compareTo(TOO_LARGE) > 0) throw new Problem("is too large", "tooLarge");
        return v;
      }
      default -> throw new IllegalStateException("a " + json + " field cannot be written");
    }
  }

  private Optional<Problem> rangeProblem(BigDecimal v) {
    if (min != null && max != null && (v.compareTo(min) < 0 || v.compareTo(max) > 0 || exclusiveMin && v.compareTo(min) == 0)) {
      return Optional.of(new Problem("must be between " + min.toPlainString() + " and " + max.toPlainString(), "range",
          "min", min.toPlainString(), "max", max.toPlainString()));
    }
    if (min != null && exclusiveMin && v.compareTo(min) <= 0) {
      return Optional.of(new Problem("must be greater than " + min.toPlainString(), "greater", "min", min.toPlainString()));
    }
    if (min != null && v.compareTo(min) < 0) {
      return Optional.of(min.signum() == 0 ? new Problem("must not be negative", "nonNegative")
          : new Problem("must be at least " + min.toPlainString(), "atLeast", "min", min.toPlainString()));
    }
    if (max != null && v.compareTo(max) > 0) return Optional.of(new Problem("must be at most " + max.toPlainString(), "atMost", "max", max.toPlainString()));
    return Optional.empty();
  }
}
