package mujun.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a method definition before it is saved: every code known, weights and shares sensible, class rules complete. */
final class MethodCheck {
  private MethodCheck() {}

  static final Set<String> FLAGS = Set.of("safety_accident", "env_accident", "high_tech", "listed");
  static final Set<String> RULES = Set.of("two_stage", "quotas", "thresholds");

  /**
   * The rules a method can state, by where they stand; a key outside these is refused rather than silently ignored (a
   * method that says more than the engine computes would explain classes it never gave).
   */
  private static final Map<String, Set<String>> KEYS = Map.of(
      "definition", Set.of("classes", "rounding", "landBasis", "scope", "groups", "bonus", "vetoes", "sources"),
      "scope", Set.of("belowMinMu", "excludeYoungerThanYears", "excludeNewlyAboveYears", "industries"),
      "group", Set.of("code", "name", "nameEn", "sizeClass", "indicators", "classRule"),
      "indicator", Set.of("code", "name", "nameEn", "weight", "cap", "benchmark", "missing"),
      "benchmark", Set.of("type", "value"),
      "classRule", Set.of("type", "topShare", "aShare", "cShare", "aRankBy", "cRankBy", "shares", "min", "halfRounding", "refillVetoed"),
      "bonus", Set.of("flag", "points", "name", "reason"),
      "veto", Set.of("flag", "class", "reason"));

  /** Refuses the keys of {@code n} (an object at {@code at}) that a {@code kind} cannot hold. */
  private static void known(List<Map<String, String>> p, JsonNode n, String kind, String at) {
    if (n == null || !n.isObject()) return;
    Set<String> ok = KEYS.get(kind);
    n.fieldNames().forEachRemaining(k -> {
      if (!ok.contains(k)) {
        add(p, at.isEmpty() ? k : at + "." + k, "is not a rule this method can state; a " + kind + " has " + String.join(", ", new java.util.TreeSet<>(ok)));
      }
    });
  }

  /** The problems of definition {@code d}; {@code sources} are the codes of figure_source (the departments, as data). */
  static List<Map<String, String>> problems(JsonNode d, Set<String> sources) {
    List<Map<String, String>> p = new ArrayList<>();
    if (d == null || !d.isObject()) {
      add(p, "definition", "must be an object");
      return p;
    }
    known(p, d, "definition", "");
    known(p, d.get("scope"), "scope", "scope");
    JsonNode industries = d.path("scope").get("industries");
    if (industries != null) {
      if (!industries.isArray() || industries.isEmpty()) add(p, "scope.industries", "must list sections or divisions of 国民经济行业分类, e.g. [\"C\"] or [\"C13\", \"C14\"]");
      else for (JsonNode x : industries) {
        if (!x.isTextual() || !x.asText().matches("[A-T]([0-9]{2,4})?")) add(p, "scope.industries", "names " + mujun.http.Json.clip(x.asText()) + ", not a section or division code");
      }
    }
    JsonNode newly = d.path("scope").get("excludeNewlyAboveYears");
    if (newly != null && (!newly.isInt() || newly.asInt() < 0 || newly.asInt() > 20)) add(p, "scope.excludeNewlyAboveYears", "must be a whole number of years, 0 to 20");
    JsonNode order = d.get("sources");
    if (order != null) {
      if (!order.isObject()) add(p, "sources", "must be an object: figure → the sources in the order the method prefers them");
      else order.fields().forEachRemaining(e -> {
        if (!IndicatorService.FIELDS.containsKey(e.getKey())) add(p, "sources." + e.getKey(), "is not a figure (" + String.join(", ", IndicatorService.FIELDS.keySet()) + ")");
        if (!e.getValue().isArray() || e.getValue().isEmpty()) add(p, "sources." + e.getKey(), "must list sources, e.g. [\"tax\", \"stats\"]");
        else for (JsonNode s : e.getValue()) {
          if (!sources.contains(s.asText())) add(p, "sources." + e.getKey(), "names an unknown source " + mujun.http.Json.clip(s.asText()) + " (one of " + sources + ")");
        }
      });
    }
    JsonNode classes = d.get("classes");
    if (classes == null || !classes.isArray() || classes.size() < 2 || classes.size() > 6) add(p, "classes", "must list 2 to 6 classes, best first");
    int nClasses = classes == null || !classes.isArray() ? 0 : classes.size();
    String rounding = d.path("rounding").asText("half_up");
    if (!Set.of("half_up", "floor", "ceil").contains(rounding)) add(p, "rounding", "must be half_up, floor or ceil");
    if (!Set.of("held", "held_plus_rented").contains(d.path("landBasis").asText("held_plus_rented"))) add(p, "landBasis", "must be held or held_plus_rented");
    JsonNode groups = d.get("groups");
    if (groups == null || !groups.isArray() || groups.isEmpty()) add(p, "groups", "must list at least one group");
    else for (int gi = 0; gi < groups.size(); gi++) {
      JsonNode g = groups.get(gi);
      String at = "groups[" + gi + "]";
      known(p, g, "group", at);
      if (!Set.of("above", "below").contains(g.path("sizeClass").asText())) add(p, at + ".sizeClass", "must be above or below");
      if (!g.path("code").asText("").matches("[a-z0-9_]{1,20}")) add(p, at + ".code", "must be a short code");
      JsonNode inds = g.get("indicators");
      if (inds == null || !inds.isArray() || inds.isEmpty()) add(p, at + ".indicators", "must list at least one indicator");
      else for (int i = 0; i < inds.size(); i++) {
        JsonNode x = inds.get(i);
        String ia = at + ".indicators[" + i + "]";
        known(p, x, "indicator", ia);
        known(p, x.get("benchmark"), "benchmark", ia + ".benchmark");
        if (!Indicators.ALL.containsKey(x.path("code").asText())) add(p, ia + ".code", "is not a known indicator (" + String.join(", ", Indicators.ALL.keySet()) + ")");
        if (!x.path("weight").isNumber() || x.get("weight").asDouble() <= 0) add(p, ia + ".weight", "must be a positive number");
        if (x.has("cap") && !x.get("cap").isNull() && (!x.get("cap").isNumber() || x.get("cap").asDouble() < 1)) add(p, ia + ".cap", "must be at least 1 (a multiple of the weight)");
        String bt = x.path("benchmark").path("type").asText("mean");
        if (!Set.of("mean", "fixed", "mean_multiple").contains(bt)) add(p, ia + ".benchmark.type", "must be mean, fixed or mean_multiple");
        if (!bt.equals("mean") && (!x.path("benchmark").path("value").isNumber() || x.path("benchmark").path("value").asDouble() <= 0)) {
          add(p, ia + ".benchmark.value", "must be a positive number");
        }
        if (!Set.of("zero", "mean").contains(x.path("missing").asText("zero"))) add(p, ia + ".missing", "must be zero or mean");
      }
      JsonNode cr = g.get("classRule");
      String type = cr == null ? "" : cr.path("type").asText();
      known(p, cr, "classRule", at + ".classRule");
      if (!RULES.contains(type)) add(p, at + ".classRule.type", "must be two_stage, quotas or thresholds");
      if (cr != null && cr.has("halfRounding") && !Set.of("half_up", "floor", "ceil").contains(cr.path("halfRounding").asText())) {
        add(p, at + ".classRule.halfRounding", "must be half_up, floor or ceil");
      }
      if (cr != null && cr.has("refillVetoed") && !cr.get("refillVetoed").isBoolean()) add(p, at + ".classRule.refillVetoed", "must be true or false");
      else if (type.equals("two_stage")) {
        if (nClasses != 3) add(p, "classes", "a two-stage rule needs exactly three classes");
        for (String k : List.of("topShare", "aShare", "cShare")) {
          double v = cr.path(k).asDouble(-1);
          if (v < 0 || v > 1) add(p, at + ".classRule." + k, "must be a share between 0 and 1");
        }
        Set<String> own = new java.util.HashSet<>();
        if (inds != null) inds.forEach(x -> own.add(x.path("code").asText()));
        for (String k : List.of("aRankBy", "cRankBy")) {
          JsonNode by = cr.get(k);
          if (by != null && by.isObject()) {
            // A weighted sum of the group's own indicators' points.
            if (by.isEmpty()) add(p, at + ".classRule." + k, "must name at least one indicator");
            by.fields().forEachRemaining(e -> {
              if (!own.contains(e.getKey())) add(p, at + ".classRule." + k + "." + e.getKey(), "must be one of the group's indicators " + own);
              if (!e.getValue().isNumber() || e.getValue().asDouble() <= 0) add(p, at + ".classRule." + k + "." + e.getKey(), "must be a positive weight");
            });
            continue;
          }
          String v = by == null ? "score" : by.asText("score");
          if (!v.equals("score") && !Indicators.ALL.containsKey(v)) add(p, at + ".classRule." + k, "must be score, a known indicator, or a weighted sum of the group's indicators");
        }
      } else if (type.equals("quotas")) {
        JsonNode s = cr.get("shares");
        double sum = 0;
        if (s == null || !s.isArray() || s.size() != nClasses) add(p, at + ".classRule.shares", "must give one share per class");
        else for (JsonNode x : s) sum += x.asDouble();
        if (s != null && s.isArray() && Math.abs(sum - 1) > 1e-9) add(p, at + ".classRule.shares", "must add up to 1");
      } else {
        JsonNode m = cr.get("min");
        if (m == null || !m.isArray() || m.size() != nClasses) add(p, at + ".classRule.min", "must give one minimum score per class, best first");
        else for (int i = 1; i < m.size(); i++) if (m.get(i).asDouble() > m.get(i - 1).asDouble()) add(p, at + ".classRule.min", "must not increase");
      }
    }
    for (JsonNode b : d.path("bonus")) {
      known(p, b, "bonus", "bonus");
      if (!FLAGS.contains(b.path("flag").asText())) add(p, "bonus.flag", "must be one of " + FLAGS);
      if (!b.path("points").isNumber()) add(p, "bonus.points", "must be a number");
    }
    for (JsonNode v : d.path("vetoes")) {
      known(p, v, "veto", "vetoes");
      if (!FLAGS.contains(v.path("flag").asText())) add(p, "vetoes.flag", "must be one of " + FLAGS);
      boolean known = false;
      if (classes != null) for (JsonNode c : classes) known |= c.asText().equals(v.path("class").asText());
      if (!known) add(p, "vetoes.class", "must be one of the classes");
    }
    return p;
  }

  private static void add(List<Map<String, String>> p, String field, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", message);
    p.add(m);
  }
}
