package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import mujun.http.Json;

/** The HTML view of OGC API resources: plain, escaped, with the JSON one click away. */
final class Html {
  private Html() {}

  static String esc(String s) {
    if (s == null) return "";
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  static String page(String title, String body) {
    return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + "</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body>"
        + "<header class=\"bar\"><a class=\"brand link\" href=\"/ogcapi?f=html\">亩均 Mujun · OGC API</a><span class=\"spacer\"></span>"
        + "<a class=\"link\" href=\"/ogcapi/collections?f=html\">Collections</a></header><main class=\"page\"><h1>" + esc(title) + "</h1>" + body
        + "</main></body></html>";
  }

  static String links(List<Map<String, String>> links) {
    StringBuilder sb = new StringBuilder("<ul>");
    for (Map<String, String> l : links) {
      sb.append("<li><a href=\"").append(esc(l.get("href"))).append("\">").append(esc(l.get("title"))).append("</a> <small>(")
          .append(esc(l.get("rel"))).append(", ").append(esc(l.get("type"))).append(")</small></li>");
    }
    return sb.append("</ul>").toString();
  }

  /** A table of features: id and every property. */
  static String itemsTable(List<String> features, long matched) {
    StringBuilder sb = new StringBuilder("<p>" + features.size() + " / " + matched + "</p><table class=\"grid\">");
    boolean header = false;
    for (String f : features) {
      JsonNode n;
      try {
        n = Json.MAPPER.readTree(f);
      } catch (Exception e) {
        continue;
      }
      JsonNode p = n.path("properties");
      if (!header) {
        sb.append("<tr><th>id</th>");
        p.fieldNames().forEachRemaining(k -> sb.append("<th>").append(esc(k)).append("</th>"));
        sb.append("</tr>");
        header = true;
      }
      sb.append("<tr><td>").append(esc(n.path("id").asText())).append("</td>");
      p.fields().forEachRemaining(e -> sb.append("<td>").append(esc(e.getValue().isNull() ? "" : e.getValue().asText())).append("</td>"));
      sb.append("</tr>");
    }
    return sb.append("</table>").toString();
  }
}
