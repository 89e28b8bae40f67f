package mujun.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import mujun.schema.Field.Use;

/**
 * A feature's description — its table and its fields, in order — and the small generic engines built on it: the SQL that
 * reads the fields as a JSON object, the JSON Schemas, and the validation of a write. Every identifier in the SQL comes
 * from the description (constants in the code), never from a request.
 */
public final class Fields {
  /** PostgreSQL functions take at most 100 arguments: json_build_object at most 50 pairs. */
  private static final int MAX_PAIRS = 50;

  private final String table;
  private final List<Field> all;
  private final Map<String, Field> byName = new LinkedHashMap<>();

  public Fields(String table, List<Field> fields) {
    this.table = table;
    this.all = List.copyOf(fields);
    for (Field f : fields) {
      if (byName.put(f.name(), f) != null) throw new IllegalArgumentException("field " + f.name() + " described twice");
    }
  }

  public String table() {
    return table;
  }

  public List<Field> all() {
    return all;
  }

  public Field get(String name) {
    return byName.get(name);
  }

  public List<Field> with(Use use) {
    return where(f -> f.has(use));
  }

  public List<Field> where(Predicate<Field> p) {
    return all.stream().filter(p).toList();
  }

  /** The stored column of a written field, by column name (the allow-list of identifiers a write may use). */
  public Field writable(String column) {
    for (Field f : all) if (f.has(Use.WRITE) && f.column().equals(column)) return f;
    throw new IllegalArgumentException("not a writable column of " + table + ": " + column);
  }

  /** {@code json_build_object('name', expression, ...)} over the fields, read from alias {@code alias}. */
  public static String jsonObject(List<Field> fields, String alias) {
    return jsonObject(fields, alias, false);
  }

  /** As {@link #jsonObject(List, String)}, keyed by the fields' export names. */
  public static String exportObject(List<Field> fields, String alias) {
    return jsonObject(fields, alias, true);
  }

  private static String jsonObject(List<Field> fields, String alias, boolean export) {
    if (fields.size() > MAX_PAIRS) throw new IllegalArgumentException("over " + MAX_PAIRS + " fields in one json_build_object");
    StringBuilder sb = new StringBuilder("json_build_object(");
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      if (i > 0) sb.append(", ");
      sb.append('\'').append(export ? f.exportName() : f.name()).append("', ").append(f.sql(alias));
    }
    return sb.append(')').toString();
  }

  /**
   * Property name → JSON Schema 2020-12 of each field, with its title and description from the database; read-only
   * fields marked so when {@code editable}. Types are single (OGC API clients read them so); any field may be null.
   */
  public Map<String, Object> schema(List<Field> fields, Catalog catalog, boolean editable) {
    return schemas(fields, catalog, editable, f -> f.type().schema(false));
  }

  /** A JSON Schema 2020-12 document of a write's body: the written fields, which of them a new record requires, nothing else. */
  public Map<String, Object> writeSchema(Catalog catalog) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    m.put("type", "object");
    m.put("required", with(Use.REQUIRED).stream().map(Field::name).toList());
    m.put("properties", schema(with(Use.WRITE), catalog, true));
    return m;
  }

  /** The same in OpenAPI 3.0's dialect. */
  public Map<String, Object> openApiSchema(List<Field> fields, Catalog catalog) {
    return schemas(fields, catalog, true, f -> f.type().openApiSchema(!f.has(Use.REQUIRED)));
  }

  private Map<String, Object> schemas(List<Field> fields, Catalog catalog, boolean markReadOnly,
                                      java.util.function.Function<Field, Map<String, Object>> typeSchema) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Field f : fields) {
      Map<String, Object> s = typeSchema.apply(f);
      describe(f, s, catalog);
      if (markReadOnly && !f.has(Use.WRITE)) s.put("readOnly", true);
      m.put(f.name(), s);
    }
    return m;
  }

  private void describe(Field f, Map<String, Object> s, Catalog catalog) {
    Catalog.Description d = catalog == null ? null : catalog.description(table, f.column());
    if (d != null) {
      s.put("title", d.zh());
      s.put("x-title-en", d.en());
      s.put("description", d.en() + ": " + d.text());
    }
  }

  /** A write's fields, checked and converted: column → value, in the description's order, and the problems found. */
  public record Parsed(Map<String, Object> values, List<Map<String, Object>> problems) {}

  /** Reads the written fields present in {@code body}; with {@code full}, the required ones must be there. */
  public Parsed parse(ObjectNode body, boolean full) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<Map<String, Object>> problems = new ArrayList<>();
    for (Field f : with(Use.WRITE)) {
      JsonNode n = body.get(f.name());
      if (n == null) continue;
      try {
        Object v = f.type().convert(n);
        if (v == null && f.has(Use.REQUIRED)) {
          problems.add(problem(f.name(), "is required", "required", Map.of()));
          continue;
        }
        values.put(f.column(), v == null ? f.emptyValue() : v);
      } catch (FieldType.Problem ex) {
        problems.add(problem(f.name(), ex.getMessage(), ex.rule, ex.params));
      }
    }
    if (full) {
      for (Field f : with(Use.REQUIRED)) {
        if (values.get(f.column()) == null && problems.stream().noneMatch(p -> p.get("field").equals(f.name()))) {
          problems.add(problem(f.name(), "is required", "required", Map.of()));
        }
      }
    }
    return new Parsed(values, problems);
  }

  /** A problem with a field: its name, the sentence, and the rule broken with its parameters (for translation). */
  public static Map<String, Object> problem(String field, String message, String rule, Map<String, Object> params) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", message);
    m.put("rule", rule);
    if (!params.isEmpty()) m.put("params", params);
    return m;
  }
}
