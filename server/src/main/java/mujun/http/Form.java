package mujun.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.error.ApiError;

/**
 * Reads a JSON body's fields one by one, collecting every problem, then refuses them all at once (422 with each
 * field's message), so a form can show them together.
 */
public final class Form {
  public final ObjectNode body;
  public final List<Map<String, String>> problems = new ArrayList<>();

  public Form(ObjectNode body) {
    this.body = body;
  }

  public void problem(String field, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", message);
    problems.add(m);
  }

  public boolean has(String f) {
    return body.has(f) && !body.get(f).isNull();
  }

  public String text(String f, int max, boolean required) {
    JsonNode n = body.get(f);
    if (n == null || n.isNull()) {
      if (required) problem(f, "is required");
      return null;
    }
    if (!n.isTextual()) {
      problem(f, "must be text");
      return null;
    }
    String t = n.asText().strip();
    if (t.length() > max) problem(f, "may have at most " + max + " characters");
    if (required && t.isEmpty()) problem(f, "is required");
    return t;
  }

  public LocalDate date(String f, boolean required) {
    String t = text(f, 10, required);
    if (t == null || t.isEmpty()) return null;
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      problem(f, "must be a date like 2026-08-31");
      return null;
    }
  }

  public BigDecimal number(String f) {
    JsonNode n = body.get(f);
    if (n == null || n.isNull()) return null;
    if (!n.isNumber() || n.decimalValue().signum() < 0 || n.decimalValue().compareTo(new BigDecimal("1e9")) > 0) {
      problem(f, "must be a number from 0 to 1,000,000,000");
      return null;
    }
    return n.decimalValue();
  }

  public String oneOf(String f, Set<String> allowed, boolean required) {
    String t = text(f, 40, required);
    if (t != null && !t.isEmpty() && !allowed.contains(t)) problem(f, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    return t;
  }

  public List<String> texts(String f, int maxItems, int maxLen) {
    JsonNode n = body.get(f);
    if (n == null || n.isNull()) return null;
    List<String> out = new ArrayList<>();
    if (!n.isArray() || n.size() > maxItems) {
      problem(f, "must be a list of at most " + maxItems + " texts");
      return out;
    }
    for (JsonNode x : n) {
      if (!x.isTextual() || x.asText().isBlank() || x.asText().length() > maxLen) problem(f, "must hold texts of 1 to " + maxLen + " characters");
      else out.add(x.asText().strip());
    }
    return out;
  }

  public void done() {
    if (!problems.isEmpty()) {
      throw ApiError.invalid(problems);
    }
  }
}
