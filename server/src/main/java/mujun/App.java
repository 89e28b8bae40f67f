package mujun;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Access;
import mujun.auth.AuthController;
import mujun.auth.AuthService;
import mujun.auth.Principal;
import mujun.cluster.ClusterController;
import mujun.config.Config;
import mujun.db.Db;
import mujun.enterprise.EnterpriseController;
import mujun.health.HealthController;
import mujun.http.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.http.PageController;
import mujun.http.Routes;
import mujun.parcel.ParcelController;
import mujun.parcel.ParcelRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires config → database → migrations → repositories → controllers → Javalin. Constructed, not started. */
public final class App implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  public final Config cfg;
  public final Db db;
  public final AuthService auth;
  public final List<Routes.Route> routes;
  private final Javalin javalin;

  public App(Config cfg) {
    this(cfg, new Db(cfg));
  }

  public App(Config cfg, Db db) {
    this.cfg = cfg;
    this.db = db;
    db.migrate();
    this.auth = new AuthService(db, cfg.sessionHours);
    this.routes = Routes.table(
        new HealthController(db),
        new AuthController(auth, cfg.secureCookies, cfg.sessionHours),
        new ClusterController(db),
        new ParcelController(new ParcelRepository(db)),
        new EnterpriseController(db),
        new PageController(cfg));
    this.javalin = Javalin.create(c -> {
      c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      c.http.maxRequestSize = cfg.maxRequestBytes;
      c.http.generateEtags = false;
      c.startup.showJavalinBanner = false;
      c.jetty.host = cfg.bind;
      c.jetty.port = cfg.port;
      c.staticFiles.add(s -> {
        s.hostedPath = "/";
        s.directory = cfg.webDir.toString();
        s.location = Location.EXTERNAL;
        s.headers = Map.of("Cache-Control", "no-cache");
      });
      c.routes.before(this::securityHeaders);
      c.routes.before(this::authenticate);
      c.routes.beforeMatched(this::authorize);
      for (Routes.Route r : routes) c.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.access());
      c.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status).json(e.body()));
      c.routes.exception(HttpResponseException.class, (e, ctx) ->
          ctx.status(e.getStatus()).json(Map.of("code", "HTTP_" + e.getStatus(), "message", e.getMessage())));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(Map.of("code", "INTERNAL", "message", "An unexpected error occurred; it has been logged."));
      });
      c.routes.error(404, ctx -> {
        String ct = ctx.contentType();
        if (ct == null || !ct.startsWith("application/json")) {
          ctx.json(Map.of("code", "NOT_FOUND", "message", "No resource at " + Json.clip(ctx.path()) + "."));
        }
      });
      c.routes.error(405, ctx -> ctx.json(Map.of("code", "METHOD_NOT_ALLOWED", "message", "This method is not allowed here.")));
      c.routes.error(413, ctx -> ctx.json(Map.of("code", "TOO_LARGE", "message", "The request body is larger than " + cfg.maxRequestBytes / 1024 / 1024 + " MB.")));
    });
  }

  private void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob: https: http:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  }

  private void authenticate(Context ctx) {
    String token = ctx.cookie(AuthController.COOKIE);
    if (token != null) auth.principalFor(token).ifPresent(p -> ctx.attribute(Http.PRINCIPAL, p));
  }

  /** The one enforcement point: the route's Access against the caller; CSRF token on cookie-authenticated writes. */
  private void authorize(Context ctx) {
    Set<?> roles = ctx.routeRoles();
    if (roles.isEmpty()) return; // static files
    Access access = (Access) roles.iterator().next();
    if (access == Access.PUBLIC) return;
    Principal p = Http.principalOrNull(ctx);
    if (p == null) throw new ApiError(401, "SIGN_IN_REQUIRED", "Sign in to use this resource.");
    if (!SAFE.contains(ctx.method())) {
      String csrf = ctx.header("X-CSRF-Token");
      if (csrf == null || !java.security.MessageDigest.isEqual(csrf.getBytes(), p.csrfToken().getBytes())) {
        throw new ApiError(403, "CSRF", "The request lacks the X-CSRF-Token of your session; reload the page.");
      }
    }
    boolean ok = switch (access) {
      case SIGNED_IN -> true;
      case PARCEL_EDITOR -> p.canEditParcels();
      case ADMIN -> p.has("admin");
      case PUBLIC -> true;
    };
    if (!ok) throw new ApiError(403, "FORBIDDEN", "Your role does not allow this.");
  }

  public App start() {
    javalin.start();
    LOG.info("Mujun serves on http://{}:{}", cfg.bind, javalin.port());
    return this;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
    db.close();
  }
}
