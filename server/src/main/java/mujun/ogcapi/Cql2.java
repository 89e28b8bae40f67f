package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Translates CQL2 filters (text and JSON) to SQL with bound values: comparisons, LIKE, IN, BETWEEN, IS NULL,
 * AND/OR/NOT, and S_INTERSECTS / S_WITHIN on the geometry. Property names must be queryables of the collection; there
 * are no functions; every literal becomes a bind parameter, so no request text ever becomes SQL.
 *
 * <p>Over 400 lines: one grammar (a tokenizer and a recursive-descent parser for the text encoding, a walker for
 * the JSON one) that emits the same SQL from both; split, the two encodings would drift.
 */
final class Cql2 {
  /** The SQL of a filter and its values, in order. */
  record Sql(String sql, List<Object> params) {}

  private final OgcCollection col;
  /** The CRS the filter's geometries are written in (filter-crs; CRS84 by default). */
  private final Crs crs;
  private final List<Object> params = new ArrayList<>();
  private static final int MAX_DEPTH = 30, MAX_LENGTH = 20_000;

  private Cql2(OgcCollection col, Crs crs) {
    this.col = col;
    this.crs = crs;
  }

  static Sql text(OgcCollection col, String filter) {
    return text(col, filter, Crs.of(null, "filter-crs"));
  }

  static Sql json(OgcCollection col, String filter) {
    return json(col, filter, Crs.of(null, "filter-crs"));
  }

  static Sql text(OgcCollection col, String filter, Crs crs) {
    if (filter.length() > MAX_LENGTH) throw bad("The filter is longer than " + MAX_LENGTH + " characters.");
    Cql2 c = new Cql2(col, crs);
    Parser p = new Parser(filter);
    String sql = c.orExpr(p, 0);
    p.skipWs();
    if (!p.atEnd()) throw bad("Unexpected text at position " + (p.pos + 1) + ": '" + Json.clip(p.rest()) + "'.");
    return new Sql(sql, c.params);
  }

  static Sql json(OgcCollection col, String filter, Crs crs) {
    if (filter.length() > MAX_LENGTH) throw bad("The filter is longer than " + MAX_LENGTH + " characters.");
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(filter);
    } catch (Exception e) {
      throw bad("The filter is not valid JSON.");
    }
    Cql2 c = new Cql2(col, crs);
    return new Sql(c.node(n, 0), c.params);
  }

  static ApiError bad(String message) {
    return new ApiError(400, "BAD_FILTER", message, List.of(Map.of("parameter", "filter")));
  }

  // ------------------------------------------------------------------ CQL2 text

  private String orExpr(Parser p, int depth) {
    if (depth > MAX_DEPTH) throw bad("The filter nests too deeply.");
    StringBuilder sb = new StringBuilder(andExpr(p, depth));
    while (p.keyword("OR")) sb = new StringBuilder("(" + sb + " OR " + andExpr(p, depth) + ")");
    return sb.toString();
  }

  private String andExpr(Parser p, int depth) {
    StringBuilder sb = new StringBuilder(notExpr(p, depth));
    while (p.keyword("AND")) sb = new StringBuilder("(" + sb + " AND " + notExpr(p, depth) + ")");
    return sb.toString();
  }

  private String notExpr(Parser p, int depth) {
    if (p.keyword("NOT")) return "(NOT " + notExpr(p, depth + 1) + ")";
    if (p.symbol("(")) {
      String inner = orExpr(p, depth + 1);
      p.expect(")");
      return "(" + inner + ")";
    }
    return predicate(p);
  }

  private String predicate(Parser p) {
    for (String fn : new String[] {"S_INTERSECTS", "S_WITHIN"}) {
      if (p.keyword(fn)) {
        p.expect("(");
        String prop = p.identifier();
        if (!prop.equals("geometry")) throw bad(fn + " works on the property geometry, not '" + Json.clip(prop) + "'.");
        p.expect(",");
        String geom = geometryLiteral(p);
        p.expect(")");
        return (fn.equals("S_WITHIN") ? "ST_Within(" : "ST_Intersects(") + col.geom() + ", " + geom + ")";
      }
    }
    String name = p.identifier();
    String[] def = property(name);
    String expr = def[0];
    boolean not = false;
    if (p.keyword("IS")) {
      boolean isNot = p.keyword("NOT");
      if (!p.keyword("NULL")) throw bad("Expected NULL after IS" + (isNot ? " NOT" : "") + ".");
      return "(" + expr + (isNot ? " IS NOT NULL)" : " IS NULL)");
    }
    if (p.keyword("NOT")) not = true;
    if (p.keyword("LIKE")) {
      if (!def[1].equals("string")) throw bad("LIKE works on text properties; '" + name + "' is a " + def[1] + ".");
      Object v = literal(p, "string");
      return "(" + (not ? "NOT " : "") + expr + "::text LIKE " + bind(v, "string") + " ESCAPE '\\')";
    }
    if (p.keyword("IN")) {
      p.expect("(");
      List<String> items = new ArrayList<>();
      do {
        items.add(bind(literal(p, def[1]), def[1]));
        if (items.size() > 1000) throw bad("IN takes at most 1000 values.");
      } while (p.symbol(","));
      p.expect(")");
      return "(" + expr + (not ? " NOT IN (" : " IN (") + String.join(", ", items) + "))";
    }
    if (p.keyword("BETWEEN")) {
      String lo = bind(literal(p, def[1]), def[1]);
      if (!p.keyword("AND")) throw bad("BETWEEN needs AND between its bounds.");
      String hi = bind(literal(p, def[1]), def[1]);
      return "(" + expr + (not ? " NOT BETWEEN " : " BETWEEN ") + lo + " AND " + hi + ")";
    }
    if (not) throw bad("NOT after a property must be followed by LIKE, IN or BETWEEN.");
    String op = p.comparison();
    if (op == null) throw bad("Expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL) after '" + Json.clip(name) + "'.");
    return "(" + expr + " " + op + " " + bind(literal(p, def[1]), def[1]) + ")";
  }

  private Object literal(Parser p, String type) {
    p.skipWs();
    if (p.peek() == '\'') return p.string();
    if (p.keyword("TRUE")) return Boolean.TRUE;
    if (p.keyword("FALSE")) return Boolean.FALSE;
    if (p.keyword("DATE") || p.keyword("TIMESTAMP")) {
      p.expect("(");
      String s = p.string();
      p.expect(")");
      return s;
    }
    String num = p.number();
    if (num == null) throw bad("Expected a value at position " + (p.pos + 1) + " (a 'quoted string', a number, TRUE, FALSE or DATE('…')).");
    return num;
  }

  private String geometryLiteral(Parser p) {
    p.skipWs();
    if (p.keyword("BBOX")) {
      p.expect("(");
      double[] v = new double[4];
      for (int i = 0; i < 4; i++) {
        if (i > 0) p.expect(",");
        String n = p.number();
        if (n == null) throw bad("BBOX takes four numbers.");
        v[i] = Double.parseDouble(n);
      }
      p.expect(")");
      params.add(v[0]);
      params.add(v[1]);
      params.add(v[2]);
      params.add(v[3]);
      return crs.isStored() ? "ST_MakeEnvelope(?, ?, ?, ?, 4490)" : crs.toStored("ST_MakeEnvelope(?, ?, ?, ?)");
    }
    String wkt = p.wkt();
    params.add(wkt);
    return crs.isStored() ? "ST_GeomFromText(?, 4490)" : crs.toStored("ST_GeomFromText(?)");
  }

  // ------------------------------------------------------------------ CQL2 JSON

  private String node(JsonNode n, int depth) {
    if (depth > MAX_DEPTH) throw bad("The filter nests too deeply.");
    if (!n.isObject() || !n.path("op").isTextual() || !n.path("args").isArray()) throw bad("Each CQL2 JSON expression is {\"op\": …, \"args\": [ … ]}.");
    String op = n.get("op").asText().toLowerCase(Locale.ROOT);
    JsonNode a = n.get("args");
    switch (op) {
      case "and", "or": {
        if (a.size() < 2) throw bad(op + " needs at least two arguments.");
        List<String> parts = new ArrayList<>();
        for (JsonNode x : a) parts.add(node(x, depth + 1));
        return "(" + String.join(op.equals("and") ? " AND " : " OR ", parts) + ")";
      }
      case "not":
        if (a.size() != 1) throw bad("not takes one argument.");
        return "(NOT " + node(a.get(0), depth + 1) + ")";
      case "isnull": {
        String[] def = propertyOf(a.get(0));
        return "(" + def[0] + " IS NULL)";
      }
      case "like": {
        String[] def = propertyOf(a.get(0));
        if (!def[1].equals("string")) throw bad("like works on text properties.");
        return "(" + def[0] + "::text LIKE " + bind(value(a.get(1)), "string") + " ESCAPE '\\')";
      }
      case "in": {
        String[] def = propertyOf(a.get(0));
        if (a.size() != 2 || !a.get(1).isArray() || a.get(1).isEmpty() || a.get(1).size() > 1000) throw bad("in takes a property and a list of 1 to 1000 values.");
        List<String> items = new ArrayList<>();
        for (JsonNode v : a.get(1)) items.add(bind(value(v), def[1]));
        return "(" + def[0] + " IN (" + String.join(", ", items) + "))";
      }
      case "between": {
        String[] def = propertyOf(a.get(0));
        if (a.size() != 3) throw bad("between takes a property and two bounds.");
        return "(" + def[0] + " BETWEEN " + bind(value(a.get(1)), def[1]) + " AND " + bind(value(a.get(2)), def[1]) + ")";
      }
      case "s_intersects", "s_within": {
        if (a.size() != 2 || !"geometry".equals(a.get(0).path("property").asText())) throw bad(op + " takes {\"property\": \"geometry\"} and a GeoJSON geometry.");
        JsonNode g = a.get(1);
        if (g.has("bbox") && g.size() == 1) {
          JsonNode b = g.get("bbox");
          for (int i = 0; i < 4; i++) params.add(b.get(i).asDouble());
          return (op.equals("s_within") ? "ST_Within(" : "ST_Intersects(") + col.geom() + ", " + (crs.isStored() ? "ST_MakeEnvelope(?, ?, ?, ?, 4490)" : crs.toStored("ST_MakeEnvelope(?, ?, ?, ?)")) + ")";
        }
        if (!g.isObject() || !g.path("type").isTextual()) throw bad("The spatial argument must be a GeoJSON geometry.");
        params.add(g.toString());
        return (op.equals("s_within") ? "ST_Within(" : "ST_Intersects(") + col.geom() + ", " + (crs.isStored() ? "ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)" : crs.toStored("ST_GeomFromGeoJSON(?)")) + ")";
      }
      case "=", "<>", "<", "<=", ">", ">=": {
        String[] def = propertyOf(a.get(0));
        if (a.size() != 2) throw bad(op + " takes two arguments.");
        return "(" + def[0] + " " + op + " " + bind(value(a.get(1)), def[1]) + ")";
      }
      default:
        throw bad("Unknown operator '" + Json.clip(op) + "'. Supported: and, or, not, =, <>, <, <=, >, >=, like, in, between, isNull, s_intersects, s_within.");
    }
  }

  private String[] propertyOf(JsonNode n) {
    if (n == null || !n.path("property").isTextual()) throw bad("Expected {\"property\": \"name\"}.");
    return property(n.get("property").asText());
  }

  private static Object value(JsonNode v) {
    if (v == null || v.isNull()) throw bad("A value is missing.");
    if (v.isTextual()) return v.asText();
    if (v.isNumber()) return v.asText();
    if (v.isBoolean()) return v.asBoolean();
    if (v.isObject() && (v.has("date") || v.has("timestamp"))) return v.has("date") ? v.get("date").asText() : v.get("timestamp").asText();
    throw bad("Values are strings, numbers, booleans or {\"date\": …}.");
  }

  // ------------------------------------------------------------------ shared

  private String[] property(String name) {
    String[] def = col.properties().get(name);
    if (def == null) {
      throw new ApiError(400, "UNKNOWN_PROPERTY", "'" + Json.clip(name) + "' is not a queryable of " + col.id() + "; see /ogcapi/collections/"
          + col.id() + "/queryables.", List.of(Map.of("property", Json.clip(name))));
    }
    return def;
  }

  /** Binds a literal as the property's type; a value of the wrong type is refused. */
  private String bind(Object v, String type) {
    try {
      switch (type) {
        case "integer" -> params.add(Long.parseLong(v.toString()));
        case "number" -> params.add(Double.parseDouble(v.toString()));
        case "date" -> {
          params.add(java.sql.Date.valueOf(java.time.LocalDate.parse(v.toString().length() > 10 ? v.toString().substring(0, 10) : v.toString())));
        }
        case "boolean" -> params.add(Boolean.parseBoolean(v.toString()));
        default -> {
          if (!(v instanceof String)) throw bad("Text properties compare with 'quoted strings'.");
          params.add(v);
        }
      }
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw bad("'" + Json.clip(v.toString()) + "' is not a valid " + type + ".");
    }
    return "?";
  }

  /** A small hand-written tokenizer for CQL2 text. */
  static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    String rest() {
      return s.substring(pos);
    }

    boolean keyword(String k) {
      skipWs();
      int end = pos + k.length();
      if (end > s.length() || !s.regionMatches(true, pos, k, 0, k.length())) return false;
      if (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) return false;
      pos = end;
      return true;
    }

    boolean symbol(String sym) {
      skipWs();
      if (s.startsWith(sym, pos)) {
        pos += sym.length();
        return true;
      }
      return false;
    }

    void expect(String sym) {
      if (!symbol(sym)) throw bad("Expected '" + sym + "' at position " + (pos + 1) + ".");
    }

    String comparison() {
      for (String op : new String[] {"<>", "<=", ">=", "=", "<", ">"}) if (symbol(op)) return op;
      return null;
    }

    String identifier() {
      skipWs();
      if (peek() == '"') {
        int end = s.indexOf('"', pos + 1);
        if (end < 0) throw bad("Unclosed \" in a property name.");
        String id = s.substring(pos + 1, end);
        pos = end + 1;
        return id;
      }
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
      if (start == pos) throw bad("Expected a property name at position " + (pos + 1) + ".");
      String id = s.substring(start, pos);
      skipWs();
      if (peek() == '(') throw bad("Functions are not supported ('" + Json.clip(id) + "(…)').");
      return id;
    }

    String string() {
      skipWs();
      if (peek() != '\'') throw bad("Expected a 'quoted string' at position " + (pos + 1) + ".");
      StringBuilder sb = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= s.length()) throw bad("Unclosed string literal.");
        char c = s.charAt(pos++);
        if (c == '\'') {
          if (peek() == '\'') {
            sb.append('\'');
            pos++;
          } else {
            return sb.toString();
          }
        } else {
          sb.append(c);
        }
      }
    }

    String number() {
      skipWs();
      int start = pos;
      if (peek() == '-' || peek() == '+') pos++;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'
          || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && pos > start && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) pos++;
      if (start == pos || (pos - start == 1 && !Character.isDigit(s.charAt(start)))) {
        pos = start;
        return null;
      }
      String n = s.substring(start, pos);
      try {
        Double.parseDouble(n);
      } catch (NumberFormatException e) {
        throw bad("'" + Json.clip(n) + "' is not a number.");
      }
      return n;
    }

    /** A WKT geometry literal: a type keyword and balanced parentheses of numbers, commas and spaces only. */
    String wkt() {
      skipWs();
      int start = pos;
      String type = null;
      for (String t : new String[] {"MULTIPOLYGON", "POLYGON", "MULTILINESTRING", "LINESTRING", "MULTIPOINT", "POINT"}) {
        if (keyword(t)) {
          type = t;
          break;
        }
      }
      if (type == null) throw bad("Expected a geometry (POINT, LINESTRING, POLYGON, MULTI…, or BBOX) at position " + (pos + 1) + ".");
      skipWs();
      if (peek() != '(') throw bad("Expected '(' after " + type + ".");
      int depth = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '(') depth++;
        else if (c == ')') depth--;
        else if (!(Character.isDigit(c) || c == '.' || c == ',' || c == ' ' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
          throw bad("Unexpected '" + c + "' inside a geometry.");
        }
        pos++;
        if (depth == 0) break;
        if (depth > 4) throw bad("The geometry nests too deeply.");
      }
      if (depth != 0) throw bad("Unbalanced parentheses in a geometry.");
      return s.substring(start, pos).strip();
    }
  }
}
