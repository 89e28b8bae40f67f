package mujun.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import mujun.importing.Gdal;

/**
 * Enterprises' yearly figures: one year entered in a form, or a whole file (CSV or XLSX, units in the header) checked
 * row by row first (dry run) and committed in one transaction. Enterprises are matched by 统一社会信用代码 within the
 * caller's clusters.
 *
 * <p>Over 400 lines: the form, the template, the file check and the commit share one row checker, so a figure is
 * judged the same way whichever way it comes in.
 */
public final class IndicatorService {
  private final Db db;
  private final Gdal gdal;
  private final Path work;
  private final long maxBytes;

  public IndicatorService(Db db, Gdal gdal, Path work, long maxBytes) {
    this.db = db;
    this.gdal = gdal;
    this.work = work;
    this.maxBytes = maxBytes;
  }

  static final Map<String, Indicators.Field> FIELDS = Indicators.byColumn();

  /** The template's header: identification columns, then every figure with its unit. */
  public static String[] header() {
    List<String> h = new ArrayList<>(List.of("统一社会信用代码", "企业名称", "年度"));
    for (Indicators.Field f : Indicators.FIELDS) h.add(f.header() + "(" + f.unit() + ")");
    return h.toArray(new String[0]);
  }

  /** Template rows: the enterprises of the caller's clusters, with the year and the figures already entered. */
  public List<Object[]> templateRows(Principal who, int year) {
    return db.read(c -> {
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT e.credit_code, e.name, to_jsonb(i) FROM enterprise e LEFT JOIN enterprise_indicator i "
          + "ON i.enterprise_id = e.id AND i.year = ? WHERE e.cluster_id = ANY(?) ORDER BY e.cluster_id, e.credit_code")) {
        ps.setInt(1, year);
        ps.setArray(2, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] r = new Object[3 + Indicators.FIELDS.size()];
            r[0] = rs.getString(1);
            r[1] = rs.getString(2);
            r[2] = year;
            JsonNode i = rs.getString(3) == null ? null : Json.tree(rs.getString(3));
            for (int k = 0; k < Indicators.FIELDS.size(); k++) {
              Indicators.Field f = Indicators.FIELDS.get(k);
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

  /** PUT /api/enterprises/{id}/indicators/{year}: sets the fields given (null clears one). */
  public void putOne(Principal who, long enterpriseId, int year, ObjectNode body) {
    List<Map<String, String>> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (var it = body.fields(); it.hasNext(); ) {
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
      } catch (IllegalArgumentException ex) {
        problems.add(Map.of("field", e.getKey(), "message", ex.getMessage()));
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
      upsert(c, enterpriseId, year, values, false);
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

  /** Inserts or updates one enterprise-year; {@code keepMissing}: absent values keep what is stored. */
  private static void upsert(java.sql.Connection c, long enterpriseId, int year, Map<String, Object> values, boolean keepMissing) throws java.sql.SQLException {
    List<String> cols = new ArrayList<>(values.keySet());
    StringBuilder sql = new StringBuilder("INSERT INTO enterprise_indicator (enterprise_id, year");
    for (String col : cols) sql.append(", ").append(col);
    sql.append(") VALUES (?, ?").append(", ?".repeat(cols.size())).append(") ON CONFLICT (enterprise_id, year) DO ");
    if (cols.isEmpty()) sql.append("NOTHING");
    else {
      sql.append("UPDATE SET ");
      for (int i = 0; i < cols.size(); i++) {
        if (i > 0) sql.append(", ");
        String col = cols.get(i);
        sql.append(col).append(" = ").append(keepMissing ? "COALESCE(EXCLUDED." + col + ", enterprise_indicator." + col + ")" : "EXCLUDED." + col);
      }
      sql.append(", changed_at = now()");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setLong(1, enterpriseId);
      ps.setInt(2, year);
      for (int i = 0; i < cols.size(); i++) {
        Object v = values.get(cols.get(i));
        String col = cols.get(i);
        Indicators.Field f = FIELDS.get(col);
        if (v == null) {
          if (f.kind().equals("flag")) ps.setBoolean(i + 3, false);
          else if (col.equals("rented_area_m2")) ps.setBigDecimal(i + 3, BigDecimal.ZERO);
          else ps.setNull(i + 3, java.sql.Types.NUMERIC);
        } else ps.setObject(i + 3, v);
      }
      ps.executeUpdate();
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
        throw new IllegalArgumentException("must be 是 or 否");
      }
      case "integer" -> {
        try {
          long v = new BigDecimal(t.replace(",", "")).longValueExact();
          if (v < 0) throw new IllegalArgumentException("must not be negative");
          return (int) v;
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number of " + f.unit());
        }
      }
      default -> {
        BigDecimal v;
        try {
          v = new BigDecimal(t.replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("\"" + Json.clip(t) + "\" is not a number (" + f.unit() + ")");
        }
        if (f.kind().equals("number") && v.signum() < 0) throw new IllegalArgumentException("must not be negative");
        if (v.abs().compareTo(new BigDecimal("1e11")) > 0) throw new IllegalArgumentException("is too large for " + f.unit() + " (check the unit)");
        return v;
      }
    }
  }

  // ------------------------------------------------------------------ files

  private static final Pattern HEAD = Pattern.compile("^\\s*(.+?)\\s*[（(]\\s*(.+?)\\s*[)）]\\s*$");

  /** Reads a CSV or XLSX upload, checks every row and keeps the result as a job; returns the job. */
  public String check(Principal who, String fileName, byte[] bytes, Integer defaultYear) {
    if (bytes.length > maxBytes) throw new ApiError(413, "TOO_LARGE", "The file is larger than " + maxBytes / 1024 / 1024 + " MB.");
    String name = fileName == null ? "" : fileName.strip();
    String lower = name.toLowerCase();
    List<List<String>> table;
    if (lower.endsWith(".csv")) table = Csv.parse(decode(bytes));
    else if (lower.endsWith(".xlsx")) table = xlsx(bytes);
    else throw ApiError.unprocessable("FILE_TYPE", "Upload the template as .xlsx or .csv.", Map.of("field", "name"));
    if (table.isEmpty()) throw ApiError.unprocessable("FILE_EMPTY", "The file has no rows.", Map.of("field", "file"));
    List<String> head = table.get(0);
    int creditCol = -1, yearCol = -1;
    Map<Integer, Indicators.Field> cols = new LinkedHashMap<>();
    List<Map<String, String>> headerProblems = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Indicators.Field> byHeader = new HashMap<>();
    for (Indicators.Field f : Indicators.FIELDS) byHeader.put(f.header(), f);
    for (int i = 0; i < head.size(); i++) {
      String h = head.get(i).replace("\uFEFF", "").strip();
      Matcher m = HEAD.matcher(h);
      String label = m.matches() ? m.group(1) : h;
      String unit = m.matches() ? m.group(2) : null;
      if (label.equals("统一社会信用代码")) creditCol = i;
      else if (label.equals("年度")) yearCol = i;
      else if (label.equals("企业名称") || label.isEmpty()) continue;
      else if (byHeader.containsKey(label)) {
        Indicators.Field f = byHeader.get(label);
        if (unit == null) headerProblems.add(Map.of("field", h, "message", "give the unit in the header: " + f.header() + "(" + f.unit() + ")"));
        else if (!unit.equals(f.unit())) headerProblems.add(Map.of("field", h, "message", "the unit must be " + f.unit() + ", not " + unit + " (convert the column)"));
        else cols.put(i, f);
      } else ignored.add(h);
    }
    if (creditCol < 0) headerProblems.add(Map.of("field", "统一社会信用代码", "message", "the column 统一社会信用代码 is missing"));
    if (yearCol < 0 && defaultYear == null) headerProblems.add(Map.of("field", "年度", "message", "add a 年度 column or choose the year"));
    if (!headerProblems.isEmpty()) {
      throw new ApiError(422, "TEMPLATE_MISMATCH", "The header does not match the template: "
          + String.join("; ", headerProblems.stream().map(p -> p.get("field") + ": " + p.get("message")).toList()) + ".", headerProblems);
    }
    int cc = creditCol, yc = yearCol;
    return db.inTransaction(Db.Change.by(who.username(), "指标导入检查"), c -> {
      Map<String, Long> known = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT credit_code, id FROM enterprise WHERE cluster_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("integer", who.indicatorClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) known.put(rs.getString(1), rs.getLong(2));
        }
      }
      ArrayNode rows = Json.MAPPER.createArrayNode();
      Set<String> seen = new HashSet<>();
      int ok = 0, bad = 0;
      for (int r = 1; r < table.size(); r++) {
        List<String> row = table.get(r);
        if (row.stream().allMatch(x -> x == null || x.isBlank())) continue;
        ObjectNode o = rows.addObject();
        o.put("line", r + 1);
        ArrayNode errors = o.putArray("errors");
        String credit = cell(row, cc).toUpperCase();
        o.put("creditCode", credit);
        CreditCode.problem(credit).ifPresent(p -> errors.addObject().put("field", "统一社会信用代码").put("message", p));
        Long ent = known.get(credit);
        if (errors.isEmpty() && ent == null) errors.addObject().put("field", "统一社会信用代码").put("message", "no enterprise with this code in your clusters");
        if (ent != null) o.put("enterpriseId", ent);
        Integer year = defaultYear;
        if (yc >= 0 && !cell(row, yc).isEmpty()) {
          try {
            year = Integer.parseInt(cell(row, yc).replaceAll("[年\\s]", ""));
          } catch (NumberFormatException e) {
            errors.addObject().put("field", "年度").put("message", "must be a year such as 2025");
          }
        }
        if (year != null && (year < 2000 || year > 2100)) errors.addObject().put("field", "年度").put("message", "must be 2000 to 2100");
        if (year != null) o.put("year", year);
        else if (errors.isEmpty()) errors.addObject().put("field", "年度").put("message", "is missing");
        if (!seen.add(credit + "/" + year)) errors.addObject().put("field", "统一社会信用代码").put("message", "appears twice for " + year + " in this file");
        ObjectNode values = o.putObject("values");
        for (Map.Entry<Integer, Indicators.Field> e : cols.entrySet()) {
          try {
            Object v = convert(e.getValue(), cell(row, e.getKey()));
            if (v != null) values.set(e.getValue().column(), Json.MAPPER.valueToTree(v));
          } catch (IllegalArgumentException ex) {
            errors.addObject().put("field", e.getValue().header()).put("message", ex.getMessage());
          }
        }
        JsonNode tax = values.get("tax_wan"), rev = values.get("revenue_wan");
        if (tax != null && rev != null && rev.asDouble() > 0 && tax.asDouble() > rev.asDouble()) {
          errors.addObject().put("field", "实缴税金").put("message", "exceeds the revenue: check the units of both columns");
        }
        o.put("status", errors.isEmpty() ? "ok" : "error");
        if (errors.isEmpty()) ok++;
        else bad++;
      }
      ObjectNode counts = Json.MAPPER.createObjectNode().put("rows", ok + bad).put("ok", ok).put("errors", bad);
      counts.set("ignoredColumns", Json.MAPPER.valueToTree(ignored));
      String sha = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_import (created_by, file_name, file_sha256, year, rows, counts, status) "
          + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'checked') RETURNING id")) {
        ps.setString(1, who.username());
        ps.setString(2, name.length() > 200 ? name.substring(name.length() - 200) : name);
        ps.setString(3, sha);
        ps.setObject(4, defaultYear, java.sql.Types.SMALLINT);
        ps.setString(5, rows.toString());
        ps.setString(6, counts.toString());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ObjectNode job = Json.MAPPER.createObjectNode();
          job.put("id", rs.getInt(1));
          job.put("fileName", name);
          job.put("status", "checked");
          job.set("counts", counts);
          job.set("rows", rows);
          return job.toString();
        }
      }
    });
  }

  /** Commits a checked file: all rows (refused if any has an error) or only the valid ones; empty cells keep what is stored. */
  public String commit(Principal who, int jobId, String mode) {
    return db.inTransaction(new Db.Change(who.username(), "指标导入", "import"), c -> {
      JsonNode rows;
      try (PreparedStatement ps = c.prepareStatement("SELECT rows, status FROM indicator_import WHERE id = ? AND created_by = ? FOR UPDATE")) {
        ps.setInt(1, jobId);
        ps.setString(2, who.username());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("No indicator import " + jobId + " of yours.");
          if (!rs.getString(2).equals("checked")) throw new ApiError(409, "ALREADY_COMMITTED", "This file was already committed.");
          rows = Json.tree(rs.getString(1));
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
      for (JsonNode r : rows) {
        if (!r.get("status").asText().equals("ok") || !allowed.contains(r.get("enterpriseId").asLong())) continue;
        Map<String, Object> values = new LinkedHashMap<>();
        r.get("values").fields().forEachRemaining(e -> {
          Indicators.Field f = FIELDS.get(e.getKey());
          values.put(e.getKey(), f.kind().equals("flag") ? (Object) e.getValue().asBoolean() : f.kind().equals("integer") ? (Object) e.getValue().asInt()
              : e.getValue().decimalValue());
        });
        upsert(c, r.get("enterpriseId").asLong(), r.get("year").asInt(), values, true);
        written++;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE indicator_import SET status = 'committed', committed_at = now(), mode = ? WHERE id = ?")) {
        ps.setString(1, mode);
        ps.setInt(2, jobId);
        ps.executeUpdate();
      }
      return Json.write(Map.of("id", jobId, "status", "committed", "written", written, "skipped", errors));
    });
  }

  static String cell(List<String> row, int i) {
    return i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
  }

  /** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK (Excel's CSV on Chinese Windows). */
  static String decode(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString().replace("\uFEFF", "");
    } catch (CharacterCodingException e) {
      return new String(b, Charset.forName("GBK"));
    }
  }

  /**
   * XLSX through GDAL, out of process and under its time limit, rather than an in-process reader: a hostile workbook (a
   * zip bomb, XML entity tricks) can cost only that process. The first sheet, every cell as text.
   */
  private List<List<String>> xlsx(byte[] bytes) {
    Path dir = null;
    try {
      Files.createDirectories(work);
      dir = Files.createTempDirectory(work, "indicators-");
      Path in = dir.resolve("in.xlsx");
      Files.write(in, bytes);
      Path out = dir.resolve("out");
      Gdal.Result r = gdal.run(List.of("ogr2ogr", "-f", "CSV", out.toString(), in.toString(), "-oo", "HEADERS=DISABLE", "-oo", "FIELD_TYPES=STRING"),
          Map.of(), dir);
      if (r.exit() != 0) throw ApiError.unprocessable("FILE_UNREADABLE", "The XLSX file cannot be read; save it again from Excel or use CSV.", Map.of("field", "file"));
      try (var files = Files.list(out)) {
        Path first = files.filter(p -> p.toString().endsWith(".csv")).sorted().findFirst()
            .orElseThrow(() -> ApiError.unprocessable("FILE_EMPTY", "The workbook has no sheet.", Map.of("field", "file")));
        List<List<String>> t = Csv.parse(Files.readString(first, StandardCharsets.UTF_8));
        // GDAL names the columns Field1..FieldN in its own header line: drop it.
        return t.isEmpty() ? t : t.subList(1, t.size());
      }
    } catch (IOException e) {
      throw ApiError.unprocessable("FILE_UNREADABLE", "The XLSX file cannot be read.", Map.of("field", "file"));
    } finally {
      if (dir != null) org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile()); // a leftover scratch folder under var/ is harmless
    }
  }


  /** RFC 4180 CSV (quoted fields with doubled quotes and line breaks, commas; CRLF or LF), read by Commons CSV. */
  static final class Csv {
    private Csv() {}

    static List<List<String>> parse(String s) {
      List<List<String>> rows = new ArrayList<>();
      try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(s))) {
        for (org.apache.commons.csv.CSVRecord r : p) rows.add(r.toList());
      } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
        throw ApiError.unprocessable("FILE_UNREADABLE", "The CSV file cannot be read (" + Json.clip(e.getMessage()) + "); save it again as CSV UTF-8.",
            Map.of("field", "file"));
      }
      return rows;
    }
  }
}
