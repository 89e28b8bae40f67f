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

  static final Set<String> RULES = Set.of("two_stage", "quotas", "thresholds");
  static final Set<String> EFFECTS = Set.of("bonus", "veto", "protect", "exclude");

  /** The yes/no figures (evidence a bonus or veto item can read). */
  static Set<String> flags() {
    Set<String> out = new java.util.TreeSet<>();
    for (Indicators.Field f : Indicators.FIELDS) if (f.kind().equals("flag")) out.add(f.column());
    return out;
  }

  /** The figures with an amount (a custom indicator's numerator or denominator, a counted item's evidence). */
  static Set<String> amounts() {
    Set<String> out = new java.util.TreeSet<>();
    for (Indicators.Field f : Indicators.FIELDS) if (!f.kind().equals("flag")) out.add(f.column());
    return out;
  }

  /**
   * The rules a method can state, by where they stand; a key outside these is refused rather than silently ignored (a
   * method that says more than the engine computes would explain classes it never gave).
   */
  private static final Map<String, Set<String>> KEYS = Map.of(
      "definition", Set.of("classes", "rounding", "landBasis", "scope", "groups", "bonus", "vetoes", "items", "sources"),
      "scope", Set.of("belowMinMu", "excludeYoungerThanYears", "excludeNewlyAboveYears", "industries"),
      "group", Set.of("code", "name", "nameEn", "sizeClass", "indicators", "classRule"),
      "indicator", Set.of("code", "name", "nameEn", "weight", "cap", "benchmark", "missing", "numerator", "denominator", "scale", "unit"),
      "benchmark", Set.of("type", "value"),
      "classRule", Set.of("type", "topShare", "aShare", "cShare", "aRankBy", "cRankBy", "shares", "min", "halfRounding", "refillVetoed", "per"),
      "bonus", Set.of("flag", "points", "name", "reason"),
      "veto", Set.of("flag", "class", "reason"),
      "item", Set.of("code", "name", "nameEn", "evidence", "min", "effect", "points", "pointsPer", "maxPoints", "class", "reason"));

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
      Set<String> own = new java.util.LinkedHashSet<>();
      if (inds == null || !inds.isArray() || inds.isEmpty()) add(p, at + ".indicators", "must list at least one indicator");
      else for (int i = 0; i < inds.size(); i++) {
        JsonNode x = inds.get(i);
        String ia = at + ".indicators[" + i + "]";
        known(p, x, "indicator", ia);
        known(p, x.get("benchmark"), "benchmark", ia + ".benchmark");
        String code = x.path("code").asText("");
        boolean custom = x.has("numerator") || x.has("denominator") || x.has("scale");
        if (!code.matches("[a-z][a-z0-9_]{1,30}")) add(p, ia + ".code", "must be a short code in lower case, e.g. tax_per_mu");
        else if (!own.add(code)) add(p, ia + ".code", "is listed twice in the group");
        if (custom) {
          // A method's own indicator: a figure, or a ratio of two figures (or of a figure and the land in 亩), scaled.
          if (Indicators.ALL.containsKey(code)) add(p, ia + ".code", "is a built-in indicator; give your own indicator another code");
          if (!amounts().contains(x.path("numerator").asText())) add(p, ia + ".numerator", "must be a figure with an amount (" + String.join(", ", amounts()) + ")");
          String den = x.path("denominator").asText("");
          if (x.has("denominator") && !den.equals("land") && !amounts().contains(den)) add(p, ia + ".denominator", "must be land (the enterprise's 亩) or a figure with an amount");
          if (x.has("scale") && (!x.get("scale").isNumber() || x.get("scale").asDouble() <= 0)) add(p, ia + ".scale", "must be a positive number (e.g. 100 for a percentage)");
          if (x.path("name").asText("").isBlank()) add(p, ia + ".name", "must name the indicator (e.g. 亩均研发投入)");
          if (x.path("unit").asText("").isBlank()) add(p, ia + ".unit", "must give the unit (e.g. 万元/亩)");
        } else if (!Indicators.ALL.containsKey(code)) {
          add(p, ia + ".code", "is not a known indicator (" + String.join(", ", Indicators.ALL.keySet()) + "); for your own give numerator, denominator, name and unit");
        }
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
      if (cr != null && cr.has("per") && !Set.of("cluster", "city", "province").contains(cr.path("per").asText())) {
        add(p, at + ".classRule.per", "must be cluster, city or province (where enterprises are ranked against each other)");
      }
      if (type.equals("two_stage")) {
        if (nClasses != 3) add(p, "classes", "a two-stage rule needs exactly three classes");
        for (String k : List.of("topShare", "aShare", "cShare")) {
          double v = cr.path(k).asDouble(-1);
          if (v < 0 || v > 1) add(p, at + ".classRule." + k, "must be a share between 0 and 1");
        }
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
          if (!v.equals("score") && !Indicators.ALL.containsKey(v) && !own.contains(v)) add(p, at + ".classRule." + k, "must be score, a known indicator, or a weighted sum of the group's indicators");
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
    Set<String> flags = flags(), amounts = amounts();
    for (JsonNode b : d.path("bonus")) {
      known(p, b, "bonus", "bonus");
      if (!flags.contains(b.path("flag").asText())) add(p, "bonus.flag", "must be one of " + flags);
      if (!b.path("points").isNumber()) add(p, "bonus.points", "must be a number");
    }
    for (JsonNode v : d.path("vetoes")) {
      known(p, v, "veto", "vetoes");
      if (!flags.contains(v.path("flag").asText())) add(p, "vetoes.flag", "must be one of " + flags);
      if (!isClass(classes, v.path("class").asText())) add(p, "vetoes.class", "must be one of the classes");
    }
    JsonNode items = d.get("items");
    if (items != null && !items.isArray()) add(p, "items", "must list the bonus, veto, protection and exclusion items");
    Set<String> itemCodes = new java.util.HashSet<>();
    for (int i = 0; items != null && items.isArray() && i < items.size(); i++) {
      JsonNode it = items.get(i);
      String at = "items[" + i + "]";
      known(p, it, "item", at);
      if (!it.path("code").asText("").matches("[a-z][a-z0-9_]{1,30}")) add(p, at + ".code", "must be a short code in lower case");
      else if (!itemCodes.add(it.path("code").asText())) add(p, at + ".code", "is listed twice");
      if (it.path("name").asText("").isBlank()) add(p, at + ".name", "must name the item (e.g. 高新技术企业)");
      String ev = it.path("evidence").asText("");
      if (!flags.contains(ev) && !amounts.contains(ev)) add(p, at + ".evidence", "must be a figure (a yes/no one such as " + String.join(", ", flags) + ", or a count such as invention_patents)");
      if (it.has("min") && (!it.get("min").isNumber() || !amounts.contains(ev))) add(p, at + ".min", "is the least amount of a counted figure (a yes/no figure has none)");
      String effect = it.path("effect").asText("");
      if (!EFFECTS.contains(effect)) add(p, at + ".effect", "must be bonus (points), veto (no better than a class), protect (never the lowest class) or exclude (not classified)");
      if (effect.equals("bonus")) {
        boolean per = it.has("pointsPer");
        if (!per && !it.path("points").isNumber()) add(p, at + ".points", "must be a number (negative for a deduction)");
        if (per && (!it.get("pointsPer").isNumber() || !amounts.contains(ev))) add(p, at + ".pointsPer", "gives points per unit of a counted figure");
        if (it.has("maxPoints") && (!per || !it.get("maxPoints").isNumber())) add(p, at + ".maxPoints", "caps points given per unit (with pointsPer)");
      } else if (it.has("points") || it.has("pointsPer")) {
        add(p, at + ".points", "only a bonus item gives points");
      }
      if (effect.equals("veto") && !isClass(classes, it.path("class").asText())) add(p, at + ".class", "must be one of the classes (the best class a vetoed enterprise can have)");
      if (!effect.equals("veto") && it.has("class")) add(p, at + ".class", "only a veto item sets a class");
    }
    return p;
  }

  private static boolean isClass(JsonNode classes, String c) {
    if (classes != null) for (JsonNode x : classes) if (x.asText().equals(c)) return true;
    return false;
  }

  private static void add(List<Map<String, String>> p, String field, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", message);
    p.add(m);
  }
}
