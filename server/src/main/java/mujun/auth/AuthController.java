package mujun.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mujun.http.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** Sign-in, sign-out, who am I, password change. */
public final class AuthController {
  public static final String COOKIE = "mujun_session";
  private final AuthService auth;
  private final boolean secureCookies;
  private final int sessionHours;

  public AuthController(AuthService auth, boolean secureCookies, int sessionHours) {
    this.auth = auth;
    this.secureCookies = secureCookies;
    this.sessionHours = sessionHours;
  }

  public void signIn(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("username", "password"));
    String u = b.path("username").asText(""), p = b.path("password").asText("");
    if (u.isBlank() || p.isEmpty()) throw ApiError.badRequest("CREDENTIALS_REQUIRED", "Give a user name and a password.");
    if (u.length() > 40 || p.length() > 200) throw new ApiError(401, "BAD_CREDENTIALS", "The user name or password is wrong.");
    AuthService.NewSession s = auth.signIn(u.strip(), p, ctx.ip());
    Cookie c = new Cookie(COOKIE, s.token(), "/", sessionHours * 3600, secureCookies || "https".equals(ctx.header("X-Forwarded-Proto")), true, null, SameSite.LAX);
    ctx.cookie(c);
    ctx.json(describe(s.principal()));
  }

  public void signOut(Context ctx) {
    Http.allowQuery(ctx);
    auth.signOut(ctx.cookie(COOKIE));
    ctx.removeCookie(COOKIE, "/");
    ctx.status(204);
  }

  public void me(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(describe(Http.principal(ctx)));
  }

  public void changePassword(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode b = Json.object(ctx, Set.of("currentPassword", "newPassword"));
    auth.changePassword(Http.principal(ctx), b.path("currentPassword").asText(""), b.path("newPassword").asText(""));
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
    return m;
  }
}
