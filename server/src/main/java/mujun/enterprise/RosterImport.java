package mujun.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Json;
import mujun.importing.TableFile;
import mujun.schema.Field;

/**
 * The enterprise roster (企业名录) a development-reform or industry office sends, as CSV or XLSX: a dry run that says
 * for every row whether it is new, changes an enterprise (and which fields, from what to what), changes nothing, or is
 * rejected (and why, per field, with the same checks as the form); then a commit of all rows (refused if any is
 * rejected) or of the valid ones, in one transaction, set-based. Rows are matched by 统一社会信用代码; empty cells keep
 * what is stored.
 *
 * <p>Over 400 lines: the roster's columns, the row checker and the set-based commit read one list of columns and one
 * description of the enterprise, so a cell is judged and written the same way it is shown in the report.
 */
public final class RosterImport {
  /** A roster column: header, the field it fills (an API name of {@link EnterpriseFields}, or lon/lat, cluster), and the header's aliases. */
  record Column(String header, String hint, String field, List<String> aliases) {}

  static final List<Column> COLUMNS = List.of(
      new Column("统一社会信用代码", null, "creditCode", List.of("社会信用代码", "信用代码", "统一代码")),
      new Column("企业名称", null, "name", List.of("单位名称", "企业全称", "名称")),
      new Column("所属集聚区", "代码或名称", "cluster", List.of("集聚区", "集聚区代码", "所属集聚区代码", "集聚区名称")),
      new Column("行业代码", "国民经济行业分类", "industryCode", List.of("国民经济行业代码", "行业分类代码", "行业")),
      new Column("规模", "规上/规下", "sizeClass", List.of("企业规模", "是否规上", "规上规下")),
      new Column("纳规年份", "YYYY", "aboveSince", List.of("规上年份", "入规年份", "纳入规上年份")),
      new Column("成立日期", "YYYY-MM-DD", "foundedOn", List.of("成立时间", "注册日期")),
      new Column("投产日期", "YYYY-MM-DD", "productionStartedOn", List.of("投产时间", "正式投产日期")),
      new Column("地址", null, "address", List.of("注册地址", "生产地址", "企业地址")),
      new Column("经营状态", "在营/停产/注销/被兼并", "status", List.of("状态", "企业状态")),
      new Column("兼并方信用代码", null, "mergedInto", List.of("兼并方", "合并入")),
      new Column("租用宗地代码", null, "premisesParcelCode", List.of("租用宗地", "出租方宗地代码")),
      new Column("经度", "度", "lon", List.of("经度(E)")),
      new Column("纬度", "度", "lat", List.of("纬度(N)")));

  private static final Pattern HEAD = Pattern.compile("^\\s*(.+?)\\s*[（(]\\s*(.*?)\\s*[)）]\\s*$");
  private static final Map<String, String> SIZE = Map.of("规上", "above", "规模以上", "above", "是", "above", "above", "above",
      "规下", "below", "规模以下", "below", "否", "below", "below", "below");
  private static final Map<String, String> STATUS = Map.ofEntries(Map.entry("在营", "operating"), Map.entry("存续", "operating"),
      Map.entry("正常", "operating"), Map.entry("operating", "operating"), Map.entry("停产", "suspended"), Map.entry("停业", "suspended"),
      Map.entry("suspended", "suspended"), Map.entry("注销", "deregistered"), Map.entry("吊销", "deregistered"),
      Map.entry("deregistered", "deregistered"), Map.entry("被兼并", "merged"), Map.entry("兼并", "merged"), Map.entry("merged", "merged"));

  private final Db db;
  private final TableFile files;

  public RosterImport(Db db, TableFile files) {
    this.db = db;
    this.files = files;
  }

  /** The template's header: each column with its hint. */
  public static String[] header() {
    return COLUMNS.stream().map(c -> c.hint() == null ? c.header() : c.header() + "(" + c.hint() + ")").toArray(String[]::new);
  }

  private static final Named TEMPLATE_ROWS = Named.of("SELECT e.credit_code, e.name, k.code, e.industry_code, "
      + "CASE e.size_class WHEN 'above' THEN '规上' ELSE '规下' END, e.above_since, e.founded_on::text, e.production_started_on::text, e.address, "
      + "CASE e.status WHEN 'operating' THEN '在营' WHEN 'suspended' THEN '停产' WHEN 'deregistered' THEN '注销' ELSE '被兼并' END, e.merged_into, "
      + "e.premises_parcel_code, round(ST_X(e.location)::numeric, 6), round(ST_Y(e.location)::numeric, 6) "
      + "FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE e.cluster_id = ANY(:scope) ORDER BY k.code, e.credit_code");

  /** The caller's enterprises as template rows (the file to edit and send back), or one example row when there are none. */
  public List<Object[]> templateRows(Principal who) {
    List<Object[]> rows = db.read(c -> TEMPLATE_ROWS.rows(c, Named.values("scope", who.enterpriseClusters())));
    if (!rows.isEmpty()) return rows;
    String first17 = "91410100MA44XXXX0".replace("X", "0");
    return List.<Object[]>of(new Object[] {first17 + CreditCode.checkChar(first17), "示例（河南）机械制造有限公司", "XZXG", "C3484", "规上", 2021,
        "2015-06-01", "2016-03-18", "新郑市新港大道 1 号", "在营", null, null, null, null});
  }

  // ---------------------------------------------------------------- the dry run

  /** Reads the file, checks every row against the register, and keeps the report as a job; returns the job as JSON. */
  public String check(Principal who, String fileName, byte[] bytes) {
    List<List<String>> table = files.read(fileName, bytes);
    Map<String, Integer> cols = headerColumns(table.get(0));
    String name = fileName == null ? "" : fileName.strip();
    return db.inTransaction(who.change("企业名录导入检查"), c -> {
      Clusters clusters = Clusters.read(c);
      Set<Integer> writable = Set.of(who.enterpriseClusters());
      List<String> codes = new ArrayList<>();
      for (int r = 1; r < table.size(); r++) codes.add(cell(table.get(r), cols.get("creditCode")).toUpperCase());
      Map<String, ObjectNode> existing = existing(c, codes);
      ArrayNode rows = Json.MAPPER.createArrayNode();
      Map<String, Integer> counts = new LinkedHashMap<>(Map.of("new", 0, "changed", 0, "unchanged", 0, "rejected", 0));
      Set<String> seen = new HashSet<>();
      for (int r = 1; r < table.size(); r++) {
        List<String> row = table.get(r);
        if (TableFile.blank(row)) continue;
        ObjectNode o = checkRow(r + 1, row, cols, clusters, writable, existing, seen);
        rows.add(o);
        counts.merge(o.get("status").asText(), 1, Integer::sum);
      }
      ObjectNode countsJson = Json.MAPPER.valueToTree(counts);
      countsJson.put("rows", rows.size());
      String sha = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes);
      String id = INSERT_JOB.one(c, Named.values("by", who.username(), "file", name.length() > 200 ? name.substring(name.length() - 200) : name,
          "sha", sha, "rows", rows.toString(), "counts", countsJson.toString()));
      ObjectNode job = Json.MAPPER.createObjectNode();
      job.put("id", Integer.parseInt(id));
      job.put("fileName", name);
      job.put("status", "checked");
      job.set("counts", countsJson);
      job.set("rows", rows);
      return job.toString();
    });
  }

  private static final Named INSERT_JOB = Named.of("INSERT INTO roster_import (created_by, file_name, file_sha256, rows, counts, status) "
      + "VALUES (:by, :file, :sha, :rows::jsonb, :counts::jsonb, 'checked') RETURNING id::text");

  /** Which column holds which field; refuses a header without the credit code, or with a column twice. */
  static Map<String, Integer> headerColumns(List<String> head) {
    Map<String, Integer> cols = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < head.size(); i++) {
      String h = head.get(i) == null ? "" : head.get(i).replace("\uFEFF", "").strip();
      Matcher m = HEAD.matcher(h);
      String label = m.matches() ? m.group(1) : h;
      for (Column col : COLUMNS) {
        if (col.header().equals(label) || col.aliases().contains(label)) {
          if (cols.put(col.field(), i) != null) problems.add("the column " + col.header() + " appears twice");
        }
      }
    }
    if (!cols.containsKey("creditCode")) problems.add("the column 统一社会信用代码 is missing");
    if (cols.containsKey("lon") != cols.containsKey("lat")) problems.add("give both 经度 and 纬度, or neither");
    if (!problems.isEmpty()) {
      throw new ApiError(422, "TEMPLATE_MISMATCH", "The header does not match the roster template: " + String.join("; ", problems)
          + ". Download the template to see the columns.", problems.stream().map(p -> Map.of("message", p)).toList());
    }
    return cols;
  }

  /** One row: the API body it stands for, checked with the form's rules, and compared with the stored enterprise. */
  private static ObjectNode checkRow(int line, List<String> row, Map<String, Integer> cols, Clusters clusters, Set<Integer> writable,
                                     Map<String, ObjectNode> existing, Set<String> seen) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("line", line);
    ArrayNode errors = o.putArray("errors");
    String credit = cell(row, cols.get("creditCode")).toUpperCase();
    o.put("creditCode", credit);
    o.put("name", cell(row, cols.get("name")));
    ObjectNode stored = existing.get(credit);
    ObjectNode body = Json.MAPPER.createObjectNode();
    for (Column col : COLUMNS) {
      Integer i = cols.get(col.field());
      if (i == null || col.field().equals("lon") || col.field().equals("lat")) continue;
      String v = cell(row, i);
      if (v.isEmpty()) continue;
      switch (col.field()) {
        case "cluster" -> {
          Integer id = clusters.find(v);
          if (id == null) errors.addObject().put("field", col.header()).put("message", "no cluster with the code or name " + Json.clip(v)).put("rule", "unknownCluster");
          else body.put("clusterId", id);
        }
        case "sizeClass" -> {
          String s = SIZE.get(v.toLowerCase());
          if (s == null) errors.addObject().put("field", col.header()).put("message", "must be 规上 or 规下").put("rule", "sizeClass");
          else body.put("sizeClass", s);
        }
        case "status" -> {
          String s = STATUS.get(v.toLowerCase());
          if (s == null) errors.addObject().put("field", col.header()).put("message", "must be 在营, 停产, 注销 or 被兼并").put("rule", "status");
          else body.put("status", s);
        }
        case "aboveSince" -> {
          String y = v.replaceAll("[年\\s]", "");
          if (y.matches("\\d{4}")) body.put("aboveSince", Integer.parseInt(y));
          else errors.addObject().put("field", col.header()).put("message", "must be a year such as 2021").put("rule", "year");
        }
        case "foundedOn", "productionStartedOn" -> {
          String d = date(v);
          if (d == null) errors.addObject().put("field", col.header()).put("message", "must be a date such as 2019-03-01").put("rule", "date");
          else body.put(col.field(), d);
        }
        default -> body.put(col.field(), v);
      }
    }
    if (cols.containsKey("lon")) {
      String lon = cell(row, cols.get("lon")), lat = cell(row, cols.get("lat"));
      if (!lon.isEmpty() || !lat.isEmpty()) {
        try {
          ObjectNode pt = body.putObject("location");
          pt.put("type", "Point");
          pt.putArray("coordinates").add(Double.parseDouble(lon)).add(Double.parseDouble(lat));
        } catch (NumberFormatException e) {
          body.remove("location");
          errors.addObject().put("field", "经度/纬度").put("message", "must be numbers in degrees, e.g. 113.80 and 34.43").put("rule", "number");
        }
      }
    }
    if (!credit.isEmpty() && !seen.add(credit)) errors.addObject().put("field", "统一社会信用代码").put("message", "appears twice in this file").put("rule", "duplicate");
    if (stored != null && !writable.contains(stored.get("cluster_id").asInt())) {
      errors.addObject().put("field", "统一社会信用代码").put("message", "belongs to " + stored.path("cluster_name").asText() + ", which is not one of your clusters")
          .put("rule", "notYourCluster");
    }
    if (body.has("clusterId") && !writable.contains(body.get("clusterId").asInt())) {
      errors.addObject().put("field", "所属集聚区").put("message", "is not one of your clusters").put("rule", "notYourCluster");
    }
    if (stored == null && !body.has("creditCode") && credit.isEmpty()) {
      errors.addObject().put("field", "统一社会信用代码").put("message", "is missing").put("rule", "required");
    }
    EnterpriseService.Input in = null;
    if (errors.isEmpty()) {
      try {
        if (stored != null) {
          // The row's values over the stored ones, so that the rules between fields see the enterprise as it would be.
          ObjectNode merged = storedBody(stored);
          body.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
          EnterpriseService.input(merged, true);
          body.remove("creditCode");
        }
        in = EnterpriseService.input(body, stored == null);
      } catch (ApiError e) {
        for (Object d : e.details) {
          @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) d;
          Field f = EnterpriseFields.FIELDS.get(String.valueOf(p.get("field")));
          ObjectNode x = errors.addObject().put("field", f == null ? String.valueOf(p.get("field")) : headerOf(f.name())).put("message", String.valueOf(p.get("message")));
          if (p.get("rule") != null) x.put("rule", String.valueOf(p.get("rule")));
          if (p.get("params") != null) x.set("params", Json.MAPPER.valueToTree(p.get("params")));
        }
      }
    }
    if (!errors.isEmpty()) {
      o.put("status", "rejected");
      return o;
    }
    ObjectNode values = o.putObject("values");
    in.values().forEach((col, v) -> values.set(col, Json.MAPPER.valueToTree(v instanceof LocalDate d ? d.toString() : v)));
    if (in.location() != null) values.putArray("location").add(in.location().getCoordinate().x).add(in.location().getCoordinate().y);
    if (stored == null) {
      o.put("status", "new");
      return o;
    }
    o.put("enterpriseId", stored.get("id").asLong());
    ArrayNode changes = o.putArray("changes");
    for (var it = values.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode was = stored.get(e.getKey());
      if (e.getKey().equals("location")) {
        if (was == null || was.isNull() || Math.abs(was.get(0).asDouble() - e.getValue().get(0).asDouble()) > 1e-7
            || Math.abs(was.get(1).asDouble() - e.getValue().get(1).asDouble()) > 1e-7) {
          changes.addObject().put("field", "location").set("to", e.getValue());
        }
        continue;
      }
      String from = was == null || was.isNull() ? null : was.asText().strip(), to = e.getValue().asText().strip();
      if (!to.equals(from)) {
        Field f = EnterpriseFields.FIELDS.all().stream().filter(x -> e.getKey().equals(x.column())).findFirst().orElseThrow();
        ObjectNode ch = changes.addObject().put("field", f.name()).put("label", headerOf(f.name()));
        ch.put("from", from);
        ch.put("to", to);
      }
    }
    o.put("status", changes.isEmpty() ? "unchanged" : "changed");
    return o;
  }

  private static String headerOf(String field) {
    for (Column c : COLUMNS) if (c.field().equals(field)) return c.header();
    return field.equals("clusterId") ? "所属集聚区" : field;
  }

  /** The stored enterprise as the API body the form would send. */
  private static ObjectNode storedBody(ObjectNode stored) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    for (Field f : EnterpriseFields.FIELDS.with(Field.Use.WRITE)) {
      JsonNode v = stored.get(f.column());
      if (v == null || v.isNull()) continue;
      if (f.type().json().equals("integer")) b.put(f.name(), v.asLong());
      else b.put(f.name(), v.asText().strip());
    }
    return b;
  }

  /** A date cell as ISO text: 2019-03-01, 2019/3/1, 2019.3.1, 2019年3月1日 or 20190301; null when it is none of these. */
  static String date(String v) {
    String s = v.strip().replaceAll("\\s.*$", "");
    Matcher m = Pattern.compile("^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?$").matcher(s);
    Matcher n = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$").matcher(s);
    Matcher hit = m.matches() ? m : n.matches() ? n : null;
    if (hit == null) return null;
    try {
      return LocalDate.of(Integer.parseInt(hit.group(1)), Integer.parseInt(hit.group(2)), Integer.parseInt(hit.group(3))).toString();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  static String cell(List<String> row, Integer i) {
    return i != null && i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
  }

  private static final Named EXISTING = Named.of("SELECT e.credit_code, (to_jsonb(e) - 'location' || jsonb_build_object('cluster_name', k.name, "
      + "'location', CASE WHEN e.location IS NULL THEN NULL ELSE jsonb_build_array(ST_X(e.location), ST_Y(e.location)) END))::text "
      + "FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE e.credit_code = ANY(:codes)");

  private static Map<String, ObjectNode> existing(Connection c, List<String> codes) throws SQLException {
    Map<String, ObjectNode> out = new HashMap<>();
    String[] valid = codes.stream().filter(CreditCode::isValid).distinct().toArray(String[]::new);
    try (PreparedStatement ps = EXISTING.prepare(c, Named.values("codes", valid)); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.put(rs.getString(1), (ObjectNode) Json.tree(rs.getString(2)));
    }
    return out;
  }

  /** The clusters by code and by name. */
  record Clusters(Map<String, Integer> byCode, Map<String, Integer> byName) {
    static Clusters read(Connection c) throws SQLException {
      Map<String, Integer> code = new HashMap<>(), name = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, code, name FROM cluster"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          code.put(rs.getString(2).toUpperCase(), rs.getInt(1));
          name.put(rs.getString(3), rs.getInt(1));
        }
      }
      return new Clusters(code, name);
    }

    Integer find(String v) {
      Integer id = byCode.get(v.toUpperCase());
      return id != null ? id : byName.get(v);
    }
  }

  // ---------------------------------------------------------------- the commit

  /**
   * Writes a checked roster: all rows (refused when any is rejected) or only the valid ones. New enterprises are
   * inserted and changed ones updated in two set-based statements, each change only in the fields the row gave; an
   * enterprise moved out of the caller's clusters since the dry run, or registered meanwhile, refuses the commit.
   */
  public String commit(Principal who, int jobId, String mode) {
    return db.inTransaction(who.change("企业名录导入", "import"), c -> {
      JsonNode rows;
      try (PreparedStatement ps = c.prepareStatement("SELECT rows, status FROM roster_import WHERE id = ? AND created_by = ? FOR UPDATE")) {
        ps.setInt(1, jobId);
        ps.setString(2, who.username());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("No roster import " + jobId + " of yours.");
          if (!rs.getString(2).equals("checked")) throw new ApiError(409, "ALREADY_COMMITTED", "This roster was already committed.");
          rows = Json.tree(rs.getString(1));
        }
      }
      int rejected = 0;
      ArrayNode fresh = Json.MAPPER.createArrayNode(), changed = Json.MAPPER.createArrayNode();
      for (JsonNode r : rows) {
        switch (r.get("status").asText()) {
          case "rejected" -> rejected++;
          case "new" -> fresh.add(flat(r, null));
          case "changed" -> changed.add(flat(r, r.get("creditCode").asText()));
          default -> { }
        }
      }
      if (mode.equals("all") && rejected > 0) {
        throw new ApiError(422, "ROWS_INVALID", rejected + " rows are rejected: fix them and check the file again, or commit only the valid rows.");
      }
      int inserted = write(c, INSERT, fresh, who);
      if (inserted != fresh.size()) {
        throw new ApiError(409, "REGISTER_CHANGED", (fresh.size() - inserted) + " of the new enterprises were registered by someone else since the check: check the file again.");
      }
      int updated = write(c, UPDATE, changed, who);
      if (updated != changed.size()) {
        throw new ApiError(409, "REGISTER_CHANGED", (changed.size() - updated) + " of the enterprises to change are no longer in your clusters: check the file again.");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE roster_import SET status = 'committed', committed_at = now(), mode = ? WHERE id = ?")) {
        ps.setString(1, mode);
        ps.setInt(2, jobId);
        ps.executeUpdate();
      }
      return Json.write(Map.of("id", jobId, "status", "committed", "inserted", inserted, "updated", updated, "skipped", rejected));
    });
  }

  /** A row's values as one flat record for jsonb_to_recordset, with the list of the columns it sets. */
  private static ObjectNode flat(JsonNode r, String creditCode) {
    ObjectNode o = ((ObjectNode) r.get("values")).deepCopy();
    ArrayNode keys = o.putArray("keys");
    r.get("values").fieldNames().forEachRemaining(keys::add);
    if (creditCode != null) o.put("credit_code", creditCode);
    return o;
  }

  private static int write(Connection c, Named statement, ArrayNode rows, Principal who) throws SQLException {
    if (rows.isEmpty()) return 0;
    int n = 0;
    for (int from = 0; from < rows.size(); from += 5000) {
      ArrayNode chunk = Json.MAPPER.createArrayNode();
      for (int i = from; i < Math.min(rows.size(), from + 5000); i++) chunk.add(rows.get(i));
      n += statement.update(c, Named.values("rows", chunk.toString(), "scope", who.enterpriseClusters()));
    }
    return n;
  }

  private static final String RECORD_TYPE;
  private static final String INSERT_COLUMNS;
  private static final String INSERT_VALUES;
  private static final String UPDATE_SET;

  static {
    StringBuilder type = new StringBuilder(), cols = new StringBuilder(), vals = new StringBuilder(), set = new StringBuilder();
    for (Field f : EnterpriseFields.FIELDS.with(Field.Use.WRITE)) {
      type.append(f.column()).append(' ').append(f.type().castSql()).append(", ");
      cols.append(f.column()).append(", ");
      String v = f.emptyValue() == null ? "r." + f.column() : "COALESCE(r." + f.column() + ", '" + f.emptyValue() + "')";
      vals.append(v).append(", ");
      set.append(f.column()).append(" = CASE WHEN r.keys @> ARRAY['").append(f.column()).append("'] THEN r.").append(f.column())
          .append(" ELSE e.").append(f.column()).append(" END, ");
    }
    RECORD_TYPE = type.append("location float8[], keys text[]").toString();
    INSERT_COLUMNS = cols.append("location").toString();
    INSERT_VALUES = vals.append("CASE WHEN r.location IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.location[1], r.location[2]), 4490) END").toString();
    UPDATE_SET = set.append("location = CASE WHEN r.keys @> ARRAY['location'] THEN ST_SetSRID(ST_MakePoint(r.location[1], r.location[2]), 4490) ELSE e.location END")
        .toString();
  }

  private static final Named INSERT = Named.of("INSERT INTO enterprise (" + INSERT_COLUMNS + ") SELECT " + INSERT_VALUES
      + " FROM jsonb_to_recordset(:rows::jsonb) AS r(" + RECORD_TYPE + ") WHERE r.cluster_id = ANY(:scope) ON CONFLICT (credit_code) DO NOTHING");

  private static final Named UPDATE = Named.of("UPDATE enterprise e SET " + UPDATE_SET + " FROM jsonb_to_recordset(:rows::jsonb) AS r(" + RECORD_TYPE + ") "
      + "WHERE e.credit_code = r.credit_code AND e.cluster_id = ANY(:scope) AND (NOT r.keys @> ARRAY['cluster_id'] OR r.cluster_id = ANY(:scope))");
}
