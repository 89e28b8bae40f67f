package mujun.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL + PostGIS cluster made by the product's own bootstrap (scripts/lib.sh, with the settings
 * scripts/run uses), in its own folder and port, for tests that crash the database: kill -9 of every process of the
 * cluster, as a power cut or the OOM killer would, then a start with crash recovery.
 */
public final class ScratchCluster implements AutoCloseable {
  public final Path dir;
  public final String url;
  private final Path root;

  /** Settings every bootstrap of this cluster is given (e.g. its WAL archive). */
  private final Map<String, String> settings;

  public ScratchCluster(String name) {
    this(name, false);
  }

  /** {@code archive}: with WAL archiving into {@link #walArchive} (MUJUN_WAL_ARCHIVE), for point-in-time recovery. */
  public ScratchCluster(String name, boolean archive) {
    this.root = projectRoot();
    this.dir = root.resolve("server/target/" + name).toAbsolutePath();
    TestApp.deleteTree(dir);
    this.settings = archive ? Map.of("MUJUN_WAL_ARCHIVE", walArchive().toString()) : Map.of();
    this.url = bootstrap("start_private_cluster; ensure_database mujun_scratch fresh >/dev/null; private_url mujun_scratch");
  }

  /**
   * The environment of an app instance on this cluster's database (port chosen by the system, its var folder under
   * target/ made afresh); add what the test changes.
   */
  public Map<String, String> appEnv(String varDir) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("DATABASE_URL", url);
    env.put("PORT", "0");
    env.put("MUJUN_WEB_DIR", projectRoot().resolve("web").toString());
    env.put("MUJUN_VAR_DIR", varDir);
    env.put("MUJUN_CONFIG", "target/no-such-config.properties");
    TestApp.deleteTree(Path.of(varDir));
    return env;
  }

  /** Where an archiving cluster's finished WAL segments go. */
  public Path walArchive() {
    return dir.resolve("wal-archive");
  }

  /** Runs bash with scripts/lib.sh sourced for this cluster (and {@code env}); returns the last line of standard output. */
  public String bash(String commands, Map<String, String> env) {
    return bootstrap(commands, env);
  }

  /** The checkout's root (tests run in server/). */
  public static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("scripts/lib.sh")) ? here : here.getParent();
  }

  /** Runs bash with scripts/lib.sh sourced for this cluster's folder; returns the last line of standard output. */
  private String bootstrap(String commands) {
    return bootstrap(commands, Map.of());
  }

  private String bootstrap(String commands, Map<String, String> extra) {
    // Below the kernel's ephemeral range (32768–60999 on Linux): a port there can be the local end of a pooled client
    // connection (the test server's own, to its database), which no connect test sees and which PostgreSQL cannot bind.
    int port = 21000 + (int) (ProcessHandle.current().pid() % 900);
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source scripts/lib.sh; " + commands).directory(root.toFile());
    pb.environment().putAll(Map.of("MUJUN_PG_DIR", dir.toString(), "MUJUN_PG_PORT", String.valueOf(port), "MUJUN_PG_PORT_FALLBACK", "1"));
    pb.environment().putAll(settings);
    pb.environment().putAll(extra);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("scripts/lib.sh failed: " + out);
      String[] lines = out.split("\n");
      return lines[lines.length - 1];
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A postgresql:// URL as JDBC URL, user and password. */
  public static String[] jdbc(String url) {
    java.net.URI u = java.net.URI.create(url);
    String[] ui = u.getUserInfo().split(":", 2);
    return new String[] {"jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(), ui[0], ui[1]};
  }

  /** Makes database {@code name} afresh (owned by the app's role, with PostGIS) and returns its URL. */
  public String database(String name) {
    if (!name.matches("[a-z0-9_]+")) throw new IllegalArgumentException(name);
    return bootstrap("ensure_database " + name + " fresh >/dev/null; private_url " + name);
  }

  /**
   * Starts a hot standby of this cluster (scripts/lib.sh's start_private_standby: pg_basebackup on first use, streaming
   * replication) and returns the URL of database {@code name} on it.
   */
  public String standby(String name) {
    if (!name.matches("[a-z0-9_]+")) throw new IllegalArgumentException(name);
    return bootstrap("start_private_standby; standby_url " + name);
  }

  /** Stops the hot standby at once (immediate shutdown: as if it died). */
  public void stopStandby() {
    pgCtl(dir.resolve("standby"), "-m immediate -w stop");
  }

  /** Runs {@code sql} as the cluster's superuser in database {@code name}. */
  public void admin(String name, String sql) {
    if (!name.matches("[a-z0-9_]+")) throw new IllegalArgumentException(name);
    bootstrap("psql_admin -d " + name + " -c \"$MUJUN_SQL\"", Map.of("MUJUN_SQL", sql));
  }

  private static void pgCtl(Path data, String args) {
    try {
      if (!Files.exists(data.resolve("postmaster.pid"))) return;
      String as = "root".equals(System.getProperty("user.name")) ? "runuser -u postgres -- " : "";
      new ProcessBuilder("bash", "-c", as + "/usr/lib/postgresql/15/bin/pg_ctl -D '" + data + "' " + args).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the cluster again (after a crash: PostgreSQL replays its write-ahead log first). */
  public void start() {
    bootstrap("start_private_cluster");
  }

  /** The pids of the postmaster and every process it started. */
  private List<Long> processes() throws IOException {
    Path pidFile = dir.resolve("pgdata/postmaster.pid");
    List<Long> pids = new ArrayList<>();
    if (!Files.exists(pidFile)) return pids;
    long pm = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    ProcessHandle.of(pm).ifPresent(h -> {
      pids.add(pm);
      h.children().forEach(c -> pids.add(c.pid()));
    });
    return pids;
  }

  /** Kills every process of the cluster at once with SIGKILL, and waits until they are gone. */
  public void crash() {
    try {
      List<Long> pids = processes();
      if (pids.isEmpty()) throw new IllegalStateException("the scratch cluster is not running");
      List<String> cmd = new ArrayList<>(List.of("kill", "-9"));
      pids.forEach(p -> cmd.add(String.valueOf(p)));
      new ProcessBuilder(cmd).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
      long until = System.currentTimeMillis() + 20_000;
      for (long pid : pids) {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < until) Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the cluster and its standby (immediate shutdown) and removes its folder. */
  @Override
  public void close() {
    pgCtl(dir.resolve("standby"), "-m immediate -w stop");
    pgCtl(dir.resolve("pgdata"), "-m immediate -w stop");
    TestApp.deleteTree(dir);
  }
}
