package mujun.standardland;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.HashMap;
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

/**
 * Reads and writes standard-land offerings. Scope is bound into every query (the caller's clusters); the database
 * triggers check geometry, overlaps, the lifecycle and write the history; the rules of the standards are checked here
 * before the write, all in one transaction.
 *
 * <p>Over 400 lines: it is the one owner of table {@code standard_land}; each write reads the row under its lock, the
 * city's configuration and the cluster's standards in the same transaction as the checks, so the lifecycle's steps
 * stay together. The rules themselves are in {@link Rules}, the inputs in {@link OfferingInput}, the public reads in
 * {@link PublicLandRepository}.
 */
public final class LandRepository {
  public static final String OWNER = "standard_land";
  private final Db db;
  private final FileStore files;

  public LandRepository(Db db, FileStore files) {
    this.db = db;
    this.files = files;
  }

  public FileStore files() {
    return files;
  }

  // ------------------------------------------------------------------ configuration

  record Config(Map<String, Rules.Kind> kinds, Rules.Floors floors, List<String> requiredAssessments, List<String> requiredIndicators) {}

  static Config config(Connection c) throws SQLException {
    Map<String, Rules.Kind> kinds = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.KINDS); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        kinds.put(rs.getString(1), new Rules.Kind(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8)));
      }
    }
    Map<String, BigDecimal> far = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.FAR_MINIMUMS); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        far.put(rs.getString(1), rs.getBigDecimal(3));
        names.put(rs.getString(1), rs.getString(2));
      }
    }
    Map<String, String> s = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.SETTINGS); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) s.put(rs.getString(1), rs.getString(2));
    }
    Rules.Floors floors = new Rules.Floors(new BigDecimal(s.getOrDefault("national_building_coefficient_min_pct", "30")),
        new BigDecimal(s.getOrDefault("national_office_living_max_pct", "7")), new BigDecimal(s.getOrDefault("national_green_ratio_max_pct", "20")),
        far, names);
    List<String> assess = csv(s.getOrDefault("standard_land_required_assessments", String.join(",", Rules.ASSESSMENTS)));
    List<String> required = csv(s.getOrDefault("standard_land_required_indicators", "investment_intensity,tax_per_mu"));
    return new Config(kinds, floors, assess, required);
  }

  private static List<String> csv(String v) {
    return Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  /** The configuration a form needs: indicator kinds, the national floor, 容积率 minimums, required assessments. */
  public String configJson() {
    return db.read(c -> {
      Config cfg = config(c);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("indicatorKinds", cfg.kinds().values());
      m.put("buildingCoefficientMinPct", cfg.floors().buildingCoefficientMinPct());
      m.put("officeLivingMaxPct", cfg.floors().officeLivingMaxPct());
      m.put("greenRatioMaxPct", cfg.floors().greenRatioMaxPct());
      m.put("farMinByDivision", cfg.floors().farMinByDivision());
      m.put("divisionNames", cfg.floors().divisionNames());
      m.put("assessments", Rules.ASSESSMENTS);
      m.put("requiredAssessments", cfg.requiredAssessments());
      m.put("requiredIndicators", cfg.requiredIndicators());
      m.put("lifecycle", steps(c));
      return Json.write(m);
    });
  }

  static Map<String, BigDecimal> clusterStandards(Connection c, int clusterId) throws SQLException {
    Map<String, BigDecimal> m = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.CLUSTER_STANDARDS)) {
      ps.setInt(1, clusterId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) m.put(rs.getString(1), rs.getBigDecimal(2));
      }
    }
    return m;
  }

  // ------------------------------------------------------------------ staff reads

  /** The offerings in the caller's scope (all states), with warnings; as a GeoJSON FeatureCollection. */
  public String list(Principal who, String status, Integer clusterId) {
    return db.read(c -> {
      List<String> features = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(LandSql.STAFF_LIST)) {
        ps.setArray(1, c.createArrayOf("integer", who.readableClusters()));
        ps.setString(2, status);
        ps.setString(3, status);
        ps.setObject(4, clusterId, Types.INTEGER);
        ps.setObject(5, clusterId, Types.INTEGER);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) features.add(rs.getString(2));
        }
      }
      Config cfg = config(c);
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (String f : features) {
        ObjectNode feature = (ObjectNode) Json.tree(f);
        withCompliance(c, cfg, (ObjectNode) feature.get("properties"), false);
        out.add(feature);
      }
      ObjectNode fc = Json.MAPPER.createObjectNode();
      fc.put("type", "FeatureCollection");
      fc.set("features", out);
      return fc.toString();
    });
  }

  public record Found(String json, int version) {}

  /** One offering with its steps, documents, history and the check after construction. */
  public Optional<Found> one(Principal who, long id) {
    return db.read(c -> {
      String json;
      int version;
      try (PreparedStatement ps = c.prepareStatement(LandSql.STAFF_ONE)) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          json = rs.getString(2);
          version = rs.getInt(3);
        }
      }
      ObjectNode feature = (ObjectNode) Json.tree(json);
      ObjectNode p = (ObjectNode) feature.get("properties");
      p.set("steps", Json.tree(mujun.db.Sql.one(c, LandSql.STEPS, id)));
      p.set("history", Json.tree(mujun.db.Sql.one(c, LandSql.HISTORY, String.valueOf(id))));
      p.set("documents", Json.tree(documents(c, id, false)));
      withCompliance(c, config(c), p, true);
      return Optional.of(new Found(feature.toString(), version));
    });
  }

  /** Adds the check after construction (rows when {@code rows}) and the flag complianceNotMet (latest year with figures). */
  private void withCompliance(Connection c, Config cfg, ObjectNode p, boolean rows) throws SQLException {
    JsonNode ent = p.get("enterpriseId");
    JsonNode done = p.get("agreedCompletionDate");
    if (ent == null || ent.isNull() || done == null || done.isNull() || !p.get("commitments").isObject() || p.get("commitments").isEmpty()) {
      p.put("complianceNotMet", false);
      if (rows) p.set("compliance", Json.MAPPER.createArrayNode());
      return;
    }
    Map<String, BigDecimal> commitments = new LinkedHashMap<>();
    p.get("commitments").fields().forEachRemaining(e -> commitments.put(e.getKey(), e.getValue().decimalValue()));
    Map<Integer, Rules.Figures> byYear = new HashMap<>();
    int lastYear = 0;
    try (PreparedStatement ps = c.prepareStatement(LandSql.FIGURES)) {
      ps.setLong(1, ent.asLong());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byYear.put(rs.getInt(1), new Rules.Figures(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)));
          lastYear = Math.max(lastYear, rs.getInt(1));
        }
      }
    }
    int completionYear = LocalDate.parse(done.asText()).getYear();
    int through = Math.max(lastYear, Math.min(LocalDate.now().getYear() - 1, completionYear + 5));
    List<Rules.ComplianceRow> list = Rules.compliance(commitments, cfg.kinds(), p.get("areaBasisMu").decimalValue(), completionYear, through, byYear);
    int latest = list.stream().filter(r -> r.met() != null).mapToInt(Rules.ComplianceRow::year).max().orElse(0);
    p.put("complianceNotMet", list.stream().anyMatch(r -> r.year() == latest && Boolean.FALSE.equals(r.met())));
    if (rows) p.set("compliance", Json.MAPPER.valueToTree(list));
  }



  static String documents(Connection c, long id, boolean publicOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FileStore.LIST_JSON)) {
      ps.setString(1, OWNER);
      ps.setLong(2, id);
      ps.setBoolean(3, publicOnly);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** The pipeline per cluster in scope and the 标准地 share of the year's new industrial land, with city totals. */
  public String pipeline(Principal who, int year) {
    return db.read(c -> {
      List<Map<String, Object>> clusters = new ArrayList<>();
      Map<String, Map<String, Object>> cities = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(LandSql.PIPELINE)) {
        ps.setInt(1, year);
        ps.setInt(2, year);
        ps.setArray(3, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            BigDecimal total = rs.getBigDecimal(9), sl = rs.getBigDecimal(10);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clusterId", rs.getInt(1));
            m.put("code", rs.getString(2));
            m.put("name", rs.getString(3));
            m.put("nameEn", rs.getString(4));
            m.put("cityCode", rs.getString(5));
            m.put("byStatus", Json.tree(rs.getString(8)));
            m.put("newIndustrialMu", total);
            m.put("standardLandMu", sl);
            m.put("standardLandSharePct", share(sl, total));
            clusters.add(m);
            Map<String, Object> city = cities.computeIfAbsent(rs.getString(5), k -> new LinkedHashMap<>(Map.of("newIndustrialMu", BigDecimal.ZERO, "standardLandMu", BigDecimal.ZERO)));
            city.put("cityCode", rs.getString(5));
            try {
              city.put("name", rs.getString(6));
              city.put("nameEn", rs.getString(7));
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
            city.put("newIndustrialMu", ((BigDecimal) city.get("newIndustrialMu")).add(total));
            city.put("standardLandMu", ((BigDecimal) city.get("standardLandMu")).add(sl));
          }
        }
      }
      for (Map<String, Object> city : cities.values()) {
        city.put("standardLandSharePct", share((BigDecimal) city.get("standardLandMu"), (BigDecimal) city.get("newIndustrialMu")));
      }
      return Json.write(Map.of("year", year, "clusters", clusters, "cities", cities.values()));
    });
  }

  static BigDecimal share(BigDecimal part, BigDecimal total) {
    if (total == null || total.signum() == 0) return null;
    return part.multiply(BigDecimal.valueOf(100)).divide(total, 1, java.math.RoundingMode.HALF_UP);
  }

  /** A cluster's own standards for its offerings (kind code → value); the caller must reach the cluster. */
  public String clusterStandards(Principal who, int clusterId) {
    return db.read(c -> {
      if (Arrays.stream(who.readableClusters()).noneMatch(x -> x == clusterId)) throw ApiError.notFound("Cluster " + clusterId + " is not in your scope.");
      return Json.write(clusterStandards(c, clusterId));
    });
  }

  /** Replaces a cluster's own standards; values are checked against each kind's plausible range. */
  public void setClusterStandards(Principal who, int clusterId, Map<String, BigDecimal> values) {
    db.inTransaction(Db.Change.by(who.username(), "集聚区标准地控制指标"), c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cluster WHERE id = ?")) {
        ps.setInt(1, clusterId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Cluster " + clusterId + " does not exist.");
        }
      }
      requireScope(who, clusterId);
      Config cfg = config(c);
      List<Map<String, String>> problems = new ArrayList<>();
      for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
        Rules.Kind k = cfg.kinds().get(e.getKey());
        if (k == null) problems.add(Rules.problem(e.getKey(), "is not a configured control indicator"));
        else if (e.getValue().compareTo(k.low()) < 0 || e.getValue().compareTo(k.high()) > 0) {
          problems.add(Rules.problem(e.getKey(), k.name() + " " + Rules.plain(e.getValue()) + " is outside " + Rules.plain(k.low()) + "–" + Rules.plain(k.high()) + " " + k.unit()));
        }
      }
      if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_standard WHERE cluster_id = ?")) {
        ps.setInt(1, clusterId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_standard (cluster_id, kind, value) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
          ps.setInt(1, clusterId);
          ps.setString(2, e.getKey());
          ps.setBigDecimal(3, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  // ------------------------------------------------------------------ writes

  /** Creates a planned offering; returns its id. */
  public long create(Principal who, OfferingInput in) {
    return db.inTransaction(who.change(in.reason.isEmpty() ? "新建标准地" : in.reason), c -> {
      Config cfg = config(c);
      int clusterId = (Integer) in.values.get("cluster_id");
      requireScope(who, clusterId);
      byte[] geom = geometry(c, who, in, clusterId);
      checkLandUse(c, (String) in.values.get("land_use_scheme"), (String) in.values.get("land_use_code"));
      Rules.Conditions cond = conditions(in, null);
      List<Map<String, String>> problems = new ArrayList<>(Rules.check(cond, cfg.kinds(), cfg.floors(), clusterStandards(c, clusterId)));
      problems.addAll(landUseProblems(c, in, null, clusterId, false));
      if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
      Map<String, Object> v = new LinkedHashMap<>(in.values);
      v.put("geom", geom);
      v.put("parcel_ids", in.parcelIds == null ? List.of() : in.parcelIds);
      v.put("industries", in.industries == null ? List.of() : in.industries);
      v.put("assessments", in.assessments == null ? List.of() : in.assessments);
      v.put("indicators", in.indicators == null ? Map.of() : in.indicators);
      List<String> cols = new ArrayList<>(v.keySet());
      StringBuilder sql = new StringBuilder("INSERT INTO standard_land (" + String.join(", ", cols) + ", gk_srid, area_m2, area_mu, changed_by) VALUES (");
      for (String col : cols) sql.append(valueSql(col)).append(", ");
      sql.append("0, 0, 0, '') RETURNING id");
      long id;
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (String col : cols) bind(c, ps, i++, col, v.get(col));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      step(c, id, "planned", LocalDate.now(), in.reason);
      return id;
    });
  }

  /** Changes an offering. Its standards, plot and conditions change only while planned (事前定标准); notes always. */
  public void update(Principal who, long id, int version, OfferingInput in) {
    db.inTransaction(who.change(in.reason.isEmpty() ? "修改标准地" : in.reason), c -> {
      Current cur = lock(c, who, id, version);
      Config cfg = config(c);
      boolean onlyNotes = in.values.keySet().stream().allMatch(k -> k.equals("internal_notes")) && in.geometry == null && in.parcelIds == null
          && in.industries == null && in.indicators == null && in.assessments == null;
      if (!cur.status.equals("planned") && !onlyNotes) {
        throw new ApiError(409, "STANDARDS_FIXED", "The offering is " + cur.status + ": its plot, conditions and standards were fixed when it was announced; "
            + "only the internal notes can change. Withdraw it and plan a new offering to change them.");
      }
      Map<String, Object> v = new LinkedHashMap<>(in.values);
      int clusterId = v.containsKey("cluster_id") ? (Integer) v.get("cluster_id") : cur.clusterId;
      if (clusterId != cur.clusterId) requireScope(who, clusterId);
      if (in.geometry != null || in.parcelIds != null || in.parcelCodes != null) {
        v.put("geom", geometry(c, who, in, clusterId));
        v.put("parcel_ids", in.parcelIds == null ? List.of() : in.parcelIds);
      }
      if (in.industries != null) v.put("industries", in.industries);
      if (in.assessments != null) v.put("assessments", in.assessments);
      if (in.indicators != null) v.put("indicators", in.indicators);
      if (v.containsKey("land_use_scheme") || v.containsKey("land_use_code")) {
        checkLandUse(c, (String) v.getOrDefault("land_use_scheme", cur.row.get("landUseScheme").asText()),
            (String) v.getOrDefault("land_use_code", cur.row.get("landUseCode").asText()));
      }
      if (!onlyNotes) {
        Rules.Conditions cond = conditions(in, cur.row);
        List<Map<String, String>> problems = new ArrayList<>(Rules.check(cond, cfg.kinds(), cfg.floors(), clusterStandards(c, clusterId)));
        problems.addAll(landUseProblems(c, in, cur.row, clusterId, false));
        if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
      }
      if (v.isEmpty()) return null;
      List<String> cols = new ArrayList<>(v.keySet());
      String sets = String.join(", ", cols.stream().map(col -> col + " = " + valueSql(col)).toList());
      try (PreparedStatement ps = c.prepareStatement("UPDATE standard_land SET " + sets + " WHERE id = ?")) {
        int i = 1;
        for (String col : cols) bind(c, ps, i++, col, v.get(col));
        ps.setLong(i, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Moves an offering one step along its lifecycle, with the fields the step needs, and updates the register on transfer. */
  public void transition(Principal who, long id, int version, ObjectNode b) {
    String to = b.path("to").asText("");
    String note = b.path("note").isTextual() ? b.get("note").asText().strip() : "";
    if (note.length() > 2000) throw ApiError.unprocessable("VALIDATION_FAILED", "The note may have at most 2000 characters.", Map.of("field", "note"));
    db.inTransaction(who.change(note.isEmpty() ? "标准地: " + to : note, "transition"), c -> {
      Current cur = lock(c, who, id, version);
      List<Map<String, String>> problems = new ArrayList<>();
      LocalDate date = OfferingInput.date(b, "date", true, problems);
      if (date != null && date.isAfter(LocalDate.now())) problems.add(Rules.problem("date", "a step is recorded once it has happened: the date cannot be in the future"));
      if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
      List<String> next = steps(c).getOrDefault(cur.status, List.of());
      if (!next.contains(to)) {
        throw new ApiError(409, "BAD_TRANSITION", "An offering that is " + cur.status + " cannot become " + Json.clip(to) + "; next: "
            + String.join(", ", next) + ".", List.of(Map.of("from", cur.status, "allowed", next)));
      }
      Config cfg = config(c);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("status", to);
      switch (to) {
        case "announced" -> {
          Rules.Conditions cond = conditions(new OfferingInput(), cur.row);
          problems.addAll(Rules.announceProblems(cond, dec(cur.row, "reservePriceWan"), dec(cur.row, "depositWan"), cur.row.path("envStandard").asText(""),
              strings(cur.row.get("assessments")), cfg.requiredAssessments(), cfg.requiredIndicators()));
          problems.addAll(Rules.check(cond, cfg.kinds(), cfg.floors(), clusterStandards(c, cur.clusterId)));
          problems.addAll(landUseProblems(c, new OfferingInput(), cur.row, cur.clusterId, true));
          LocalDate ends = OfferingInput.date(b, "listingEndsOn", false, problems);
          if (ends == null && !cur.row.path("listingEndsOn").isNull()) ends = LocalDate.parse(cur.row.get("listingEndsOn").asText());
          if (ends != null && date != null && ends.isBefore(date)) problems.add(Rules.problem("listingEndsOn", "the listing cannot end before it is announced"));
          v.put("announced_on", date);
          v.put("listing_ends_on", ends);
        }
        case "transferred" -> transfer(c, who, cur, b, date, cfg, v, problems);
        case "construction" -> v.put("construction_started_on", date);
        case "accepted", "failed" -> {
          if (to.equals("failed") && note.isEmpty()) problems.add(Rules.problem("note", "say why the offering failed its check (未通过对标验收)"));
          v.put("checked_on", date);
        }
        case "withdrawn" -> {
          if (note.isEmpty()) problems.add(Rules.problem("note", "say why the offering is withdrawn"));
        }
        default -> { }
      }
      if (!problems.isEmpty()) throw OfferingInput.invalid(problems);
      List<String> cols = new ArrayList<>(v.keySet());
      try (PreparedStatement ps = c.prepareStatement("UPDATE standard_land SET "
          + String.join(", ", cols.stream().map(col -> col + " = " + valueSql(col)).toList()) + " WHERE id = ?")) {
        int i = 1;
        for (String col : cols) bind(c, ps, i++, col, v.get(col));
        ps.setLong(i, id);
        ps.executeUpdate();
      }
      step(c, id, to, date, note);
      mujun.parcel.ParcelRepository.followOffering(c, id, to);
      return null;
    });
  }

  /** The steps of the lifecycle from each status, as the database states them ({@code standard_land_steps()}). */
  static Map<String, List<String>> steps(Connection c) throws SQLException {
    Map<String, List<String>> m = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.LIFECYCLE); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
    }
    return m;
  }

  private void transfer(Connection c, Principal who, Current cur, ObjectNode b, LocalDate date, Config cfg, Map<String, Object> v,
                        List<Map<String, String>> problems) throws SQLException {
    Long enterprise = enterprise(c, b, problems);
    BigDecimal price = null;
    JsonNode pn = b.get("transactionPriceWan");
    if (pn == null || !pn.isNumber() || pn.decimalValue().signum() < 0) problems.add(Rules.problem("transactionPriceWan", "the transaction price (成交价, 万元) is required"));
    else {
      price = pn.decimalValue();
      BigDecimal reserve = dec(cur.row, "reservePriceWan");
      if (reserve != null && price.compareTo(reserve) < 0) {
        problems.add(Rules.problem("transactionPriceWan", "the transaction price " + Rules.plain(price) + " 万元 is below the reserve price of " + Rules.plain(reserve) + " 万元"));
      }
    }
    Map<String, BigDecimal> commitments = b.has("commitments") ? OfferingInput.numbers(b.get("commitments"), "commitments", problems) : Map.of();
    Map<String, BigDecimal> standards = new LinkedHashMap<>();
    cur.row.path("indicators").fields().forEachRemaining(e -> standards.put(e.getKey(), e.getValue().decimalValue()));
    problems.addAll(Rules.commitmentProblems(standards, commitments, cfg.kinds()));
    LocalDate start = OfferingInput.date(b, "agreedStartDate", true, problems);
    LocalDate done = OfferingInput.date(b, "agreedCompletionDate", true, problems);
    if (start != null && date != null && start.isBefore(date)) problems.add(Rules.problem("agreedStartDate", "the agreed start cannot be before the contract date"));
    if (start != null && done != null && done.isBefore(start)) problems.add(Rules.problem("agreedCompletionDate", "the agreed completion cannot be before the agreed start"));
    String remedies = b.path("remedies").isTextual() ? b.get("remedies").asText().strip() : "";
    if (remedies.length() > 4000) problems.add(Rules.problem("remedies", "may have at most 4000 characters"));
    List<Long> parcels = longs(cur.row.get("parcelIds"));
    String parcelCode = b.path("parcelCode").isTextual() ? b.get("parcelCode").asText().strip().toUpperCase() : null;
    if (parcels.isEmpty()) {
      if (parcelCode == null) problems.add(Rules.problem("parcelCode", "the plot becomes a parcel in the register: give its 宗地代码"));
      else mujun.parcel.ParcelCode.problem(parcelCode).ifPresent(p -> problems.add(Rules.problem("parcelCode", p)));
    }
    v.put("enterprise_id", enterprise);
    v.put("contract_date", date);
    v.put("transaction_price_wan", price);
    v.put("commitments", commitments);
    v.put("agreed_start_date", start);
    v.put("agreed_completion_date", done);
    v.put("remedies", remedies);
    if (problems.isEmpty() && parcels.isEmpty()) {
      // The drawn plot becomes a parcel of the register (the register's triggers check it like any other parcel).
      v.put("parcel_ids", List.of(mujun.parcel.ParcelRepository.fromOffering(c, parcelCode, cur.id)));
    }
  }

  private static Long enterprise(Connection c, ObjectNode b, List<Map<String, String>> problems) throws SQLException {
    String credit = b.path("enterpriseCreditCode").isTextual() ? b.get("enterpriseCreditCode").asText().strip().toUpperCase() : null;
    Long id = b.path("enterpriseId").isIntegralNumber() ? b.get("enterpriseId").asLong() : null;
    if (credit == null && id == null) {
      problems.add(Rules.problem("enterpriseCreditCode", "the winning enterprise (统一社会信用代码) is required"));
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM enterprise WHERE " + (id != null ? "id = ?" : "credit_code = ?") + mujun.db.Sql.SCOPED_ENTERPRISE)) {
      if (id != null) ps.setLong(1, id);
      else ps.setString(1, credit);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return rs.getLong(1);
      }
    }
    problems.add(Rules.problem("enterpriseCreditCode", "no enterprise with this 统一社会信用代码 is registered; add the enterprise first"));
    return null;
  }

  /** Adds a document to an offering in scope. */
  public long addDocument(Principal who, long id, String kind, boolean isPublic, FileStore.Checked f) {
    return db.inTransaction(Db.Change.by(who.username(), "标准地文件"), c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM standard_land WHERE id = ? AND cluster_id = ANY(?) FOR UPDATE")) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.landSupplyClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Offering " + id + " does not exist in your clusters.");
        }
      }
      return files.store(c, OWNER, id, kind, isPublic, f, who.username());
    });
  }

  /** A document of an offering the caller can read. */
  public Optional<FileStore.Content> document(Principal who, long id, long fileId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM standard_land WHERE id = ? AND cluster_id = ANY(?)")) {
        ps.setLong(1, id);
        ps.setArray(2, c.createArrayOf("integer", who.readableClusters()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
        }
      }
      return FileStore.read(c, OWNER, id, fileId, false);
    });
  }

  // ------------------------------------------------------------------ helpers

  private record Current(long id, int version, String status, int clusterId, JsonNode row) {}

  /** Locks the offering in the caller's land-supply scope and checks the version (412 when stale). */
  private Current lock(Connection c, Principal who, long id, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT s.version, s.status, s.cluster_id, (" + LandSql.STAFF_PROPERTIES + ")::text FROM standard_land s"
        + LandSql.STAFF_JOINS + "WHERE s.id = ? AND s.cluster_id = ANY(?) FOR UPDATE OF s")) {
      ps.setLong(1, id);
      ps.setArray(2, c.createArrayOf("integer", who.landSupplyClusters()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ApiError.notFound("Offering " + id + " does not exist in your clusters.");
        if (rs.getInt(1) != version) {
          throw new ApiError(412, "VERSION_CONFLICT", "Someone changed this offering since you loaded it (now version " + rs.getInt(1)
              + "); reload and apply your change again.", List.of(Map.of("currentVersion", rs.getInt(1))));
        }
        return new Current(id, version, rs.getString(2), rs.getInt(3), Json.tree(rs.getString(4)));
      }
    }
  }

  private static void requireScope(Principal who, int clusterId) {
    if (Arrays.stream(who.landSupplyClusters()).noneMatch(x -> x == clusterId)) {
      throw new ApiError(403, "OUT_OF_SCOPE", "Cluster " + clusterId + " is not one of the clusters you manage.");
    }
  }

  private static void checkLandUse(Connection c, String scheme, String code) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LandSql.LAND_USE)) {
      ps.setString(1, scheme);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw ApiError.unprocessable("VALIDATION_FAILED", "Unknown land use " + Json.clip(scheme) + " " + Json.clip(code) + ".", Map.of("field", "landUseCode"));
        if (!rs.getBoolean(1)) {
          throw ApiError.unprocessable("VALIDATION_FAILED", "标准地 is industrial or warehousing land; land use " + Json.clip(code) + " is neither.", Map.of("field", "landUseCode"));
        }
      }
    }
  }

  /** The plot: drawn, or the union of the given parcels (current, in scope and in the cluster, held by nobody). */
  private static byte[] geometry(Connection c, Principal who, OfferingInput in, int clusterId) throws SQLException {
    if (in.geometry != null) return GeoJsonInput.ewkb(in.geometry);
    if (in.parcelCodes != null && !in.parcelCodes.isEmpty()) {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT code, id FROM parcel WHERE code = ANY(?) AND status = 'current' AND cluster_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("text", in.parcelCodes.toArray()));
        ps.setArray(2, c.createArrayOf("integer", who.landSupplyClusters()));
        Map<String, Long> found = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) found.put(rs.getString(1), rs.getLong(2));
        }
        for (String code : in.parcelCodes) {
          if (!found.containsKey(code)) {
            throw ApiError.unprocessable("VALIDATION_FAILED", "No current parcel " + code + " in your clusters.", Map.of("field", "parcelCodes"));
          }
          ids.add(found.get(code));
        }
      }
      in.parcelIds = ids;
    }
    List<Long> ids = in.parcelIds;
    if (ids == null || ids.isEmpty()) throw ApiError.unprocessable("VALIDATION_FAILED", "Draw the plot or give the parcels it is made of.", Map.of("field", "geometry"));
    List<Long> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LandSql.PARCELS_OF)) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      ps.setArray(2, c.createArrayOf("integer", who.landSupplyClusters()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(3) != clusterId) {
            throw ApiError.unprocessable("VALIDATION_FAILED", "Parcel " + rs.getString(2) + " lies in another cluster.", Map.of("field", "parcelIds"));
          }
          if (rs.getObject(4) != null) {
            throw new ApiError(409, "PARCEL_HELD", "Parcel " + rs.getString(2) + " is held by " + rs.getString(5) + ": only land without a holder can be offered.",
                List.of(Map.of("field", "parcelIds", "code", rs.getString(2))));
          }
          found.add(rs.getLong(1));
        }
      }
    }
    List<Long> missing = ids.stream().filter(x -> !found.contains(x)).toList();
    if (!missing.isEmpty()) throw ApiError.unprocessable("VALIDATION_FAILED", "Parcels " + missing + " are not current parcels of your clusters.", Map.of("field", "parcelIds"));
    try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsEWKB(ST_Multi(ST_Union(geom))) FROM parcel WHERE id = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        byte[] g = rs.getBytes(1);
        try (PreparedStatement t = c.prepareStatement("SELECT GeometryType(?::geometry)")) {
          t.setBytes(1, g);
          try (ResultSet r2 = t.executeQuery()) {
            r2.next();
            if (!"MULTIPOLYGON".equals(r2.getString(1))) throw ApiError.unprocessable("VALIDATION_FAILED", "The parcels do not form a plot.", Map.of("field", "parcelIds"));
          }
        }
        return g;
      }
    }
  }

  /**
   * The problems of an offering (after {@code in}) against its land use's rules in the city of {@code clusterId}: the
   * city's own rules, else the province's ('' city), none when the land use has no rules.
   */
  private static List<Map<String, String>> landUseProblems(Connection c, OfferingInput in, JsonNode row, int clusterId, boolean announcing) throws SQLException {
    String scheme = in.values.containsKey("land_use_scheme") ? (String) in.values.get("land_use_scheme") : row == null ? null : row.path("landUseScheme").asText(null);
    String code = in.values.containsKey("land_use_code") ? (String) in.values.get("land_use_code") : row == null ? null : row.path("landUseCode").asText(null);
    if (scheme == null || code == null) return List.of();
    Rules.LandUseRule rule = null;
    boolean ruled = false;
    // The cluster's city (or county), else its prefecture (a county follows its city's rules), else the province.
    try (PreparedStatement ps = c.prepareStatement("SELECT r.city_code IN (k.city_code, left(k.city_code, 4) || '00', ''), r.far_min, r.far_max, "
        + "r.supporting_floor_max_pct, r.divisible, r.sellable_floor_max_pct, r.basis, lu.name FROM land_use_rule r "
        + "JOIN land_use_code lu ON lu.scheme = r.scheme AND lu.code = r.code CROSS JOIN (SELECT city_code FROM cluster WHERE id = ?) k "
        + "WHERE r.scheme = ? AND r.code = ? ORDER BY r.city_code = k.city_code DESC, r.city_code = left(k.city_code, 4) || '00' DESC, r.city_code = '' DESC")) {
      ps.setInt(1, clusterId);
      ps.setString(2, scheme);
      ps.setString(3, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          ruled = true;
          if (rs.getBoolean(1)) {
            rule = new Rules.LandUseRule(rs.getString(8), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), (Boolean) rs.getObject(5), rs.getBigDecimal(6), rs.getString(7));
          }
        }
      }
    }
    Object div = in.values.containsKey("divisible") ? in.values.get("divisible") : row == null ? Boolean.FALSE : row.path("divisible").asBoolean(false);
    Rules.OwnConditions own = new Rules.OwnConditions(val(in, row, "far_min", "farMin"), val(in, row, "far_max", "farMax"),
        val(in, row, "supporting_floor_max_pct", "supportingFloorMaxPct"), Boolean.TRUE.equals(div), val(in, row, "sellable_floor_max_pct", "sellableFloorMaxPct"));
    return Rules.landUseProblems(rule, ruled, own, announcing);
  }

  /** Every land use's rules per city (public: they are the city's published rules). */
  public String landUseRules() {
    return db.read(c -> mujun.db.Sql.one(c, "SELECT COALESCE(json_agg(json_build_object('scheme', r.scheme, 'code', r.code, 'name', lu.name, 'nameEn', lu.name_en, "
        + "'cityCode', NULLIF(r.city_code, ''), 'cityName', ci.name, 'cityNameEn', ci.name_en, 'farMin', r.far_min, 'farMax', r.far_max, "
        + "'supportingFloorMaxPct', r.supporting_floor_max_pct, 'divisible', r.divisible, 'sellableFloorMaxPct', r.sellable_floor_max_pct, 'basis', r.basis) "
        + "ORDER BY r.code, r.city_code), '[]')::text FROM land_use_rule r JOIN land_use_code lu ON lu.scheme = r.scheme AND lu.code = r.code "
        + "LEFT JOIN city ci ON ci.code = r.city_code"));
  }

  /** PUT /api/land-use-rules {scheme, code, cityCode, farMin?, farMax?, supportingFloorMaxPct?, divisible?, sellableFloorMaxPct?, basis}: a city's rules of a land use. */
  public void putLandUseRule(Principal who, ObjectNode b) {
    mujun.http.Form f = new mujun.http.Form(b);
    String scheme = f.text("scheme", 40, true), code = f.text("code", 40, true), city = f.text("cityCode", 6, false);
    if (city == null) city = "";
    if (!city.isEmpty() && !city.matches("\\d{6}")) f.problem("cityCode", "must be a city's 6-digit code, or empty for the province");
    java.math.BigDecimal farMin = f.number("farMin"), farMax = f.number("farMax"), sup = f.number("supportingFloorMaxPct"), sell = f.number("sellableFloorMaxPct");
    if (sup != null && sup.compareTo(java.math.BigDecimal.valueOf(100)) > 0) f.problem("supportingFloorMaxPct", "must be between 0 and 100 (%)");
    if (sell != null && sell.compareTo(java.math.BigDecimal.valueOf(100)) > 0) f.problem("sellableFloorMaxPct", "must be between 0 and 100 (%)");
    if (farMin != null && farMax != null && farMax.compareTo(farMin) < 0) f.problem("farMax", "must not be below farMin");
    Boolean divisible = b.has("divisible") && b.get("divisible").isBoolean() ? b.get("divisible").asBoolean() : null;
    if (b.has("divisible") && !b.get("divisible").isNull() && divisible == null) f.problem("divisible", "must be true or false");
    String basis = f.text("basis", 500, true);
    f.done();
    if (city.isEmpty() ? !who.has("admin") : !who.reachesCity(city)) {
      throw new ApiError(403, "FORBIDDEN", "Only the natural-resources staff of that city (or an admin) set its land-use rules.");
    }
    String cityCode = city;
    db.inTransaction(mujun.db.Db.Change.by(who.username(), "用地规则 " + code + " " + city), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO land_use_rule (scheme, code, city_code, far_min, far_max, supporting_floor_max_pct, divisible, "
          + "sellable_floor_max_pct, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scheme, code, city_code) DO UPDATE SET far_min = EXCLUDED.far_min, "
          + "far_max = EXCLUDED.far_max, supporting_floor_max_pct = EXCLUDED.supporting_floor_max_pct, divisible = EXCLUDED.divisible, "
          + "sellable_floor_max_pct = EXCLUDED.sellable_floor_max_pct, basis = EXCLUDED.basis")) {
        ps.setString(1, scheme);
        ps.setString(2, code);
        ps.setString(3, cityCode);
        ps.setBigDecimal(4, farMin);
        ps.setBigDecimal(5, farMax);
        ps.setBigDecimal(6, sup);
        ps.setObject(7, divisible, java.sql.Types.BOOLEAN);
        ps.setBigDecimal(8, sell);
        ps.setString(9, basis);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** The conditions after applying {@code in} to the stored row (row may be null for a new offering). */
  private static Rules.Conditions conditions(OfferingInput in, JsonNode row) {
    Map<String, BigDecimal> ind = in.indicators;
    if (ind == null) {
      ind = new LinkedHashMap<>();
      if (row != null) {
        Map<String, BigDecimal> m = ind;
        row.path("indicators").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().decimalValue()));
      }
    }
    List<String> industries = in.industries != null ? in.industries : row == null ? List.of() : strings(row.get("industries"));
    return new Rules.Conditions(val(in, row, "far_min", "farMin"), val(in, row, "far_max", "farMax"),
        val(in, row, "building_coefficient_min_pct", "buildingCoefficientMinPct"), val(in, row, "office_living_max_pct", "officeLivingMaxPct"),
        val(in, row, "green_ratio_max_pct", "greenRatioMaxPct"), industries, ind);
  }

  private static BigDecimal val(OfferingInput in, JsonNode row, String column, String api) {
    if (in.values.containsKey(column)) return (BigDecimal) in.values.get(column);
    return row == null ? null : dec(row, api);
  }

  static BigDecimal dec(JsonNode row, String field) {
    JsonNode n = row.get(field);
    return n == null || n.isNull() ? null : n.decimalValue();
  }

  static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null) a.forEach(x -> out.add(x.asText()));
    return out;
  }

  static List<Long> longs(JsonNode a) {
    List<Long> out = new ArrayList<>();
    if (a != null) a.forEach(x -> out.add(x.asLong()));
    return out;
  }

  /** The SQL that takes a column's bound value (geometry from EWKB, JSON as jsonb, the rest as is). */
  private static String valueSql(String col) {
    return switch (col) {
      case "geom" -> "ST_Multi(ST_GeomFromEWKB(?))";
      case "indicators", "commitments" -> "?::jsonb";
      default -> "?";
    };
  }

  private static void bind(Connection c, PreparedStatement ps, int i, String col, Object v) throws SQLException {
    switch (col) {
      case "parcel_ids" -> ps.setArray(i, c.createArrayOf("bigint", ((List<?>) v).toArray()));
      case "industries", "assessments" -> ps.setArray(i, c.createArrayOf("text", ((List<?>) v).toArray()));
      case "indicators", "commitments" -> ps.setString(i, Json.write(v));
      case "geom" -> ps.setBytes(i, (byte[]) v);
      default -> {
        if (v == null) ps.setNull(i, Types.NULL);
        else if (v instanceof LocalDate d) ps.setDate(i, Date.valueOf(d));
        else if (v instanceof Long l) ps.setLong(i, l);
        else ps.setObject(i, v);
      }
    }
  }

  private static void step(Connection c, long id, String status, LocalDate date, String note) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LandSql.INSERT_STEP)) {
      ps.setLong(1, id);
      ps.setString(2, status);
      ps.setDate(3, Date.valueOf(date));
      ps.setString(4, note == null ? "" : note);
      ps.executeUpdate();
    }
  }
}
