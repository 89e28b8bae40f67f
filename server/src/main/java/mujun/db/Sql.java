package mujun.db;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** Small JDBC helpers: bind values by their Java type, read one text value. Every value is a bind parameter. */
public final class Sql {
  /**
   * Restricts an enterprise lookup (alias-free, on table enterprise) to the clusters the acting user reads, as set for
   * the transaction by {@link Db.Change}: one out of scope is "not registered", exactly like one that does not exist.
   */
  public static final String SCOPED_ENTERPRISE = " AND (mujun_scope() IS NULL OR cluster_id = ANY (mujun_scope()))";

  private Sql() {}

  /** Escapes LIKE wildcards (with ESCAPE '\\') so a search for "10%" finds that text, not everything. */
  public static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Binds in order: Integer[] and String[] as arrays, LocalDate as a date, null as an untyped NULL, the rest as objects. */
  public static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      if (v instanceof Integer[] a) ps.setArray(i + 1, c.createArrayOf("integer", a));
      else if (v instanceof String[] a) ps.setArray(i + 1, c.createArrayOf("text", a));
      else if (v instanceof LocalDate d) ps.setDate(i + 1, Date.valueOf(d));
      else if (v == null) ps.setNull(i + 1, Types.NULL);
      else ps.setObject(i + 1, v);
    }
  }

  /** The first column of the first row as text, or null when there is no row. */
  public static String one(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Every row as an array of its column values (for reports and exports). */
  public static java.util.List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  /** The rest of a result's rows, each as an array of its column values. */
  public static java.util.List<Object[]> rows(ResultSet rs) throws SQLException {
    java.util.List<Object[]> out = new java.util.ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      Object[] r = new Object[n];
      for (int i = 0; i < n; i++) r[i] = rs.getObject(i + 1);
      out.add(r);
    }
    return out;
  }
}
