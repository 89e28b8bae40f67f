package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.http.Json;

/**
 * The import report as a person reads it, in Chinese or English: column headings, each feature's result and action,
 * its cluster by name, and every finding in words. The words are the web's own (web/js/findings.js, packed into the
 * jar): the wizard on screen and the CSV/XLSX an office keeps say the same. A finding whose code the catalogue does not
 * know keeps the server's sentence.
 */
public final class ImportReport {
  private static final JsonNode CATALOGUE = mujun.http.WebCatalogue.load("findings.js");

  private ImportReport() {}

  public static String[] header(String lang) {
    List<String> h = new ArrayList<>();
    CATALOGUE.path(lang).path("header").forEach(x -> h.add(x.asText()));
    return h.toArray(new String[0]);
  }

  /**
   * The report's rows in {@code lang} from ImportService.reportRows' (fid, status, action, code, cluster name, cluster
   * English name, area m², area 亩, declared m², problems, repairs, warnings — the last three JSON arrays).
   */
  public static List<Object[]> rows(String lang, List<Object[]> raw) {
    JsonNode words = CATALOGUE.path(lang);
    List<Object[]> out = new ArrayList<>(raw.size());
    for (Object[] r : raw) {
      out.add(new Object[] {r[0], word(words.path("status"), r[1]), word(words.path("action"), r[2]), r[3], lang.equals("en") ? r[5] : r[4],
          r[6], r[7], r[8], findings(words, r[9]), findings(words, r[10]), findings(words, r[11])});
    }
    return out;
  }

  private static Object word(JsonNode table, Object code) {
    return code == null ? null : table.path(code.toString()).asText(code.toString());
  }

  private static String findings(JsonNode words, Object json) {
    if (json == null) return null;
    List<String> texts = new ArrayList<>();
    for (JsonNode f : Json.tree(json.toString())) texts.add(text(words, f));
    return texts.isEmpty() ? null : String.join(" | ", texts);
  }

  private static final Pattern VAR = Pattern.compile("\\{(\\w+)}");

  /** A finding in words: its code's (and variant's) text with the values it names, else the server's sentence. */
  static String text(JsonNode words, JsonNode f) {
    JsonNode template = words.path("findings").path(f.path("code").asText() + variant(f));
    if (!template.isTextual()) return f.path("message").asText();
    Matcher m = VAR.matcher(template.asText());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      JsonNode v = f.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString()));
    }
    return m.appendTail(sb).toString();
  }

  /** The variant of a finding's text, as the wizard picks it (web/js/importer.js findingVariant). */
  static String variant(JsonNode f) {
    String code = f.path("code").asText();
    return switch (code) {
      case "GEOMETRY_EMPTY" -> f.path("afterRepair").asBoolean() ? "_after" : "";
      case "OUTSIDE_CLUSTER" -> f.hasNonNull("areaM2") ? "_area" : "";
      case "OUT_OF_SCOPE" -> "parcel".equals(f.path("of").asText()) ? "_parcel" : "_cluster";
      case "OVERLAP_IN_FILE" -> f.hasNonNull("otherCode") && !f.path("otherCode").asText().isEmpty() ? "_code" : "";
      case "OVERLAP" -> f.hasNonNull("otherCode") && !f.path("otherCode").asText().isEmpty() ? "" : "_hidden";
      case "LAND_USE_UNKNOWN" -> f.hasNonNull("value") ? "" : "_none";
      default -> "";
    };
  }
}
