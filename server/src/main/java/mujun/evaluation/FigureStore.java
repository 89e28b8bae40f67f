package mujun.evaluation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mujun.http.Json;

/**
 * Writes figures with their provenance and keeps the effective value of each. What a source gives for an enterprise's
 * year goes to enterprise_figure (one row per enterprise, year and source; per figure its value — NULL when the source
 * withdraws it —, file, row, import, who and when; a later file of the same source replaces the figures it gives and
 * keeps the others); then for each (enterprise, year, figure) touched, the best-ranked non-empty value becomes
 * enterprise_indicator's, with every source's value beside it in {@code sources} (source, value, file, row, import — kept
 * small, so the row stays inline and a file of 100,000 rows is not 100,000 compressed documents; who and when are on the
 * import) — the explanation shows them. The
 * rank: the app's form first (a person's correction), then the department that is the figure's authority
 * ({@code figure_source.figures}), then the others in their order, the summary template last; a method may name its
 * own order ({@code sources} in its definition). Writers of figures take one advisory lock, so two imports touching
 * the same enterprise-year cannot interleave their recomputations. Set-based: a file of 100,000 enterprise-years is a
 * handful of statements.
 */
public final class FigureStore {
  private FigureStore() {}

  /** The figures of one write, one entry per enterprise-year (its line in the file, the figures it gives). */
  public static final class Batch {
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private int figures;

    record Row(long enterprise, int year, Integer line, Map<String, BigDecimal> values) {}

    public void add(long enterprise, int year, String figure, Object value, Integer line) {
      if (!IndicatorService.FIELDS.containsKey(figure)) throw new IllegalArgumentException("not a figure: " + figure);
      Row r = rows.computeIfAbsent(enterprise + "/" + year, k -> new Row(enterprise, year, line, new LinkedHashMap<>()));
      r.values().put(figure, value == null ? null : value instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO)
          : value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
      figures++;
    }

    public int size() {
      return figures;
    }
  }

  private static final String UPSERT = "INSERT INTO enterprise_figure AS ef (enterprise_id, year, source, figures) "
      + "SELECT u.e, u.y, ?, u.j::jsonb FROM unnest(?::bigint[], ?::smallint[], ?::text[]) u(e, y, j) "
      + "ON CONFLICT (enterprise_id, year, source) DO UPDATE SET figures = ef.figures || EXCLUDED.figures";

  private static final String TOUCH = "INSERT INTO mujun_figures_touched SELECT u.e, u.y FROM unnest(?::bigint[], ?::smallint[]) u(e, y) "
      + "ON CONFLICT DO NOTHING";

  /** The rank of a source for a figure (lower wins), as SQL over figure_source {@code s} and the figure {@code figure}. */
  static final String RANK = "CASE WHEN s.code = 'form' THEN 0 WHEN figure = ANY (s.figures) THEN 1 ELSE 10 + s.sort END";

  /** The recomputation of the effective figures of what a write touched (public for {@code mujun sql figures-apply}). */
  public static final String APPLY;

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
      set.append(c).append(" = CASE WHEN jsonb_exists(EXCLUDED.sources, '").append(c).append("') THEN EXCLUDED.").append(c).append(" ELSE enterprise_indicator.")
          .append(c).append(" END, ");
    }
    // Every figure of the touched enterprise-years is recomputed (a superset of what the write gave, with the same result
    // for the others): each source row is read once, whatever the statistics of the rows just written say.
    APPLY = "WITH f AS MATERIALIZED (SELECT ef.enterprise_id, ef.year, ef.source, x.key AS figure, x.value AS p, s.figures AS own, s.sort "
        + "  FROM mujun_figures_touched t JOIN enterprise_figure ef ON ef.enterprise_id = t.enterprise_id AND ef.year = t.year "
        + "  JOIN figure_source s ON s.code = ef.source CROSS JOIN LATERAL jsonb_each(ef.figures) x), "
        + "r AS (SELECT f.*, row_number() OVER (PARTITION BY enterprise_id, year, figure ORDER BY jsonb_typeof(p->'value') IS DISTINCT FROM 'number', "
        + "  CASE WHEN source = 'form' THEN 0 WHEN figure = ANY (own) THEN 1 ELSE 10 + sort END, p->>'at' DESC) AS rk FROM f), "
        + "per_figure AS (SELECT enterprise_id, year, figure, (array_agg(p->'value' ORDER BY rk))[1] AS value, "
        + "  jsonb_agg(jsonb_strip_nulls(jsonb_build_object('source', source, 'value', p->'value', 'file', p->'file', 'line', p->'line', 'importId', p->'importId', "
        + "  'used', rk = 1 AND jsonb_typeof(p->'value') = 'number')) ORDER BY rk) AS sources FROM r GROUP BY 1, 2, 3), "
        + "p AS (SELECT enterprise_id, year, jsonb_object_agg(figure, value) AS vals, jsonb_object_agg(figure, sources) AS src FROM per_figure GROUP BY 1, 2) "
        + "INSERT INTO enterprise_indicator (enterprise_id, year" + cols + ", sources) SELECT p.enterprise_id, p.year" + vals + ", p.src FROM p "
        + "ON CONFLICT (enterprise_id, year) DO UPDATE SET " + set + "sources = enterprise_indicator.sources || EXCLUDED.sources, changed_at = now()";
  }

  private static void begin(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(102, 0)")) {
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE IF NOT EXISTS mujun_figures_touched (enterprise_id bigint, year smallint, PRIMARY KEY (enterprise_id, year)) ON COMMIT DROP; "
        + "TRUNCATE mujun_figures_touched")) {
      ps.execute();
    }
  }

  private static void apply(Connection c) throws SQLException {
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
    begin(c);
    String at = java.time.OffsetDateTime.now().toString();
    List<Batch.Row> rows = new ArrayList<>(b.rows.values());
    int chunk = 20_000;
    for (int from = 0; from < rows.size(); from += chunk) {
      List<Batch.Row> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      Long[] e = new Long[part.size()];
      Integer[] y = new Integer[part.size()];
      String[] j = new String[part.size()];
      for (int i = 0; i < part.size(); i++) {
        Batch.Row r = part.get(i);
        e[i] = r.enterprise();
        y[i] = r.year();
        Map<String, Object> figs = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> v : r.values().entrySet()) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("value", v.getValue());
          if (file != null) p.put("file", file);
          if (r.line() != null) p.put("line", r.line());
          if (importId != null) p.put("importId", importId);
          p.put("by", by);
          p.put("at", at);
          figs.put(v.getKey(), p);
        }
        j[i] = Json.write(figs);
      }
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        ps.setString(1, source);
        ps.setArray(2, c.createArrayOf("bigint", e));
        ps.setArray(3, c.createArrayOf("smallint", y));
        ps.setArray(4, c.createArrayOf("text", j));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
        ps.setArray(1, c.createArrayOf("bigint", e));
        ps.setArray(2, c.createArrayOf("smallint", y));
        ps.executeUpdate();
      }
    }
    apply(c);
  }

  /**
   * Writes, as {@code source}'s, the given figure columns of {@code table} (enterprise_id, year, one column per figure;
   * a temporary table the caller filled, never a name from a request), set-based, and recomputes what it touched:
   * the path of bulk loaders such as the demo generator.
   */
  public static void writeTable(Connection c, String source, String by, String table, List<String> figures) throws SQLException {
    writeTables(c, by, table, Map.of(source, figures), null);
  }

  /**
   * As {@link #writeTable}, for several sources' columns of one table (source → its figures) and, when {@code ids} is
   * given, only its rows whose enterprise_id is in that range ({@code ids[0]} to {@code ids[1]}, inclusive): the
   * effective figures are recomputed once for all the sources, so a loader of every department's figures writes each
   * enterprise-year's indicators (and their history) once, a range at a time.
   */
  public static void writeTables(Connection c, String by, String table, Map<String, List<String>> sources, long[] ids) throws SQLException {
    if (!table.matches("[a-z_]{1,40}")) throw new IllegalArgumentException("not a table name: " + table);
    begin(c);
    String where = ids == null ? "" : " WHERE t.enterprise_id BETWEEN ? AND ?";
    for (Map.Entry<String, List<String>> src : sources.entrySet()) {
      List<String> figures = src.getValue();
      StringBuilder obj = new StringBuilder("jsonb_strip_nulls(jsonb_build_object(");
      for (int i = 0; i < figures.size(); i++) {
        String f = figures.get(i);
        Indicators.Field fld = IndicatorService.FIELDS.get(f);
        if (fld == null) throw new IllegalArgumentException("not a figure: " + f);
        String v = fld.kind().equals("flag") ? "CASE WHEN t." + f + " THEN 1 ELSE 0 END" : "t." + f;
        obj.append(i > 0 ? ", " : "").append("'").append(f).append("', CASE WHEN t.").append(f).append(" IS NULL THEN NULL ELSE jsonb_build_object('value', ")
            .append(v).append(", 'by', ?::text, 'at', now()) END");
      }
      obj.append("))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO enterprise_figure AS ef (enterprise_id, year, source, figures) SELECT t.enterprise_id, t.year, ?, "
          + obj + " FROM " + table + " t" + where + " ON CONFLICT (enterprise_id, year, source) DO UPDATE SET figures = ef.figures || EXCLUDED.figures")) {
        ps.setString(1, src.getKey());
        for (int i = 0; i < figures.size(); i++) ps.setString(2 + i, by);
        if (ids != null) {
          ps.setLong(2 + figures.size(), ids[0]);
          ps.setLong(3 + figures.size(), ids[1]);
        }
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO mujun_figures_touched SELECT DISTINCT t.enterprise_id, t.year FROM " + table + " t" + where
        + " ON CONFLICT DO NOTHING")) {
      if (ids != null) {
        ps.setLong(1, ids[0]);
        ps.setLong(2, ids[1]);
      }
      ps.executeUpdate();
    }
    apply(c);
  }
}
