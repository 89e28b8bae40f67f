package mujun.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
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
 * Reads from a real hot standby (PostgreSQL streaming replication, made by scripts/lib.sh): two app instances on one
 * primary with DATABASE_READ_URLS naming the standby. With the standby's replay paused, another user's reads show the
 * standby's (older) rows — so they do come from it — while the writer reads his own write on either instance (by his
 * cookie, or by the other instance's announcement for a client without cookies); a standby that dies is left out and
 * its reads go to the primary; /health and /metrics show each standby's state and lag.
 */
class ReplicaTest {
  static final String PW = "replica-test-password";
  static ScratchCluster pg;
  static App a, b;
  static String baseA, baseB, standbyUrl;
  static long parcel;

  @BeforeAll
  static void setUp() throws Exception {
    pg = new ScratchCluster("replica-pg");
    standbyUrl = pg.standby("mujun_scratch");
    pg.admin("mujun_scratch", "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO mujun");
    a = instance("target/replica-var-a");
    b = instance("target/replica-var-b");
    baseA = "http://127.0.0.1:" + a.port();
    baseB = "http://127.0.0.1:" + b.port();
    a.auth.addUser("rep-editor", "Replica editor", PW, List.of("resources"));
    a.auth.addUser("rep-reader", "Replica reader", PW, List.of("resources"));
    sql(pg.url, "INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('REPL', '副本测试集聚区', 'Replica cluster', '410100', "
        + "ST_Multi(ST_MakeEnvelope(113.0, 34.8, 113.3, 35.0, 4490)))");
    Thread.sleep(5_500); // principals are cached for 5 s: the new cluster must be in the editor's scope
    Client editor = Client.signedIn(baseA, "rep-editor", PW);
    Resp r = editor.send("POST", "/api/parcels", "{\"code\":\"410100700001GB00001\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + square(113.01, 34.81) + ",\"remarks\":\"first\",\"reason\":\"replica test\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    parcel = r.json().get("id").asLong();
    awaitStandby(s -> s.path("lagMs").asLong(-1) == 0 && s.path("serving").asBoolean());
  }

  static App instance(String var) {
    Map<String, String> env = pg.appEnv(var);
    env.put("DATABASE_READ_URLS", standbyUrl);
    // A paused standby serves until it is this far behind: long enough for the test to read from it while paused.
    env.put("MUJUN_REPLICA_MAX_LAG_MS", "120000");
    return new App(Config.load(env)).start();
  }

  @AfterAll
  static void tearDown() {
    if (b != null) b.close();
    if (a != null) a.close();
    if (pg != null) pg.close();
  }

  static void sql(String url, String sql) throws Exception {
    String[] j = ScratchCluster.jdbc(url);
    try (Connection c = DriverManager.getConnection(j[0], j[1], j[2]); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  static String square(double lon, double lat) {
    return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
        lon, lat, lon + 0.0008, lat, lon + 0.0008, lat + 0.0008, lon, lat + 0.0008, lon, lat);
  }

  /** Waits (10 s at most) until instance A's /health shows its standby as {@code wanted}; returns that entry. */
  static JsonNode awaitStandby(Predicate<JsonNode> wanted) throws InterruptedException {
    JsonNode last = null;
    for (int i = 0; i < 100; i++) {
      last = Client.anonymous(baseA).get("/health").json().path("standbys").path(0);
      if (wanted.test(last)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("the standby did not reach the expected state; last seen: " + last);
  }

  /** The parcel's remarks as {@code c} reads them from the OGC API (headers: e.g. an API token). */
  static String remarks(Client c, Map<String, String> headers) {
    Resp r = c.send("GET", "/ogcapi/collections/parcels/items/" + parcel + "?f=json", null, headers);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("properties").path("remarks").asText();
  }

  static String remarks(Client c) {
    return remarks(c, Map.of());
  }

  /** The version in the ETag of the parcels' tile holding the test parcel at zoom 14, as {@code c} gets it. */
  static long tileVersion(Client c) {
    int z = 14, n = 1 << z;
    double lon = 113.0104, lat = 34.8104;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
    Resp r = c.get("/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Long.parseLong(r.header("ETag").replaceAll("^\"parcels-v(\\d+)-.*$", "$1"));
  }

  static long metric(Client admin, String name) {
    String text = admin.get("/metrics").body();
    for (String line : text.split("\n")) if (line.startsWith(name + " ")) return (long) Double.parseDouble(line.substring(name.length() + 1));
    throw new AssertionError("no " + name + " in /metrics");
  }

  @Test
  void othersReadTheStandbyWhileTheWriterReadsHisOwnWriteOnEitherInstance() throws Exception {
    Client editor = Client.signedIn(baseA, "rep-editor", PW);
    Client reader = Client.signedIn(baseA, "rep-reader", PW);
    Client readerOnB = Client.signedIn(baseB, "rep-reader", PW);
    Resp made = editor.send("POST", "/api/tokens", "{\"name\":\"qgis\",\"days\":1}", Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    Map<String, String> token = Map.of("Authorization", "Bearer " + made.json().get("token").asText());
    String before = remarks(reader);
    long tileBefore = tileVersion(reader);
    awaitStandby(s -> s.path("lagMs").asLong(-1) == 0);

    sql(standbyUrl, "SELECT pg_wal_replay_pause()");
    try {
      awaitStandby(s -> "paused".equals(s.path("state").asText()) && s.path("serving").asBoolean());
      Resp item = editor.get("/api/parcels/" + parcel);
      Resp edit = editor.send("PATCH", "/api/parcels/" + parcel, "{\"remarks\":\"edited while the standby is paused\",\"landUseCode\":\"0602\",\"reason\":\"replica test\"}",
          Map.of("If-Match", item.header("ETag")));
      assertThat(edit.status()).as(edit.body()).isEqualTo(200);
      assertThat(edit.header("Set-Cookie")).as("the write position goes back in a cookie").contains("mujun_written=");

      // The writer: his own write, on the instance that took it and on the other one (his browser's cookie goes along).
      assertThat(remarks(editor)).isEqualTo("edited while the standby is paused");
      assertThat(tileVersion(editor)).isGreaterThan(tileBefore);
      Client editorOnB = Client.signedIn(baseB, "rep-editor", PW);
      assertThat(remarks(editorOnB)).as("a new session on B, no cookie: B heard of the write from A").isEqualTo("edited while the standby is paused");
      Client tokenOnB = Client.anonymous(baseB);
      assertThat(remarks(tokenOnB, token)).as("a desktop client with an API token on B").isEqualTo("edited while the standby is paused");

      // Everyone else reads the standby: the rows as they were before the edit.
      assertThat(remarks(reader)).isEqualTo(before);
      assertThat(remarks(readerOnB)).isEqualTo(before);
      assertThat(tileVersion(reader)).isEqualTo(tileBefore);
      assertThat(Client.anonymous(baseA).get("/health").json().path("standbys").path(0).path("lagBytes").asLong()).isPositive();
    } finally {
      sql(standbyUrl, "SELECT pg_wal_replay_resume()");
    }
    awaitStandby(s -> "streaming".equals(s.path("state").asText()) && s.path("lagMs").asLong(-1) == 0);
    assertThat(remarks(reader)).isEqualTo("edited while the standby is paused");
    assertThat(remarks(readerOnB)).isEqualTo("edited while the standby is paused");
    assertThat(tileVersion(reader)).isGreaterThan(tileBefore);
  }

  @Test
  void aStandbyThatDiesIsLeftOutAndItsReadsGoToThePrimary() throws Exception {
    a.auth.addUser("rep-admin", "Replica admin", PW, List.of("admin"));
    Client admin = Client.signedIn(baseA, "rep-admin", PW);
    Client reader = Client.signedIn(baseA, "rep-reader", PW);
    awaitStandby(s -> "streaming".equals(s.path("state").asText()) && s.path("serving").asBoolean());
    long fromStandby = metric(admin, "mujun_reads_standby_total");
    remarks(reader);
    assertThat(metric(admin, "mujun_reads_standby_total")).as("a read served by the standby").isGreaterThan(fromStandby);
    assertThat(admin.get("/metrics").body()).contains("mujun_standby_lag_ms{standby=\"1\"} ").contains("# TYPE mujun_standby_lag_ms gauge");

    pg.stopStandby();
    try {
      JsonNode down = awaitStandby(s -> "down".equals(s.path("state").asText()));
      assertThat(down.path("serving").asBoolean()).isFalse();
      assertThat(Client.anonymous(baseA).get("/health").status()).as("the instance stays healthy: the primary serves").isEqualTo(200);
      long fromPrimary = metric(admin, "mujun_reads_primary_total");
      assertThat(remarks(reader)).isNotEmpty();
      assertThat(tileVersion(reader)).isPositive();
      assertThat(Client.anonymous(baseA).get("/api/public/standard-land").status()).as("the public map").isEqualTo(200);
      assertThat(metric(admin, "mujun_reads_primary_total")).isGreaterThanOrEqualTo(fromPrimary + 3);
    } finally {
      standbyUrl = pg.standby("mujun_scratch");
    }
    awaitStandby(s -> "streaming".equals(s.path("state").asText()) && s.path("serving").asBoolean());
    long again = metric(admin, "mujun_reads_standby_total");
    remarks(reader);
    assertThat(metric(admin, "mujun_reads_standby_total")).as("back in service").isGreaterThan(again);
  }
}
