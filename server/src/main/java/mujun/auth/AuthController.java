package mujun.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** Sign-in, sign-out, who am I, password change, and the caller's own API tokens. */
public final class AuthController {
  public static final String COOKIE = "mujun_session";
  private final AuthService auth;
  private final boolean secureCookies;
  private final int sessionHours;
  private final int tokenMaxDays;

  public AuthController(AuthService auth, boolean secureCookies, int sessionHours, int tokenMaxDays) {
    this.auth = auth;
    this.secureCookies = secureCookies;
    this.sessionHours = sessionHours;
    this.tokenMaxDays = tokenMaxDays;
  }

  public void signIn(Context ctx) {
    Http.allowQuery(ctx);
    // JSON only: a form or text/plain body can be sent by any page across sites without a preflight (login CSRF).
    String ct = ctx.contentType();
    if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(415, "JSON_REQUIRED", "Send the user name and password as a JSON object (Content-Type: application/json).");
    }
    ObjectNode b = Json.object(ctx, Set.of("username", "password"));
    String u = b.path("username").asText(""), p = b.path("password").asText("");
    if (u.isBlank() || p.isEmpty()) throw ApiError.badRequest("CREDENTIALS_REQUIRED", "Give a user name and a password.");
    if (u.length() > 40 || p.length() > 200) throw new ApiError(401, "BAD_CREDENTIALS", "The user name or password is wrong.");
    AuthService.NewSession s = auth.signIn(u.strip(), p, ctx.ip());
    boolean secure = Http.secureCookie(ctx, secureCookies);
    ctx.cookie(new Cookie(COOKIE, s.token(), "/", sessionHours * 3600, secure, true, null, SameSite.LAX));
    ctx.json(describe(s.principal()));
  }

  public void signOut(Context ctx) {
    Http.allowQuery(ctx);
    auth.signOut(ctx.cookie(COOKIE), ctx.ip());
    ctx.removeCookie(COOKIE, "/");
    ctx.status(204);
  }

  public void me(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(describe(Principal.of(ctx)));
  }

  public void changePassword(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("currentPassword", "newPassword"));
    auth.changePassword(Principal.of(ctx), b.path("currentPassword").asText(""), b.path("newPassword").asText(""), ctx.cookie(COOKIE));
    ctx.status(204);
  }

  /** GET /api/tokens: the caller's tokens, without secrets. */
  public void tokens(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(Map.of("tokens", auth.tokens(Principal.of(ctx).userId())));
  }

  /** POST /api/tokens {name, days?}: a new token, shown once. */
  public void createToken(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("name", "days"));
    String name = b.path("name").asText("").strip();
    if (name.isEmpty() || name.length() > 80) throw ApiError.unprocessable("VALIDATION_FAILED", "Name the token (1 to 80 characters), e.g. \"QGIS at the office\".", Map.of("field", "name"));
    Integer days = null;
    JsonNode d = b.get("days");
    if (d != null && !d.isNull()) {
      if (!d.isIntegralNumber() || d.asInt() < 1 || d.asInt() > tokenMaxDays) {
        throw ApiError.unprocessable("VALIDATION_FAILED", "days must be a whole number from 1 to " + tokenMaxDays + ".", Map.of("field", "days"));
      }
      days = d.asInt();
    }
    ctx.status(201).json(auth.createToken(Principal.of(ctx), name, days));
  }

  /** DELETE /api/tokens/{id}: revoke one of the caller's tokens. */
  public void revokeToken(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    if (!auth.revokeToken(Principal.of(ctx), id, false)) throw ApiError.notFound("You have no live token " + id + ".");
    ctx.status(204);
  }

  static Map<String, Object> describe(Principal p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", p.username());
    m.put("displayName", p.displayName());
    m.put("roles", p.roles());
    m.put("grants", p.grants());
    m.put("csrfToken", p.csrfToken());
    m.put("clusters", p.readableClusters());
    m.put("editableClusters", p.parcelEditableClusters());
    m.put("canEditParcels", p.canEditParcels());
    m.put("isAdmin", p.has("admin"));
    m.put("canManageLandSupply", p.canManageLandSupply());
    m.put("landSupplyClusters", p.landSupplyClusters());
    m.put("canEditLowEfficiency", p.canEditLowEfficiency());
    m.put("lowEfficiencyClusters", p.lowEfficiencyClusters());
    m.put("canRunEvaluations", p.canRunEvaluations());
    // Whose evaluation methods and policies the caller writes: the province's, and the cities of its grants.
    m.put("editsProvinceMethods", p.editsMethodsOf(null));
    m.put("methodCities", p.grants().stream().filter(g -> (g.role().equals("admin") || g.role().equals("coordinator")) && g.scopeKind().equals("city"))
        .map(Principal.Grant::scopeCode).distinct().toList());
    m.put("canEditIndicators", p.canEditIndicators());
    m.put("indicatorClusters", p.indicatorClusters());
    return m;
  }
}
