package mujun.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.http.Json;

/**
 * A result's reason (the class step or exclusion as data, evaluation_result.reason) in words, in Chinese or English,
 * for the result files: the web's own catalogue (web/js/reasons.js, packed into the jar), written as class-step.js
 * writes it. A result without a reason (a run computed before reasons were kept) keeps its Chinese record.
 */
public final class ReasonText {
  private static final JsonNode CATALOGUE = mujun.http.WebCatalogue.load("reasons.js");
  private static final Pattern VAR = Pattern.compile("\\{(\\w+)}");

  private ReasonText() {}

  /** The reason in {@code lang} (zh or en), or {@code fallback} when there is none or its rule is unknown. */
  public static String text(String lang, JsonNode reason, String fallback) {
    if (reason == null || !reason.hasNonNull("rule")) return fallback;
    JsonNode w = CATALOGUE.path(lang.equals("en") ? "en" : "zh");
    String rule = reason.get("rule").asText();
    String key = rule.equals("two_stage") ? "two_stage_" + reason.path("at").asText() : rule;
    if (!w.hasNonNull(key)) return fallback;
    Map<String, String> vars = new TreeMap<>();
    reason.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    vars.put("score", figure(reason.get("score"), 2));
    vars.put("land", figure(reason.get("land"), 2));
    vars.put("aBy", key(reason.get("aBy"), w, lang));
    vars.put("cBy", key(reason.get("cBy"), w, lang));
    vars.put("shares", list(reason.get("shares"), w, x -> figure(Json.MAPPER.getNodeFactory().numberNode(x.decimalValue().movePointRight(2)), 1) + "%"));
    vars.put("min", list(reason.get("min"), w, x -> figure(x, 2)));
    vars.put("rounding", w.path("rounding_" + reason.path("rounding").asText("half_up")).asText(w.path("rounding_half_up").asText()));
    vars.put("sizeClass", w.path("size_" + reason.path("sizeClass").asText()).asText(reason.path("sizeClass").asText("")));
    vars.put("industry", reason.hasNonNull("industry") ? reason.get("industry").asText() : "—");
    vars.put("scope", list(reason.get("scope"), w, JsonNode::asText));
    Matcher m = VAR.matcher(w.get(key).asText());
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
    m.appendTail(sb);
    return sb.toString();
  }

  private static String figure(JsonNode x, int digits) {
    if (x == null || !x.isNumber()) return x == null || x.isNull() ? "—" : x.asText();
    BigDecimal d = x.decimalValue().setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** A re-rank key in words: the score, an indicator by its name, or a weighted sum of indicators' points. */
  private static String key(JsonNode by, JsonNode w, String lang) {
    if (by == null || by.isNull() || by.asText().equals("score")) return w.path("score").asText();
    if (by.isTextual()) return name(by.asText(), lang);
    List<String> keys = new ArrayList<>();
    new TreeMap<>(Json.MAPPER.convertValue(by, Map.class)).forEach((k, v) -> {
      BigDecimal f = new BigDecimal(String.valueOf(v));
      keys.add(name(String.valueOf(k), lang) + (f.compareTo(BigDecimal.ONE) != 0 ? "×" + f.stripTrailingZeros().toPlainString() : ""));
    });
    return w.path("sumOfPoints").asText().replace("{keys}", String.join(w.path("listSep").asText(), keys));
  }

  private static String name(String code, String lang) {
    Indicators.Def d = Indicators.ALL.get(code);
    return d == null ? code : lang.equals("en") ? d.nameEn() : d.name();
  }

  private static String list(JsonNode xs, JsonNode w, java.util.function.Function<JsonNode, String> each) {
    if (xs == null || !xs.isArray() || xs.isEmpty()) return w.path("none").asText();
    List<String> out = new ArrayList<>();
    xs.forEach(x -> out.add(each.apply(x)));
    return String.join(w.path("listSep").asText(), out);
  }
}
