package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code an import's dry run can report has its text in both languages of the web client, so the Chinese
 * interface never shows the server's English sentence (web/js/importer.js findingText).
 */
class FindingTextTest {
  @Test
  void everyFindingCodeHasItsTextInChineseAndEnglish() throws Exception {
    String sql = Files.readString(Path.of("src/main/java/mujun/importing/ImportSql.java")) + Files.readString(Path.of("src/main/java/mujun/importing/ImportService.java"));
    Set<String> codes = new TreeSet<>();
    Matcher m = Pattern.compile("problem\\(\"([A-Z_]+)\"|'code', '([A-Z_]+)'|THEN '([A-Z_]+)' ELSE '([A-Z_]+)'|\"code\", \"(MOJIBAKE)\"").matcher(sql);
    while (m.find()) for (int g = 1; g <= m.groupCount(); g++) if (m.group(g) != null) codes.add(m.group(g));
    assertThat(codes).contains("OVERLAP", "OVERLAP_IN_FILE", "CODE_INVALID", "GEOMETRY_TYPE", "MOJIBAKE").hasSizeGreaterThan(15);
    Path web = Path.of(System.getenv().getOrDefault("MUJUN_WEB_DIR", "../web"));
    String i18n = Files.readString(web.resolve("js/i18n.js"));
    int zh = i18n.indexOf("imp_GEOMETRY_EMPTY:"), en = i18n.indexOf("imp_GEOMETRY_EMPTY:", zh + 1);
    assertThat(zh).isPositive();
    assertThat(en).isGreaterThan(zh);
    String zhBlock = i18n.substring(zh, en), enBlock = i18n.substring(en);
    for (String code : codes) {
      assertThat(zhBlock).as("zh text of " + code).containsPattern("imp_" + code + "(_[a-z]+)?: '");
      assertThat(enBlock).as("en text of " + code).containsPattern("imp_" + code + "(_[a-z]+)?: '");
    }
    // and each variant the client asks for exists in both
    Matcher v = Pattern.compile("(imp_[A-Z_]+_[a-z]+):").matcher(zhBlock);
    while (v.find()) assertThat(enBlock).as(v.group(1)).contains(v.group(1) + ":");
  }
}
