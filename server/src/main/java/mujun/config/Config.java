package mujun.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of the server: defaults in code, then an optional properties file ({@code MUJUN_CONFIG}, default
 * {@code var/mujun.properties}), then the environment. Logs where each setting came from, never a secret.
 */
public final class Config {
  private static final Logger LOG = LoggerFactory.getLogger(Config.class);

  public final String jdbcUrl;
  public final String dbUser;
  public final String dbPassword;
  public final int port;
  public final String bind;
  public final Path webDir;
  public final Path varDir;
  public final String basemapUrl;
  public final String basemapAttribution;
  public final boolean secureCookies;
  public final int sessionHours;
  public final long maxRequestBytes;
  public final long maxUploadBytes;
  public final long maxDocumentBytes;
  public final int tileCacheTiles;
  public final int heavyPerUser;
  /** Uploads not committed are removed after this many hours. */
  public final int uploadTtlHours;
  /** The most bytes one user's pending uploads may hold in the quarantine (unpacked). */
  public final long quarantinePerUserBytes;
  public final java.util.Set<String> corsOrigins;

  private Config(Map<String, String> v) {
    String url = v.get("DATABASE_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is not set: use scripts/run, or set DATABASE_URL=postgresql://user:pass@host:port/db");
    }
    String[] jdbc = toJdbc(url);
    this.jdbcUrl = jdbc[0];
    this.dbUser = jdbc[1];
    this.dbPassword = jdbc[2];
    this.port = Integer.parseInt(v.get("PORT"));
    this.bind = v.get("BIND");
    this.webDir = Path.of(v.get("MUJUN_WEB_DIR")).toAbsolutePath().normalize();
    this.varDir = Path.of(v.get("MUJUN_VAR_DIR")).toAbsolutePath().normalize();
    this.basemapUrl = v.get("MUJUN_BASEMAP_URL");
    this.basemapAttribution = v.get("MUJUN_BASEMAP_ATTRIBUTION");
    this.secureCookies = Boolean.parseBoolean(v.get("MUJUN_SECURE_COOKIES"));
    this.sessionHours = Integer.parseInt(v.get("MUJUN_SESSION_HOURS"));
    this.maxRequestBytes = Long.parseLong(v.get("MUJUN_MAX_REQUEST_BYTES"));
    this.maxUploadBytes = Long.parseLong(v.get("MUJUN_MAX_UPLOAD_BYTES"));
    this.maxDocumentBytes = Long.parseLong(v.get("MUJUN_MAX_DOCUMENT_BYTES"));
    this.tileCacheTiles = Integer.parseInt(v.get("MUJUN_TILE_CACHE_TILES"));
    this.heavyPerUser = Integer.parseInt(v.get("MUJUN_HEAVY_PER_USER"));
    this.uploadTtlHours = Integer.parseInt(v.get("MUJUN_UPLOAD_TTL_HOURS"));
    this.quarantinePerUserBytes = Long.parseLong(v.get("MUJUN_QUARANTINE_PER_USER_BYTES"));
    this.corsOrigins = java.util.Set.of(java.util.Arrays.stream(v.get("MUJUN_CORS_ORIGINS").split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).toArray(String[]::new));
  }

  /** Defaults, overridden by the optional file, overridden by the environment (or the given overrides). */
  public static Config load(Map<String, String> env) {
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, String> source = new LinkedHashMap<>();
    put(v, source, "DATABASE_URL", "", "default");
    put(v, source, "PORT", "7070", "default");
    put(v, source, "BIND", "127.0.0.1", "default");
    put(v, source, "MUJUN_WEB_DIR", "web", "default");
    put(v, source, "MUJUN_VAR_DIR", "var", "default");
    put(v, source, "MUJUN_BASEMAP_URL", "", "default");
    put(v, source, "MUJUN_BASEMAP_ATTRIBUTION", "", "default");
    put(v, source, "MUJUN_SECURE_COOKIES", "false", "default");
    put(v, source, "MUJUN_SESSION_HOURS", "12", "default");
    put(v, source, "MUJUN_MAX_REQUEST_BYTES", String.valueOf(10L * 1024 * 1024), "default");
    put(v, source, "MUJUN_MAX_UPLOAD_BYTES", String.valueOf(200L * 1024 * 1024), "default");
    put(v, source, "MUJUN_MAX_DOCUMENT_BYTES", String.valueOf(20L * 1024 * 1024), "default");
    put(v, source, "MUJUN_TILE_CACHE_TILES", "20000", "default");
    put(v, source, "MUJUN_HEAVY_PER_USER", "4", "default");
    put(v, source, "MUJUN_UPLOAD_TTL_HOURS", "24", "default");
    put(v, source, "MUJUN_QUARANTINE_PER_USER_BYTES", String.valueOf(1024L * 1024 * 1024), "default");
    put(v, source, "MUJUN_CORS_ORIGINS", "", "default");
    Path file = Path.of(env.getOrDefault("MUJUN_CONFIG", v.get("MUJUN_VAR_DIR") + "/mujun.properties"));
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the configuration file " + file + ": " + e.getMessage());
      }
      for (String k : p.stringPropertyNames()) {
        if (v.containsKey(k)) put(v, source, k, p.getProperty(k), "file " + file);
      }
    }
    for (String k : v.keySet().toArray(new String[0])) {
      String e = env.get(k);
      if (e != null && !e.isEmpty()) put(v, source, k, e, "environment");
    }
    source.forEach((k, s) -> LOG.info("setting {} from {}{}", k, s, k.contains("DATABASE") ? "" : " = " + v.get(k)));
    return new Config(v);
  }

  private static void put(Map<String, String> v, Map<String, String> src, String k, String value, String from) {
    v.put(k, value);
    src.put(k, from);
  }

  /** Converts {@code postgresql://user:pass@host:port/db?params} to a JDBC URL, user and password. */
  public static String[] toJdbc(String url) {
    if (url.startsWith("jdbc:")) return new String[] {url, null, null};
    URI u = URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
    String user = null, pass = null;
    if (u.getRawUserInfo() != null) {
      String[] ui = u.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(ui[0], StandardCharsets.UTF_8);
      if (ui.length > 1) pass = URLDecoder.decode(ui[1], StandardCharsets.UTF_8);
    }
    String jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath()
        + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
    return new String[] {jdbc, user, pass};
  }
}
