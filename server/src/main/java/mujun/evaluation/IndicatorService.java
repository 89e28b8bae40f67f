package mujun.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.enterprise.CreditCode;
import mujun.error.ApiError;
import mujun.http.Json;
import mujun.importing.TableFile;

/**
 * Enterprises' yearly figures, each kept with its source: one year entered in a form (source {@code form}), or a
 * department's file (CSV or XLSX: 税务's taxes, 电力's electricity, 统计's output …, or the summary template) checked row
 * by row first (dry run) and committed in one transaction. Columns are found by their names (or a mapping given once
 * per file layout and remembered), units are read from the header and converted (元 → 万元) or refused, and each row is
 * checked for plausibility (a tax of 80,000 万元 per 亩 is a file in 元). Every figure is written to enterprise_figure
 * with its department, file, row, who and when ({@link FigureStore}); the effective value follows the sources' ranks.
 * Enterprises are matched by 统一社会信用代码 within the caller's clusters.
 *
 * <p>Over 400 lines: the form, the templates, the file check and the commit share one row checker, so a figure is
 * judged the same way whichever way it comes in.
 */
public final class IndicatorService {
  private final Db db;
  private final TableFile files;

  public IndicatorService(Db db, TableFile files) {
    this.db = db;
    this.files = files;
  }

  static final Map<String, Indicators.Field> FIELDS = Indicators.byColumn();

  /** The sources of figures (departments), as data: code → the figures it is the authority for. */
  public Map<String, List<String>> sources() {
    return db.read(c -> {
      Map<String, List<String>> m = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT code, figures FROM figure_source ORDER BY sort"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) m.put(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()));
      }
      return m;
    });
  }

  /** The sources with names, as JSON (for the import form). */
  public String sourcesJson() {
    return db.read(c -> mujun.db.Sql.one(c, "SELECT json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en, 'figures', figures) ORDER BY sort)::text "
        + "FROM figure_source WHERE code <> 'form'"));
  }

  private List<Indicators.Field> fieldsOf(String source) {
    List<String> own = source == null ? List.of() : sources().getOrDefault(source, List.of());
    return own.isEmpty() ? Indicators.FIELDS : Indicators.FIELDS.stream().filter(f -> own.contains(f.column())).toList();
  }

  /** The template's header for a source: identification columns, then each of its figures with its unit. */
  public String[] header(String source) {
    List<String> h = new ArrayList<>(List.of("统一社会信用代码", "企业名称", "年度"));
    for (Indicators.Field f : fieldsOf(source)) h.add(f.header() + "(" + f.unit() + ")");
    return h.toArray(new String[0]);
  }

  /** Template rows: the enterprises of the caller's clusters, with the year and the figures already entered. */
  public List<Object[]> templateRows(Principal who, int year, String source) {
    List<Indicators.Field> fields = fieldsOf(source);
    return db.read(c -> {
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT e.credit_code, e.name, to_jsonb(i) - 'sources' FROM enterprise e LEFT JOIN enterprise_indicator i "
          + "ON i.enterprise_id = e.id AND i.year = ? WHERE e.cluster_id = ANY(?) ORDER BY e.cluster_id, e.credit_code")) {
        ps.setInt(1, year);
        ps.setArray(2, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] r = new Object[3 + fields.size()];
            r[0] = rs.getString(1);
            r[1] = rs.getString(2);
            r[2] = year;
            JsonNode i = rs.getString(3) == null ? null : Json.tree(rs.getString(3));
            for (int k = 0; k < fields.size(); k++) {
              Indicators.Field f = fields.get(k);
              JsonNode v = i == null ? null : i.get(f.column());
              r[3 + k] = v == null || v.isNull() ? null : f.kind().equals("flag") ? (v.asBoolean() ? "是" : "否") : v.isNumber() ? v.decimalValue() : v.asText();
            }
            rows.add(r);
          }
        }
      }
      return rows;
    });
  }

  // ------------------------------------------------------------------ one enterprise-year from a form

  /** PUT /api/enterprises/{id}/indicators/{year}: sets the fields given (null clears the form's value of one). */
  public void putOne(Principal who, long enterpriseId, int year, ObjectNode body) {
    List<Map<String, String>> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (var it = body.fields(); it.hasNext(); ) { // each figure the form sends
      var e = it.next();
      Indicators.Field f = FIELDS.get(camelToColumn(e.getKey()));
      if (f == null) {
        problems.add(Map.of("field", Json.clip(e.getKey()), "message", "is not a figure (" + String.join(", ", FIELDS.keySet().stream().map(IndicatorService::columnToCamel).toList()) + ")"));
        continue;
      }
      JsonNode v = e.getValue();
      String text = v.isNull() ? "" : v.isBoolean() ? (v.asBoolean() ? "是" : "否") : v.asText();
      try {
        values.put(f.column(), convert(f, text));
      } catch (Bad ex) {
        problems.add(Map.of("field", e.getKey(), "message", ex.getMessage(), "rule", ex.rule));
      }
    }
    if (year < 2000 || year > 2100) problems.add(Map.of("field", "year", "message", "must be 2000 to 2100"));
    if (!problems.isEmpty()) throw new ApiError(422, "VALIDATION_FAILED", "Some figures are not valid: "
        + String.join("; ", problems.stream().map(p -> p.get("field") + " " + p.get("message")).toList()) + ".", problems);
    db.inTransaction(Db.Change.by(who.username(), "企业年度指标"), c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM enterprise WHERE id = ? AND cluster_id = ANY(?)")) {
        ps.setLong(1, enterpriseId);
        ps.setArray(2, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Enterprise " + enterpriseId + " is not one of your clusters'.");
        }
      }
      FigureStore.Batch b = new FigureStore.Batch();
      values.forEach((col, v) -> b.add(enterpriseId, year, col, v, null));
      FigureStore.write(c, "form", null, null, who.username(), b);
      return null;
    });
  }

  static String camelToColumn(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase().replace("_m2", "_m2");
  }

  static String columnToCamel(String column) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : column.toCharArray()) {
      if (ch == '_') up = true;
      else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }

  /** Why a cell is not a valid figure: the sentence and the rule it breaks with its parameters (the web says it in its language). */
  static final class Bad extends IllegalArgumentException {
    final String rule;
    final Map<String, Object> params;

    Bad(String message, String rule, Object... params) {
      super(message);
      this.rule = rule;
      this.params = new LinkedHashMap<>();
      for (int i = 0; i < params.length; i += 2) this.params.put((String) params[i], params[i + 1]);
    }
  }

  /** A row problem: the field (a Chinese column name), the English sentence, and the rule with its parameters. */
  private static void problem(ArrayNode errors, String field, String message, String rule, Object... params) {
    ObjectNode o = errors.addObject().put("field", field).put("message", message).put("rule", rule);
    if (params.length > 0) {
      ObjectNode p = o.putObject("params");
      for (int i = 0; i < params.length; i += 2) p.set((String) params[i], Json.MAPPER.valueToTree(params[i + 1]));
    }
  }

  /** A cell as the field's type: numbers may carry thousands separators; flags are 是/否, Y/N, 1/0, true/false; empty = null. */
  static Object convert(Indicators.Field f, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) return null;
    switch (f.kind()) {
      case "flag" -> {
        if (Set.of("是", "y", "yes", "1", "true", "有").contains(t.toLowerCase())) return Boolean.TRUE;
        if (Set.of("否", "n", "no", "0", "false", "无").contains(t.toLowerCase())) return Boolean.FALSE;
        throw new Bad("must be 是 or 否", "boolean");
      }
      case "integer" -> {
        try {
          long v = new BigDecimal(t.replace(",", "")).longValueExact();
          if (v < 0) throw new Bad("must not be negative", "nonNegative");
          return (int) v;
        } catch (ArithmeticException | NumberFormatException e) {
          throw new Bad("must be a whole number of " + f.unit(), "integer");
        }
      }
      default -> {
        BigDecimal v;
        try {
          v = new BigDecimal(t.replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
          throw new Bad("\"" + Json.clip(t) + "\" is not a number (" + f.unit() + ")", "number");
        }
        if (f.kind().equals("number") && v.signum() < 0) throw new Bad("must not be negative", "nonNegative");
        if (v.abs().compareTo(new BigDecimal("1e11")) > 0) throw new Bad("is too large for " + f.unit() + " (check the unit)", "tooLarge");
        return v;
      }
    }
  }

  // ------------------------------------------------------------------ files

  private static final Pattern HEAD = Pattern.compile("^\\s*(.+?)\\s*[（(]\\s*(.+?)\\s*[)）]\\s*$");
  private static final Map<String, String> ID_COLUMNS = Map.of("统一社会信用代码", "creditCode", "社会信用代码", "creditCode", "纳税人识别号", "creditCode",
      "信用代码", "creditCode", "年度", "year", "年份", "year", "统计年度", "year", "企业名称", "name", "纳税人名称", "name", "用户名称", "name");

  /** A column of the file: what it fills (creditCode, year, name or a figure column) and the factor that converts its unit. */
  record Target(String field, BigDecimal factor, String unit) {}

  /** Reads a CSV or XLSX upload of a source, checks every row and keeps the result as a job; returns the job. */
  public String check(Principal who, String fileName, byte[] bytes, Integer defaultYear, String source, Map<String, String> mapping) {
    String src = source == null ? "summary" : source;
    Map<String, List<String>> sourceCodes = sources();
    if (!sourceCodes.containsKey(src) || src.equals("form")) {
      throw ApiError.badRequest("BAD_SOURCE", "source must be one of " + String.join(", ", sourceCodes.keySet().stream().filter(s -> !s.equals("form")).toList()) + ".",
          Map.of("field", "source"));
    }
    List<List<String>> table = files.read(fileName, bytes);
    String name = fileName == null ? "" : fileName.strip();
    List<String> head = table.get(0).stream().map(h -> h == null ? "" : h.replace("\uFEFF", "").strip()).toList();
    String layoutKey = "figures:" + src + ":" + mujun.importing.ImportService.layoutKey(head);
    Map<String, String> map = mapping != null ? mapping : savedMapping(layoutKey);
    Map<Integer, Target> cols = new LinkedHashMap<>();
    List<Map<String, String>> headerProblems = new ArrayList<>();
    List<String> ignored = new ArrayList<>(), notes = new ArrayList<>();
    Map<String, Indicators.Field> byHeader = new HashMap<>();
    for (Indicators.Field f : Indicators.FIELDS) byHeader.put(f.header(), f);
    if (map != null) {
      for (String h : map.keySet()) if (!head.contains(h)) headerProblems.add(Map.of("field", Json.clip(h), "message", "the mapping names a column the file does not have"));
    }
    for (int i = 0; i < head.size(); i++) {
      String h = head.get(i);
      Matcher m = HEAD.matcher(h);
      String label = m.matches() ? m.group(1) : h;
      String unit = m.matches() ? m.group(2) : null;
      String target = map != null && map.containsKey(h) ? map.get(h) : ID_COLUMNS.containsKey(label) ? ID_COLUMNS.get(label)
          : byHeader.containsKey(label) ? byHeader.get(label).column() : null;
      if (target == null || target.equals("ignore") || label.isEmpty()) {
        if (!h.isEmpty()) ignored.add(h);
        continue;
      }
      if (target.equals("creditCode") || target.equals("year") || target.equals("name")) {
        cols.put(i, new Target(target, null, null));
        continue;
      }
      Indicators.Field f = FIELDS.get(target);
      if (f == null) {
        headerProblems.add(Map.of("field", Json.clip(h), "message", "is mapped to " + Json.clip(target) + ", which is not a figure (" + String.join(", ", FIELDS.keySet()) + ")"));
        continue;
      }
      BigDecimal factor = Units.factor(f.unit(), unit == null ? f.unit() : unit);
      if (factor == null) {
        headerProblems.add(Map.of("field", h, "message", "the unit must be " + f.unit() + (Units.known(f.unit()).isEmpty() ? "" : " (or " + Units.known(f.unit()) + ")")
            + ", not " + unit + ": convert the column"));
        continue;
      }
      if (factor.compareTo(BigDecimal.ONE) != 0) notes.add(h + ": " + unit + " → " + f.unit() + " (× " + factor.stripTrailingZeros().toPlainString() + ")");
      cols.put(i, new Target(f.column(), factor, unit));
    }
    if (cols.values().stream().noneMatch(t -> t.field().equals("creditCode"))) {
      headerProblems.add(Map.of("field", "统一社会信用代码", "message", "no column holds the 统一社会信用代码: name it so, or map the column that does"));
    }
    if (cols.values().stream().noneMatch(t -> t.field().equals("year")) && defaultYear == null) {
      headerProblems.add(Map.of("field", "年度", "message", "add a 年度 column or choose the year"));
    }
    if (cols.values().stream().noneMatch(t -> t.factor() != null) && headerProblems.isEmpty()) {
      headerProblems.add(Map.of("field", "file", "message", "no column holds a figure: name the columns as the template does, or map them"));
    }
    if (!headerProblems.isEmpty()) {
      List<Object> details = new ArrayList<>(headerProblems);
      details.add(Map.of("columns", head));
      throw new ApiError(422, "TEMPLATE_MISMATCH", "The header does not match the template: "
          + String.join("; ", headerProblems.stream().map(p -> p.get("field") + ": " + p.get("message")).toList()) + ".", details);
    }
    return db.inTransaction(Db.Change.by(who.username(), "指标导入检查"), c -> {
      if (mapping != null) saveMapping(c, layoutKey, mapping, head, who.username());
      Map<String, long[]> known = new HashMap<>();
      Map<String, Double> mu = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT e.credit_code, e.id, COALESCE((SELECT sum(p.area_mu) FROM parcel p WHERE p.holder_id = e.id "
          + "AND p.status = 'current'), 0) FROM enterprise e WHERE e.cluster_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.put(rs.getString(1), new long[] {rs.getLong(2)});
            mu.put(rs.getString(1), rs.getDouble(3));
          }
        }
      }
      ArrayNode rows = Json.MAPPER.createArrayNode();
      Set<String> seen = new HashSet<>();
      int ok = 0, bad = 0;
      for (int r = 1; r < table.size(); r++) {
        List<String> row = table.get(r);
        if (TableFile.blank(row)) continue;
        ObjectNode o = checkRow(r + 1, row, cols, defaultYear, known, mu, seen);
        rows.add(o);
        if (o.get("status").asText().equals("ok")) ok++;
        else bad++;
      }
      ObjectNode counts = Json.MAPPER.createObjectNode().put("rows", ok + bad).put("ok", ok).put("errors", bad);
      counts.set("ignoredColumns", Json.MAPPER.valueToTree(ignored));
      counts.set("conversions", Json.MAPPER.valueToTree(notes));
      String sha = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_import (created_by, file_name, file_sha256, year, rows, counts, status, source, mapping) "
          + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'checked', ?, ?::jsonb) RETURNING id")) {
        ps.setString(1, who.username());
        ps.setString(2, name.length() > 200 ? name.substring(name.length() - 200) : name);
        ps.setString(3, sha);
        ps.setObject(4, defaultYear, java.sql.Types.SMALLINT);
        ps.setString(5, rows.toString());
        ps.setString(6, counts.toString());
        ps.setString(7, src);
        ps.setString(8, Json.write(map == null ? Map.of() : map));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ObjectNode job = Json.MAPPER.createObjectNode();
          job.put("id", rs.getInt(1));
          job.put("fileName", name);
          job.put("source", src);
          job.put("status", "checked");
          job.put("mappingSaved", mapping == null && map != null);
          job.set("counts", counts);
          job.set("rows", rows);
          return job.toString();
        }
      }
    });
  }

  /** Figures per 亩 beyond which a column is almost surely in the smaller unit (元 for 万元, kWh for 万kWh): the file is refused row by row. */
  private static final Map<String, Double> MAX_PER_MU = Map.of("tax_wan", 1000.0, "revenue_wan", 50_000.0, "value_added_wan", 20_000.0,
      "output_wan", 50_000.0, "profit_wan", 20_000.0, "electricity_wan_kwh", 5_000.0, "energy_tce", 50_000.0, "rd_wan", 5_000.0);

  private static ObjectNode checkRow(int line, List<String> row, Map<Integer, Target> cols, Integer defaultYear, Map<String, long[]> known,
                                     Map<String, Double> mu, Set<String> seen) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("line", line);
    ArrayNode errors = o.putArray("errors");
    String credit = "", yearText = "";
    for (Map.Entry<Integer, Target> e : cols.entrySet()) {
      if (e.getValue().field().equals("creditCode")) credit = cell(row, e.getKey()).toUpperCase();
      if (e.getValue().field().equals("year")) yearText = cell(row, e.getKey());
    }
    o.put("creditCode", credit);
    CreditCode.problem(credit).ifPresent(p -> problem(errors, "统一社会信用代码", p, "code"));
    long[] ent = known.get(credit);
    if (errors.isEmpty() && ent == null) problem(errors, "统一社会信用代码", "no enterprise with this code in your clusters", "unknownEnterprise");
    if (ent != null) o.put("enterpriseId", ent[0]);
    Integer year = defaultYear;
    if (!yearText.isEmpty()) {
      try {
        year = Integer.parseInt(yearText.replaceAll("[年\\s]", "").replaceFirst("\\.0$", ""));
      } catch (NumberFormatException e) {
        problem(errors, "年度", "must be a year such as 2025", "yearFormat");
      }
    }
    if (year != null && (year < 2000 || year > 2100)) problem(errors, "年度", "must be 2000 to 2100", "year", "min", 2000, "max", 2100);
    if (year != null) o.put("year", year);
    else if (errors.isEmpty()) problem(errors, "年度", "is missing", "required");
    if (!seen.add(credit + "/" + year)) problem(errors, "统一社会信用代码", "appears twice for " + year + " in this file", "duplicateYear", "year", year);
    ObjectNode values = o.putObject("values");
    for (Map.Entry<Integer, Target> e : cols.entrySet()) {
      Target t = e.getValue();
      if (t.factor() == null) continue;
      Indicators.Field f = FIELDS.get(t.field());
      try {
        Object v = convert(f, cell(row, e.getKey()));
        if (v instanceof BigDecimal d && t.factor().compareTo(BigDecimal.ONE) != 0) v = d.multiply(t.factor()).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        if (v != null) values.set(f.column(), Json.MAPPER.valueToTree(v));
      } catch (Bad ex) {
        problem(errors, f.header(), ex.getMessage(), ex.rule, ex.params.entrySet().stream().flatMap(x -> java.util.stream.Stream.of(x.getKey(), x.getValue())).toArray());
      }
    }
    JsonNode tax = values.get("tax_wan"), rev = values.get("revenue_wan");
    if (tax != null && rev != null && rev.asDouble() > 0 && tax.asDouble() > rev.asDouble()) {
      problem(errors, "实缴税金", "exceeds the revenue: check the units of both columns", "taxOverRevenue");
    }
    double land = mu.getOrDefault(credit, 0.0);
    if (land >= 1) {
      for (Map.Entry<String, Double> lim : MAX_PER_MU.entrySet()) {
        JsonNode v = values.get(lim.getKey());
        if (v == null || v.asDouble() / land <= lim.getValue()) continue;
        Indicators.Field f = FIELDS.get(lim.getKey());
        problem(errors, f.header(), String.format(java.util.Locale.ROOT,
            "is %,.0f %s per 亩 of the enterprise's %.1f 亩, beyond any real figure (%,.0f): is the column in %s rather than %s?",
            v.asDouble() / land, f.unit(), land, lim.getValue(), Units.smaller(f.unit()), f.unit()), "implausiblePerMu",
            "perMu", Math.round(v.asDouble() / land), "unit", f.unit(), "mu", Math.round(land * 10) / 10.0, "smaller", Units.smaller(f.unit()));
      }
    }
    o.put("status", errors.isEmpty() ? "ok" : "error");
    return o;
  }

  /** Commits a checked file: all rows (refused if any has an error) or only the valid ones; empty cells keep what is stored. */
  public String commit(Principal who, int jobId, String mode) {
    return db.inTransaction(new Db.Change(who.username(), "指标导入", "import"), c -> {
      JsonNode rows;
      String source, file;
      try (PreparedStatement ps = c.prepareStatement("SELECT rows, status, source, file_name FROM indicator_import WHERE id = ? AND created_by = ? FOR UPDATE")) {
        ps.setInt(1, jobId);
        ps.setString(2, who.username());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("No indicator import " + jobId + " of yours.");
          if (!rs.getString(2).equals("checked")) throw new ApiError(409, "ALREADY_COMMITTED", "This file was already committed.");
          rows = Json.tree(rs.getString(1));
          source = rs.getString(3);
          file = rs.getString(4);
        }
      }
      int errors = 0, written = 0;
      for (JsonNode r : rows) if (!r.get("status").asText().equals("ok")) errors++;
      if (mode.equals("all") && errors > 0) {
        throw new ApiError(422, "ROWS_INVALID", errors + " rows have errors: fix them and upload again, or commit only the valid rows.");
      }
      Set<Long> allowed = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM enterprise WHERE cluster_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) allowed.add(rs.getLong(1));
        }
      }
      FigureStore.Batch b = new FigureStore.Batch();
      for (JsonNode r : rows) {
        if (!r.get("status").asText().equals("ok") || !allowed.contains(r.get("enterpriseId").asLong())) continue;
        long ent = r.get("enterpriseId").asLong();
        int year = r.get("year").asInt(), line = r.get("line").asInt();
        r.get("values").fields().forEachRemaining(e -> b.add(ent, year, e.getKey(), e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : e.getValue().decimalValue(), line));
        written++;
      }
      FigureStore.write(c, source, jobId, file, who.username(), b);
      try (PreparedStatement ps = c.prepareStatement("UPDATE indicator_import SET status = 'committed', committed_at = now(), mode = ? WHERE id = ?")) {
        ps.setString(1, mode);
        ps.setInt(2, jobId);
        ps.executeUpdate();
      }
      return Json.write(Map.of("id", jobId, "status", "committed", "written", written, "skipped", errors, "figures", b.size()));
    });
  }

  private Map<String, String> savedMapping(String key) {
    String json = db.read(c -> mujun.db.Sql.one(c, "SELECT mapping::text FROM import_mapping WHERE source_key = ?", key));
    if (json == null) return null;
    Map<String, String> m = new LinkedHashMap<>();
    Json.tree(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static void saveMapping(Connection c, String key, Map<String, String> mapping, List<String> head, String by) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_mapping (source_key, mapping, fields, updated_by) VALUES (?, ?::jsonb, ?, ?) "
        + "ON CONFLICT (source_key) DO UPDATE SET mapping = EXCLUDED.mapping, fields = EXCLUDED.fields, updated_by = EXCLUDED.updated_by, updated_at = now()")) {
      ps.setString(1, key);
      ps.setString(2, Json.write(mapping));
      ps.setArray(3, c.createArrayOf("text", head.toArray()));
      ps.setString(4, by);
      ps.executeUpdate();
    }
  }

  static String cell(List<String> row, int i) {
    return i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
  }
}
