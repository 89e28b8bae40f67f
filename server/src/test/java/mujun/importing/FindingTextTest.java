package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code an import's dry run can report has its text in both languages of the catalogue the web client and the
 * report files share (web/js/findings.js), so neither the Chinese interface nor the office's CSV shows the server's
 * English sentence; the server renders a finding as the wizard does (ImportReport.text, importer.js findingText).
 */
class FindingTextTest {
  @Test
  void everyFindingCodeHasItsTextInChineseAndEnglish() throws Exception {
    String sql = Files.readString(Path.of("src/main/java/mujun/importing/ImportSql.java")) + Files.readString(Path.of("src/main/java/mujun/importing/ImportService.java"));
    Set<String> codes = new TreeSet<>();
    Matcher m = Pattern.compile("problem\\(\"([A-Z_]+)\"|'code', '([A-Z_]+)'|THEN '([A-Z_]+)' ELSE '([A-Z_]+)'|\"code\", \"(MOJIBAKE)\"").matcher(sql);
    while (m.find()) for (int g = 1; g <= m.groupCount(); g++) if (m.group(g) != null) codes.add(m.group(g));
    assertThat(codes).contains("OVERLAP", "OVERLAP_IN_FILE", "CODE_INVALID", "GEOMETRY_TYPE", "MOJIBAKE").hasSizeGreaterThan(15);
    // The catalogue the wizard and the report files share (web/js/findings.js; JSON between its outer braces).
    Path web = Path.of(System.getenv().getOrDefault("MUJUN_WEB_DIR", "../web"));
    String text = Files.readString(web.resolve("js/findings.js"));
    com.fasterxml.jackson.databind.JsonNode cat = mujun.http.Json.tree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
    for (String lang : List.of("zh", "en")) {
      com.fasterxml.jackson.databind.JsonNode f = cat.path(lang).path("findings");
      for (String code : codes) {
        boolean any = false;
        for (var it = f.fieldNames(); it.hasNext(); ) any |= it.next().matches(code + "(_[a-z]+)?");
        assertThat(any).as(lang + " text of " + code).isTrue();
      }
      assertThat(cat.path(lang).path("header")).hasSize(11);
    }
    // and each variant exists in both languages
    Set<String> zhKeys = new TreeSet<>(), enKeys = new TreeSet<>();
    cat.path("zh").path("findings").fieldNames().forEachRemaining(zhKeys::add);
    cat.path("en").path("findings").fieldNames().forEachRemaining(enKeys::add);
    assertThat(enKeys).isEqualTo(zhKeys);
    // The server renders a finding as the wizard does: the variant's text with the values it names.
    com.fasterxml.jackson.databind.JsonNode overlap = mujun.http.Json.tree("{\"code\":\"OVERLAP\",\"otherCode\":\"410184001001GB00001\",\"areaM2\":3.5,\"message\":\"Overlaps\"}");
    assertThat(ImportReport.text(cat.path("zh"), overlap)).isEqualTo("与现状宗地 410184001001GB00001 重叠 3.5 平方米。");
    com.fasterxml.jackson.databind.JsonNode hidden = mujun.http.Json.tree("{\"code\":\"OVERLAP\",\"areaM2\":2,\"message\":\"Overlaps\"}");
    assertThat(ImportReport.text(cat.path("en"), hidden)).isEqualTo("Overlaps a current parcel of another cluster by 2 m².");
    com.fasterxml.jackson.databind.JsonNode unknown = mujun.http.Json.tree("{\"code\":\"NO_SUCH\",\"message\":\"the server's sentence\"}");
    assertThat(ImportReport.text(cat.path("zh"), unknown)).isEqualTo("the server's sentence");
  }
}
