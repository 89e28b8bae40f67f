package mujun.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** The database as a libpq connection string (host, port, dbname, user; no password) for ogr2ogr and PostgreSQL's tools. */
  public final String libpq;
  /**
   * Hot standbys that serve reads which may lag by a moment (tiles, OGC items, the public map, dashboards): each a
   * JDBC URL, user and password. Empty: every read goes to DATABASE_URL.
   */
  public final java.util.List<String[]> readUrls;
  /** A standby further behind than this (milliseconds) is not read from until it catches up. */
  public final long replicaMaxLagMs;
  public final int port;
  public final String bind;
  public final Path webDir;
  public final Path varDir;
  public final String basemapUrl;
  public final String basemapAttribution;
  /** A 天地图 browser key: its vector and imagery base maps with their label layers (empty: none). */
  public final String tiandituKey;
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
    this.libpq = libpq(jdbcUrl, dbUser);
    java.util.List<String[]> reads = new java.util.ArrayList<>();
    for (String r : splitUrls(v.get("DATABASE_READ_URLS"))) reads.add(toJdbc(r, false));
    this.readUrls = java.util.List.copyOf(reads);
    this.replicaMaxLagMs = Long.parseLong(v.get("MUJUN_REPLICA_MAX_LAG_MS"));
    this.port = Integer.parseInt(v.get("PORT"));
    this.bind = v.get("BIND");
    this.webDir = Path.of(v.get("MUJUN_WEB_DIR")).toAbsolutePath().normalize();
    this.varDir = Path.of(v.get("MUJUN_VAR_DIR")).toAbsolutePath().normalize();
    this.basemapUrl = v.get("MUJUN_BASEMAP_URL");
    this.basemapAttribution = v.get("MUJUN_BASEMAP_ATTRIBUTION");
    this.tiandituKey = v.get("MUJUN_TIANDITU_KEY");
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
    put(v, source, "DATABASE_READ_URLS", "", "default");
    put(v, source, "MUJUN_REPLICA_MAX_LAG_MS", "5000", "default");
    put(v, source, "PORT", "7070", "default");
    put(v, source, "BIND", "127.0.0.1", "default");
    put(v, source, "MUJUN_WEB_DIR", "web", "default");
    put(v, source, "MUJUN_VAR_DIR", "var", "default");
    put(v, source, "MUJUN_BASEMAP_URL", "", "default");
    put(v, source, "MUJUN_BASEMAP_ATTRIBUTION", "", "default");
    put(v, source, "MUJUN_TIANDITU_KEY", "", "default");
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
    source.forEach((k, s) -> LOG.info("setting {} from {}{}", k, s, k.contains("DATABASE") || k.endsWith("_KEY") ? "" : " = " + v.get(k)));
    return new Config(v);
  }

  private static void put(Map<String, String> v, Map<String, String> src, String k, String value, String from) {
    v.put(k, value);
    src.put(k, from);
  }

  /** {@code postgres[ql]://[user[:password]@]host[:port][,host[:port]…][/db][?params]}. */
  private static final Pattern URL = Pattern.compile("^postgres(?:ql)?://(?:([^@/?#]*)@)?([^/?#]+)(/[^?#]*)?(?:\\?([^#]*))?$");

  /**
   * Converts {@code postgresql://user:pass@host:port/db?params} to a JDBC URL, user and password. Several hosts
   * ({@code host1:port1,host2:port2}, a primary and its standbys) connect to whichever is the primary at the time, and
   * look again within 2 s when it changes (a standby promoted after the primary failed).
   */
  public static String[] toJdbc(String url) {
    return toJdbc(url, true);
  }

  /** As {@link #toJdbc(String)}; {@code write} = false: any of several hosts will do (a read URL). */
  static String[] toJdbc(String url, boolean write) {
    if (url.startsWith("jdbc:")) return new String[] {url, null, null};
    Matcher m = URL.matcher(url.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("A database URL must look like postgresql://user:password@host:port/database "
          + "(several hosts: host1:port1,host2:port2); got one that does not.");
    }
    String user = null, pass = null;
    if (m.group(1) != null) {
      String[] ui = m.group(1).split(":", 2);
      user = URLDecoder.decode(ui[0], StandardCharsets.UTF_8);
      if (ui.length > 1) pass = URLDecoder.decode(ui[1], StandardCharsets.UTF_8);
    }
    String query = m.group(4) == null ? "" : m.group(4);
    if (write && m.group(2).contains(",") && !query.contains("targetServerType")) {
      query = (query.isEmpty() ? "" : query + "&") + "targetServerType=primary&hostRecheckSeconds=2";
    }
    String jdbc = "jdbc:postgresql://" + m.group(2) + (m.group(3) == null ? "/" : m.group(3)) + (query.isEmpty() ? "" : "?" + query);
    return new String[] {jdbc, user, pass};
  }

  /** The URLs in DATABASE_READ_URLS: separated by spaces, or by commas before the next postgresql://. */
  static java.util.List<String> splitUrls(String urls) {
    if (urls == null || urls.isBlank()) return java.util.List.of();
    return java.util.Arrays.stream(urls.strip().split("\\s+|,(?=\\s*(?:postgres(?:ql)?|jdbc:postgresql)://)")).map(String::strip)
        .filter(x -> !x.isEmpty()).toList();
  }

  /** A JDBC URL as a libpq connection string: host=a,b port=1,2 dbname=d user=u (the primary of several: read-write). */
  static String libpq(String jdbc, String user) {
    Matcher m = URL.matcher(jdbc.substring("jdbc:".length()));
    if (!m.matches()) throw new IllegalArgumentException("Cannot read the database URL's hosts.");
    List<String> hosts = new java.util.ArrayList<>(), ports = new java.util.ArrayList<>();
    for (String hp : m.group(2).split(",")) {
      int colon = hp.lastIndexOf(':');
      boolean hasPort = colon > 0 && hp.indexOf(']') < colon;
      hosts.add((hasPort ? hp.substring(0, colon) : hp).replace("[", "").replace("]", ""));
      ports.add(hasPort ? hp.substring(colon + 1) : "5432");
    }
    String db = m.group(3) == null || m.group(3).length() <= 1 ? "postgres" : URLDecoder.decode(m.group(3).substring(1), StandardCharsets.UTF_8);
    return "host=" + String.join(",", hosts) + " port=" + String.join(",", ports) + " dbname=" + db + (user != null ? " user=" + user : "")
        + (hosts.size() > 1 ? " target_session_attrs=read-write" : "");
  }
}
