package mujun.evaluation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes figures with their provenance and keeps the effective value of each: every figure a source gives goes to
 * enterprise_figure (source, file, row, who, when; a NULL value is the source withdrawing its figure), then for each
 * (enterprise, year, figure) touched the best-ranked non-empty value becomes enterprise_indicator's, with every source's
 * value beside it in {@code sources} (the explanation shows them). The rank: the app's form first (a person's
 * correction), then the department that is the figure's authority ({@code figure_source.figures}), then the others in
 * their order, the summary template last; a method may name its own order ({@code sources} in its definition).
 * Writers of figures take one advisory lock, so two imports touching the same enterprise-year cannot interleave their
 * recomputations. Set-based: a file of 100,000 enterprise-years is a handful of statements.
 */
public final class FigureStore {
  private FigureStore() {}

  /** The figures of one write, column-wise. */
  public static final class Batch {
    final List<Long> enterprises = new ArrayList<>();
    final List<Integer> years = new ArrayList<>();
    final List<String> figures = new ArrayList<>();
    final List<BigDecimal> values = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();

    public void add(long enterprise, int year, String figure, Object value, Integer line) {
      if (!IndicatorService.FIELDS.containsKey(figure)) throw new IllegalArgumentException("not a figure: " + figure);
      enterprises.add(enterprise);
      years.add(year);
      figures.add(figure);
      values.add(value == null ? null : value instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO)
          : value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
      lines.add(line);
    }

    public int size() {
      return figures.size();
    }
  }

  private static final String UPSERT = "INSERT INTO enterprise_figure (enterprise_id, year, figure, source, value, import_id, file_name, line, recorded_by) "
      + "SELECT u.e, u.y, u.f, ?, u.v, ?, ?, u.l, ? FROM unnest(?::bigint[], ?::smallint[], ?::text[], ?::numeric[], ?::int[]) u(e, y, f, v, l) "
      + "ON CONFLICT (enterprise_id, year, figure, source) DO UPDATE SET value = EXCLUDED.value, import_id = EXCLUDED.import_id, "
      + "file_name = EXCLUDED.file_name, line = EXCLUDED.line, recorded_by = EXCLUDED.recorded_by, recorded_at = now()";

  private static final String TOUCH = "INSERT INTO mujun_figures_touched SELECT DISTINCT u.e, u.y, u.f FROM unnest(?::bigint[], ?::smallint[], ?::text[]) u(e, y, f)";

  /** The rank of a source for a figure (lower wins), as SQL over enterprise_figure {@code f} and figure_source {@code s}. */
  static final String RANK = "CASE WHEN f.source = 'form' THEN 0 WHEN f.figure = ANY (s.figures) THEN 1 ELSE 10 + s.sort END";

  static final String APPLY;

  static {
    StringBuilder cols = new StringBuilder(), vals = new StringBuilder(), set = new StringBuilder();
    for (Indicators.Field fld : Indicators.FIELDS) {
      String c = fld.column(), v = "(p.vals->>'" + c + "')::numeric";
      cols.append(", ").append(c);
      vals.append(", ").append(switch (fld.kind()) {
        case "flag" -> "COALESCE(" + v + " <> 0, false)";
        case "integer" -> v + "::int";
        default -> c.equals("rented_area_m2") ? "COALESCE(" + v + ", 0)" : v;
      });
      set.append(c).append(" = CASE WHEN jsonb_exists(EXCLUDED.sources, '").append(c).append("') THEN EXCLUDED.").append(c).append(" ELSE enterprise_indicator.").append(c)
          .append(" END, ");
    }
    APPLY = "WITH r AS (SELECT f.*, row_number() OVER (PARTITION BY f.enterprise_id, f.year, f.figure ORDER BY (f.value IS NULL), " + RANK + ", f.recorded_at DESC) AS rk "
        + "  FROM enterprise_figure f JOIN mujun_figures_touched t USING (enterprise_id, year, figure) JOIN figure_source s ON s.code = f.source), "
        + "per_figure AS (SELECT enterprise_id, year, figure, (array_agg(value ORDER BY rk))[1] AS value, "
        + "  jsonb_agg(jsonb_build_object('source', source, 'value', value, 'file', file_name, 'line', line, 'importId', import_id, 'by', recorded_by, "
        + "  'at', recorded_at, 'used', rk = 1 AND value IS NOT NULL) ORDER BY rk) AS sources FROM r GROUP BY 1, 2, 3), "
        + "p AS (SELECT enterprise_id, year, jsonb_object_agg(figure, value) AS vals, jsonb_object_agg(figure, sources) AS src FROM per_figure GROUP BY 1, 2) "
        + "INSERT INTO enterprise_indicator (enterprise_id, year" + cols + ", sources) SELECT p.enterprise_id, p.year" + vals + ", p.src FROM p "
        + "ON CONFLICT (enterprise_id, year) DO UPDATE SET " + set + "sources = enterprise_indicator.sources || EXCLUDED.sources, changed_at = now()";
  }

  /**
   * Writes, as {@code source}'s, the given figure columns of {@code table} (enterprise_id, year, one column per figure;
   * a temporary table the caller filled, never a name from a request), set-based, and recomputes what it touched:
   * the path of bulk loaders such as the demo generator.
   */
  public static void writeTable(Connection c, String source, String by, String table, List<String> figures) throws SQLException {
    if (!table.matches("[a-z_]{1,40}")) throw new IllegalArgumentException("not a table name: " + table);
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(102, 0)")) {
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE IF NOT EXISTS mujun_figures_touched (enterprise_id bigint, year smallint, figure text) ON COMMIT DROP; "
        + "TRUNCATE mujun_figures_touched")) {
      ps.execute();
    }
    for (String f : figures) {
      Indicators.Field fld = IndicatorService.FIELDS.get(f);
      if (fld == null) throw new IllegalArgumentException("not a figure: " + f);
      String v = fld.kind().equals("flag") ? "CASE WHEN t." + f + " THEN 1 ELSE 0 END" : "t." + f + "::numeric";
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO enterprise_figure (enterprise_id, year, figure, source, value, recorded_by) "
          + "SELECT t.enterprise_id, t.year, '" + f + "', ?, " + v + ", ? FROM " + table + " t WHERE t." + f + " IS NOT NULL "
          + "ON CONFLICT (enterprise_id, year, figure, source) DO UPDATE SET value = EXCLUDED.value, recorded_by = EXCLUDED.recorded_by, recorded_at = now()")) {
        ps.setString(1, source);
        ps.setString(2, by);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO mujun_figures_touched SELECT t.enterprise_id, t.year, '" + f + "' FROM " + table + " t WHERE t." + f + " IS NOT NULL")) {
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("ANALYZE mujun_figures_touched")) {
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement(APPLY)) {
      ps.executeUpdate();
    }
  }

  /** Writes the batch as {@code source}'s (from import {@code importId}'s file, or the form) and recomputes what it touched. */
  public static void write(Connection c, String source, Integer importId, String file, String by, Batch b) throws SQLException {
    if (b.size() == 0) return;
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(102, 0)")) {
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE IF NOT EXISTS mujun_figures_touched (enterprise_id bigint, year smallint, figure text) ON COMMIT DROP; "
        + "TRUNCATE mujun_figures_touched")) {
      ps.execute();
    }
    int chunk = 50_000;
    for (int from = 0; from < b.size(); from += chunk) {
      int to = Math.min(b.size(), from + chunk);
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        ps.setString(1, source);
        ps.setObject(2, importId, java.sql.Types.INTEGER);
        ps.setString(3, file);
        ps.setString(4, by);
        ps.setArray(5, c.createArrayOf("bigint", b.enterprises.subList(from, to).toArray()));
        ps.setArray(6, c.createArrayOf("smallint", b.years.subList(from, to).toArray()));
        ps.setArray(7, c.createArrayOf("text", b.figures.subList(from, to).toArray()));
        ps.setArray(8, c.createArrayOf("numeric", b.values.subList(from, to).toArray()));
        ps.setArray(9, c.createArrayOf("integer", b.lines.subList(from, to).toArray()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
        ps.setArray(1, c.createArrayOf("bigint", b.enterprises.subList(from, to).toArray()));
        ps.setArray(2, c.createArrayOf("smallint", b.years.subList(from, to).toArray()));
        ps.setArray(3, c.createArrayOf("text", b.figures.subList(from, to).toArray()));
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("ANALYZE mujun_figures_touched")) {
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement(APPLY)) {
      ps.executeUpdate();
    }
  }
}
