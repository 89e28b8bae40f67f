package mujun.evaluation;

import static mujun.db.Sql.bind;
import static mujun.db.Sql.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Methods, runs, results, explanations, policies and the dashboard of the enterprise evaluation. The computation is
 * one set-based SQL function (evaluation_compute) over a frozen input snapshot; scope is bound into every query.
 */
public final class EvalRepository {
  private final Db db;

  public EvalRepository(Db db) {
    this.db = db;
  }



  // ------------------------------------------------------------------ methods

  static final String METHODS = "SELECT COALESCE(json_agg(json_build_object('code', m.code, 'name', m.name, 'nameEn', m.name_en, 'description', m.description, "
      + "'version', v.version, 'versionId', v.id, 'definition', v.definition, 'savedBy', v.created_by, 'savedAt', v.created_at) ORDER BY m.id), '[]')::text "
      + "FROM evaluation_method m JOIN LATERAL (SELECT * FROM evaluation_method_version x WHERE x.method_id = m.id ORDER BY x.version DESC LIMIT 1) v ON true";

  public String methods() {
    return db.read(c -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.set("methods", Json.tree(one(c, METHODS)));
      o.set("indicators", Json.MAPPER.valueToTree(Indicators.ALL.values()));
      o.set("flags", Json.MAPPER.valueToTree(List.of("safety_accident", "env_accident", "high_tech", "listed")));
      return o.toString();
    });
  }

  /** Saves a new version of a method's rules (checked first); returns the version number. */
  public int saveVersion(Principal who, String code, JsonNode definition) {
    List<Map<String, String>> problems = MethodCheck.problems(definition);
    if (!problems.isEmpty()) {
      throw new ApiError(422, "VALIDATION_FAILED", "The method is not valid: "
          + String.join("; ", problems.stream().map(p -> p.get("field") + " " + p.get("message")).toList()) + ".", problems);
    }
    return db.inTransaction(Db.Change.by(who.username(), "评价办法新版本"), c -> {
      String id = one(c, "SELECT id::text FROM evaluation_method WHERE code = ? FOR UPDATE", code);
      if (id == null) throw ApiError.notFound("No method " + Json.clip(code) + ".");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_method_version (method_id, version, definition, created_by) "
          + "SELECT ?, COALESCE(max(version), 0) + 1, ?::jsonb, ? FROM evaluation_method_version WHERE method_id = ? RETURNING version")) {
        bind(c, ps, Integer.parseInt(id), definition.toString(), who.username(), Integer.parseInt(id));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  // ------------------------------------------------------------------ runs

  /** A principal for the command line and the demo generator: admin over the given clusters. */
  public static Principal system(String name, Integer[] clusters) {
    return new Principal(0, name, name, java.util.Set.of("admin"), List.of(), "", clusters, clusters, "cli", Map.of("admin", clusters));
  }

  /** Every cluster id. */
  public Integer[] allClusters() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(array_agg(id ORDER BY id), '{}') FROM cluster"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (Integer[]) rs.getArray(1).getArray();
      }
    });
  }

  static final String SNAPSHOT = "INSERT INTO evaluation_input (run_id, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures) "
      + "SELECT ?, e.id, e.cluster_id, e.size_class, e.founded_on, COALESCE(h.mu, 0), COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000, "
      + "CASE WHEN i.enterprise_id IS NULL THEN NULL ELSE to_jsonb(i) END "
      + "FROM enterprise e "
      + "LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q JOIN enterprise x ON x.id = q.holder_id "
      + "  WHERE q.status = 'current' AND x.cluster_id = ANY(?) GROUP BY q.holder_id) h ON h.holder_id = e.id "
      + "LEFT JOIN enterprise_indicator i ON i.enterprise_id = e.id AND i.year = ? "
      + "WHERE e.cluster_id = ANY(?)";

  public record RunRequest(String method, Integer version, int year, Integer[] clusters, Integer correctsRunId, String note) {}

  /** Creates a draft run: freezes the inputs and computes the results; returns the run id and the time it took. */
  public Map<String, Object> run(Principal who, RunRequest r) {
    Integer[] scope = who.evaluationClusters();
    Integer[] clusters = r.clusters() == null || r.clusters().length == 0 ? scope : r.clusters();
    for (Integer k : clusters) {
      if (Arrays.stream(scope).noneMatch(k::equals)) throw new ApiError(403, "OUT_OF_SCOPE", "Cluster " + k + " is not in your scope.");
    }
    if (clusters.length == 0) throw ApiError.unprocessable("VALIDATION_FAILED", "No clusters to evaluate.", Map.of("field", "clusters"));
    return db.inTransaction(new Db.Change(who.username(), "评价运行 " + r.year(), "evaluate"), c -> {
      long t0 = System.nanoTime();
      String vid = r.version() == null
          ? one(c, "SELECT v.id::text FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id WHERE m.code = ? ORDER BY v.version DESC LIMIT 1", r.method())
          : one(c, "SELECT v.id::text FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id WHERE m.code = ? AND v.version = ?", r.method(), r.version());
      if (vid == null) throw ApiError.unprocessable("VALIDATION_FAILED", "No such method or version: " + Json.clip(r.method()) + ".", Map.of("field", "method"));
      if (r.correctsRunId() != null) {
        String st = one(c, "SELECT status FROM evaluation_run WHERE id = ? AND year = ?", r.correctsRunId(), r.year());
        if (!"published".equals(st)) throw ApiError.unprocessable("VALIDATION_FAILED", "A correction refers to a published run of the same year.", Map.of("field", "correctsRunId"));
      }
      int runId = Integer.parseInt(one(c, "INSERT INTO evaluation_run (method_version_id, year, clusters, created_by, corrects_run_id, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING id::text",
          Integer.parseInt(vid), r.year(), clusters, who.username(), r.correctsRunId(), r.note() == null ? "" : r.note()));
      long t1 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(SNAPSHOT)) {
        bind(c, ps, runId, clusters, r.year(), clusters);
        ps.executeUpdate();
      }
      long t2 = System.nanoTime();
      String n = one(c, "SELECT evaluation_compute(?)::text", runId);
      long t3 = System.nanoTime();
      int ms = (int) ((t3 - t0) / 1_000_000);
      try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_run SET duration_ms = ? WHERE id = ?")) {
        bind(c, ps, ms, runId);
        ps.executeUpdate();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", runId);
      m.put("enterprises", Integer.parseInt(n));
      m.put("durationMs", ms);
      m.put("snapshotMs", (t2 - t1) / 1_000_000);
      m.put("computeMs", (t3 - t2) / 1_000_000);
      return m;
    });
  }

  static final String RUN_JSON = "json_build_object('id', r.id, 'year', r.year, 'clusters', r.clusters, 'status', r.status, 'correctsRunId', r.corrects_run_id, "
      + "'note', r.note, 'createdBy', r.created_by, 'createdAt', r.created_at, 'publishedBy', r.published_by, 'publishedAt', r.published_at, "
      + "'durationMs', r.duration_ms, 'outputSha256', r.output_sha256, 'method', m.code, 'methodName', m.name, 'methodNameEn', m.name_en, 'methodVersion', v.version, "
      + "'classes', v.definition->'classes', "
      + "'counts', (SELECT json_object_agg(k, n) FROM (SELECT COALESCE(er.class, 'excluded') k, count(*) n FROM evaluation_result er "
      + "   WHERE er.run_id = r.id AND er.cluster_id = ANY(?) GROUP BY 1) x))";

  static final String RUN_FROM = " FROM evaluation_run r JOIN evaluation_method_version v ON v.id = r.method_version_id JOIN evaluation_method m ON m.id = v.method_id ";

  public String runs(Principal who, Integer year) {
    return db.read(c -> one(c, "SELECT COALESCE(json_agg(" + RUN_JSON + " ORDER BY r.id DESC), '[]')::text" + RUN_FROM
        + "WHERE r.clusters && ? AND r.status <> 'discarded' AND (?::int IS NULL OR r.year = ?)", who.readableClusters(), who.readableClusters(), year, year));
  }

  public Optional<String> runJson(Principal who, int id) {
    return db.read(c -> Optional.ofNullable(one(c, "SELECT " + RUN_JSON + "::text" + RUN_FROM + "WHERE r.id = ? AND r.clusters && ?",
        who.readableClusters(), id, who.readableClusters())));
  }

  static final String RESULTS = "SELECT COALESCE(json_agg(json_build_object('enterpriseId', er.enterprise_id, 'name', e.name, 'creditCode', e.credit_code, "
      + "'clusterId', er.cluster_id, 'clusterName', k.name, 'group', er.group_code, 'evaluated', er.evaluated, 'exclusion', er.exclusion, "
      + "'landMu', round(er.land_mu::numeric, 2), 'score', er.score, 'rank', er.rank, 'groupSize', er.group_size, 'class', er.class, "
      + "'classStep', er.class_step, 'veto', er.veto) ORDER BY er.cluster_id, er.group_code, er.rank NULLS LAST, e.credit_code), '[]')::text "
      + "FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id JOIN cluster k ON k.id = er.cluster_id "
      + "WHERE er.run_id = ? AND er.cluster_id = ANY(?) AND (?::int IS NULL OR er.cluster_id = ?) AND (?::text IS NULL OR er.class = ?)";

  public String results(Principal who, int runId, Integer cluster, String cls) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(RESULTS)) {
        bind(c, ps, runId, who.readableClusters(), cluster, cluster, cls, cls);
        ps.setObject(3, cluster, Types.INTEGER);
        ps.setObject(4, cluster, Types.INTEGER);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  /** One enterprise's result explained: inputs, indicators, rank, class step, veto, last year, history, parcels. */
  public Optional<String> explain(Principal who, int runId, long enterpriseId) {
    return db.read(c -> {
      String row = one(c, "SELECT json_build_object('result', to_jsonb(er) - 'run_id', 'input', to_jsonb(i) - 'run_id', 'enterprise', json_build_object('id', e.id, "
          + "'name', e.name, 'creditCode', e.credit_code, 'industryCode', e.industry_code, 'sizeClass', e.size_class, 'foundedOn', e.founded_on, "
          + "'clusterName', k.name, 'clusterNameEn', k.name_en), 'year', r.year, 'runStatus', r.status, 'classes', v.definition->'classes')::text "
          + "FROM evaluation_result er JOIN evaluation_input i ON i.run_id = er.run_id AND i.enterprise_id = er.enterprise_id "
          + "JOIN enterprise e ON e.id = er.enterprise_id JOIN cluster k ON k.id = er.cluster_id JOIN evaluation_run r ON r.id = er.run_id "
          + "JOIN evaluation_method_version v ON v.id = r.method_version_id WHERE er.run_id = ? AND er.enterprise_id = ? AND er.cluster_id = ANY(?)",
          runId, enterpriseId, who.readableClusters());
      if (row == null) return Optional.empty();
      ObjectNode o = (ObjectNode) Json.tree(row);
      ArrayNode inds = (ArrayNode) o.get("result").get("indicators");
      for (JsonNode x : inds) {
        Indicators.Def d = Indicators.ALL.get(x.get("code").asText());
        if (d != null) {
          ((ObjectNode) x).put("name", d.name()).put("nameEn", d.nameEn()).put("unit", d.unit());
        }
      }
      int year = o.get("year").asInt();
      o.set("history", Json.tree(one(c, "SELECT COALESCE(json_agg(json_build_object('year', h.year, 'class', h.class, 'runId', h.run_id, 'score', h.score) "
          + "ORDER BY h.year), '[]')::text FROM (SELECT DISTINCT ON (r.year) r.year, er.class, er.run_id, er.score FROM evaluation_result er "
          + "JOIN evaluation_run r ON r.id = er.run_id WHERE er.enterprise_id = ? AND r.status = 'published' ORDER BY r.year, r.published_at DESC) h", enterpriseId)));
      String prev = null;
      for (JsonNode h : o.get("history")) if (h.get("year").asInt() == year - 1) prev = h.path("class").asText(null);
      o.put("previousClass", prev);
      o.set("parcels", Json.tree(one(c, "SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object('type', 'Feature', "
          + "'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json, 'properties', json_build_object('code', p.code, 'areaMu', round(p.area_mu::numeric, 2)))), '[]'))::text "
          + "FROM parcel p WHERE p.holder_id = ? AND p.status = 'current'", enterpriseId)));
      return Optional.of(o.toString());
    });
  }

  /** Publishes a draft; a correction supersedes the run it corrects. Only one published run per year and cluster. */
  public void publish(Principal who, int runId) {
    db.inTransaction(Db.Change.by(who.username(), "发布评价结果"), c -> {
      String[] st = new String[3];
      try (PreparedStatement ps = c.prepareStatement("SELECT status, corrects_run_id, year FROM evaluation_run WHERE id = ? AND clusters <@ ? FOR UPDATE")) {
        bind(c, ps, runId, who.evaluationClusters());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Run " + runId + " does not exist in your scope.");
          st[0] = rs.getString(1);
          st[1] = rs.getString(2);
          st[2] = rs.getString(3);
        }
      }
      if (!"draft".equals(st[0])) throw new ApiError(409, "NOT_DRAFT", "Run " + runId + " is " + st[0] + "; only a draft can be published.");
      String clash = one(c, "SELECT string_agg(id::text, ', ') FROM evaluation_run o WHERE o.status = 'published' AND o.year = ? AND o.clusters && "
          + "(SELECT clusters FROM evaluation_run WHERE id = ?) AND o.id IS DISTINCT FROM ?", Integer.parseInt(st[2]), runId, st[1] == null ? null : Integer.parseInt(st[1]));
      if (clash != null) {
        throw new ApiError(409, "ALREADY_PUBLISHED", "Run " + clash + " is already published for " + st[2] + " in some of these clusters; "
            + "make this run a correction of it (correctsRunId) to replace it.");
      }
      if (st[1] != null) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_run SET status = 'superseded' WHERE id = ? AND status = 'published'")) {
          bind(c, ps, Integer.parseInt(st[1]));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_run SET status = 'published', published_by = ?, published_at = now() WHERE id = ?")) {
        bind(c, ps, who.username(), runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  public void discard(Principal who, int runId) {
    db.inTransaction(Db.Change.by(who.username(), "废弃评价草稿"), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_run SET status = 'discarded' WHERE id = ? AND status = 'draft' AND clusters <@ ?")) {
        bind(c, ps, runId, who.evaluationClusters());
        if (ps.executeUpdate() == 0) throw new ApiError(409, "NOT_DRAFT", "Only a draft run of your scope can be discarded.");
      }
      return null;
    });
  }

  /** Re-computes a run from its frozen inputs and method version into a scratch run; reports whether the output is identical. */
  public Map<String, Object> verify(Principal who, int runId) {
    return db.inTransaction(new Db.Change(who.username(), "复核评价 " + runId, "evaluate"), c -> {
      String orig = one(c, "SELECT output_sha256 FROM evaluation_run WHERE id = ? AND clusters && ?", runId, who.readableClusters());
      if (orig == null) throw ApiError.notFound("Run " + runId + " does not exist in your scope.");
      int scratch = Integer.parseInt(one(c, "INSERT INTO evaluation_run (method_version_id, year, clusters, created_by, note) "
          + "SELECT method_version_id, year, clusters, ?, 'verification of run ' || id FROM evaluation_run WHERE id = ? RETURNING id::text", who.username(), runId));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_input SELECT ?, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, "
          + "figures FROM evaluation_input WHERE run_id = ?")) {
        bind(c, ps, scratch, runId);
        ps.executeUpdate();
      }
      one(c, "SELECT evaluation_compute(?)::text", scratch);
      String again = one(c, "SELECT output_sha256 FROM evaluation_run WHERE id = ?", scratch);
      try (PreparedStatement ps = c.prepareStatement("UPDATE evaluation_run SET status = 'discarded' WHERE id = ?")) {
        bind(c, ps, scratch);
        ps.executeUpdate();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runId", runId);
      m.put("outputSha256", orig);
      m.put("recomputedSha256", again);
      m.put("identical", orig.equals(again));
      return m;
    });
  }

  // ------------------------------------------------------------------ exports

  static final String[] RESULT_HEADER = {"集聚区", "企业名称", "统一社会信用代码", "分组", "用地面积(亩)", "综合得分", "组内排名", "组内家数", "评价类别", "说明"};

  public List<Object[]> resultRows(Principal who, int runId) {
    return rows("SELECT k.name, e.name, e.credit_code, er.group_code, round(er.land_mu::numeric, 2), er.score, er.rank, er.group_size, "
        + "COALESCE(er.class, '不参评'), COALESCE(er.veto, er.exclusion, er.class_step) FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id "
        + "JOIN cluster k ON k.id = er.cluster_id WHERE er.run_id = ? AND er.cluster_id = ANY(?) ORDER BY k.code, er.class NULLS LAST, er.rank, e.credit_code",
        runId, who.readableClusters());
  }

  static final String[] POLICY_HEADER = {"集聚区", "企业名称", "统一社会信用代码", "年度", "评价类别", "连续年数", "政策类型", "政策内容", "数值", "单位"};

  /** The policies each classified enterprise gets for the run's year (the class streak from published runs decides the escalation). */
  public List<Object[]> policyRows(Principal who, int runId) {
    return rows("WITH r AS (SELECT id, year FROM evaluation_run WHERE id = ?), "
        + "hist AS (SELECT DISTINCT ON (x.year, er.enterprise_id) x.year, er.enterprise_id, er.class FROM evaluation_result er JOIN evaluation_run x ON x.id = er.run_id "
        + "  WHERE x.status = 'published' AND er.evaluated ORDER BY x.year, er.enterprise_id, x.published_at DESC), "
        + "cur AS (SELECT er.enterprise_id, er.cluster_id, er.class, r.year FROM evaluation_result er, r WHERE er.run_id = r.id AND er.class IS NOT NULL AND er.cluster_id = ANY(?)), "
        + "streak AS (SELECT cur.*, (SELECT min(g) FROM generate_series(1, 30) g WHERE NOT EXISTS (SELECT 1 FROM hist h "
        + "   WHERE h.enterprise_id = cur.enterprise_id AND h.year = cur.year - g AND h.class = cur.class)) AS years FROM cur) "
        + "SELECT k.name, e.name, e.credit_code, s.year, s.class, s.years, p.kind, p.description, p.value, p.unit FROM streak s "
        + "JOIN evaluation_policy p ON p.class = s.class AND s.years >= p.min_consecutive_years AND (p.max_consecutive_years IS NULL OR s.years <= p.max_consecutive_years) "
        + "JOIN enterprise e ON e.id = s.enterprise_id JOIN cluster k ON k.id = s.cluster_id ORDER BY k.code, e.credit_code, p.sort, p.kind", runId, who.readableClusters());
  }

  private List<Object[]> rows(String sql, Object... params) {
    return db.read(c -> mujun.db.Sql.rows(c, sql, params));
  }


  // ------------------------------------------------------------------ map and dashboard

  /** The land of a run's evaluated enterprises in a bbox, coloured by class. */
  public String map(Principal who, int runId, double[] bbox) {
    return db.read(c -> one(c, "SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object('type', 'Feature', 'id', p.id, "
        + "'geometry', ST_AsGeoJSON(p.geom, 6)::json, 'properties', json_build_object('code', p.code, 'enterpriseId', er.enterprise_id, 'name', e.name, "
        + "'class', COALESCE(er.class, 'excluded'), 'score', er.score))), '[]'))::text FROM evaluation_result er JOIN parcel p ON p.holder_id = er.enterprise_id "
        + "AND p.status = 'current' JOIN enterprise e ON e.id = er.enterprise_id WHERE er.run_id = ? AND er.cluster_id = ANY(?) "
        + "AND p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)", runId, who.readableClusters(), bbox[0], bbox[1], bbox[2], bbox[3]));
  }

  static final String DASHBOARD = "WITH f AS (SELECT e.cluster_id, i.year, sum(i.tax_wan) tax, sum(i.value_added_wan) va, sum(i.energy_tce) energy, "
      + "  sum(COALESCE(h.mu, 0) + COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000) land "
      + "  FROM enterprise e JOIN enterprise_indicator i ON i.enterprise_id = e.id "
      + "  LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q WHERE q.status = 'current' AND q.holder_id IS NOT NULL GROUP BY q.holder_id) h ON h.holder_id = e.id "
      + "  WHERE e.cluster_id = ANY(?) AND i.year BETWEEN ? - 4 AND ? GROUP BY e.cluster_id, i.year), "
      + "pub AS (SELECT DISTINCT ON (er.enterprise_id) er.cluster_id, er.class FROM evaluation_result er JOIN evaluation_run r ON r.id = er.run_id "
      + "  WHERE r.status = 'published' AND r.year = ? AND er.class IS NOT NULL ORDER BY er.enterprise_id, r.published_at DESC) "
      + "SELECT json_build_object('clusters', COALESCE(json_agg(json_build_object('clusterId', k.id, 'code', k.code, 'name', k.name, 'nameEn', k.name_en, "
      + "  'cityCode', k.city_code, 'cityName', c.name, 'cityNameEn', c.name_en, "
      + "  'series', (SELECT json_agg(json_build_object('year', f.year, 'taxPerMu', round((f.tax / NULLIF(f.land, 0))::numeric, 2), "
      + "     'vaPerMu', round((f.va / NULLIF(f.land, 0))::numeric, 2), 'energyPerVa', round((f.energy / NULLIF(f.va, 0))::numeric, 4), 'landMu', round(f.land::numeric, 1)) "
      + "     ORDER BY f.year) FROM f WHERE f.cluster_id = k.id), "
      + "  'classes', (SELECT json_object_agg(x.class, x.n) FROM (SELECT pub.class, count(*) n FROM pub WHERE pub.cluster_id = k.id GROUP BY pub.class) x), "
      + "  'lowEfficiencyMu', (SELECT round(COALESCE(sum(t.area_mu), 0)::numeric, 2) FROM low_eff_tag t WHERE t.cluster_id = k.id AND t.status = 'active')) "
      + "  ORDER BY k.city_code, k.code), '[]'), "
      + "'targets', (SELECT json_agg(json_build_object('key', key, 'value', value, 'label', label)) FROM dashboard_target WHERE scope_code = ''))::text "
      + "FROM cluster k JOIN city c ON c.code = k.city_code WHERE k.id = ANY(?)";

  /** Per cluster in scope: 亩均税收, 亩均增加值, energy per value added over five years, the class mix of the year's published run, low-efficiency land; with ranks. */
  public String dashboard(Principal who, int year) {
    return db.read(c -> {
      ObjectNode o = (ObjectNode) Json.tree(one(c, DASHBOARD, who.readableClusters(), year, year, year, who.readableClusters()));
      // Ranks of clusters by the year's 亩均税收: within their city and in the province (of the caller's scope).
      List<ObjectNode> cl = new ArrayList<>();
      for (JsonNode k : o.get("clusters")) {
        ObjectNode kn = (ObjectNode) k;
        double tax = Double.NaN, energy = Double.NaN, prevEnergy = Double.NaN;
        for (JsonNode s : k.path("series")) {
          if (s.get("year").asInt() == year) {
            tax = s.path("taxPerMu").asDouble(Double.NaN);
            energy = s.path("energyPerVa").asDouble(Double.NaN);
          }
          if (s.get("year").asInt() == year - 1) prevEnergy = s.path("energyPerVa").asDouble(Double.NaN);
        }
        if (!Double.isNaN(tax)) kn.put("taxPerMu", tax);
        if (!Double.isNaN(energy) && !Double.isNaN(prevEnergy) && prevEnergy > 0) {
          kn.put("energyPerVaChangePct", Math.round((energy / prevEnergy - 1) * 1000) / 10.0);
        }
        cl.add(kn);
      }
      List<ObjectNode> ranked = cl.stream().filter(k -> k.has("taxPerMu")).sorted((a, b) -> Double.compare(b.get("taxPerMu").asDouble(), a.get("taxPerMu").asDouble())).toList();
      Map<String, Integer> cityRank = new HashMap<>();
      for (int i = 0; i < ranked.size(); i++) {
        ObjectNode k = ranked.get(i);
        k.put("provinceRank", i + 1);
        int r = cityRank.merge(k.get("cityCode").asText(), 1, Integer::sum);
        k.put("cityRank", r);
      }
      o.put("year", year);
      o.put("rankedCount", ranked.size());
      return o.toString();
    });
  }
}
