package mujun.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mujun.App;
import mujun.auth.AuthService;
import mujun.auth.Principal;
import mujun.config.Config;
import mujun.demo.DemoGenerator;
import mujun.http.Json;

/**
 * One real app per test JVM, on a random port, over the test database that scripts/test creates (never the one
 * scripts/run serves). It holds a small generated demo plus a "TEST" cluster where each test takes fresh,
 * non-overlapping squares from {@link #square}.
 */
public final class TestApp {
  public static final String PASSWORD = "test-password-123";
  private static App app;
  private static final AtomicInteger NEXT_SQUARE = new AtomicInteger();
  public static int testClusterId;

  private TestApp() {}

  public static synchronized App get() {
    if (app != null) return app;
    String url = System.getenv("MUJUN_TEST_DATABASE_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("MUJUN_TEST_DATABASE_URL is not set: run the suite with scripts/test");
    }
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", url);
    env.put("PORT", "0");
    Path web = Path.of(System.getenv().getOrDefault("MUJUN_WEB_DIR", "../web"));
    if (!Files.isDirectory(web)) web = Path.of("web");
    env.put("MUJUN_WEB_DIR", web.toString());
    env.put("MUJUN_VAR_DIR", "target/var");
    env.put("MUJUN_CONFIG", "target/no-such-config.properties");
    env.put("MUJUN_MAX_UPLOAD_BYTES", String.valueOf(20L * 1024 * 1024));
    deleteTree(Path.of("target/var/quarantine")); // the database is made afresh for every run, and so are its uploads
    app = new App(Config.load(env));
    if (DemoGenerator.isEmpty(app.db)) {
      new DemoGenerator(app.db, new DemoGenerator.Options(3, 150, 7L)).run(false);
      AuthService auth = app.auth;
      auth.addUser("t-admin", "Test admin", PASSWORD, List.of("admin"));
      auth.addUser("t-resources", "Test resources", PASSWORD, List.of("resources"));
      auth.addUser("t-city", "Test city resources", PASSWORD, List.of("resources:city:410300"));
      auth.addUser("t-viewer", "Test viewer", PASSWORD, List.of("viewer"));
      auth.addUser("t-park", "Test park", PASSWORD, List.of("park:cluster:XZXG"));
      auth.addUser("t-coord", "Test coordinator", PASSWORD, List.of("coordinator"));
      sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('TEST', '测试集聚区', 'Test cluster', '410100', "
          + "ST_Multi(ST_MakeEnvelope(113.0, 34.8, 113.3, 35.0, 4490)))");
    }
    testClusterId = intQuery("SELECT id FROM cluster WHERE code = 'TEST'");
    app.start();
    return app;
  }

  /** Removes a folder and everything in it (nothing when it does not exist). */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try {
      org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes (an upload) as the signed-in client would. */
  public static Resp upload(Client c, String path, byte[] body) {
    try {
      java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(c.base() + path))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/octet-stream");
      if (c.csrf != null) b.header("X-CSRF-Token", c.csrf);
      HttpResponse<String> r = c.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body(), r.headers().map());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String base() {
    return "http://127.0.0.1:" + get().port();
  }

  /** A fresh square of about 90 m × 110 m in the TEST cluster, never handed out twice in this JVM. */
  public static double[] square() {
    int k = NEXT_SQUARE.getAndIncrement();
    double lon = 113.01 + (k % 150) * 0.0015, lat = 34.81 + (k / 150) * 0.0015;
    return new double[] {lon, lat, lon + 0.001, lat + 0.001};
  }

  public static String polygonJson(double[] s) {
    return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}",
        s[0], s[1], s[2], s[1], s[2], s[3], s[0], s[3], s[0], s[1]);
  }

  private static final AtomicInteger NEXT_CODE = new AtomicInteger(1);

  /** A valid, unused 宗地代码 with a 地籍区/子区 of its own, so sequence numbers given by splits never collide. */
  public static String newCode() {
    return String.format("410100%06dGB00001", 900000 + NEXT_CODE.getAndIncrement());
  }

  /** Creates an industrial (0601) parcel with a new code on a fresh square through the API as {@code by}; returns the answer. */
  public static Resp newParcel(Client by, String reason) {
    Resp r = by.send("POST", "/api/parcels", "{\"code\":\"" + newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + polygonJson(square()) + ",\"reason\":\"" + reason + "\"}", Map.of());
    if (r.status() != 201) throw new AssertionError("parcel not created: " + r.body());
    return r;
  }

  /** Signs in as {@code username} (a test user) and returns the principal with its scopes. */
  public static Principal principal(String username) {
    return get().auth.signIn(username, PASSWORD, "test").principal();
  }

  /**
   * The id of test cluster {@code code}, made once in city {@code cityCode} as a 0.05° square whose south-west corner
   * is (lon, lat).
   */
  public static int cluster(String code, String name, String nameEn, String cityCode, double lon, double lat) {
    get();
    if (intQuery("SELECT count(*) FROM cluster WHERE code = ?", code) == 0) {
      app.db.inTransaction(mujun.db.Db.Change.by("test", "setup"), c -> mujun.db.Named.of("INSERT INTO cluster (code, name, name_en, city_code, boundary) "
          + "VALUES (:code, :name, :nameEn, :city, ST_Multi(ST_MakeEnvelope(:lon, :lat, :lon + 0.05, :lat + 0.05, 4490)))")
          .update(c, mujun.db.Named.values("code", code, "name", name, "nameEn", nameEn, "city", cityCode, "lon", lon, "lat", lat)));
    }
    return intQuery("SELECT id FROM cluster WHERE code = ?", code);
  }

  public static void sql(String sql) {
    get();
    app.db.inTransaction(mujun.db.Db.Change.by("test", "setup"), c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.execute();
      }
      return null;
    });
  }

  public static int intQuery(String sql, Object... params) {
    return app.db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  /**
   * The environment of another app instance on the test database (port chosen by the system, its own var folder), for
   * tests that start a second instance; add what the test changes.
   */
  public static Map<String, String> instanceEnv(String varDir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", System.getenv("MUJUN_TEST_DATABASE_URL"));
    env.put("PORT", "0");
    env.put("MUJUN_WEB_DIR", get().cfg.webDir.toString());
    env.put("MUJUN_VAR_DIR", varDir);
    env.put("MUJUN_CONFIG", "target/no-such-config.properties");
    return env;
  }

  /** The first column of the first row as text, or null when there is no row. */
  public static String stringQuery(String sql, Object... params) {
    return app.db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  public static Connection connection() throws java.sql.SQLException {
    return get().db.dataSource().getConnection();
  }

  // ---- HTTP ----

  /** A signed-in HTTP client (cookie and CSRF token kept). */
  public static final class Client {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
        .connectTimeout(java.time.Duration.ofSeconds(10)).build();
    public String csrf;
    /** The server's address; null for the shared test app. */
    private String server;

    public static Client signedIn(String username) {
      Client c = new Client();
      Resp r = c.send("POST", "/api/session", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", Map.of());
      if (r.status != 200) throw new IllegalStateException("sign-in failed: " + r.body);
      c.csrf = r.json().get("csrfToken").asText();
      return c;
    }

    /** A client of another server (e.g. an app over a scratch cluster), signed in as {@code username}. */
    public static Client signedIn(String server, String username, String password) {
      Client c = new Client();
      c.server = server;
      Resp r = c.send("POST", "/api/session", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", Map.of());
      if (r.status != 200) throw new IllegalStateException("sign-in failed: " + r.body);
      c.csrf = r.json().get("csrfToken").asText();
      return c;
    }

    private String base() {
      return server != null ? server : TestApp.base();
    }

    public static Client anonymous() {
      return new Client();
    }

    /** A client of another server, not signed in (add an Authorization header per request for an API token). */
    public static Client anonymous(String server) {
      Client c = new Client();
      c.server = server;
      return c;
    }

    HttpClient http() {
      return http;
    }

    /** GET returning the raw bytes (downloads). */
    public byte[] getBytes(String path) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public Resp get(String path) {
      return send("GET", path, null, Map.of());
    }

    public Resp send(String method, String path, String body, Map<String, String> headers) {
      try {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (csrf != null && !method.equals("GET")) b.header("X-CSRF-Token", csrf);
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Resp(r.statusCode(), r.body(), r.headers().map());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** An HTTP answer. */
  public record Resp(int status, String body, Map<String, List<String>> headers) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body);
      }
    }

    public String header(String name) {
      for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      return null;
    }
  }
}
