package mujun.http;

import mujun.error.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The one ObjectMapper, and strict parsing of request bodies. */
public final class Json {
  /** Deepest nesting accepted in any JSON read (GeoJSON needs 6, the deepest CQL2 filter a person writes a few dozen). */
  public static final int MAX_DEPTH = 100;

  public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
          .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses the body as a JSON object; refuses malformed JSON, non-objects and fields outside {@code allowed}. */
  public static ObjectNode object(Context ctx, Set<String> allowed) {
    String body = ctx.body();
    if (body == null || body.isBlank()) throw ApiError.badRequest("EMPTY_BODY", "The request needs a JSON object body.");
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw ApiError.badRequest("MALFORMED_JSON", "The body is nested more than " + MAX_DEPTH + " levels deep or too large.");
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("MALFORMED_JSON", e.getLocation() == null ? "The body is not valid JSON."
          : "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
    }
    if (n == null || !n.isObject()) throw ApiError.badRequest("MALFORMED_JSON", "The body must be a JSON object.");
    refuseNul(n);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiError.badRequest("UNKNOWN_FIELD", "Unknown field '" + clip(f) + "'. Allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".",
            Map.of("field", clip(f)));
      }
    }
    return (ObjectNode) n;
  }

  /** Refuses a NUL character in any name or text value of a parsed body (the database could not store it). */
  public static void refuseNul(JsonNode n) {
    if (n.isTextual()) {
      if (n.textValue().indexOf('\0') >= 0) throw ApiError.badRequest("BAD_TEXT", "A text value contains a NUL character (\\u0000); remove it and try again.");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().indexOf('\0') >= 0) throw ApiError.badRequest("BAD_TEXT", "A field name contains a NUL character; remove it and try again.");
      refuseNul(e.getValue());
    }
    if (n.isArray()) for (JsonNode x : n) refuseNul(x);
  }

  /** Parses JSON the server itself produced (from the database); a failure is a bug, not a client error. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Shortens text from a request before it is echoed in an error message. */
  public static String clip(String s) {
    if (s == null) return "";
    String t = s.replaceAll("[\\p{Cntrl}]", "?");
    return t.length() > 60 ? t.substring(0, 60) + "…" : t;
  }
}
