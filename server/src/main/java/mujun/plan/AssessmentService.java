package mujun.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * The yearly assessment of the clusters (产业集聚区年度考核评价): a method as data over cluster-level indicators (computed
 * from the data by {@code cluster_indicator_values}, or entered with a source), scored against a target, the mean or a
 * value, with a cap; ranks in the province and in each city; grades by score; published runs never change.
 */
public final class AssessmentService {
  private final Db db;
  private final mujun.db.Replicas reads;

  public AssessmentService(Db db, mujun.db.Replicas reads) {
    this.db = db;
    this.reads = reads;
  }

  record Indicator(String code, String name, String nameEn, String unit, boolean computed, boolean higherBetter) {}

  private static Map<String, Indicator> catalogue(Connection c) throws SQLException {
    Map<String, Indicator> m = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT code, name, name_en, unit, computed, higher_better FROM cluster_indicator ORDER BY sort");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) m.put(rs.getString(1), new Indicator(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6)));
    }
    return m;
  }

  /** The indicators, the methods with their latest version, and the runs. */
  public String overview(Principal who) {
    return reads.read(who.username(), c -> mujun.db.Sql.one(c, "SELECT json_build_object("
        + "'indicators', (SELECT json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en, 'unit', unit, 'computed', computed, "
        + "  'higherBetter', higher_better, 'formula', formula) ORDER BY sort) FROM cluster_indicator), "
        + "'methods', (SELECT json_agg(json_build_object('code', m.code, 'name', m.name, 'nameEn', m.name_en, 'version', v.version, 'definition', v.definition) ORDER BY m.id) "
        + "  FROM cluster_assessment_method m JOIN LATERAL (SELECT * FROM cluster_assessment_version x WHERE x.method_id = m.id ORDER BY x.version DESC LIMIT 1) v ON true), "
        + "'runs', COALESCE((SELECT json_agg(json_build_object('id', r.id, 'year', r.year, 'status', r.status, 'method', m.code, 'version', v.version, "
        + "  'createdBy', r.created_by, 'createdAt', r.created_at, 'publishedAt', r.published_at) ORDER BY r.id DESC) FROM cluster_assessment_run r "
        + "  JOIN cluster_assessment_version v ON v.id = r.version_id JOIN cluster_assessment_method m ON m.id = v.method_id WHERE r.status <> 'discarded'), '[]'))::text"));
  }

  /** Checks a method definition: known indicators, positive weights, benchmark types, caps, grades from the highest. */
  static List<Map<String, String>> problems(JsonNode d, Map<String, Indicator> cat) {
    List<Map<String, String>> p = new ArrayList<>();
    if (d == null || !d.isObject()) return List.of(Map.of("field", "definition", "message", "must be an object"));
    d.fieldNames().forEachRemaining(k -> { if (!Set.of("indicators", "grades").contains(k)) p.add(Map.of("field", k, "message", "is not a rule this method can state (indicators, grades)")); });
    JsonNode inds = d.get("indicators");
    if (inds == null || !inds.isArray() || inds.isEmpty()) p.add(Map.of("field", "indicators", "message", "must list at least one indicator"));
    else for (int i = 0; i < inds.size(); i++) {
      JsonNode x = inds.get(i);
      String at = "indicators[" + i + "]";
      x.fieldNames().forEachRemaining(k -> { if (!Set.of("code", "weight", "benchmark", "cap").contains(k)) p.add(Map.of("field", at + "." + k, "message", "is not a rule of an indicator (code, weight, benchmark, cap)")); });
      if (!cat.containsKey(x.path("code").asText())) p.add(Map.of("field", at + ".code", "message", "is not a cluster indicator (" + String.join(", ", cat.keySet()) + ")"));
      if (!x.path("weight").isNumber() || x.get("weight").asDouble() <= 0) p.add(Map.of("field", at + ".weight", "message", "must be a positive number"));
      String bt = x.path("benchmark").path("type").asText("mean");
      if (!Set.of("mean", "fixed").contains(bt)) p.add(Map.of("field", at + ".benchmark.type", "message", "must be mean or fixed (a target such as 11 万元/亩)"));
      if (bt.equals("fixed") && !x.path("benchmark").path("value").isNumber()) p.add(Map.of("field", at + ".benchmark.value", "message", "must be a number"));
      if (x.has("cap") && (!x.get("cap").isNumber() || x.get("cap").asDouble() < 1)) p.add(Map.of("field", at + ".cap", "message", "must be at least 1"));
    }
    JsonNode g = d.get("grades");
    if (g == null || !g.isArray() || g.isEmpty()) p.add(Map.of("field", "grades", "message", "must list the grades, the best first, each with its lowest score"));
    else for (int i = 0; i < g.size(); i++) {
      if (g.get(i).path("name").asText("").isBlank() || !g.get(i).path("min").isNumber()) p.add(Map.of("field", "grades[" + i + "]", "message", "needs a name and a lowest score (min)"));
      else if (i > 0 && g.get(i).get("min").asDouble() > g.get(i - 1).path("min").asDouble()) p.add(Map.of("field", "grades[" + i + "].min", "message", "must not be above the grade before it"));
    }
    return p;
  }

  /** POST /api/assessment/methods/{code}/versions {definition}: the province's new version (checked first). */
  public int saveVersion(Principal who, String code, JsonNode definition) {
    if (!who.editsMethodsOf(null)) throw new ApiError(403, "FORBIDDEN", "The province's coordinators set how clusters are assessed.");
    return db.inTransaction(Db.Change.by(who.username(), "集聚区考核办法新版本"), c -> {
      List<Map<String, String>> p = problems(definition, catalogue(c));
      if (!p.isEmpty()) throw ApiError.invalid("The method is not valid", p);
      String id = Named.of("SELECT id::text FROM cluster_assessment_method WHERE code = :code FOR UPDATE").one(c, Named.values("code", code));
      if (id == null) throw ApiError.notFound("No assessment method " + Json.clip(code) + ".");
      return Integer.parseInt(Named.of("INSERT INTO cluster_assessment_version (method_id, version, definition, created_by) SELECT :m, COALESCE(max(version), 0) + 1, "
          + ":d::jsonb, :by FROM cluster_assessment_version WHERE method_id = :m RETURNING version::text").one(c, Named.values("m", Integer.parseInt(id),
          "d", definition.toString(), "by", who.username())));
    });
  }

  /** PUT /api/assessment/figures {clusterId, year, indicator, value, source}: an entered figure (not a computed one). */
  public void putFigure(Principal who, int clusterId, int year, String indicator, BigDecimal value, String source) {
    if (java.util.Arrays.stream(who.evaluationClusters()).noneMatch(k -> k == clusterId)) throw new ApiError(403, "OUT_OF_SCOPE", "Cluster " + clusterId + " is not in your scope.");
    db.inTransaction(Db.Change.by(who.username(), "集聚区指标填报"), c -> {
      Indicator ind = catalogue(c).get(indicator);
      if (ind == null || ind.computed()) {
        throw ApiError.unprocessable("VALIDATION_FAILED", ind == null ? "No cluster indicator " + Json.clip(indicator) + "." : ind.name() + " is computed from the data; it is not entered.",
            Map.of("field", "indicator"));
      }
      Named.of("INSERT INTO cluster_figure (cluster_id, year, indicator, value, source) VALUES (:k, :y, :i, :v, :s) ON CONFLICT (cluster_id, year, indicator) "
          + "DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source").update(c, Named.values("k", clusterId, "y", year, "i", indicator, "v", value, "s", source));
      return null;
    });
  }

  /** Runs a method over the caller's clusters for a year: a draft with every cluster's indicators, points, score, ranks and grade. */
  public int run(Principal who, String method, int year) {
    Integer[] scope = who.evaluationClusters();
    return db.inTransaction(new Db.Change(who.username(), "集聚区考核 " + year, "assess"), c -> {
      Map<String, Indicator> cat = catalogue(c);
      List<Object[]> v = Named.of("SELECT v.id, v.definition::text FROM cluster_assessment_version v JOIN cluster_assessment_method m ON m.id = v.method_id "
          + "WHERE m.code = :code ORDER BY v.version DESC LIMIT 1").rows(c, Named.values("code", method));
      if (v.isEmpty()) throw ApiError.unprocessable("VALIDATION_FAILED", "No assessment method " + Json.clip(method) + ".", Map.of("field", "method"));
      JsonNode def = Json.tree(String.valueOf(v.get(0)[1]));
      Map<Integer, String> cityOf = new LinkedHashMap<>();
      Map<Integer, Map<String, Object[]>> values = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT k.id, k.city_code FROM cluster k WHERE k.id = ANY(?) AND k.status = 'active' ORDER BY k.id")) {
        ps.setArray(1, c.createArrayOf("integer", scope));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) cityOf.put(rs.getInt(1), rs.getString(2));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT cluster_id, code, value, source FROM cluster_indicator_values(?, ?)")) {
        ps.setInt(1, year);
        ps.setArray(2, c.createArrayOf("integer", scope));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) values.computeIfAbsent(rs.getInt(1), x -> new HashMap<>()).put(rs.getString(2), new Object[] {rs.getBigDecimal(3), rs.getString(4)});
        }
      }
      Map<Integer, ObjectNode> detail = new LinkedHashMap<>();
      Map<Integer, Double> score = new LinkedHashMap<>();
      for (Integer k : cityOf.keySet()) {
        detail.put(k, Json.MAPPER.createObjectNode());
        score.put(k, 0.0);
      }
      for (JsonNode spec : def.get("indicators")) {
        String code = spec.get("code").asText();
        Indicator ind = cat.get(code);
        double w = spec.get("weight").asDouble(), cap = spec.path("cap").asDouble(Double.POSITIVE_INFINITY);
        double b;
        if (spec.path("benchmark").path("type").asText("mean").equals("fixed")) b = spec.get("benchmark").get("value").asDouble();
        else {
          double sum = 0;
          int n = 0;
          for (Integer k : cityOf.keySet()) {
            Object[] x = values.getOrDefault(k, Map.of()).get(code);
            if (x != null && x[0] != null) { sum += ((BigDecimal) x[0]).doubleValue(); n++; }
          }
          b = n == 0 ? Double.NaN : sum / n;
        }
        for (Integer k : cityOf.keySet()) {
          Object[] x = values.getOrDefault(k, Map.of()).get(code);
          ObjectNode o = detail.get(k).putObject(code);
          o.put("weight", w).put("benchmark", Double.isNaN(b) ? null : round(b));
          if (x == null || x[0] == null || Double.isNaN(b)) {
            o.putNull("value").put("points", 0).put("missing", true);
            continue;
          }
          double val = ((BigDecimal) x[0]).doubleValue();
          double r = ratio(val, b, ind.higherBetter());
          r = Math.max(0, Math.min(cap, r));
          double pts = r * w;
          o.put("value", round(val)).put("source", (String) x[1]).put("ratio", round(r)).put("points", round(pts));
          score.merge(k, pts, Double::sum);
        }
      }
      int runId = Integer.parseInt(Named.of("INSERT INTO cluster_assessment_run (version_id, year, created_by) VALUES (:v, :y, :by) RETURNING id::text")
          .one(c, Named.values("v", ((Number) v.get(0)[0]).intValue(), "y", year, "by", who.username())));
      List<Integer> ids = new ArrayList<>(cityOf.keySet());
      ids.sort((a, z) -> Double.compare(score.get(z), score.get(a)));
      JsonNode grades = def.get("grades");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_assessment_result (run_id, cluster_id, city_code, indicators, score, province_rank, city_rank, grade) "
          + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
        Map<String, Integer> cityRank = new HashMap<>();
        Map<String, Double> cityLast = new HashMap<>();
        Map<String, Integer> citySeen = new HashMap<>();
        int rank = 0;
        double last = Double.NaN;
        for (int i = 0; i < ids.size(); i++) {
          Integer k = ids.get(i);
          double s = Math.round(score.get(k) * 100) / 100.0;
          if (s != last) rank = i + 1;  // ties share the better rank
          last = s;
          String city = cityOf.get(k);
          int seen = citySeen.merge(city, 1, Integer::sum);
          if (!Double.valueOf(s).equals(cityLast.get(city))) cityRank.put(city, seen);
          cityLast.put(city, s);
          String grade = null;
          for (JsonNode g : grades) if (s >= g.get("min").asDouble()) { grade = g.get("name").asText(); break; }
          ps.setInt(1, runId);
          ps.setInt(2, k);
          ps.setString(3, city);
          ps.setString(4, detail.get(k).toString());
          ps.setBigDecimal(5, BigDecimal.valueOf(s));
          ps.setInt(6, rank);
          ps.setInt(7, cityRank.get(city));
          ps.setString(8, grade);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return runId;
    });
  }

  /**
   * How far a value is from its benchmark, 1 meaning "meets it": value ÷ benchmark when more is better and the
   * benchmark is positive; otherwise by the difference relative to the benchmark (so a change of −6 % against a target
   * of −4 % scores 1.5), and for a benchmark of 0, 1 when it is met and 0 when not.
   */
  static double ratio(double v, double b, boolean higherBetter) {
    if (higherBetter && b > 0) return v / b;
    if (b == 0) return higherBetter ? (v >= 0 ? 1 : 0) : (v <= 0 ? 1 : 0);
    return 1 + (higherBetter ? v - b : b - v) / Math.abs(b);
  }

  private static double round(double x) {
    return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).doubleValue();
  }

  /** A run with every cluster's result, ranked. */
  public String runJson(Principal who, int runId) {
    String r = db.read(c -> Named.of("SELECT json_build_object('id', r.id, 'year', r.year, 'status', r.status, 'method', m.code, 'methodName', m.name, "
        + "'methodNameEn', m.name_en, 'version', v.version, 'definition', v.definition, 'publishedAt', r.published_at, "
        + "'results', (SELECT json_agg(json_build_object('clusterId', x.cluster_id, 'code', k.code, 'name', k.name, 'nameEn', k.name_en, 'cityCode', x.city_code, "
        + "  'cityName', ci.name, 'cityNameEn', ci.name_en, 'score', x.score, 'provinceRank', x.province_rank, 'cityRank', x.city_rank, 'grade', x.grade, "
        + "  'indicators', x.indicators) ORDER BY x.province_rank, k.code) FROM cluster_assessment_result x JOIN cluster k ON k.id = x.cluster_id "
        + "  JOIN city ci ON ci.code = x.city_code WHERE x.run_id = r.id AND x.cluster_id = ANY(:scope)))::text "
        + "FROM cluster_assessment_run r JOIN cluster_assessment_version v ON v.id = r.version_id JOIN cluster_assessment_method m ON m.id = v.method_id WHERE r.id = :run")
        .one(c, Named.values("run", runId, "scope", who.readableClusters())));
    if (r == null) throw ApiError.notFound("No assessment run " + runId + ".");
    return r;
  }

  /** Publishes a draft; the year's earlier published run is superseded. */
  public void publish(Principal who, int runId) {
    if (!who.editsMethodsOf(null)) throw new ApiError(403, "FORBIDDEN", "The province's coordinators publish the clusters' assessment.");
    db.inTransaction(Db.Change.by(who.username(), "发布集聚区考核"), c -> {
      List<Object[]> r = Named.of("SELECT status, year FROM cluster_assessment_run WHERE id = :id FOR UPDATE").rows(c, Named.values("id", runId));
      if (r.isEmpty()) throw ApiError.notFound("No assessment run " + runId + ".");
      if (!"draft".equals(r.get(0)[0])) throw new ApiError(409, "NOT_DRAFT", "Run " + runId + " is " + r.get(0)[0] + "; only a draft can be published.");
      Named.of("UPDATE cluster_assessment_run SET status = 'superseded' WHERE year = :y AND status = 'published'").update(c, Named.values("y", ((Number) r.get(0)[1]).intValue()));
      Named.of("UPDATE cluster_assessment_run SET status = 'published', published_by = :by, published_at = now() WHERE id = :id").update(c, Named.values("by", who.username(), "id", runId));
      return null;
    });
  }
}
