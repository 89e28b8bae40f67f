package mujun.evaluation;

import static mujun.db.Sql.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Methods, runs, results, explanations, policies and the dashboard of the enterprise evaluation. The computation is
 * one set-based SQL function (evaluation_compute) over a frozen input snapshot; scope is bound into every query.
 */
public final class EvalRepository {
  private final Db db;
  private final mujun.db.Replicas reads;

  /** For commands: every read on {@code db}. */
  public EvalRepository(Db db) {
    this(db, mujun.db.Replicas.none(db));
  }

  public EvalRepository(Db db, mujun.db.Replicas reads) {
    this.db = db;
    this.reads = reads;
  }

  // ------------------------------------------------------------------ runs

  /** A principal for the command line and the demo generator: admin over the given clusters. */
  public static Principal system(String name, Integer[] clusters) {
    return new Principal(0, name, name, java.util.Set.of("admin"), List.of(new Principal.Grant("admin", "province", "")), "", clusters, clusters, "cli",
        Map.of("admin", clusters));
  }

  /** Every cluster id. */
  public Integer[] allClusters() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(EvalSql.ALL_CLUSTERS); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (Integer[]) rs.getArray(1).getArray();
      }
    });
  }

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
      String vid = (r.version() == null ? EvalSql.IN_FORCE_VERSION : EvalSql.VERSION).one(c, Named.values("method", r.method(), "version", r.version(), "year", r.year()));
      if (vid == null) {
        throw ApiError.unprocessable("VALIDATION_FAILED", r.version() == null
            ? "No version of method " + Json.clip(r.method()) + " is in force for " + r.year() + " (or there is no such method)."
            : "No such method or version: " + Json.clip(r.method()) + " v" + r.version() + ".", Map.of("field", "method"));
      }
      if ("draft".equals(EvalSql.VERSION_STATUS.one(c, Named.values("id", Integer.parseInt(vid))))) {
        throw ApiError.unprocessable("VALIDATION_FAILED", "Version " + r.version() + " of " + Json.clip(r.method())
            + " is a draft: preview it, or put it in force, before running it.", Map.of("field", "version"));
      }
      if (r.correctsRunId() != null) {
        String st = EvalSql.RUN_STATUS_IN_YEAR.one(c, Named.values("run", r.correctsRunId(), "year", r.year()));
        if (!"published".equals(st)) throw ApiError.unprocessable("VALIDATION_FAILED", "A correction refers to a published run of the same year.", Map.of("field", "correctsRunId"));
      }
      int runId = Integer.parseInt(EvalSql.NEW_RUN.one(c, Named.values("version", Integer.parseInt(vid), "year", r.year(), "clusters", clusters,
          "by", who.username(), "corrects", r.correctsRunId(), "note", r.note() == null ? "" : r.note())));
      long[] t = compute(c, runId, Integer.parseInt(vid), clusters, r.year());
      long t1 = t[0], t2 = t[1], t3 = t[2];
      String n = String.valueOf(t[3]);
      int ms = (int) ((t3 - t0) / 1_000_000);
      EvalSql.RUN_DURATION.update(c, Named.values("ms", ms, "run", runId));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", runId);
      m.put("enterprises", Integer.parseInt(n));
      m.put("durationMs", ms);
      m.put("snapshotMs", (t2 - t1) / 1_000_000);
      m.put("computeMs", (t3 - t2) / 1_000_000);
      return m;
    });
  }

  /**
   * Freezes run {@code runId}'s inputs (with the method's order of sources) and computes its results; returns the
   * times (ns) after the snapshot's start, the snapshot and the computation, and the number of enterprises.
   */
  static long[] compute(java.sql.Connection c, int runId, int versionId, Integer[] clusters, int year) throws java.sql.SQLException {
    long t1 = System.nanoTime();
    EvalSql.SNAPSHOT.update(c, Named.values("run", runId, "clusters", clusters, "year", year));
    String sources = EvalSql.METHOD_SOURCES.one(c, Named.values("version", versionId));
    if (sources != null) {
      EvalSql.MATERIALIZE_FIGURES.update(c, Named.values("run", runId));
      // The method names which source's figure it uses, where the default rank would pick another.
      for (var it = Json.tree(sources).fields(); it.hasNext(); ) {
        var e = it.next();
        if (!IndicatorService.FIELDS.containsKey(e.getKey())) continue;
        String[] order = new String[e.getValue().size()];
        for (int i = 0; i < order.length; i++) order[i] = e.getValue().get(i).asText();
        boolean flag = IndicatorService.FIELDS.get(e.getKey()).kind().equals("flag");
        EvalSql.PREFER_SOURCES.update(c, Named.values("run", runId, "figure", e.getKey(), "order", order, "flag", flag));
      }
    }
    long t2 = System.nanoTime();
    long n = Long.parseLong(EvalSql.COMPUTE.one(c, Named.values("run", runId)));
    return new long[] {t1, t2, System.nanoTime(), n};
  }

  /** The snapshot statement as the server sends it (for scripts/bench to time beside the server). */
  public static String snapshotStatement() {
    return EvalSql.SNAPSHOT.sql();
  }

  public String runs(Principal who, Integer year) {
    return db.read(c -> EvalSql.RUNS.one(c, Named.values("scope", who.readableClusters(), "year", year)));
  }

  public Optional<String> runJson(Principal who, int id) {
    return db.read(c -> Optional.ofNullable(EvalSql.RUN.one(c, Named.values("scope", who.readableClusters(), "run", id))));
  }

  /** The filters and page of a run's results. */
  public record ResultQuery(Integer cluster, String cls, String group, String q, boolean changed, int limit, int offset) {}

  public String results(Principal who, int runId, ResultQuery r) {
    String q = r.q() == null || r.q().isBlank() ? null : r.q().strip();
    return db.read(c -> EvalSql.RESULTS.one(c, Named.values("run", runId, "scope", who.readableClusters(), "cluster", r.cluster(), "class", r.cls(),
        "group", r.group(), "q", q, "contains", q == null ? null : "%" + mujun.db.Sql.likeEscape(q.toLowerCase()) + "%",
        "prefix", q == null ? null : mujun.db.Sql.likeEscape(q.toUpperCase()) + "%", "changed", r.changed(), "limit", r.limit(), "offset", r.offset())));
  }

  /** One enterprise's result explained: inputs, indicators, rank, class step, veto, last year, history, parcels. */
  public Optional<String> explain(Principal who, int runId, long enterpriseId) {
    return db.read(c -> {
      String row = EvalSql.EXPLAIN.one(c, Named.values("run", runId, "enterprise", enterpriseId, "scope", who.readableClusters()));
      if (row == null) return Optional.empty();
      ObjectNode o = (ObjectNode) Json.tree(row);
      ArrayNode inds = (ArrayNode) o.get("result").get("indicators");
      for (JsonNode x : inds) {
        Indicators.Def d = Indicators.ALL.get(x.get("code").asText());
        if (d != null) {
          ((ObjectNode) x).put("name", d.name()).put("nameEn", d.nameEn()).put("unit", d.unit());
        }
      }
      // The catalogue's indicator names, for the class step's re-rank keys in the reader's language (class-step.js).
      o.set("indicatorCatalogue", Json.MAPPER.valueToTree(Indicators.ALL.values()));
      int year = o.get("year").asInt();
      o.set("history", Json.tree(EvalSql.CLASS_HISTORY.one(c, Named.values("enterprise", enterpriseId))));
      String prev = null;
      for (JsonNode h : o.get("history")) if (h.get("year").asInt() == year - 1) prev = h.path("class").asText(null);
      o.put("previousClass", prev);
      o.set("parcels", Json.tree(EvalSql.ENTERPRISE_PARCELS.one(c, Named.values("enterprise", enterpriseId))));
      o.set("trend", Json.tree(EvalSql.TREND.one(c, Named.values("enterprise", enterpriseId, "year", year))));
      ArrayNode pol = o.putArray("policies");
      for (Object[] p : EvalSql.POLICY_ROWS.rows(c, Named.values("run", runId, "scope", who.readableClusters(), "enterprise", enterpriseId, "department", null))) {
        pol.addObject().put("years", ((Number) p[5]).intValue()).put("kind", String.valueOf(p[6])).put("department", String.valueOf(p[7]))
            .put("description", String.valueOf(p[8])).put("value", p[9] == null ? null : p[9].toString()).put("unit", String.valueOf(p[10]))
            .put("legalBasis", String.valueOf(p[11]));
      }
      return Optional.of(o.toString());
    });
  }

  /** Publishes a draft; a correction supersedes the run it corrects. Only one published run per year and cluster. */
  public void publish(Principal who, int runId) {
    db.inTransaction(Db.Change.by(who.username(), "发布评价结果"), c -> {
      String[] st = new String[3];
      try (PreparedStatement ps = EvalSql.RUN_FOR_PUBLISH.prepare(c, Named.values("run", runId, "scope", who.evaluationClusters()))) {
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.notFound("Run " + runId + " does not exist in your scope.");
          st[0] = rs.getString(1);
          st[1] = rs.getString(2);
          st[2] = rs.getString(3);
        }
      }
      if (!"draft".equals(st[0])) throw new ApiError(409, "NOT_DRAFT", "Run " + runId + " is " + st[0] + "; only a draft can be published.");
      String clash = EvalSql.PUBLISHED_CLASH.one(c, Named.values("year", Integer.parseInt(st[2]), "run", runId, "corrects", st[1] == null ? null : Integer.parseInt(st[1])));
      if (clash != null) {
        throw new ApiError(409, "ALREADY_PUBLISHED", "Run " + clash + " is already published for " + st[2] + " in some of these clusters; "
            + "make this run a correction of it (correctsRunId) to replace it.");
      }
      if (st[1] != null) EvalSql.SUPERSEDE.update(c, Named.values("run", Integer.parseInt(st[1])));
      // The output's hash is frozen with the publication (a draft's is computed when asked for).
      EvalSql.FREEZE_HASH.update(c, Named.values("run", runId));
      EvalSql.PUBLISH.update(c, Named.values("by", who.username(), "run", runId));
      return null;
    });
  }

  public void discard(Principal who, int runId) {
    db.inTransaction(Db.Change.by(who.username(), "废弃评价草稿"), c -> {
      if (EvalSql.DISCARD_DRAFT.update(c, Named.values("run", runId, "scope", who.evaluationClusters())) == 0) {
        throw new ApiError(409, "NOT_DRAFT", "Only a draft run of your scope can be discarded.");
      }
      return null;
    });
  }

  /** Re-computes a run from its frozen inputs and method version into a scratch run; reports whether the output is identical. */
  public Map<String, Object> verify(Principal who, int runId) {
    return db.inTransaction(new Db.Change(who.username(), "复核评价 " + runId, "evaluate"), c -> {
      String orig = EvalSql.OUTPUT_HASH_IN_SCOPE.one(c, Named.values("run", runId, "scope", who.readableClusters()));
      if (orig == null) throw ApiError.notFound("Run " + runId + " does not exist in your scope.");
      int scratch = Integer.parseInt(EvalSql.SCRATCH_RUN.one(c, Named.values("by", who.username(), "run", runId)));
      EvalSql.COPY_INPUT.update(c, Named.values("scratch", scratch, "run", runId));
      EvalSql.COMPUTE.one(c, Named.values("run", scratch));
      String again = EvalSql.OUTPUT_HASH.one(c, Named.values("run", scratch));
      // The decisions (group, evaluated or not, score, rank, class, bonus, veto) compared row by row: a run published
      // before the engine wrote its explanations in another form is still reproduced when every decision is the same.
      int differ = Integer.parseInt(EvalSql.DECISIONS_DIFFER.one(c, Named.values("run", runId, "scratch", scratch)));
      EvalSql.DISCARD.update(c, Named.values("run", scratch));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runId", runId);
      m.put("outputSha256", orig);
      m.put("recomputedSha256", again);
      m.put("sameBytes", orig.equals(again));
      m.put("differingEnterprises", differ);
      m.put("identical", differ == 0);
      return m;
    });
  }

  // ------------------------------------------------------------------ exports

  static final String[] RESULT_HEADER = {"集聚区", "企业名称", "统一社会信用代码", "分组", "用地面积(亩)", "综合得分", "组内排名", "组内家数", "评价类别", "说明"};
  static final String[] RESULT_HEADER_EN = {"Cluster", "Enterprise", "Credit code", "Group", "Land (mu)", "Score", "Rank in group", "Group size", "Class", "Reason"};

  /**
   * A run's results as the file's rows in {@code lang} (zh or en): the cluster's name, the reason in words (the veto's
   * item, else the class step or exclusion; a run without reasons keeps its Chinese record).
   */
  public List<Object[]> resultRows(Principal who, int runId, String lang) {
    boolean en = lang.equals("en");
    List<Object[]> out = new java.util.ArrayList<>();
    for (Object[] r : rows(EvalSql.RESULT_ROWS, runId, who)) {
      JsonNode reason = r[11] == null ? null : Json.tree(r[11].toString());
      String said = r[10] == null ? null : r[10].toString();
      Object group = !en ? r[12] : "above".equals(r[4]) ? "Above size" : "below".equals(r[4]) ? "Below size" : r[4];
      out.add(new Object[] {en ? r[1] : r[0], r[2], r[3], group, r[5], r[6], r[7], r[8], r[9] != null ? r[9] : en ? "Not evaluated" : "不参评",
          ReasonText.text(lang, reason, said)});
    }
    return out;
  }

  static final String[] POLICY_HEADER = {"集聚区", "企业名称", "统一社会信用代码", "年度", "评价类别", "连续年数", "政策类型", "执行部门", "政策内容", "数值", "单位", "政策依据"};

  /** The policies each classified enterprise gets for the run's year, for one receiving department (null: all). */
  public List<Object[]> policyRows(Principal who, int runId, String department) {
    return db.read(c -> EvalSql.POLICY_ROWS.rows(c, Named.values("run", runId, "scope", who.readableClusters(), "enterprise", null, "department", department)));
  }

  private List<Object[]> rows(Named sql, int runId, Principal who) {
    return db.read(c -> sql.rows(c, Named.values("run", runId, "scope", who.readableClusters())));
  }

  // ------------------------------------------------------------------ map and dashboard

  /** The land of a run's evaluated enterprises in a bbox, coloured by class. */
  public String map(Principal who, int runId, double[] bbox) {
    return db.read(c -> EvalSql.MAP.one(c, Named.values("run", runId, "scope", who.readableClusters(), "x0", bbox[0], "y0", bbox[1], "x1", bbox[2], "y1", bbox[3])));
  }

  /** Per cluster in scope: 亩均税收, 亩均增加值, energy per value added over five years, the class mix of the year's published run, low-efficiency land; with ranks. */
  public String dashboard(Principal who, int year) {
    return reads.read(who.username(), c -> {
      ObjectNode o = (ObjectNode) Json.tree(EvalSql.DASHBOARD.one(c, Named.values("scope", who.readableClusters(), "year", year)));
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
