package mujun.admin;

import mujun.auth.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.audit.AuditLog;
import mujun.auth.AuthService;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** Administration: users with their roles and scopes, everyone's tokens, and the audit log (read, filter, export). */
public final class AdminController {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private final AuthService auth;
  private final AuditLog audit;

  public AdminController(AuthService auth, AuditLog audit) {
    this.auth = auth;
    this.audit = audit;
  }

  public void users(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(Map.of("users", auth.users()));
  }

  /** POST /api/admin/users {username, displayName, password, grants: ["role:kind:code", …]} */
  public void createUser(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("username", "displayName", "password", "grants"));
    String username = b.path("username").asText("").strip();
    if (!username.matches("[a-z0-9_.-]{3,40}")) {
      throw ApiError.unprocessable("VALIDATION_FAILED", "A user name has 3 to 40 characters: lower-case letters, digits, '.', '_' or '-'.", Map.of("field", "username"));
    }
    String name = b.path("displayName").asText("").strip();
    if (name.isEmpty() || name.length() > 80) throw ApiError.unprocessable("VALIDATION_FAILED", "Give a display name (1 to 80 characters).", Map.of("field", "displayName"));
    try {
      long id = auth.addUser(username, name, b.path("password").asText(""), grants(b.get("grants")));
      ctx.status(201).json(Map.of("id", id, "username", username));
    } catch (IllegalArgumentException e) {
      throw ApiError.unprocessable("VALIDATION_FAILED", e.getMessage(), null);
    }
  }

  /** PATCH /api/admin/users/{id} {displayName?, active?, grants?} */
  public void updateUser(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = Json.object(ctx, Set.of("displayName", "active", "grants"));
    if (id == Principal.of(ctx).userId() && (b.has("active") && !b.get("active").asBoolean(true) || b.has("grants"))) {
      throw ApiError.unprocessable("SELF_LOCKOUT", "You cannot deactivate yourself or change your own roles; ask another administrator.", null);
    }
    String name = b.hasNonNull("displayName") ? b.get("displayName").asText().strip() : null;
    if (name != null && (name.isEmpty() || name.length() > 80)) throw ApiError.unprocessable("VALIDATION_FAILED", "A display name has 1 to 80 characters.", Map.of("field", "displayName"));
    Boolean active = null;
    if (b.has("active")) {
      if (!b.get("active").isBoolean()) throw ApiError.unprocessable("VALIDATION_FAILED", "active must be true or false.", Map.of("field", "active"));
      active = b.get("active").asBoolean();
    }
    if (!auth.updateUser(id, name, active)) throw ApiError.notFound("User " + id + " does not exist.");
    if (b.has("grants")) {
      try {
        auth.setGrants(id, grants(b.get("grants")));
      } catch (IllegalArgumentException e) {
        throw ApiError.unprocessable("VALIDATION_FAILED", e.getMessage(), null);
      }
    }
    ctx.status(204);
  }

  public void unlock(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    if (!auth.unlock(id)) throw ApiError.notFound("User " + id + " does not exist.");
    ctx.status(204);
  }

  /** POST /api/admin/users/{id}/password {password}: reset, ending the user's sessions. */
  public void resetPassword(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = Json.object(ctx, Set.of("password"));
    auth.resetPassword(id, b.path("password").asText(""));
    ctx.status(204);
  }

  public void tokens(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(Map.of("tokens", auth.tokens(null)));
  }

  public void revokeToken(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    if (!auth.revokeToken(Principal.of(ctx), id, true)) throw ApiError.notFound("There is no live token " + id + ".");
    ctx.status(204);
  }

  /** GET /api/admin/audit?actor=&action=&from=&to=&outcome=&before=&limit= */
  public void audit(Context ctx) {
    AuditLog.Filter f = filter(ctx, 100);
    ctx.contentType("application/json; charset=utf-8").header("Cache-Control", "no-store");
    audit.writeJson(f, ctx.outputStream());
  }

  /** GET /api/admin/audit.csv with the same filters (up to 100,000 rows). */
  public void auditCsv(Context ctx) {
    AuditLog.Filter f = filter(ctx, 100_000);
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"mujun-audit.csv\"")
        .header("Cache-Control", "no-store");
    audit.writeCsv(f, ctx.outputStream());
  }

  private static AuditLog.Filter filter(Context ctx, int defaultLimit) {
    Http.allowQuery(ctx, "actor", "action", "from", "to", "outcome", "before", "limit");
    String outcome = ctx.queryParam("outcome");
    if (outcome != null && !Set.of("ok", "denied", "failed").contains(outcome)) {
      throw ApiError.badRequest("BAD_PARAMETER", "outcome is ok, denied or failed.", Map.of("parameter", "outcome"));
    }
    String action = ctx.queryParam("action");
    if (action != null && !action.matches("[a-z.-]{1,40}")) {
      throw ApiError.badRequest("BAD_PARAMETER", "action is an action name or its beginning, e.g. parcel. or session.sign-in.", Map.of("parameter", "action"));
    }
    String actor = ctx.queryParam("actor");
    if (actor != null && actor.length() > 80) throw ApiError.badRequest("BAD_PARAMETER", "actor is too long.", Map.of("parameter", "actor"));
    Long before = ctx.queryParam("before") == null ? null : (long) Http.intParam(ctx, "before", 1, Integer.MAX_VALUE);
    int max = Math.max(defaultLimit, AuditLog.MAX_PAGE);
    int limit = ctx.queryParam("limit") == null ? defaultLimit : Http.intParam(ctx, "limit", 1, max);
    return new AuditLog.Filter(blankToNull(actor), blankToNull(action), instant(ctx, "from", false), instant(ctx, "to", true), outcome, before, limit);
  }

  private static Instant instant(Context ctx, String name, boolean endOfDay) {
    String s = ctx.queryParam(name);
    if (s == null || s.isBlank()) return null;
    try {
      if (s.length() == 10) return LocalDate.parse(s).plusDays(endOfDay ? 1 : 0).atStartOfDay(CHINA).toInstant();
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("BAD_PARAMETER", name + " must be a date (2026-05-31) or an instant.", Map.of("parameter", name));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static List<String> grants(JsonNode n) {
    if (n == null || !n.isArray() || n.isEmpty() || n.size() > 50) {
      throw ApiError.unprocessable("VALIDATION_FAILED", "grants must list 1 to 50 grants such as \"resources:city:410100\".", Map.of("field", "grants"));
    }
    List<String> out = new ArrayList<>();
    for (JsonNode g : n) {
      if (!g.isTextual()) throw ApiError.unprocessable("VALIDATION_FAILED", "Each grant is text such as \"park:cluster:XZXG\".", Map.of("field", "grants"));
      out.add(g.asText());
    }
    return out;
  }
}
