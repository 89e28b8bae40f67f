package mujun.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the database says about the described tables, read once at start: each column's type, its {@code COMMENT ON}
 * (the fields' descriptions) and its single-column CHECK constraints. {@link #check} holds every description against it,
 * so a field whose column, type, bounds or allowed values differ from the database's stops the server at start (and the
 * build, in a test) instead of drifting.
 */
public final class Catalog {
  private static final String COLUMNS = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum) "
      + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      + "WHERE n.nspname = current_schema() AND c.relname = ANY(?) AND a.attnum > 0 AND NOT a.attisdropped";
  /** Single-column CHECK constraints (conkey of one element). */
  private static final String CHECKS = "SELECT c.relname, a.attname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
      + "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1] "
      + "WHERE k.contype = 'c' AND cardinality(k.conkey) = 1 AND n.nspname = current_schema() AND c.relname = ANY(?)";

  private record Column(String type, String comment, List<String> checks) {}

  private final Map<String, Column> columns = new HashMap<>();

  private Catalog() {}

  /** Reads the catalog entries of {@code tables}. */
  public static Catalog read(DataSource ds, Set<String> tables) {
    try (Connection c = ds.getConnection()) {
      return read(c, tables);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database catalog: " + e.getMessage(), e);
    }
  }

  /** Reads the catalog entries of {@code tables} on {@code c} (in its transaction, if it is in one). */
  public static Catalog read(Connection c, Set<String> tables) throws SQLException {
    Catalog cat = new Catalog();
    {
      String[] names = tables.toArray(new String[0]);
      try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
        ps.setArray(1, c.createArrayOf("text", names));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) cat.columns.put(rs.getString(1) + "." + rs.getString(2), new Column(rs.getString(3), rs.getString(4), new ArrayList<>()));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(CHECKS)) {
        ps.setArray(1, c.createArrayOf("text", names));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Column col = cat.columns.get(rs.getString(1) + "." + rs.getString(2));
            if (col != null) col.checks().add(rs.getString(3));
          }
        }
      }
    }
    return cat;
  }

  /** A field's names and description, from its column's comment {@code '中文名 | English name: description'}. */
  public record Description(String zh, String en, String text) {
    static Description parse(String comment) {
      if (comment == null) return null;
      int bar = comment.indexOf(" | "), colon = comment.indexOf(": ", Math.max(bar, 0));
      if (bar < 0 || colon < 0) return null;
      return new Description(comment.substring(0, bar).strip(), comment.substring(bar + 3, colon).strip(), comment.substring(colon + 2).strip());
    }
  }

  /** A column's description; {@code column} may name another table as {@code table.column}. Null when none is given. */
  public Description description(String table, String column) {
    Column c = column == null ? null : columns.get(column.contains(".") ? column : table + "." + column);
    return c == null ? null : Description.parse(c.comment());
  }

  /** Every way the description of {@code fields} departs from the database (empty when they agree). */
  public List<String> check(Fields fields) {
    List<String> problems = new ArrayList<>();
    for (Field f : fields.all()) {
      if (f.column() == null) continue;
      String key = f.column().contains(".") ? f.column() : fields.table() + "." + f.column();
      Column c = columns.get(key);
      if (c == null) {
        problems.add(f.name() + ": the database has no column " + key);
        continue;
      }
      if (Description.parse(c.comment()) == null) {
        problems.add(f.name() + ": column " + key + " has no COMMENT ON of the form '中文名 | English name: description' (it has " + c.comment() + ")");
      }
      if (!f.has(Field.Use.WRITE)) continue;
      if (!sameType(f.type().sql(), c.type())) problems.add(f.name() + ": written as " + f.type().sql() + " but " + key + " is " + c.type());
      Bounds db = Bounds.of(f.column(), c.checks());
      FieldType t = f.type();
      boolean bounded = t.json().equals("number");
      if (bounded && (!same(t.min(), db.min) || t.min() != null && t.exclusiveMin() != db.exclusiveMin || !same(t.max(), db.max))) {
        problems.add(f.name() + ": bounds " + describe(t.min(), t.exclusiveMin(), t.max()) + " but the database checks "
            + describe(db.min, db.exclusiveMin, db.max) + " " + c.checks());
      }
      if (t.pattern() != null && c.checks().stream().noneMatch(k -> k.contains("'" + t.pattern() + "'"))) {
        problems.add(f.name() + ": pattern " + t.pattern() + " is not the database's " + c.checks());
      }
      if (t.json().equals("string") && !java.util.Objects.equals(t.values() == null ? null : Set.copyOf(t.values()), db.values)) {
        problems.add(f.name() + ": values " + t.values() + " but the database allows " + (db.values == null ? "any" : db.values));
      }
    }
    return problems;
  }

  /** Columns of the feature's table that are neither a field nor one of {@code others}: a column added without its field. */
  public List<String> undescribed(Fields fields, java.util.Collection<String> others) {
    Set<String> known = new java.util.HashSet<>(others);
    fields.all().forEach(f -> known.add(f.column()));
    List<String> out = new ArrayList<>();
    for (String key : columns.keySet()) {
      if (key.startsWith(fields.table() + ".") && !known.contains(key.substring(fields.table().length() + 1))) {
        out.add(key + ": a column with no field in the description");
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  private static boolean sameType(String declared, String actual) {
    String a = actual.replaceAll("\\(.*\\)", "");
    return switch (declared) {
      case "varchar" -> a.equals("character varying");
      case "numeric" -> a.equals("numeric") || a.equals("double precision");
      default -> a.equals(declared);
    };
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static String describe(BigDecimal min, boolean exclusive, BigDecimal max) {
    return (min == null ? "(" : (exclusive ? "(" : "[") + min.toPlainString()) + ", " + (max == null ? ")" : max.toPlainString() + "]");
  }

  /** The bounds and allowed values that a column's CHECK constraints state, as PostgreSQL prints them. */
  private record Bounds(BigDecimal min, boolean exclusiveMin, BigDecimal max, Set<String> values) {
    static Bounds of(String column, List<String> checks) {
      BigDecimal min = null, max = null;
      boolean exclusive = false;
      Set<String> values = null;
      Pattern cmp = Pattern.compile("\\(" + Pattern.quote(column) + " (>=|>|<=|<) \\(?(-?[0-9.]+)\\)?(?:::[a-z ]+)?\\)");
      Pattern any = Pattern.compile(Pattern.quote(column) + " = ANY \\(ARRAY\\[(.*?)\\]\\)");
      for (String check : checks) {
        Matcher m = cmp.matcher(check);
        while (m.find()) {
          BigDecimal v = new BigDecimal(m.group(2));
          switch (m.group(1)) {
            case ">=" -> min = v;
            case ">" -> { min = v; exclusive = true; }
            default -> max = v;
          }
        }
        Matcher a = any.matcher(check);
        if (a.find()) {
          values = new LinkedHashSet<>();
          Matcher lit = Pattern.compile("'((?:[^']|'')*)'").matcher(a.group(1));
          while (lit.find()) values.add(lit.group(1).replace("''", "'"));
        }
      }
      return new Bounds(min, exclusive, max, values);
    }
  }
}
