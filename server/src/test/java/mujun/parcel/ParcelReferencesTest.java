package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mujun.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * A parcel's references (cluster, holder, import job, land-use code) and a history row's parcel, checked once per
 * statement (V32) instead of by a foreign key per row: the same refusals as the keys gave (SQLSTATE 23503 with the
 * key's name), for the rows written and for the rows they name, and the same outcome when a writer and a deleter meet.
 */
class ParcelReferencesTest {
  static int cluster;
  static final String SCHEME = "GB/T 21010-2017";

  @BeforeAll
  static void setUp() {
    cluster = TestApp.cluster("REFS", "引用测试区", "References test", "410100", 113.60, 34.60);
  }

  /** An INSERT of one parcel on a fresh square of the REFS cluster, with the given cluster, holder and code. */
  static String insert(Object clusterId, Object holder, String code, int k) {
    double x = 113.601 + (k % 40) * 0.001, y = 34.601 + (k / 40) * 0.001;
    return String.format(java.util.Locale.ROOT, "INSERT INTO parcel (code, cluster_id, holder_id, geom, land_use_scheme, land_use_code, remarks) VALUES "
        + "('410100%06dGB00001', %s, %s, ST_Multi(ST_MakeEnvelope(%.4f, %.4f, %.4f, %.4f, 4490)), '%s', '%s', '')",
        980000 + k, clusterId, holder, x, y, x + 0.0008, y + 0.0008, SCHEME, code);
  }

  static void assertRefused(Connection c, String sql, String key) {
    assertThatThrownBy(() -> {
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }).isInstanceOfSatisfying(PSQLException.class, e -> {
      assertThat(e.getSQLState()).isEqualTo("23503");
      assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo(key);
    });
  }

  @Test
  void aStatementNamingWhatIsNotThereIsRefusedAndWritesNothing() throws SQLException {
    int before = TestApp.intQuery("SELECT count(*) FROM parcel WHERE cluster_id = ?", cluster);
    try (Connection c = TestApp.connection()) {
      // Outside a checked import the outline's own checks find no cluster first (MJ004); a checked import's rows skip
      // those, and the reference check still holds.
      assertThatThrownBy(() -> c.createStatement().execute(insert(999999, "NULL", "0601", 1))).isInstanceOf(PSQLException.class);
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("INSERT INTO import_job (created_by, file_name, file_sha256, file_size, format, status) VALUES ('test', 'refs-checked.gpkg', '', 0, 'gpkg', 'checked')");
        st.execute("SELECT set_config('mujun.checked_import', (SELECT max(id) FROM import_job WHERE file_name = 'refs-checked.gpkg')::text, true), "
            + "set_config('mujun.user', 'test', true), set_config('mujun.operation', 'import', true)");
      }
      assertRefused(c, insert(999999, "NULL", "0601", 1).replace("holder_id,", "holder_id, import_id,")
          .replace(", NULL, ST_Multi", ", NULL, (SELECT max(id) FROM import_job WHERE file_name = 'refs-checked.gpkg'), ST_Multi"), "parcel_cluster_id_fkey");
      c.rollback();
      c.setAutoCommit(true);
      assertRefused(c, insert(cluster, 999999999, "0601", 2), "parcel_holder_id_fkey");
      assertRefused(c, insert(cluster, "NULL", "ZZ99", 3), "parcel_land_use_scheme_land_use_code_fkey");
      // Many rows at once, one of them wrong: the whole statement goes.
      String many = "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, remarks) "
          + "SELECT '410100' || (970000 + g) || 'GB00001', " + cluster + ", ST_Multi(ST_MakeEnvelope(113.621 + g * 0.001, 34.641, 113.6218 + g * 0.001, 34.6418, 4490)), "
          + "'" + SCHEME + "', CASE WHEN g = 7 THEN 'ZZ98' ELSE '0601' END, '' FROM generate_series(1, 10) g";
      assertRefused(c, many, "parcel_land_use_scheme_land_use_code_fkey");
      try (Statement st = c.createStatement()) {
        st.execute(insert(cluster, "NULL", "0601", 4));
      }
      long id = Long.parseLong(TestApp.stringQuery("SELECT id FROM parcel WHERE code = '410100980004GB00001'"));
      // An update to what is not there, and a history row of no parcel.
      assertRefused(c, "UPDATE parcel SET holder_id = 999999999 WHERE id = " + id, "parcel_holder_id_fkey");
      assertRefused(c, "UPDATE parcel SET import_id = 999999999 WHERE id = " + id, "parcel_import_id_fkey");
      assertRefused(c, "INSERT INTO parcel_history (parcel_id, version, operation, valid_from, valid_to, changed_by, change_reason, row_data, geom) "
          + "SELECT 999999999, 1, 'create', now() - interval '1 day', now(), 'test', '', '{}', geom FROM parcel WHERE id = " + id, "parcel_history_parcel_id_fkey");
    }
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE cluster_id = ?", cluster)).isEqualTo(before + 1);
    // Through the API the refusal reads as before.
    var r = TestApp.Client.signedIn("t-admin").send("PATCH", "/api/parcels/" + TestApp.stringQuery("SELECT id FROM parcel WHERE code = '410100980004GB00001'"),
        "{\"holderId\":999999999,\"reason\":\"test\"}", java.util.Map.of("If-Match", "\"parcel-" + TestApp.stringQuery("SELECT id FROM parcel WHERE code = '410100980004GB00001'") + "-v" + TestApp.stringQuery("SELECT version FROM parcel WHERE code = '410100980004GB00001'") + "\""));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
  }

  @Test
  void whatParcelsNameKeepsItsKeyAndIsNotDeleted() throws SQLException {
    TestApp.sql("INSERT INTO land_use_code (scheme, code, name, name_en) VALUES ('" + SCHEME + "', 'ZZ01', '测试用地', 'Test land') ON CONFLICT DO NOTHING");
    try (Connection c = TestApp.connection(); Statement st = c.createStatement()) {
      st.execute(insert(cluster, "NULL", "ZZ01", 5));
      assertRefused(c, "DELETE FROM land_use_code WHERE scheme = '" + SCHEME + "' AND code = 'ZZ01'", "parcel_land_use_scheme_land_use_code_fkey");
      assertRefused(c, "UPDATE land_use_code SET code = 'ZZ02' WHERE scheme = '" + SCHEME + "' AND code = 'ZZ01'", "parcel_land_use_scheme_land_use_code_fkey");
      // A change that keeps the key is no concern of the check.
      st.execute("UPDATE land_use_code SET name = '测试用地（改）' WHERE scheme = '" + SCHEME + "' AND code = 'ZZ01'");
      st.execute("INSERT INTO import_job (created_by, file_name, file_sha256, file_size, format, status) VALUES ('test', 'refs.gpkg', '', 0, 'gpkg', 'committed')");
      long job = Long.parseLong(TestApp.stringQuery("SELECT max(id) FROM import_job WHERE file_name = 'refs.gpkg'"));
      st.execute("UPDATE parcel SET import_id = " + job + " WHERE code = '410100980005GB00001'");
      assertRefused(c, "UPDATE import_job SET id = id + 1000000 WHERE id = " + job, "parcel_import_id_fkey");
    }
  }

  @Test
  void aWriterAndADeleterOfWhatItNamesDoNotBothSucceed() throws Exception {
    TestApp.sql("INSERT INTO land_use_code (scheme, code, name, name_en) VALUES ('" + SCHEME + "', 'ZZ03', '测试用地', 'Test land'), "
        + "('" + SCHEME + "', 'ZZ04', '测试用地', 'Test land') ON CONFLICT DO NOTHING");
    // The writer first: the deleter waits for it, then sees its parcel and is refused.
    try (Connection writer = TestApp.connection(); Connection deleter = TestApp.connection()) {
      writer.setAutoCommit(false);
      writer.createStatement().execute(insert(cluster, "NULL", "ZZ03", 6));
      CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> assertRefused(deleter,
          "DELETE FROM land_use_code WHERE scheme = '" + SCHEME + "' AND code = 'ZZ03'", "parcel_land_use_scheme_land_use_code_fkey"));
      Thread.sleep(500);
      assertThat(delete).as("the delete waits for the writer").isNotDone();
      writer.commit();
      delete.get(30, TimeUnit.SECONDS);
    }
    assertThat(TestApp.intQuery("SELECT count(*) FROM land_use_code WHERE code = 'ZZ03'")).isEqualTo(1);
    // The deleter first: the writer waits for it, then finds the code gone and is refused.
    try (Connection writer = TestApp.connection(); Connection deleter = TestApp.connection()) {
      deleter.setAutoCommit(false);
      deleter.createStatement().execute("DELETE FROM land_use_code WHERE scheme = '" + SCHEME + "' AND code = 'ZZ04'");
      CompletableFuture<Void> write = CompletableFuture.runAsync(() -> assertRefused(writer, insert(cluster, "NULL", "ZZ04", 7),
          "parcel_land_use_scheme_land_use_code_fkey"));
      Thread.sleep(500);
      assertThat(write).as("the writer waits for the delete").isNotDone();
      deleter.commit();
      write.get(30, TimeUnit.SECONDS);
    }
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = '410100980007GB00001'")).isZero();
  }
}
