package mujun.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A catalogue of words the web client and the server's files share (web/js/findings.js, reasons.js; server/pom.xml
 * packs them into the jar under /web): a JavaScript module whose default export, between its first and last brace, is
 * JSON.
 */
public final class WebCatalogue {
  private WebCatalogue() {}

  public static JsonNode load(String file) {
    try (InputStream in = WebCatalogue.class.getResourceAsStream("/web/" + file)) {
      if (in == null) throw new IllegalStateException("web/" + file + " is not in the jar (server/pom.xml packs web/js/" + file + ")");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Json.tree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
