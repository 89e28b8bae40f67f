package mujun.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Point-in-time recovery with PostgreSQL's own tools, through scripts/lib.sh (what scripts/mujun backup --physical and
 * restore --physical run): a cluster that archives its WAL, a base backup, edits after it, a moment T, more edits; the
 * restore to T has every table's rows, the history, the migrations, the files and the published runs' hashes exactly as
 * the source had them at T — the edits made after the backup and before T, none of those after T.
 */
class PointInTimeRestoreTest {
  static final String PW = "pitr-test-password";
  static ScratchCluster pg;
  static App app;
  static String base;
  static Path backup, restored;

  @BeforeAll
  static void setUp() {
    pg = new ScratchCluster("pitr-pg", true);
    backup = pg.dir.resolve("backup");
    restored = pg.dir.resolve("restored");
    app = new App(Config.load(pg.appEnv("target/pitr-var"))).start();
    base = "http://127.0.0.1:" + app.port();
    app.auth.addUser("pitr-editor", "PITR editor", PW, List.of("resources"));
  }

  @AfterAll
  static void tearDown() {
    if (app != null) app.close();
    if (pg != null) {
      try {
        pg.bash("as_pg \"$PG_BIN/pg_ctl\" -D '" + restored + "' -m immediate -w stop >/dev/null 2>&1 || true", Map.of());
      } finally {
        pg.close();
      }
    }
  }

  static String square(double lon, double lat) {
    return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
        lon, lat, lon + 0.0008, lat, lon + 0.0008, lat + 0.0008, lon, lat + 0.0008, lon, lat);
  }

  static int made;

  /** A new parcel in the test cluster, by the editor. */
  static long parcel(Client editor, String remarks) {
    int i = made++;
    Resp r = editor.send("POST", "/api/parcels", "{\"code\":\"" + String.format("410100%06dGB00001", 710000 + i) + "\",\"landUseScheme\":\"GB/T 21010-2017\","
        + "\"landUseCode\":\"0601\",\"geometry\":" + square(113.01 + (i % 50) * 0.002, 34.81 + (i / 50) * 0.002) + ",\"remarks\":\"" + remarks
        + "\",\"reason\":\"pitr test\"}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  static String one(String jdbcUrlOf, String sql) throws Exception {
    String[] j = ScratchCluster.jdbc(jdbcUrlOf);
    try (Connection c = DriverManager.getConnection(j[0], j[1], j[2]); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static JsonNode manifest(String url) throws Exception {
    String[] j = ScratchCluster.jdbc(url);
    return Backup.manifest(Backup.target(j[0], j[1], j[2]));
  }

  @Test
  void aRestoreToAMomentHasExactlyWhatTheSourceHadThen() throws Exception {
    TestApp.deleteTree(backup);
    pg.admin("mujun_scratch", "INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('PITR', '恢复测试集聚区', 'PITR cluster', '410100', "
        + "ST_Multi(ST_MakeEnvelope(113.0, 34.8, 113.3, 35.0, 4490)))");
    Thread.sleep(5_500); // principals are cached for 5 s: the new cluster must be in the editor's scope
    Client editor = Client.signedIn(base, "pitr-editor", PW);
    for (int i = 0; i < 5; i++) parcel(editor, "before the backup");

    // As scripts/mujun backup --physical runs it, with the scratch cluster's superuser making the copy.
    pg.bash("MUJUN_REPLICATION_URL=\"postgresql://postgres:$(pg_password)@127.0.0.1:$PG_PORT/postgres\" physical_backup --out '" + backup + "' >&2",
        Map.of("DATABASE_URL", pg.url));

    long afterBackup = parcel(editor, "after the backup, before T");
    Resp item = editor.get("/api/parcels/" + afterBackup);
    Resp edit = editor.send("PATCH", "/api/parcels/" + afterBackup, "{\"remarks\":\"edited before T\",\"reason\":\"pitr test\"}", Map.of("If-Match", item.header("ETag")));
    assertThat(edit.status()).as(edit.body()).isEqualTo(200);

    // The moment T, with nothing written around it (the manifest before and after it is the same).
    JsonNode atT = manifest(pg.url);
    Thread.sleep(300);
    String t = one(pg.url, "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US') || 'Z' FROM (SELECT set_config('TimeZone', 'UTC', true)) s");
    Thread.sleep(300);
    assertThat(Backup.differences(atT, manifest(pg.url))).as("nothing was written around T").isEmpty();
    Thread.sleep(700);

    long late = parcel(editor, "after T");
    Resp lateItem = editor.get("/api/parcels/" + afterBackup);
    assertThat(editor.send("PATCH", "/api/parcels/" + afterBackup, "{\"remarks\":\"edited after T\",\"reason\":\"pitr test\"}",
        Map.of("If-Match", lateItem.header("ETag"))).status()).isEqualTo(200);
    // Finish the WAL segment holding T and what followed, and wait until the archive has it.
    pg.admin("postgres", "SELECT pg_switch_wal()");
    pg.bash("for i in $(seq 1 100); do psql_admin -d postgres -tAc \"SELECT last_archived_wal >= pg_walfile_name(pg_current_wal_lsn() - 1) "
        + "FROM pg_stat_archiver\" | grep -q t && exit 0; sleep 0.2; done; exit 1", Map.of());

    String port = pg.bash("physical_restore --in '" + backup + "' --wal-archive '" + pg.walArchive() + "' --until '" + t
        + "' --pgdata '" + restored + "'", Map.of());
    String restoredUrl = pg.url.replaceFirst(":\\d+/", ":" + port + "/");

    assertThat(Backup.differences(atT, manifest(restoredUrl))).as("the restore has what the source had at T").isEmpty();
    assertThat(one(restoredUrl, "SELECT remarks FROM parcel WHERE id = " + afterBackup + " AND status = 'current'")).isEqualTo("edited before T");
    assertThat(one(restoredUrl, "SELECT count(*) FROM parcel WHERE id = " + late)).isEqualTo("0");
    assertThat(one(restoredUrl, "SELECT count(*) FROM parcel_version WHERE row_data->>'remarks' = 'edited after T'")).isEqualTo("0");
  }
}
