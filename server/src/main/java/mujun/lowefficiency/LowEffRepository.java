package mujun.lowefficiency;

import static mujun.db.Sql.bind;
import static mujun.db.Sql.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.files.FileStore;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import mujun.http.Json;
import org.locationtech.jts.geom.Geometry;

/**
 * Tags, proposals, disposal plans and the summary of low-efficiency land. Scope is bound into every query (the
 * caller's clusters; writes: the clusters where the caller is admin or park manager); triggers check the geometry,
 * overlaps, dates, and write the history.
 *
 * <p>Over 400 lines: the one owner of the low-efficiency tables (tags, evidence, plans, steps, pauses), whose writes
 * lock the tag and its parcel together; its SQL is in {@link LowEffSql}, its inputs in {@link TagInput} and the
 * controller.
 */
public final class LowEffRepository {
  public static final String OWNER = "low_eff_tag";
  private final Db db;
  private final FileStore files;

  public LowEffRepository(Db db, FileStore files) {
    this.db = db;
    this.files = files;
  }

  public FileStore files() {
    return files;
  }

  public String config() {
    return db.read(c -> one(c, LowEffSql.CONFIG));
  }



  // ------------------------------------------------------------------ reads

  public record Filter(String status, String kind, Integer cluster, String disposal, LocalDate from, LocalDate to, double[] bbox, int limit) {}

  /** Streams the tags in scope, filtered, as a GeoJSON FeatureCollection written by PostGIS. */
  public void list(Principal who, Filter f, java.io.OutputStream out) {
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(LowEffSql.LIST)) {
        double[] b = f.bbox();
        int i = 1;
        ps.setArray(i++, c.createArrayOf("integer", who.readableClusters()));
        for (String v : new String[] {f.status(), f.status(), f.kind(), f.kind()}) ps.setString(i++, v);
        ps.setObject(i++, f.cluster(), Types.INTEGER);
        ps.setObject(i++, f.cluster(), Types.INTEGER);
        ps.setString(i++, f.disposal());
        ps.setString(i++, f.disposal());
        for (LocalDate d : new LocalDate[] {f.from(), f.from(), f.to(), f.to()}) ps.setObject(i++, d == null ? null : Date.valueOf(d), Types.DATE);
        ps.setObject(i++, b == null ? null : b[0], Types.DOUBLE);
        for (int k = 0; k < 4; k++) ps.setObject(i++, b == null ? null : b[k], Types.DOUBLE);
        ps.setInt(i, f.limit());
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          mujun.http.FeatureStream.write(rs, out);
        }
        return null;
      }
    });
  }

  public record Found(String json, int version) {}

  /** A tag with its plan (and steps), evidence and history. */
  public Optional<Found> tag(Principal who, long id) {
    return db.read(c -> {
      String json;
      int version;
      try (PreparedStatement ps = c.prepareStatement(LowEffSql.ONE)) {
        bind(c, ps, id, who.readableClusters());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          json = rs.getString(1);
          version = rs.getInt(2);
        }
      }
      ObjectNode f = (ObjectNode) Json.tree(json);
      ObjectNode p = (ObjectNode) f.get("properties");
      String plan = one(c, LowEffSql.PLAN, id);
      p.set("plan", plan == null ? null : Json.tree(plan));
      try (PreparedStatement ps = c.prepareStatement(FileStore.LIST_JSON)) {
        bind(c, ps, OWNER, id, false);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          p.set("evidence", Json.tree(rs.getString(1)));
        }
      }
      p.set("history", Json.tree(one(c, LowEffSql.HISTORY, String.valueOf(id), id, id)));
      return Optional.of(new Found(f.toString(), version));
    });
  }

  /** Streams the proposals in scope as a GeoJSON FeatureCollection (the parcels' outlines). */
  public void proposals(Principal who, String status, Integer cluster, java.io.OutputStream out) {
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(LowEffSql.PROPOSALS)) {
        bind(c, ps, who.readableClusters(), status, status, cluster, cluster);
        ps.setObject(4, cluster, Types.INTEGER);
        ps.setObject(5, cluster, Types.INTEGER);
        try (ResultSet rs = ps.executeQuery()) {
          mujun.http.FeatureStream.write(rs, out);
        }
        return null;
      }
    });
  }

  /** The summary per cluster in scope, with city and province roll-ups. */
  public String summary(Principal who) {
    return db.read(c -> {
      List<Map<String, Object>> clusters = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(LowEffSql.SUMMARY)) {
        bind(c, ps, (Object) who.readableClusters());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clusterId", rs.getInt(1));
            m.put("code", rs.getString(2));
            m.put("name", rs.getString(3));
            m.put("nameEn", rs.getString(4));
            m.put("cityCode", rs.getString(5));
            m.put("cityName", rs.getString(6));
            m.put("cityNameEn", rs.getString(7));
            m.put("byKind", Json.tree(rs.getString(8)));
            totals(m, rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16),
                rs.getDouble(17), rs.getInt(18));
            m.put("parks", Json.tree(rs.getString(19)));
            clusters.add(m);
          }
        }
      }
      Map<String, Map<String, Object>> cities = new LinkedHashMap<>();
      for (Map<String, Object> m : clusters) {
        Map<String, Object> city = cities.computeIfAbsent((String) m.get("cityCode"), k -> {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("cityCode", k);
          x.put("name", m.get("cityName"));
          x.put("nameEn", m.get("cityNameEn"));
          return x;
        });
        add(city, m);
      }
      Map<String, Object> province = new LinkedHashMap<>();
      province.put("name", "河南省");
      province.put("nameEn", "Henan");
      for (Map<String, Object> m : clusters) add(province, m);
      for (Map<String, Object> x : cities.values()) finish(x);
      finish(province);
      return Json.write(Map.of("clusters", clusters, "cities", cities.values(), "province", province));
    });
  }

  private static final String[] SUMS = {"taggedMu", "disposedMu", "revivedMu", "industrialMu", "plans", "plansDone", "plansOverdue", "tags", "newTaxWan", "openProposals"};

  private static void totals(Map<String, Object> m, double tagged, double disposed, double revived, double industrial, int plans, int done, int overdue,
                             int tags, double newTax, int open) {
    Object[] v = {tagged, disposed, revived, industrial, plans, done, overdue, tags, newTax, open};
    for (int i = 0; i < SUMS.length; i++) m.put(SUMS[i], v[i]);
    finish(m);
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> into, Map<String, Object> m) {
    for (String k : SUMS) {
      Object a = into.get(k), b = m.get(k);
      if (b instanceof Integer bi) into.put(k, (a == null ? 0 : (Integer) a) + bi);
      else into.put(k, (a == null ? 0.0 : (Double) a) + (Double) b);
    }
    Map<String, Map<String, Object>> kinds = (Map<String, Map<String, Object>>) into.computeIfAbsent("byKind", k -> new LinkedHashMap<String, Map<String, Object>>());
    JsonNode bk = (JsonNode) m.get("byKind");
    bk.fields().forEachRemaining(e -> {
      Map<String, Object> x = kinds.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>(Map.of("count", 0, "mu", 0.0)));
      x.put("count", (Integer) x.get("count") + e.getValue().get("count").asInt());
      x.put("mu", (Double) x.get("mu") + e.getValue().get("mu").asDouble());
    });
  }

  /** Rounds the sums and derives the shares: tagged share of industrial land, plans done, revived share. */
  private static void finish(Map<String, Object> m) {
    for (String k : List.of("taggedMu", "disposedMu", "revivedMu", "industrialMu", "newTaxWan")) m.put(k, round((Double) m.get(k), 2));
    double industrial = (Double) m.get("industrialMu"), tagged = (Double) m.get("taggedMu");
    int plans = (Integer) m.get("plans"), done = (Integer) m.get("plansDone"), tags = (Integer) m.get("tags");
    m.put("taggedSharePct", industrial > 0 ? round(tagged / industrial * 100, 1) : null);
    m.put("plannedSharePct", tags > 0 ? round(plans * 100.0 / tags, 1) : null);
    m.put("doneSharePct", plans > 0 ? round(done * 100.0 / plans, 1) : null);
    m.put("disposedSharePct", tagged > 0 ? round((Double) m.get("disposedMu") / tagged * 100, 1) : null);
  }

  static double round(double v, int places) {
    return BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  public List<Object[]> report(Principal who, Integer cluster) {
    List<Object[]> rows = db.read(c -> mujun.db.Sql.rows(c, LowEffSql.REPORT, who.readableClusters(), cluster, cluster));
    for (Object[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        if (r[i] instanceof Boolean b) r[i] = b ? "是" : "否";
        else if (r[i] instanceof java.sql.Date d) r[i] = d.toString();
      }
    }
    return rows;
  }


  // ------------------------------------------------------------------ writes

  private Integer[] writable(Principal who) {
    return who.lowEfficiencyClusters();
  }

  /** Checks that the parcel is one the caller may tag; returns its cluster id. */
  private int parcelInScope(Connection c, Principal who, long parcelId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT cluster_id FROM parcel WHERE id = ? AND status = 'current' AND cluster_id = ANY(?)")) {
      bind(c, ps, parcelId, writable(who));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ApiError.notFound("Parcel " + parcelId + " is not a current parcel of your clusters.");
        return rs.getInt(1);
      }
    }
  }

  public record TagInput(Long parcelId, String kind, Geometry geometry, Boolean wholeParcel, LocalDate surveyDate, List<String> criteria, String notes,
                         String reason) {}

  public long createTag(Principal who, TagInput in) {
    return db.inTransaction(Db.Change.by(who.username(), in.reason() == null || in.reason().isEmpty() ? "低效用地标注" : in.reason()), c -> {
      parcelInScope(c, who, in.parcelId());
      return insertTag(c, in);
    });
  }

  private static long insertTag(Connection c, TagInput in) throws SQLException {
    boolean whole = in.geometry() == null;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO low_eff_tag (cluster_id, parcel_id, kind, geom, whole_parcel, gk_srid, area_m2, area_mu, "
        + "survey_date, criteria, notes, changed_by) VALUES (0, ?, ?, " + (whole ? "NULL" : "ST_Multi(ST_GeomFromEWKB(?))") + ", ?, 0, 0, 0, ?, ?, ?, '') RETURNING id")) {
      int i = 1;
      ps.setLong(i++, in.parcelId());
      ps.setString(i++, in.kind());
      if (!whole) ps.setBytes(i++, GeoJsonInput.ewkb(in.geometry()));
      ps.setBoolean(i++, whole);
      ps.setDate(i++, Date.valueOf(in.surveyDate()));
      ps.setArray(i++, c.createArrayOf("text", in.criteria().toArray()));
      ps.setString(i, in.notes() == null ? "" : in.notes());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Locks a tag in the caller's writable scope and checks its version. */
  private void lockTag(Connection c, Principal who, long id, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM low_eff_tag WHERE id = ? AND cluster_id = ANY(?) FOR UPDATE")) {
      bind(c, ps, id, writable(who));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ApiError.notFound("Tag " + id + " does not exist in your clusters.");
        if (rs.getInt(1) != version) {
          throw new ApiError(412, "VERSION_CONFLICT", "Someone changed this tag since you loaded it (now version " + rs.getInt(1) + "); reload and apply your change again.",
              List.of(Map.of("currentVersion", rs.getInt(1))));
        }
      }
    }
  }

  public void updateTag(Principal who, long id, int version, TagInput in) {
    db.inTransaction(Db.Change.by(who.username(), in.reason() == null || in.reason().isEmpty() ? "修改低效用地标注" : in.reason()), c -> {
      lockTag(c, who, id, version);
      List<String> sets = new ArrayList<>();
      List<Object> vals = new ArrayList<>();
      if (in.kind() != null) { sets.add("kind = ?"); vals.add(in.kind()); }
      if (in.geometry() != null) { sets.add("geom = ST_Multi(ST_GeomFromEWKB(?)), whole_parcel = false"); vals.add(GeoJsonInput.ewkb(in.geometry())); }
      else if (Boolean.TRUE.equals(in.wholeParcel())) sets.add("whole_parcel = true");
      if (in.surveyDate() != null) { sets.add("survey_date = ?"); vals.add(in.surveyDate()); }
      if (in.criteria() != null) { sets.add("criteria = ?"); vals.add(in.criteria().toArray(new String[0])); }
      if (in.notes() != null) { sets.add("notes = ?"); vals.add(in.notes()); }
      if (sets.isEmpty()) return null;
      vals.add(id);
      try (PreparedStatement ps = c.prepareStatement("UPDATE low_eff_tag SET " + String.join(", ", sets) + " WHERE id = ?")) {
        bind(c, ps, vals.toArray());
        ps.executeUpdate();
      }
      return null;
    });
  }

  public void clearTag(Principal who, long id, int version, String reason) {
    db.inTransaction(Db.Change.by(who.username(), reason), c -> {
      lockTag(c, who, id, version);
      try (PreparedStatement ps = c.prepareStatement("UPDATE low_eff_tag SET status = 'cleared', cleared_reason = ? WHERE id = ?")) {
        bind(c, ps, reason, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE disposal_plan SET status = 'cancelled' WHERE tag_id = ? AND status IN ('planned', 'in_progress')")) {
        bind(c, ps, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  public long addEvidence(Principal who, long id, String kind, FileStore.Checked f) {
    return db.inTransaction(Db.Change.by(who.username(), "低效用地佐证材料"), c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM low_eff_tag WHERE id = ? AND cluster_id = ANY(?) AND status = 'active' FOR UPDATE")) {
        bind(c, ps, id, writable(who));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Tag " + id + " does not exist in your clusters (or was cleared).");
        }
      }
      return files.store(c, OWNER, id, kind, false, f, who.username());
    });
  }

  public Optional<FileStore.Content> evidence(Principal who, long id, long fileId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM low_eff_tag WHERE id = ? AND cluster_id = ANY(?)")) {
        bind(c, ps, id, who.readableClusters());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
        }
      }
      return FileStore.read(c, OWNER, id, fileId, false);
    });
  }

  // ------------------------------------------------------------------ proposals

  /** Runs the rules over the caller's writable clusters (or one of them) as of a date; returns the new proposals' count. */
  public int run(Principal who, Integer cluster, LocalDate asOf) {
    Integer[] scope = writable(who);
    if (cluster != null) {
      if (Arrays.stream(scope).noneMatch(x -> x.equals(cluster))) throw new ApiError(403, "OUT_OF_SCOPE", "Cluster " + cluster + " is not one of yours.");
      scope = new Integer[] {cluster};
    }
    Integer[] s = scope;
    return db.inTransaction(new Db.Change(who.username(), "规则筛查 " + asOf, "propose"), c -> {
      try (PreparedStatement ps = c.prepareStatement(LowEffSql.RUN)) {
        bind(c, ps, asOf, who.username(), s, asOf);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) n++;
        }
        return n;
      }
    });
  }

  /** Accepts a proposal: a tag of the whole parcel with the rule's reason; or dismisses it with the manager's reason. */
  public Long decide(Principal who, long id, boolean accept, String reason) {
    return db.inTransaction(Db.Change.by(who.username(), (accept ? "采纳: " : "驳回: ") + reason), c -> {
      long parcel;
      String kind, rule, why;
      LocalDate asOf;
      try (PreparedStatement ps = c.prepareStatement("SELECT parcel_id, kind, rule, reason, as_of, status FROM low_eff_proposal WHERE id = ? AND cluster_id = ANY(?) FOR UPDATE")) {
        bind(c, ps, id, writable(who));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Proposal " + id + " does not exist in your clusters.");
          if (!rs.getString(6).equals("open")) throw new ApiError(409, "ALREADY_DECIDED", "This proposal was already " + rs.getString(6) + ".");
          parcel = rs.getLong(1);
          kind = rs.getString(2);
          rule = rs.getString(3);
          why = rs.getString(4);
          asOf = rs.getDate(5).toLocalDate();
        }
      }
      Long tag = null;
      if (accept) {
        tag = insertTag(c, new TagInput(parcel, kind, null, true, asOf.isAfter(LocalDate.now()) ? LocalDate.now() : asOf, List.of(rule),
            why + (reason.isEmpty() ? "" : "\n" + reason), null));
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE low_eff_proposal SET status = ?, decided_at = now(), decided_by = ?, decision_reason = ?, tag_id = ? WHERE id = ?")) {
        bind(c, ps, accept ? "accepted" : "dismissed", who.username(), reason, tag, id);
        ps.setObject(4, tag, Types.BIGINT);
        ps.executeUpdate();
      }
      return tag;
    });
  }

  // ------------------------------------------------------------------ plans

  public record PlanInput(String method, String responsibleUnit, LocalDate deadline, String status, String notes, BigDecimal revivedMu,
                          String newEnterpriseCreditCode, BigDecimal newTaxWan, LocalDate completedOn, String outcomeNote, List<StepInput> steps) {}

  public record StepInput(String title, LocalDate dueDate, LocalDate doneOn, String note) {}

  public long createPlan(Principal who, long tagId, PlanInput in) {
    return db.inTransaction(who.change("处置方案"), c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM low_eff_tag WHERE id = ? AND cluster_id = ANY(?) AND status = 'active' FOR UPDATE")) {
        bind(c, ps, tagId, writable(who));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Tag " + tagId + " does not exist in your clusters (or was cleared).");
        }
      }
      long planId;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO disposal_plan (tag_id, method, responsible_unit, deadline, notes) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        bind(c, ps, tagId, in.method(), in.responsibleUnit(), in.deadline(), in.notes() == null ? "" : in.notes());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          planId = rs.getLong(1);
        }
      }
      for (StepInput s : in.steps() == null ? List.<StepInput>of() : in.steps()) insertStep(c, planId, s);
      return planId;
    });
  }

  private static long insertStep(Connection c, long planId, StepInput s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO disposal_step (plan_id, title, due_date, done_on, note) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      bind(c, ps, planId, s.title(), s.dueDate(), s.doneOn(), s.note() == null ? "" : s.note());
      ps.setObject(4, s.doneOn() == null ? null : Date.valueOf(s.doneOn()), Types.DATE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The tag a plan belongs to, locked, checking scope and version. */
  private long lockPlan(Connection c, Principal who, long planId, Integer version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT d.version, d.tag_id FROM disposal_plan d JOIN low_eff_tag t ON t.id = d.tag_id "
        + "WHERE d.id = ? AND t.cluster_id = ANY(?) FOR UPDATE OF d")) {
      bind(c, ps, planId, writable(who));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ApiError.notFound("Plan " + planId + " does not exist in your clusters.");
        if (version != null && rs.getInt(1) != version) {
          throw new ApiError(412, "VERSION_CONFLICT", "Someone changed this plan since you loaded it (now version " + rs.getInt(1) + "); reload it.",
              List.of(Map.of("currentVersion", rs.getInt(1))));
        }
        return rs.getLong(2);
      }
    }
  }

  public long updatePlan(Principal who, long planId, int version, PlanInput in) {
    return db.inTransaction(who.change("处置方案更新"), c -> {
      long tag = lockPlan(c, who, planId, version);
      List<String> sets = new ArrayList<>();
      List<Object> vals = new ArrayList<>();
      if (in.method() != null) { sets.add("method = ?"); vals.add(in.method()); }
      if (in.responsibleUnit() != null) { sets.add("responsible_unit = ?"); vals.add(in.responsibleUnit()); }
      if (in.deadline() != null) { sets.add("deadline = ?"); vals.add(in.deadline()); }
      if (in.status() != null) { sets.add("status = ?"); vals.add(in.status()); }
      if (in.notes() != null) { sets.add("notes = ?"); vals.add(in.notes()); }
      if (in.revivedMu() != null) { sets.add("revived_mu = ?"); vals.add(in.revivedMu()); }
      if (in.newTaxWan() != null) { sets.add("new_tax_wan = ?"); vals.add(in.newTaxWan()); }
      if (in.completedOn() != null) { sets.add("completed_on = ?"); vals.add(in.completedOn()); }
      if (in.outcomeNote() != null) { sets.add("outcome_note = ?"); vals.add(in.outcomeNote()); }
      if (in.newEnterpriseCreditCode() != null) {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM enterprise WHERE credit_code = ?" + mujun.db.Sql.SCOPED_ENTERPRISE)) {
          bind(c, ps, in.newEnterpriseCreditCode());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw ApiError.unprocessable("VALIDATION_FAILED", "No enterprise with this 统一社会信用代码 is registered.", Map.of("field", "newEnterpriseCreditCode"));
            }
            sets.add("new_enterprise_id = ?");
            vals.add(rs.getLong(1));
          }
        }
      }
      if ("done".equals(in.status())) {
        // Done needs the outcome: when, and how much land was revived.
        try (PreparedStatement ps = c.prepareStatement("SELECT completed_on, revived_mu, (SELECT area_mu FROM low_eff_tag WHERE id = ?) FROM disposal_plan WHERE id = ?")) {
          bind(c, ps, tag, planId);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            List<Map<String, String>> problems = new ArrayList<>();
            if (in.completedOn() == null && rs.getDate(1) == null) problems.add(Map.of("field", "completedOn", "message", "a finished plan needs its completion date"));
            BigDecimal revived = in.revivedMu() != null ? in.revivedMu() : rs.getBigDecimal(2);
            if (revived == null) problems.add(Map.of("field", "revivedMu", "message", "a finished plan needs the revived area (亩)"));
            else if (revived.doubleValue() > rs.getDouble(3) + 0.01) {
              problems.add(Map.of("field", "revivedMu", "message", "the revived area " + revived + " 亩 exceeds the tagged area " + round(rs.getDouble(3), 2) + " 亩"));
            }
            if (!problems.isEmpty()) throw ApiError.invalid(problems);
          }
        }
      }
      if (!sets.isEmpty()) {
        vals.add(planId);
        try (PreparedStatement ps = c.prepareStatement("UPDATE disposal_plan SET " + String.join(", ", sets) + ", changed_at = now() WHERE id = ?")) {
          bind(c, ps, vals.toArray());
          ps.executeUpdate();
        }
      }
      return tag;
    });
  }

  public long addStep(Principal who, long planId, StepInput s) {
    return db.inTransaction(Db.Change.by(who.username(), "处置进展"), c -> {
      lockPlan(c, who, planId, null);
      return insertStep(c, planId, s);
    });
  }

  public void updateStep(Principal who, long stepId, int version, StepInput s) {
    db.inTransaction(Db.Change.by(who.username(), "处置进展"), c -> {
      long planId;
      int current;
      try (PreparedStatement ps = c.prepareStatement("SELECT plan_id, version FROM disposal_step WHERE id = ? FOR UPDATE")) {
        bind(c, ps, stepId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Step " + stepId + " does not exist.");
          planId = rs.getLong(1);
          current = rs.getInt(2);
        }
      }
      lockPlan(c, who, planId, null);
      if (current != version) throw new ApiError(412, "VERSION_CONFLICT", "Someone changed this step since you loaded it; reload it.");
      try (PreparedStatement ps = c.prepareStatement("UPDATE disposal_step SET title = COALESCE(?, title), due_date = COALESCE(?, due_date), "
          + "done_on = COALESCE(?, done_on), note = COALESCE(?, note), changed_at = now() WHERE id = ?")) {
        ps.setString(1, s.title());
        ps.setObject(2, s.dueDate() == null ? null : Date.valueOf(s.dueDate()), Types.DATE);
        ps.setObject(3, s.doneOn() == null ? null : Date.valueOf(s.doneOn()), Types.DATE);
        ps.setString(4, s.note());
        ps.setLong(5, stepId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** A period that stops the idle-land clock (令第53号 art. 8): cause, first and last day, evidence. */
  public record PauseInput(String cause, LocalDate startsOn, LocalDate endsOn, String evidence, String reason) {}

  /** Records a clock pause on a parcel of the caller's clusters; the dates of its idle tags move in the same transaction. */
  public long addPause(Principal who, long parcelId, PauseInput in) {
    return db.inTransaction(who.change(in.reason() == null || in.reason().isEmpty() ? "闲置期间扣除" : in.reason()), c -> {
      parcelInScope(c, who, parcelId);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO low_eff_clock_pause (parcel_id, cause, starts_on, ends_on, evidence) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        bind(c, ps, parcelId, in.cause(), in.startsOn(), in.endsOn(), in.evidence());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** Withdraws a clock pause (it stays in history); returns its parcel. */
  public long withdrawPause(Principal who, long pauseId, int version, String reason) {
    return db.inTransaction(who.change(reason), c -> {
      long parcel;
      try (PreparedStatement ps = c.prepareStatement("SELECT x.version, x.parcel_id, x.status FROM low_eff_clock_pause x JOIN parcel p ON p.id = x.parcel_id "
          + "WHERE x.id = ? AND p.cluster_id = ANY(?) FOR UPDATE OF x")) {
        bind(c, ps, pauseId, writable(who));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Pause " + pauseId + " does not exist in your clusters.");
          if (rs.getInt(1) != version) throw new ApiError(412, "VERSION_CONFLICT", "Someone changed this pause since you loaded it; reload it.");
          if (!rs.getString(3).equals("active")) throw new ApiError(409, "ALREADY_WITHDRAWN", "This pause was already withdrawn.");
          parcel = rs.getLong(2);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE low_eff_clock_pause SET status = 'withdrawn', changed_at = now() WHERE id = ?")) {
        bind(c, ps, pauseId);
        ps.executeUpdate();
      }
      return parcel;
    });
  }

  /** Records the decision that answers an idle tag's fee date ("fee") or recovery date ("recovery"). */
  public void recordDecision(Principal who, long tagId, int version, String kind, LocalDate decidedOn, String reference) {
    db.inTransaction(who.change(kind.equals("fee") ? "征缴土地闲置费决定" : "收回决定"), c -> {
      lockTag(c, who, tagId, version);
      String sql = kind.equals("fee") ? "UPDATE low_eff_tag SET fee_decided_on = ?, fee_decision_ref = ? WHERE id = ? AND kind = 'idle' AND status = 'active'"
          : "UPDATE low_eff_tag SET recovery_decided_on = ?, recovery_decision_ref = ? WHERE id = ? AND kind = 'idle' AND status = 'active'";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(c, ps, decidedOn, reference, tagId);
        if (ps.executeUpdate() != 1) throw new ApiError(409, "NOT_IDLE", "Decisions on fees and recovery are recorded on active idle-land tags only.");
      }
      return null;
    });
  }

  /** Sets a scope's thresholds (province '' or a city code); admin only (the route says so). */
  public void setThresholds(String scope, Map<String, BigDecimal> values) {
    db.inTransaction(Db.Change.by("admin", "低效用地认定标准"), c -> {
      try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM low_eff_threshold WHERE scope_code = '' AND key = ?");
           PreparedStatement up = c.prepareStatement("INSERT INTO low_eff_threshold (scope_code, key, value) VALUES (?, ?, ?) "
               + "ON CONFLICT (scope_code, key) DO UPDATE SET value = EXCLUDED.value")) {
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
          known.setString(1, e.getKey());
          try (ResultSet rs = known.executeQuery()) {
            if (!rs.next()) throw ApiError.unprocessable("VALIDATION_FAILED", "Unknown threshold '" + Json.clip(e.getKey()) + "'.", Map.of("field", e.getKey()));
          }
          up.setString(1, scope);
          up.setString(2, e.getKey());
          up.setBigDecimal(3, e.getValue());
          up.executeUpdate();
        }
      }
      return null;
    });
  }

}
