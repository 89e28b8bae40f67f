package mujun.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Evaluation methods as data: the province's and cities' own, each with versions that are drafts (edited and
 * previewed), in force from a year, or retired. Only the owner (the province, or the city) writes a method; anyone who
 * runs evaluations may run any method in force. A preview computes a draft over a year's figures in a transaction that
 * is rolled back, and compares it with the year's published run.
 */
public final class MethodService {
  private final Db db;

  public MethodService(Db db) {
    this.db = db;
  }

  static final Set<String> STATUSES = Set.of("draft", "in_force", "retired");

  /** Every method with its current version (the newest in force, else the newest), owner and the list of versions. */
  public String methods() {
    return db.read(c -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.set("methods", Json.tree(mujun.db.Sql.one(c, EvalSql.METHODS)));
      o.set("indicators", Json.MAPPER.valueToTree(Indicators.ALL.values()));
      o.set("figures", Json.MAPPER.valueToTree(Indicators.FIELDS));
      o.set("flags", Json.MAPPER.valueToTree(MethodCheck.flags()));
      o.set("amounts", Json.MAPPER.valueToTree(MethodCheck.amounts()));
      return o.toString();
    });
  }

  /** One method with every version's definition. */
  public String method(String code) {
    String m = db.read(c -> EvalSql.METHOD_ONE.one(c, Named.values("code", code)));
    if (m == null) throw ApiError.notFound("No method " + Json.clip(code) + ".");
    return m;
  }

  /** The problems of a definition, for the editor as it is typed (an empty list: valid). */
  public List<Map<String, String>> check(JsonNode definition) {
    return MethodCheck.problems(definition, db.read(MethodService::sources));
  }

  static Set<String> sources(Connection c) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT code FROM figure_source"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private static void requireValid(Connection c, JsonNode definition) throws SQLException {
    List<Map<String, String>> problems = MethodCheck.problems(definition, sources(c));
    if (!problems.isEmpty()) throw ApiError.invalid("The method is not valid", problems);
  }

  /** A version's state as the caller asks for it: draft, or in force (from a year, or from the start). */
  public record Lifecycle(String status, Integer inForceFrom, String note) {
    public Lifecycle {
      if (status == null) status = "in_force";
      if (note == null) note = "";
    }
  }

  private static void requireOwner(Principal who, String ownerCity) {
    if (!who.editsMethodsOf(ownerCity)) {
      throw new ApiError(403, "FORBIDDEN", ownerCity == null
          ? "This is the province's method: only the province's coordinators change it. Start your city's own method from it instead."
          : "This method belongs to city " + ownerCity + "; only its coordinators (or the province's) change it.");
    }
  }

  /** Creates a method (the province's, or a city's own) with its first version, in one transaction; 409 when the code is taken. */
  public void createMethod(Principal who, String code, String name, String nameEn, String description, String ownerCity, JsonNode definition, Lifecycle life) {
    requireOwner(who, ownerCity);
    db.inTransaction(Db.Change.by(who.username(), "新评价办法 " + code), c -> {
      if (!life.status().equals("draft")) requireValid(c, definition);
      else requireObject(definition);
      String id = EvalSql.NEW_METHOD.one(c, Named.values("code", code, "name", name, "nameEn", nameEn, "description", description, "owner", ownerCity, "by", who.username()));
      return EvalSql.NEW_VERSION.one(c, Named.values("method", Integer.parseInt(id), "definition", definition.toString(), "by", who.username(),
          "status", life.status(), "from", life.inForceFrom(), "note", life.note()));
    });
  }

  private static void requireObject(JsonNode definition) {
    if (definition == null || !definition.isObject()) {
      throw ApiError.invalid("The method is not valid", List.of(Map.of("field", "definition", "message", "must be an object")));
    }
  }

  /** Saves a new version of a method's rules (checked first unless a draft); returns the version number. */
  public int saveVersion(Principal who, String code, JsonNode definition, Lifecycle life) {
    return db.inTransaction(Db.Change.by(who.username(), "评价办法新版本"), c -> {
      String[] m = methodForUpdate(c, code);
      requireOwner(who, m[1]);
      if (!life.status().equals("draft")) requireValid(c, definition);
      else requireObject(definition);
      return Integer.parseInt(EvalSql.NEW_VERSION.one(c, Named.values("method", Integer.parseInt(m[0]), "definition", definition.toString(),
          "by", who.username(), "status", life.status(), "from", life.inForceFrom(), "note", life.note())));
    });
  }

  private static String[] methodForUpdate(Connection c, String code) throws SQLException {
    List<Object[]> rows = EvalSql.METHOD_FOR_UPDATE.rows(c, Named.values("code", code));
    if (rows.isEmpty()) throw ApiError.notFound("No method " + Json.clip(code) + ".");
    Object[] r = rows.get(0);
    return new String[] {String.valueOf(r[0]), r[1] == null ? null : String.valueOf(r[1]).strip()};
  }

  /**
   * Changes a version: a draft's rules (null: kept), or its state (a draft put in force or retired; a version in force
   * retired). The database refuses anything else (a version in force never changes its rules).
   */
  public Map<String, Object> changeVersion(Principal who, String code, int version, JsonNode definition, String status, boolean fromGiven, Integer inForceFrom, String note) {
    return db.inTransaction(Db.Change.by(who.username(), "评价办法版本 " + code + " v" + version), c -> {
      String[] m = methodForUpdate(c, code);
      requireOwner(who, m[1]);
      List<Object[]> rows = EvalSql.VERSION_FOR_UPDATE.rows(c, Named.values("method", Integer.parseInt(m[0]), "version", version));
      if (rows.isEmpty()) throw ApiError.notFound("Method " + Json.clip(code) + " has no version " + version + ".");
      String current = String.valueOf(rows.get(0)[0]);
      JsonNode def = definition != null ? definition : Json.tree(String.valueOf(rows.get(0)[1]));
      String next = status == null ? current : status;
      if (!current.equals("draft") && (definition != null || fromGiven)) {
        throw new ApiError(409, "VERSION_FROZEN", "Version " + version + " is " + (current.equals("in_force") ? "in force" : "retired")
            + " and its rules never change; save a new version (a draft) instead.");
      }
      if (current.equals("retired") || current.equals("in_force") && !next.equals("retired") && !next.equals("in_force")) {
        throw new ApiError(409, "VERSION_FROZEN", "Version " + version + " is " + current.replace('_', ' ') + "; it can only be retired.");
      }
      if (next.equals("in_force")) requireValid(c, def);
      else requireObject(def);
      EvalSql.CHANGE_VERSION.update(c, Named.values("method", Integer.parseInt(m[0]), "version", version, "definition", definition == null ? null : definition.toString(),
          "status", next, "fromGiven", fromGiven, "from", inForceFrom, "note", note));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("method", code);
      out.put("version", version);
      out.put("status", next);
      out.put("problems", MethodCheck.problems(def, sources(c)));
      return out;
    });
  }

  /** What a draft (or any version) would give for a year, beside the year's published run; nothing is kept. */
  public String preview(Principal who, String code, int version, int year, Integer[] clusters, Integer baseRun) {
    Integer[] scope = who.evaluationClusters();
    Integer[] chosen = clusters == null || clusters.length == 0 ? scope : clusters;
    for (Integer k : chosen) {
      if (java.util.Arrays.stream(scope).noneMatch(k::equals)) throw new ApiError(403, "OUT_OF_SCOPE", "Cluster " + k + " is not in your scope.");
    }
    if (chosen.length == 0) throw ApiError.unprocessable("VALIDATION_FAILED", "No clusters to evaluate.", Map.of("field", "clusters"));
    return db.tryOut(new Db.Change(who.username(), "评价办法预览 " + code, "evaluate"), c -> {
      String vid = EvalSql.VERSION.one(c, Named.values("method", code, "version", version));
      if (vid == null) throw ApiError.notFound("Method " + Json.clip(code) + " has no version " + version + ".");
      requireValid(c, Json.tree(EvalSql.VERSION_DEFINITION.one(c, Named.values("id", Integer.parseInt(vid)))));
      Integer base = baseRun;
      if (base == null) {
        String b = EvalSql.PUBLISHED_FOR_YEAR.one(c, Named.values("year", year, "clusters", chosen));
        base = b == null ? null : Integer.parseInt(b);
      } else if (EvalSql.RUN.one(c, Named.values("scope", who.readableClusters(), "run", base)) == null) {
        throw ApiError.notFound("Run " + base + " does not exist in your scope.");
      }
      int runId = Integer.parseInt(EvalSql.NEW_RUN.one(c, Named.values("version", Integer.parseInt(vid), "year", year, "clusters", chosen,
          "by", who.username(), "corrects", null, "note", "preview")));
      long t0 = System.nanoTime();
      EvalRepository.compute(c, runId, Integer.parseInt(vid), chosen, year);
      ObjectNode o = (ObjectNode) Json.tree(EvalSql.PREVIEW_DIFF.one(c, Named.values("run", runId, "base", base, "clusters", chosen)));
      o.put("method", code).put("version", version).put("year", year).put("durationMs", (System.nanoTime() - t0) / 1_000_000);
      if (base == null) o.putNull("baseRunId");
      else o.put("baseRunId", base);
      return o.toString();
    });
  }
}
