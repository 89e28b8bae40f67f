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
import java.util.HashMap;
import java.util.concurrent.Semaphore;
import mujun.admin.AdminController;
import mujun.audit.AuditLog;
import mujun.auth.Access;
import mujun.auth.AuthController;
import mujun.auth.AuthService;
import mujun.auth.Principal;
import mujun.cluster.ClusterController;
import mujun.config.Config;
import mujun.db.Db;
import mujun.enterprise.EnterpriseController;
import mujun.health.HealthController;
import mujun.error.ApiError;
import mujun.http.Json;
import mujun.http.PageController;
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
  public final AuditLog audit;
  public final List<Routes.Route> routes;
  private final Map<String, Routes.Route> byKey = new HashMap<>();
  /**
   * Heavy reads under way per user on this instance: at most HEAVY_PER_USER at once; a user idle for an hour is forgotten
   * (a request in flight keeps its permit object). Heavy writes are capped across instances by {@link #slots}.
   */
  private final com.github.benmanes.caffeine.cache.Cache<String, Semaphore> heavy =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterAccess(java.time.Duration.ofHours(1)).build();
  private static final String ROUTE = "mujun.route", PERMIT = "mujun.permit", SLOT = "mujun.slot", AUTH_ERROR = "mujun.authError", STARTED = "mujun.started";
  /** Request latencies and statuses per route, the pool and the caches, for GET /metrics. */
  public final mujun.http.Metrics metrics = new mujun.http.Metrics();
  private final mujun.db.Invalidations invalidations;
  /** Hot standbys for reads that may lag (none configured: the primary serves them). */
  public final mujun.db.Replicas replicas;
  /** A user's heavy writes under way, counted across every instance on the database. */
  private final mujun.db.HeavySlots slots;
  /** The cookie that carries the caller's last write position to whichever instance serves his next read. */
  static final String WRITTEN_COOKIE = "mujun_written";
  private final Javalin javalin;

  public App(Config cfg) {
    this(cfg, Db.server(cfg));
  }

  /** What the web client is told at start: the base map. */
  private static Map<String, Object> clientConfig(Config cfg) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("basemapUrl", cfg.basemapUrl);
    m.put("basemapAttribution", cfg.basemapAttribution);
    m.put("tiandituKey", cfg.tiandituKey);
    return java.util.Collections.unmodifiableMap(m);
  }

  public App(Config cfg, Db db) {
    this.cfg = cfg;
    this.db = db;
    db.migrate();
    warnIfNotDurable(db);
    java.util.Set<String> described = new java.util.HashSet<>(mujun.parcel.ParcelFields.TABLES);
    described.addAll(java.util.List.of("park", "city"));
    mujun.schema.Catalog catalog = mujun.schema.Catalog.read(db.dataSource(), described);
    mujun.geo.Region region = mujun.geo.Region.read(db.dataSource());
    java.util.List<String> drift = new java.util.ArrayList<>(mujun.parcel.ParcelFields.problems(catalog));
    drift.addAll(mujun.enterprise.EnterpriseFields.problems(catalog));
    drift.addAll(mujun.cluster.ClusterFields.problems(catalog));
    if (!drift.isEmpty()) throw new IllegalStateException("The features' description departs from the database:\n  " + String.join("\n  ", drift));
    mujun.importing.Quarantine quarantine = new mujun.importing.Quarantine(cfg.varDir.resolve("quarantine"), cfg.maxUploadBytes,
        4L * cfg.maxUploadBytes, 1000, 100, cfg.quarantinePerUserBytes);
    sweepQuarantine(quarantine, java.time.Duration.ofHours(cfg.uploadTtlHours));
    mujun.importing.Gdal gdal = new mujun.importing.Gdal(900);
    mujun.importing.ImportService imports = new mujun.importing.ImportService(db, cfg, quarantine, gdal, region);
    mujun.importing.TableFile tables = new mujun.importing.TableFile(new mujun.importing.Gdal(120), cfg.varDir.resolve("quarantine"), 20L * 1024 * 1024);
    this.audit = new AuditLog(db);
    this.auth = new AuthService(db, audit, cfg.sessionHours);
    // Other instances on the same database drop their callers' cache at once when sessions, tokens, users or roles change.
    this.invalidations = new mujun.db.Invalidations(db, cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword).on("auth", auth::forgetLocally);
    auth.tellOthersWith(invalidations::announce);
    this.replicas = new mujun.db.Replicas(db, cfg.readUrls, cfg.replicaMaxLagMs);
    this.slots = new mujun.db.HeavySlots(db, invalidations.instance(), cfg.heavyPerUser);
    replicas.register(metrics::gauge);
    mujun.tiles.TileService tiles = new mujun.tiles.TileService(replicas, cfg.tileCacheTiles, region);
    metrics.gauge("mujun_tile_cache_hits_total", tiles.hits::sum);
    metrics.gauge("mujun_tile_cache_misses_total", tiles.misses::sum);
    if (db.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h) {
      metrics.gauge("mujun_db_pool_active", () -> h.getHikariPoolMXBean() == null ? 0 : h.getHikariPoolMXBean().getActiveConnections());
      metrics.gauge("mujun_db_pool_idle", () -> h.getHikariPoolMXBean() == null ? 0 : h.getHikariPoolMXBean().getIdleConnections());
      metrics.gauge("mujun_db_pool_waiting", () -> h.getHikariPoolMXBean() == null ? 0 : h.getHikariPoolMXBean().getThreadsAwaitingConnection());
      metrics.gauge("mujun_db_pool_max", h::getMaximumPoolSize);
    }
    this.routes = Routes.table(new Routes.Controllers(
        new HealthController(db, replicas, metrics::scrape),
        new AuthController(auth, cfg.secureCookies, cfg.sessionHours, 365),
        new ClusterController(db, new mujun.importing.OutlineReader(db, imports, quarantine, gdal, region), auth::forget),
        new ParcelController(new ParcelRepository(db), catalog),
        new EnterpriseController(db, tables, 20L * 1024 * 1024),
        new PageController(cfg.webDir, clientConfig(cfg), OpenApiDocument.build(catalog), mujun.parcel.ParcelRepository.registerSince(db)),
        new AdminController(auth, audit),
        new mujun.importing.ImportController(imports, new mujun.importing.ExportService(new ParcelRepository(db), gdal, cfg.varDir.resolve("exports"))),
        new mujun.tiles.TileController(tiles),
        new mujun.ogcapi.OgcController(db, replicas, catalog, region, new ParcelRepository(db), new mujun.lowefficiency.LowEffRepository(db, new mujun.files.FileStore(cfg.maxDocumentBytes))),
        new mujun.standardland.LandController(new mujun.standardland.LandRepository(db, new mujun.files.FileStore(cfg.maxDocumentBytes))),
        new mujun.standardland.PublicLandController(replicas),
        new mujun.lowefficiency.LowEffController(new mujun.lowefficiency.LowEffRepository(db, new mujun.files.FileStore(cfg.maxDocumentBytes))),
        new mujun.evaluation.EvalController(new mujun.evaluation.EvalRepository(db, replicas), new mujun.evaluation.IndicatorService(db, tables),
            new mujun.evaluation.MethodService(db), new mujun.evaluation.PolicyService(db)),
        new mujun.plan.PlanController(new mujun.plan.PlanService(db, replicas)),
        new mujun.plan.PublicReports(db, replicas),
        new mujun.plan.AssessmentController(new mujun.plan.AssessmentService(db, replicas))));
    for (Routes.Route r : routes) {
      if (byKey.put(r.key(), r) != null) throw new IllegalStateException("route listed twice: " + r.key());
    }
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
      c.jetty.modifyServer(server -> {
        server.setErrorHandler(new mujun.http.JsonErrorHandler());
        // A stopping instance (SIGTERM, a rolling restart behind the load balancer) refuses new connections at once and
        // lets the requests under way finish, for up to 30 s.
        server.setStopTimeout(30_000);
      });
      c.jetty.modifyServletContextHandler(h -> h.insertHandler(new org.eclipse.jetty.server.handler.GracefulHandler()));
      c.routes.before(App::requestId);
      c.routes.before(this::securityHeaders);
      c.routes.before(App::refuseNul);
      c.routes.before(this::cors);
      c.routes.before(this::authenticate);
      c.routes.beforeMatched(this::authorize);
      c.routes.after(this::afterRequest);
      for (Routes.Route r : routes) c.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.access());
      c.routes.exception(ApiError.class, (e, ctx) -> {
        if (e.status == 503) ctx.header("Retry-After", "5");
        Map<String, Object> body = new java.util.LinkedHashMap<>(e.body());
        body.put("requestId", requestIdOf(ctx));
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(e.status).json(body);
      });
      c.routes.exception(com.fasterxml.jackson.core.JsonProcessingException.class, (e, ctx) ->
          ctx.status(400).json(Map.of("code", "MALFORMED_JSON", "message", "The body is not valid JSON, or is nested too deeply.")));

      c.routes.exception(HttpResponseException.class, (e, ctx) ->
          ctx.status(e.getStatus()).json(Map.of("code", "HTTP_" + e.getStatus(), "message", e.getMessage())));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unhandled error on {} {} (request {})", ctx.method(), ctx.path(), ctx.attribute(REQUEST_ID), e);
        ctx.status(500).json(Map.of("code", "INTERNAL", "message", "An unexpected error occurred; it has been logged (request " + ctx.attribute(REQUEST_ID) + ").",
            "requestId", requestIdOf(ctx)));
      });
      c.routes.error(404, ctx -> {
        // A handler's own 404 (an ApiError naming what is missing) keeps its message; only what no route answers gets this one.
        if (Boolean.TRUE.equals(ctx.attribute(ANSWERED))) return;
        String ct = ctx.contentType();
        if (ct == null || !ct.startsWith("application/json")) {
          ctx.json(Map.of("code", "NOT_FOUND", "message", "No resource at " + Json.clip(ctx.path()) + ".", "requestId", requestIdOf(ctx)));
        }
      });
      c.routes.error(405, ctx -> ctx.json(Map.of("code", "METHOD_NOT_ALLOWED", "message", "This method is not allowed here.")));
      c.routes.error(413, ctx -> ctx.json(Map.of("code", "TOO_LARGE", "message", "The request body is larger than " + cfg.maxRequestBytes / 1024 / 1024 + " MB.")));
    });
  }

  /** Logs a warning when the database would lose acknowledged commits in a crash (a DATABASE_URL set up for speed). */
  private static void warnIfNotDurable(Db db) {
    String off = db.read(c -> {
      try (var ps = c.prepareStatement("SELECT string_agg(name || ' = ' || setting, ', ') FROM pg_settings "
          + "WHERE (name IN ('fsync', 'full_page_writes') AND setting <> 'on') OR (name = 'synchronous_commit' AND setting = 'off')");
           var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    if (off != null) LOG.warn("the database is not durable ({}): a crash may lose writes already answered 2xx; turn these back on", off);
  }

  /** The import and export pipeline: quarantine under var/, GDAL out of process. */
  /** Removes abandoned uploads now and every 10 minutes (in a daemon thread; the process exits without waiting for it). */
  private static void sweepQuarantine(mujun.importing.Quarantine q, java.time.Duration ttl) {
    java.util.concurrent.ScheduledExecutorService ex = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quarantine-sweep");
      t.setDaemon(true);
      return t;
    });
    ex.scheduleWithFixedDelay(() -> {
      try {
        int n = q.sweep(ttl);
        if (n > 0) LOG.info("removed {} abandoned upload(s) older than {}", n, ttl);
      } catch (RuntimeException e) {
        LOG.warn("quarantine sweep failed: {}", e.getMessage());
      }
    }, 0, 10, java.util.concurrent.TimeUnit.MINUTES);
  }

  /**
   * CORS for the standard interfaces (/ogcapi and /tiles) and the API, for origins listed in MUJUN_CORS_ORIGINS ("*" for
   * any). Credentials (cookies) are never allowed across origins; scripts elsewhere use API tokens. Answers preflights.
   */
  private void cors(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || cfg.corsOrigins.isEmpty()) return;
    if (!cfg.corsOrigins.contains("*") && !cfg.corsOrigins.contains(origin)) return;
    ctx.header("Access-Control-Allow-Origin", cfg.corsOrigins.contains("*") ? "*" : origin);
    ctx.header("Vary", "Origin");
    ctx.header("Access-Control-Expose-Headers", "ETag, Location, Content-Crs, Last-Modified");
    if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
      ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Crs, If-Match, If-None-Match, Accept");
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      ctx.skipRemainingHandlers();
    }
  }

  /**
   * Refuses a NUL character anywhere in the path, the query or a header before any handler sees it: no file name,
   * bound value or echoed message can then carry one. (JSON bodies are checked as they are parsed, see Json.object.)
   */
  private static void refuseNul(Context ctx) {
    String q = ctx.queryString();
    boolean nul = ctx.path().indexOf('\0') >= 0 || (q != null && (q.contains("%00") || q.indexOf('\0') >= 0));
    if (!nul) {
      for (String h : java.util.Collections.list(ctx.req().getHeaderNames())) {
        String v = ctx.header(h);
        if (v != null && v.indexOf('\0') >= 0) { nul = true; break; }
      }
    }
    if (nul) throw ApiError.badRequest("BAD_TEXT", "The request contains a NUL character (%00); remove it and try again.");
  }

  static final String REQUEST_ID = "mujun.requestId", ANSWERED = "mujun.answered";

  /**
   * Gives every request an id — the caller's X-Request-Id when it is a plain token (a load balancer's), else a new one —
   * sent back in the response header and in every error body, and put on the log lines written for it.
   */
  /** The request's id ("" before one is given). */
  static String requestIdOf(Context ctx) {
    Object v = ctx.attribute(REQUEST_ID);
    return v == null ? "" : v.toString();
  }

  private static void requestId(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    String given = ctx.header("X-Request-Id");
    String id = given != null && given.matches("[A-Za-z0-9._-]{1,64}") ? given
        : Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    ctx.attribute(REQUEST_ID, id);
    ctx.header("X-Request-Id", id);
    org.slf4j.MDC.put("requestId", id);
  }

  private void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob: https: http:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  }

  /**
   * Finds the caller: an API token sent as {@code Authorization: Bearer <token>} or as HTTP Basic {@code <user>:<token>}
   * (desktop GIS clients store the latter; the user must be the token's owner, and passwords are never accepted this
   * way), or the session cookie. Credentials that do not check out are remembered, not refused here: a public resource
   * never refuses a request for carrying them (see {@link #authorize}).
   */
  private void authenticate(Context ctx) {
    String authz = ctx.header("Authorization");
    if (authz != null) {
      String token = null, user = null;
      if (authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = authz.substring(7).strip();
      } else if (authz.regionMatches(true, 0, "Basic ", 0, 6)) {
        String pair;
        try {
          pair = new String(java.util.Base64.getDecoder().decode(authz.substring(6).strip()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          pair = "";
        }
        int colon = pair.indexOf(':');
        if (colon > 0) {
          user = pair.substring(0, colon);
          token = pair.substring(colon + 1);
        }
      }
      if (token == null) {
        ctx.attribute(AUTH_ERROR, new ApiError(401, "BAD_TOKEN", "Use Authorization: Bearer <token>, or HTTP Basic with your user name and an API token "
            + "made under your account as the password."));
        return;
      }
      String owner = user;
      java.util.Optional<Principal> p = auth.principalForToken(token, ctx.ip()).filter(x -> owner == null || x.username().equals(owner));
      if (p.isPresent()) ctx.attribute(Principal.ATTRIBUTE, p.get());
      else ctx.attribute(AUTH_ERROR, new ApiError(401, "BAD_TOKEN", user == null ? "The API token is unknown, revoked or expired."
          : "The user name and API token do not match a valid token of that user (HTTP Basic takes an API token as the password, not the account's password)."));
      return;
    }
    String token = ctx.cookie(AuthController.COOKIE);
    if (token != null) auth.principalFor(token).ifPresent(p -> {
      ctx.attribute(Principal.ATTRIBUTE, p);
      // A write this user made through another instance: his reads wait for a standby that has it. (A forged value only
      // sends the forger's own reads to the primary.)
      Long written = mujun.db.Replicas.cookieValue(ctx.cookie(WRITTEN_COOKIE));
      if (written != null) replicas.seen(p.username(), written);
    });
  }

  /**
   * The one enforcement point: the route's Access against the caller, the CSRF token on cookie-authenticated writes,
   * and the cap on concurrent heavy requests per user.
   */
  private void authorize(Context ctx) {
    Set<?> roles = ctx.routeRoles();
    if (roles.isEmpty()) return; // static files
    io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    Routes.Route route = matched == null ? null : byKey.get(matched.method.name() + " " + matched.path);
    ctx.attribute(ROUTE, route);
    Access access = (Access) roles.iterator().next();
    if (access == Access.PUBLIC) return;
    Principal p = Principal.orNull(ctx);
    ApiError bad = ctx.attribute(AUTH_ERROR);
    if (p == null) {
      // GIS clients (GDAL, QGIS) learn from the challenge that Basic with an API token is accepted; the web app's own
      // requests carry a cookie and never get one (a browser would otherwise open its own sign-in box).
      if (ctx.path().startsWith("/ogcapi") && ctx.cookie(AuthController.COOKIE) == null) {
        ctx.header("WWW-Authenticate", "Basic realm=\"Mujun (user name and API token)\", charset=\"UTF-8\"");
      }
      if (bad != null) throw bad;
      throw new ApiError(401, "SIGN_IN_REQUIRED", "Sign in to use this resource.");
    }
    if (!SAFE.contains(ctx.method()) && "session".equals(p.via())) {
      String csrf = ctx.header("X-CSRF-Token");
      if (csrf == null || !java.security.MessageDigest.isEqual(csrf.getBytes(), p.csrfToken().getBytes())) {
        throw new ApiError(403, "CSRF", "The request lacks the X-CSRF-Token of your session; reload the page.");
      }
    }
    boolean ok = switch (access) {
      case SIGNED_IN -> true;
      case PARCEL_EDITOR -> p.canEditParcels();
      case LAND_SUPPLY -> p.canManageLandSupply();
      case LOW_EFF_EDITOR -> p.canEditLowEfficiency();
      case COORDINATOR -> p.canRunEvaluations();
      case INDICATOR_EDITOR -> p.canEditIndicators();
      case ENTERPRISE_EDITOR -> p.canEditEnterprises();
      case ADMIN -> p.has("admin");
      case PUBLIC -> true;
    };
    if (!ok) throw new ApiError(403, "FORBIDDEN", "Your role does not allow this.");
    if (route != null && route.heavy()) {
      if (SAFE.contains(ctx.method())) {
        Semaphore s = heavy.get(p.username(), k -> new Semaphore(cfg.heavyPerUser));
        if (!s.tryAcquire()) {
          throw new ApiError(429, "TOO_MANY_REQUESTS", "You have " + cfg.heavyPerUser + " large requests under way; wait for them to finish.");
        }
        ctx.attribute(PERMIT, s);
      } else {
        int slot = slots.take(p.username());
        if (slot < 0) {
          throw new ApiError(429, "TOO_MANY_REQUESTS", "You have " + cfg.heavyPerUser + " large tasks under way (imports, runs) on this or another "
              + "server; wait for one to finish.");
        }
        ctx.attribute(SLOT, slot);
      }
    }
  }

  /** Releases the heavy-request permit and records audited routes (and every refusal by role) in the audit log. */
  private void afterRequest(Context ctx) {
    Long t0 = ctx.attribute(STARTED);
    Routes.Route matched = ctx.attribute(ROUTE);
    if (t0 != null) {
      // Series by route template (never the raw path); what no route answers (static files, 404s) is one series per method.
      metrics.observe(matched == null ? ctx.method().name() + " (other)" : matched.key(), ctx.statusCode(), (System.nanoTime() - t0) / 1e9);
    }
    org.slf4j.MDC.remove("requestId");
    Principal who = Principal.orNull(ctx);
    if (who != null && !SAFE.contains(ctx.method()) && ctx.statusCode() < 400 && replicas.configured()) {
      // Written and committed: this user's reads go to a standby only once it has replayed this position.
      long lsn = replicas.wrote(who.username());
      if (lsn != 0) {
        ctx.cookie(new io.javalin.http.Cookie(WRITTEN_COOKIE, Long.toHexString(lsn), "/", 600, mujun.http.Http.secureCookie(ctx, cfg.secureCookies), true, null,
            io.javalin.http.SameSite.LAX));
      }
    }
    Semaphore s = ctx.attribute(PERMIT);
    if (s != null) {
      s.release();
      ctx.attribute(PERMIT, null);
    }
    Integer slot = ctx.attribute(SLOT);
    if (slot != null && who != null) {
      slots.give(who.username(), slot);
      ctx.attribute(SLOT, null);
    }
    Routes.Route route = ctx.attribute(ROUTE);
    int status = ctx.statusCode();
    boolean denied = status == 403 && route != null && route.access() != Access.PUBLIC;
    if (route == null || (route.audit() == null && !denied)) return;
    Principal p = Principal.orNull(ctx);
    String outcome = status < 400 ? "ok" : status == 401 || status == 403 ? "denied" : "failed";
    audit.record(new AuditLog.Entry(p == null ? "anonymous" : p.username(), route.audit() == null ? "access.denied" : route.audit(),
        ctx.path(), outcome, status, ctx.ip(), p == null ? "" : p.via(), auditDetail(ctx)));
  }

  private static Map<String, Object> auditDetail(Context ctx) {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("method", ctx.method().name());
    String location = ctx.res().getHeader("Location");
    if (location != null) d.put("created", location);
    String ua = ctx.header("User-Agent");
    if (ua != null) d.put("userAgent", Json.clip(ua));
    return d;
  }

  public App start() {
    replicas.start(invalidations);
    invalidations.start();
    // Before the first request: the kept connections plan what sign-ins, maps and clients send first.
    db.warmUp(c -> {
      mujun.auth.AuthService.warm(c);
      mujun.tiles.TileService.warm(c);
      mujun.ogcapi.OgcController.warm(c);
      return null;
    });
    replicas.warmUp(c -> {
      mujun.tiles.TileService.warm(c);
      mujun.ogcapi.OgcController.warm(c);
      return null;
    });
    javalin.start();
    LOG.info("Mujun serves on http://{}:{}", cfg.bind, javalin.port());
    return this;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    invalidations.close();
    javalin.stop();
    replicas.close();
    slots.close();
    db.close();
  }
}
