package mujun.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import mujun.App;
import mujun.config.Config;
import mujun.support.ScratchCluster;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes: PostgreSQL killed with SIGKILL (every process of its cluster at once, as a power cut would leave it) while
 * the app acknowledges a stream of edits, and while it commits an import. After the restart every version answered 2xx
 * is in the register, and the import is either all there or not there at all with its upload kept. While the database
 * is down the app answers 503 with Retry-After (never 500) and it recovers by itself.
 */
class CrashTest {
  static final String PW = "crash-test-password";
  static ScratchCluster pg;
  static App app;
  static String base;
  static String[] jdbc;

  @BeforeAll
  static void setUp() {
    pg = new ScratchCluster("crash-pg");
    app = new App(Config.load(pg.appEnv("target/crash-var")));
    app.start();
    base = "http://127.0.0.1:" + app.port();
    jdbc = ScratchCluster.jdbc(pg.url);
    app.auth.addUser("crash-editor", "Crash editor", PW, List.of("resources"));
    sql("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('CRASH', '崩溃测试集聚区', 'Crash cluster', '410100', "
        + "ST_Multi(ST_MakeEnvelope(113.0, 34.8, 113.3, 35.0, 4490)))");
  }

  @AfterAll
  static void tearDown() {
    if (app != null) app.close();
    if (pg != null) pg.close();
  }

  /** A direct connection to the scratch database (not through the app's pool). */
  static Connection direct() throws Exception {
    return DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
  }

  static void sql(String sql) {
    try (Connection c = direct(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long longQuery(String sql, Object... params) throws Exception {
    try (Connection c = direct(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String square(double lon, double lat) {
    return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
        lon, lat, lon + 0.0008, lat, lon + 0.0008, lat + 0.0008, lon, lat + 0.0008, lon, lat);
  }

  static int code = 1;

  static String newCode() {
    return String.format("410100%06dGB00001", 700000 + code++);
  }

  /** Waits until the app can reach the database again (it reconnects by itself). */
  static void awaitRecovery(Client c) throws InterruptedException {
    long until = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < until) {
      if (c.get("/health").status() == 200) return;
      Thread.sleep(200);
    }
    throw new AssertionError("the app did not recover within 90 s after the database came back");
  }

  @Test
  void theClusterScriptsStartRunsWithPostgresDurableDefaults() throws Exception {
    try (Connection c = direct(); var st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') ORDER BY name")) {
      Map<String, String> s = new HashMap<>();
      while (rs.next()) s.put(rs.getString(1), rs.getString(2));
      assertThat(s).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on").containsEntry("full_page_writes", "on");
    }
  }

  @Test
  void everyAcknowledgedEditSurvivesAKillOfPostgres() throws Exception {
    Client editor = Client.signedIn(base, "crash-editor", PW);
    int n = 8;
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      Resp r = editor.send("POST", "/api/parcels", "{\"code\":\"" + newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
          + "\"geometry\":" + square(113.01 + i * 0.002, 34.81) + ",\"reason\":\"crash test\"}", Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      ids[i] = r.json().get("id").asLong();
    }
    // Four writers edit their parcels in a loop and note every version acknowledged with 2xx and its ETag.
    Map<Long, Integer> acked = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int first = w * 2;
      writers.add(pool.submit(() -> {
        Client c = Client.signedIn(base, "crash-editor", PW);
        int[] version = {1, 1};
        int k = 0;
        while (!stop.get()) {
          int j = k++ % 2;
          long id = ids[first + j];
          Resp r = c.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"edit " + k + "\",\"reason\":\"stream\"}",
              Map.of("If-Match", "\"parcel-" + id + "-v" + version[j] + "\""));
          if (r.status() == 200) {
            String etag = r.header("ETag");
            int v = Integer.parseInt(etag.substring(etag.lastIndexOf("-v") + 2, etag.length() - 1));
            assertThat(v).isEqualTo(version[j] + 1);
            version[j] = v;
            acked.merge(id, v, Math::max);
          } else {
            failures.add(r.status() + " " + r.header("Retry-After") + " " + r.body());
            if (r.status() == 412) { // the answer to an edit was lost in the crash: read the version it left
              Resp now = c.get("/api/parcels/" + id);
              if (now.status() == 200) version[j] = Integer.parseInt(now.header("ETag").replaceAll(".*-v(\\d+)\"", "$1"));
            } else {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return null;
              }
            }
          }
        }
        return null;
      }));
    }
    Thread.sleep(2500);
    int before = acked.values().stream().mapToInt(v -> v - 1).sum();
    pg.crash();
    Thread.sleep(11_000); // the writers keep trying against a dead database (the pool waits up to 10 s for a connection)
    List<String> whileDown = new ArrayList<>(failures);
    pg.start();
    awaitRecovery(editor);
    Thread.sleep(1000); // and edit again once it is back
    stop.set(true);
    for (Future<?> f : writers) f.get();
    pool.shutdown();

    assertThat(before).as("edits acknowledged before the crash").isGreaterThan(20);
    assertThat(whileDown).as("answers while the database was down").isNotEmpty();
    assertThat(failures).as("no failure is a 500").noneMatch(s -> s.startsWith("500"));
    assertThat(whileDown).anyMatch(s -> s.startsWith("503 5 ") && s.contains("DATABASE_UNAVAILABLE"));
    for (long id : ids) {
      Integer v = acked.get(id);
      if (v == null) continue;
      assertThat(longQuery("SELECT version FROM parcel WHERE id = ?", id)).as("parcel " + id + " keeps every acknowledged version").isGreaterThanOrEqualTo(v);
      assertThat(longQuery("SELECT count(*) FROM parcel_version WHERE parcel_id = ? AND version <= ?", id, v))
          .as("parcel " + id + " has every version up to " + v + " in its history").isEqualTo((long) v);
    }
  }

  @Test
  void anImportCommitKilledHalfwayIsAllOrNothingAndKeepsItsUpload() throws Exception {
    Client editor = Client.signedIn(base, "crash-editor", PW);
    StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    int n = 6000;
    for (int i = 0; i < n; i++) {
      if (i > 0) fc.append(',');
      double lon = 113.02 + (i % 100) * 0.001, lat = 34.85 + (i / 100) * 0.001;
      fc.append("{\"type\":\"Feature\",\"properties\":{\"ZDDM\":\"").append(String.format("410100%06dGB00001", 800000 + i))
          .append("\",\"DLBM\":\"0601\"},\"geometry\":").append(String.format(Locale.ROOT,
              "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
              lon, lat, lon + 0.0008, lat, lon + 0.0008, lat + 0.0008, lon, lat + 0.0008, lon, lat)).append('}');
    }
    fc.append("]}");
    Resp up = TestApp.upload(editor, "/api/imports?name=crash.geojson", fc.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    long id = up.json().get("id").asLong();
    Resp checked = editor.send("POST", "/api/imports/" + id + "/check", "{}", Map.of());
    assertThat(checked.status()).as(checked.body()).isEqualTo(200);
    assertThat(checked.json().get("counts").get("accepted").asInt()).isEqualTo(n);
    Path quarantine = Path.of("target/crash-var/quarantine");
    assertThat(jobFolders(quarantine, id)).hasSize(1);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Resp> commit = pool.submit(() -> editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of()));
    // Crash once the commit is writing parcels (seen from outside in pg_stat_activity), or give up waiting after 30 s.
    boolean caught = false;
    long until = System.currentTimeMillis() + 30_000;
    try (Connection c = direct()) {
      while (!commit.isDone() && System.currentTimeMillis() < until) {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO parcel %'");
             ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            caught = true;
            break;
          }
        }
        Thread.sleep(5);
      }
    }
    pg.crash();
    Resp answer = commit.get();
    pool.shutdown();
    pg.start();
    awaitRecovery(editor);

    long parcels = longQuery("SELECT count(*) FROM parcel WHERE import_id = ?", id);
    String status;
    try (Connection c = direct(); PreparedStatement ps = c.prepareStatement("SELECT status FROM import_job WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        status = rs.getString(1);
      }
    }
    System.out.println("import crash: answer " + answer.status() + ", status " + status + ", parcels " + parcels);
    assertThat(caught).as("the crash came while the commit was writing").isTrue();
    assertThat(answer.status()).as("the commit's answer: " + answer.body()).isNotEqualTo(500);
    if (answer.status() == 200) {
      assertThat(status).isEqualTo("committed");
    }
    if (status.equals("committed")) {
      assertThat(parcels).isEqualTo(n);
      assertThat(longQuery("SELECT count(*) FROM parcel_version h JOIN parcel p ON p.id = h.parcel_id WHERE p.import_id = ?", id)).isEqualTo(n);
    } else {
      assertThat(status).isEqualTo("checked");
      assertThat(parcels).isZero();
      assertThat(jobFolders(quarantine, id)).as("the upload is kept for another try").hasSize(1);
      // ... and the other try succeeds.
      Resp again = editor.send("POST", "/api/imports/" + id + "/commit", "{}", Map.of());
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(longQuery("SELECT count(*) FROM parcel WHERE import_id = ?", id)).isEqualTo(n);
    }
  }

  static List<String> jobFolders(Path quarantine, long id) throws Exception {
    if (!Files.isDirectory(quarantine)) return List.of();
    try (var s = Files.list(quarantine)) {
      return s.map(p -> p.getFileName().toString()).filter(x -> x.startsWith("job-" + id + "-")).toList();
    }
  }
}
