package mujun.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.http.Json;
import org.junit.jupiter.api.Test;

/**
 * Every rule a result's reason can carry (R__4_evaluation.sql writes them) has its text in both languages of the
 * catalogue the web and the result files share (web/js/reasons.js), naming the same values ({rank}, {class} …) in each, and the
 * English has no Chinese character.
 */
class ReasonTextTest {
  private static JsonNode catalogue() throws Exception {
    Path web = Path.of(System.getenv().getOrDefault("MUJUN_WEB_DIR", "../web"));
    String text = Files.readString(web.resolve("js/reasons.js"));
    return Json.tree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
  }

  @Test
  void everyRuleHasItsTextInChineseAndEnglish() throws Exception {
    String sql = Files.readString(Path.of("src/main/resources/db/migration/R__4_evaluation.sql"));
    Set<String> rules = new TreeSet<>();
    Matcher m = Pattern.compile("'rule', '([a-z_]+)'").matcher(sql);
    while (m.find()) rules.add(m.group(1));
    assertThat(rules).contains("two_stage", "quotas", "thresholds", "veto", "protected", "no_figures", "below_min", "young").hasSizeGreaterThan(12);
    JsonNode cat = catalogue();
    Set<String> keys = new TreeSet<>();
    for (String rule : rules) {
      if (rule.equals("two_stage")) for (String at : new String[] {"a", "c", "upper", "lower"}) keys.add("two_stage_" + at);
      else keys.add(rule);
    }
    for (String key : keys) {
      String zh = cat.path("zh").path(key).asText(null), en = cat.path("en").path(key).asText(null);
      assertThat(zh).as("zh text of " + key).isNotBlank();
      assertThat(en).as("en text of " + key).isNotBlank().doesNotContainPattern("\\p{IsHan}");
      assertThat(namedValues(en)).as("values named by " + key).isEqualTo(namedValues(zh));
    }
    Set<String> zhKeys = new TreeSet<>(), enKeys = new TreeSet<>();
    cat.path("zh").fieldNames().forEachRemaining(zhKeys::add);
    cat.path("en").fieldNames().forEachRemaining(enKeys::add);
    assertThat(enKeys).isEqualTo(zhKeys);
  }

  @Test
  void aStepIsWrittenWithTheIndicatorsNamesAndTheRunsRecordStandsWhenThereIsNoReason() {
    JsonNode sum = Json.tree("{\"rule\":\"two_stage\",\"at\":\"upper\",\"rank\":2,\"n\":9,\"topN\":5,\"aBy\":{\"tax_per_mu\":1,\"output_per_mu\":2},"
        + "\"rerank\":3,\"nA\":1,\"class\":\"B\"}");
    assertThat(ReasonText.text("zh", sum, null)).isEqualTo("综合得分第 2/9 名，在前 5 名内，但按亩均产值×2、亩均税收得分之和重排第 3 名，未进前 1 名 → B");
    assertThat(ReasonText.text("en", sum, null)).contains("re-ranked by the sum of points of Output per mu×2, Tax per mu at 3");
    JsonNode quotas = Json.tree("{\"rule\":\"quotas\",\"rank\":4,\"n\":20,\"shares\":[0.2,0.5,0.3],\"rounding\":\"floor\",\"class\":\"B\"}");
    assertThat(ReasonText.text("zh", quotas, null)).isEqualTo("综合得分第 4/20 名，按名额比例 20%、50%、30%（向下取整）→ B");
    assertThat(ReasonText.text("en", quotas, null)).isEqualTo("Ranked 4 of 20 by score, by the quotas 20%, 50%, 30% (rounded down) → B");
    JsonNode industry = Json.tree("{\"rule\":\"industry\",\"industry\":\"D4411\",\"scope\":[\"C\",\"I65\"]}");
    assertThat(ReasonText.text("en", industry, null)).isEqualTo("Not evaluated: industry D4411 is outside the method's scope (C, I65)");
    assertThat(ReasonText.text("en", null, "综合得分 80")).isEqualTo("综合得分 80");
    assertThat(ReasonText.text("en", Json.tree("{\"rule\":\"unknown_rule\"}"), "记录")).isEqualTo("记录");
  }

  private static Set<String> namedValues(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
