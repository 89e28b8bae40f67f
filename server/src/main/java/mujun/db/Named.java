package mujun.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A statement whose parameters are named ({@code :actor}) instead of counted: each value is bound once by name, however
 * often the statement uses it, so {@code (:actor::text IS NULL OR actor = :actor)} needs one value, not two in the right
 * places. Parsed once (keep instances in constants); casts ({@code ::int}) and quoted text are left alone.
 */
public final class Named {
  private final String text;
  private final String sql;
  private final List<String> order;

  private Named(String text, String sql, List<String> order) {
    this.text = text;
    this.sql = sql;
    this.order = List.copyOf(order);
  }

  /** Parses {@code text}: every {@code :name} outside quotes (and not part of a {@code ::} cast) becomes a parameter. */
  public static Named of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> order = new ArrayList<>();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\'') quoted = !quoted;
      boolean param = !quoted && ch == ':' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))
          && (i == 0 || text.charAt(i - 1) != ':');
      if (!param) {
        out.append(ch);
        continue;
      }
      int j = i + 1;
      while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
      order.add(text.substring(i + 1, j));
      out.append('?');
      i = j - 1;
    }
    return new Named(text, out.toString(), order);
  }

  /** The statement as written, with {@code :name} parameters (psql's variable syntax: benchmarks run it there). */
  public String text() {
    return text;
  }

  /** The statement as JDBC takes it, with {@code ?} for each use of a parameter. */
  public String sql() {
    return sql;
  }

  /** Prepares the statement and binds {@code values} by name; every name the statement uses must be given (null allowed). */
  public PreparedStatement prepare(Connection c, Map<String, ?> values) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      Object[] params = new Object[order.size()];
      for (int i = 0; i < params.length; i++) {
        String n = order.get(i);
        if (!values.containsKey(n)) throw new IllegalArgumentException("no value for :" + n);
        params[i] = values.get(n);
      }
      Sql.bind(c, ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** The first column of the first row as text, or null when there is no row. */
  public String one(Connection c, Map<String, ?> values) throws SQLException {
    try (PreparedStatement ps = prepare(c, values); java.sql.ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  public int update(Connection c, Map<String, ?> values) throws SQLException {
    try (PreparedStatement ps = prepare(c, values)) {
      return ps.executeUpdate();
    }
  }

  /** Every row as an array of its column values (for reports and exports). */
  public List<Object[]> rows(Connection c, Map<String, ?> values) throws SQLException {
    try (PreparedStatement ps = prepare(c, values); java.sql.ResultSet rs = ps.executeQuery()) {
      return Sql.rows(rs);
    }
  }

  /** Values by name, nulls allowed (Map.of refuses them): {@code values("actor", a, "from", null)}. */
  public static Map<String, Object> values(Object... pairs) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
    return m;
  }
}
