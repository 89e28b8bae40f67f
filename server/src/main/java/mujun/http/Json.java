package mujun.http;

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
  public static final ObjectMapper MAPPER = new ObjectMapper()
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
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("MALFORMED_JSON", "The body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ").");
    }
    if (n == null || !n.isObject()) throw ApiError.badRequest("MALFORMED_JSON", "The body must be a JSON object.");
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiError.badRequest("UNKNOWN_FIELD", "Unknown field '" + clip(f) + "'. Allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".",
            Map.of("field", clip(f)));
      }
    }
    return (ObjectNode) n;
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
