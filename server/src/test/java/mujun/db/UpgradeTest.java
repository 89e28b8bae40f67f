package mujun.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mujun.App;
import mujun.auth.Passwords;
import mujun.config.Config;
import mujun.enterprise.CreditCode;
import mujun.support.ScratchCluster;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrades are safe: a database made by the first landed release and one made by the previous landed release (their
 * migrations taken from git, exactly as they landed), holding data, are migrated to HEAD; nothing in them changes and
 * the app works on them. No landed versioned migration has been edited (against the committed manifest, and against
 * the files in every landed release).
 */
class UpgradeTest {
  static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  static ScratchCluster pg;
  static Path root;

  @BeforeAll
  static void setUp() {
    root = ScratchCluster.projectRoot();
    pg = new ScratchCluster("upgrade-pg");
  }

  @AfterAll
  static void tearDown() {
    if (pg != null) pg.close();
  }

  static List<String> lines(String resource) throws IOException {
    try (var in = UpgradeTest.class.getResourceAsStream(resource)) {
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank() && !l.startsWith("#")) out.add(l.strip());
      }
      return out;
    }
  }

  static List<String> releases() throws IOException {
    return lines("/db/releases.txt").stream().map(l -> l.split("\\s+")[0]).toList();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
    return out;
  }

  static byte[] gitShow(String commit, String path) throws Exception {
    Process p = new ProcessBuilder("git", "-C", root.toString(), "show", commit + ":" + path).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("git show " + commit + ":" + path);
    return out;
  }

  @Test
  void noLandedVersionedMigrationHasBeenEdited() throws Exception {
    List<String> manifest = lines("/db/landed-migrations.sha256");
    assertThat(manifest).hasSizeGreaterThanOrEqualTo(11);
    for (String l : manifest) {
      String[] hf = l.split("\\s+");
      Path f = MIGRATIONS.resolve(hf[1]);
      assertThat(f).as("landed migration " + hf[1] + " is still there").exists();
      assertThat(sha256(Files.readAllBytes(f))).as(hf[1] + " is exactly as it landed (add a new V file instead of editing it)").isEqualTo(hf[0]);
    }
    // Every V file of every landed release is in the manifest and unchanged at HEAD.
    for (String commit : releases()) {
      for (String path : git("ls-tree", "--name-only", commit, "server/src/main/resources/db/migration/").split("\n")) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.startsWith("V")) continue;
        String landed = sha256(gitShow(commit, path));
        assertThat(manifest).as(name + " of release " + commit.substring(0, 7) + " is in the manifest").contains(landed + "  " + name);
      }
    }
  }

  /** Writes the migrations of {@code commit} (V and R files, as they were) into a folder. */
  static Path migrationsOf(String commit) throws Exception {
    Path dir = root.resolve("server/target/upgrade/" + commit.substring(0, 12));
    TestApp.deleteTree(dir);
    Files.createDirectories(dir);
    for (String path : git("ls-tree", "--name-only", commit, "server/src/main/resources/db/migration/").split("\n")) {
      if (path.isBlank()) continue;
      Files.write(dir.resolve(path.substring(path.lastIndexOf('/') + 1)), gitShow(commit, path));
    }
    return dir;
  }

  /** Data written as the first release's schema allows: a cluster, enterprises, parcels edited and retired, a user, sessions. */
  static void seed(Connection c, String passwordHash) throws Exception {
    String credit1 = "91410100MA" + "UPG0001", credit2 = "91410100MA" + "UPG0002";
    credit1 += CreditCode.checkChar(credit1);
    credit2 += CreditCode.checkChar(credit2);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT set_config('mujun.user', 'upgrade-test', false), set_config('mujun.reason', 'seed', false)");
      st.execute("INSERT INTO cluster (code, name, name_en, city_code, boundary) VALUES ('UPG', '升级测试集聚区', 'Upgrade cluster', '410100', "
          + "ST_Multi(ST_MakeEnvelope(113.0, 34.8, 113.1, 34.9, 4490)))");
      st.execute("INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id) SELECT x.c, x.n, 'C34', 'above', k.id "
          + "FROM cluster k, (VALUES ('" + credit1 + "', '升级机械有限公司'), ('" + credit2 + "', '升级材料有限公司')) x(c, n) WHERE k.code = 'UPG'");
      for (int i = 0; i < 6; i++) {
        double x = 113.01 + i * 0.002;
        st.execute(String.format(java.util.Locale.ROOT, "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, right_type, holder_id, remarks) "
            + "SELECT '41010012%04dGB00001', k.id, ST_Multi(ST_MakeEnvelope(%f, 34.81, %f, 34.8115, 4490)), 'GB/T 21010-2017', '0601', 'transfer', "
            + "(SELECT id FROM enterprise WHERE credit_code = '%s'), '第%d宗' FROM cluster k WHERE k.code = 'UPG'", 3000 + i, x, x + 0.0012, i % 2 == 0 ? credit1 : credit2, i));
      }
      st.execute("UPDATE parcel SET remarks = '改过一次', geom = ST_Multi(ST_MakeEnvelope(113.01, 34.81, 113.0115, 34.8115, 4490)) WHERE code = '410100123000GB00001'");
      st.execute("UPDATE parcel SET status = 'retired' WHERE code = '410100123005GB00001'");
      st.execute("INSERT INTO app_user (username, display_name, password_hash) VALUES ('upgrade-editor', '升级用户', '" + passwordHash + "')");
      st.execute("INSERT INTO user_role (user_id, role, scope_kind, scope_code) SELECT id, 'resources', 'cluster', 'UPG' FROM app_user WHERE username = 'upgrade-editor'");
      st.execute("INSERT INTO audit_log (actor, action, target, outcome, status) VALUES ('upgrade-test', 'parcel.update', '/api/parcels/1', 'ok', 200)");
    }
  }

  static int clusterId(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM cluster WHERE code = 'UPG'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Where the schema has them (enterprise_indicator): an enterprise's figures for a year, written and then corrected
   * (versions 1 and 2). Whether it had them.
   */
  static boolean seedFigures(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('enterprise_indicator') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) return false;
    }
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan) SELECT min(id), 2024, 100 FROM enterprise");
      st.execute("UPDATE enterprise_indicator SET tax_wan = 120 WHERE year = 2024");
    }
    return true;
  }

  /** A digest per table of everything the first release stored (the rows as they were written). */
  static Map<String, String> digest(Connection c) throws Exception {
    Map<String, String> d = new LinkedHashMap<>();
    String versions;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('parcel_version') IS NOT NULL")) {
      rs.next();
      versions = rs.getBoolean(1) ? "parcel_version" : "parcel_history";
    }
    String[][] q = {
        {"cluster", "SELECT id, code, name, city_code, ST_AsBinary(boundary) FROM cluster ORDER BY id"},
        {"enterprise", "SELECT id, credit_code, name, industry_code, size_class, cluster_id FROM enterprise ORDER BY id"},
        {"parcel", "SELECT id, code, cluster_id, ST_AsBinary(geom), land_use_code, right_type, holder_id, remarks, area_m2, status, version, valid_from, changed_by FROM parcel ORDER BY id"},
        // Every version of every parcel: since V36 the version in force is the parcel row only (view parcel_version), before
        // it history held a copy. The attributes the first release had, as its history wrote them.
        {"parcel versions", "SELECT parcel_id, version, operation, valid_from, valid_to, changed_by, change_reason, "
            + "(SELECT jsonb_object_agg(k, v) FROM jsonb_each(row_data) x(k, v) WHERE k IN ('id', 'code', 'cluster_id', 'land_use_code', 'right_type', "
            + "'holder_id', 'remarks', 'area_m2', 'status', 'version', 'changed_by', 'change_reason', 'origin'))::text, ST_AsBinary(geom) "
            + "FROM " + versions + " ORDER BY parcel_id, version"},
        {"app_user", "SELECT id, username, display_name, password_hash, active FROM app_user ORDER BY id"},
        {"user_role", "SELECT user_id, role, scope_kind, scope_code FROM user_role ORDER BY 1, 2, 3, 4"},
        {"audit_log", "SELECT id, at, actor, action, target, outcome, status FROM audit_log ORDER BY id"},
        {"setting", "SELECT key, value FROM setting WHERE key IN ('overlap_tolerance_m2', 'area_tolerance_pct', 'signin_max_failures') ORDER BY key"},
    };
    try (Statement st = c.createStatement()) {
      for (String[] t : q) {
        StringBuilder b = new StringBuilder();
        int rows = 0;
        try (ResultSet rs = st.executeQuery(t[1])) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= n; i++) {
              Object o = rs.getObject(i);
              b.append(o instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(o)).append('\t');
            }
            b.append('\n');
          }
        }
        d.put(t[0], rows + " rows " + sha256(b.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return d;
  }

  void upgradeFrom(String commit, String db) throws Exception {
    String url = pg.database(db);
    String[] j = ScratchCluster.jdbc(url);
    Path old = migrationsOf(commit);
    Flyway.configure().dataSource(j[0], j[1], j[2]).locations("filesystem:" + old).load().migrate();
    String hash = Passwords.hash("upgrade-password-1");
    Map<String, String> before;
    boolean figures;
    Long figuresHistoryId = null;
    try (Connection c = DriverManager.getConnection(j[0], j[1], j[2])) {
      seed(c, hash);
      figures = seedFigures(c);
      // A release from V34 on names the history row of each figures row; one before it has no such column.
      if (figures) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM information_schema.columns "
            + "WHERE table_name = 'enterprise_indicator' AND column_name = 'history_id')")) {
          rs.next();
          if (rs.getBoolean(1)) {
            try (ResultSet h = st.executeQuery("SELECT history_id FROM enterprise_indicator WHERE year = 2024")) {
              h.next();
              figuresHistoryId = h.getLong(1);
            }
          }
        }
      }
      before = digest(c);
    }
    // HEAD's app migrates it (Flyway validates the checksums of what was applied against HEAD's files first).
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", url);
    env.put("PORT", "0");
    env.put("MUJUN_WEB_DIR", root.resolve("web").toString());
    env.put("MUJUN_VAR_DIR", "target/upgrade-var");
    env.put("MUJUN_CONFIG", "target/no-such-config.properties");
    try (App app = new App(Config.load(env))) {
      app.start();
      try (Connection c = DriverManager.getConnection(j[0], j[1], j[2])) {
        assertThat(digest(c)).as("data made by release " + commit.substring(0, 7) + " after the upgrade").isEqualTo(before);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success) FROM flyway_schema_history")) {
          rs.next();
          assertThat(rs.getInt(2)).as("failed migrations").isZero();
        }
      }
      // Figures stored before V34 keep no history id (nothing rewrites them), those stored since keep theirs; a run's
      // snapshot finds the history row of their version all the same, and references it instead of copying them.
      if (figures) {
        try (Connection c = DriverManager.getConnection(j[0], j[1], j[2]); Statement st = c.createStatement()) {
          long run;
          try (ResultSet rs = st.executeQuery("INSERT INTO evaluation_run (method_version_id, year, clusters, created_by) SELECT min(v.id), 2024, "
              + "ARRAY[(SELECT id FROM cluster WHERE code = 'UPG')], 'upgrade-test' FROM evaluation_method_version v RETURNING id")) {
            rs.next();
            run = rs.getLong(1);
          }
          try (PreparedStatement ps = c.prepareStatement(mujun.evaluation.EvalRepository.snapshotStatement())) {
            Integer[] k = {clusterId(c)};
            ps.setLong(1, run);
            ps.setArray(2, c.createArrayOf("integer", k));
            ps.setInt(3, 2024);
            ps.setArray(4, c.createArrayOf("integer", k));
            ps.executeUpdate();
          }
          try (ResultSet rs = st.executeQuery("SELECT i.history_id, x.figures IS NULL, x.figures_history_id = (SELECT max(ch.id) FROM change_history ch "
              + "WHERE ch.entity = 'enterprise_indicator' AND ch.entity_id = i.enterprise_id || '/' || i.year AND ch.version = 2), i.version "
              + "FROM enterprise_indicator i JOIN evaluation_input x ON x.enterprise_id = i.enterprise_id AND x.run_id = " + run + " WHERE i.year = 2024")) {
            assertThat(rs.next()).isTrue();
            long historyId = rs.getLong(1);
            assertThat(rs.wasNull() ? null : historyId).as("the upgrade writes no history id into old figures, nor changes one").isEqualTo(figuresHistoryId);
            assertThat(rs.getBoolean(2)).as("figures referenced, not copied").isTrue();
            assertThat(rs.getBoolean(3)).as("the history row of their version").isTrue();
            assertThat(rs.getInt(4)).as("the upgrade writes no new version").isEqualTo(2);
          }
        }
      }
      // A write after it names the history row it adds, which records the figures without that id.
      try (Connection c = DriverManager.getConnection(j[0], j[1], j[2]); Statement st = c.createStatement()) {
        st.execute("SELECT set_config('mujun.user', 'upgrade-test', false)");
        st.execute("INSERT INTO enterprise_indicator (enterprise_id, year, tax_wan) SELECT min(id), 2025, 90 FROM enterprise");
        st.execute("UPDATE enterprise_indicator SET tax_wan = 95 WHERE year = 2025");
        try (ResultSet rs = st.executeQuery("SELECT ch.version, ch.row_data ? 'history_id', (ch.row_data->>'tax_wan')::numeric FROM enterprise_indicator i "
            + "JOIN change_history ch ON ch.id = i.history_id WHERE i.year = 2025")) {
          assertThat(rs.next()).as("the history row named by the figures").isTrue();
          assertThat(rs.getInt(1)).isEqualTo(2);
          assertThat(rs.getBoolean(2)).isFalse();
          assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("95");
        }
      }
      // The app works on it: the old user signs in with the old password and edits an old parcel, with history.
      Client editor = Client.signedIn("http://127.0.0.1:" + app.port(), "upgrade-editor", "upgrade-password-1");
      long id;
      try (Connection c = DriverManager.getConnection(j[0], j[1], j[2]); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT id FROM parcel WHERE code = '410100123000GB00001' AND status = 'current'")) {
        rs.next();
        id = rs.getLong(1);
      }
      Resp edit = editor.send("PATCH", "/api/parcels/" + id, "{\"remarks\":\"升级后编辑\",\"reason\":\"after upgrade\"}", Map.of("If-Match", "\"parcel-" + id + "-v2\""));
      assertThat(edit.status()).as(edit.body()).isEqualTo(200);
      assertThat(edit.header("ETag")).isEqualTo("\"parcel-" + id + "-v3\"");
      Resp history = editor.get("/api/parcels/" + id + "/history");
      assertThat(history.status()).as(history.body()).isEqualTo(200);
      assertThat(history.body()).contains("改过一次").contains("升级后编辑");
      assertThat(editor.get("/tiles/parcels/14/13528/6468.mvt").status()).isIn(200, 204);
    }
  }

  @Test
  void aDatabaseOfTheFirstReleaseUpgradesWithNothingLost() throws Exception {
    List<String> r = releases();
    upgradeFrom(r.get(0), "upgrade_first");
  }

  @Test
  void aDatabaseOfThePreviousReleaseUpgradesWithNothingLost() throws Exception {
    List<String> r = releases();
    upgradeFrom(r.get(r.size() - 1), "upgrade_previous");
  }
}
