package mujun.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import mujun.config.Config;
import mujun.support.TestApp;
import org.junit.jupiter.api.Test;

/**
 * A connection left planning once for every value (the parcel tiles' work, Db.readPlannedOnce) keeps doing so for the
 * next such work, and is put back to plans made with values before the pool hands it to anything else: a page of
 * items, a transaction, a what-if, a read through a standby's router.
 */
class PlannedOnceTest {
  private static final String MODE = "SELECT current_setting('plan_cache_mode') || ' ' || pg_backend_pid()";

  @Test
  void aConnectionLeftPlanningOnceIsPutBackBeforeAnyOtherWork() {
    TestApp.get();
    Config cfg = Config.load(Map.of("DATABASE_URL", System.getenv("MUJUN_TEST_DATABASE_URL"), "MUJUN_CONFIG", "target/no-such-config.properties"));
    // One connection, so that every call below gets the same backend.
    try (Db db = new Db(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword, 1)) {
      Replicas routed = Replicas.none(db);
      String first = db.readPlannedOnce(PlannedOnceTest::mode);
      String backend = first.split(" ")[1];
      assertThat(first).isEqualTo("force_generic_plan " + backend);
      assertThat(routed.readPlannedOnce(null, PlannedOnceTest::mode)).isEqualTo("force_generic_plan " + backend);
      assertThat(db.readBounded(PlannedOnceTest::mode)).isEqualTo("auto " + backend);

      db.readPlannedOnce(PlannedOnceTest::mode);
      assertThat(db.read(PlannedOnceTest::mode)).isEqualTo("auto " + backend);
      db.readPlannedOnce(PlannedOnceTest::mode);
      assertThat(db.inTransaction(Db.Change.by("test", "planning"), PlannedOnceTest::mode)).isEqualTo("auto " + backend);
      db.readPlannedOnce(PlannedOnceTest::mode);
      assertThat(db.tryOut(Db.Change.by("test", "planning"), PlannedOnceTest::mode)).isEqualTo("auto " + backend);
      db.readPlannedOnce(PlannedOnceTest::mode);
      assertThat(routed.readBounded(null, PlannedOnceTest::mode)).isEqualTo("auto " + backend);
      db.readPlannedOnce(PlannedOnceTest::mode);
      assertThat(routed.read("someone", PlannedOnceTest::mode)).isEqualTo("auto " + backend);
      // Work that failed on a connection left planning once does not leave it so for the next.
      try {
        db.readPlannedOnce(c -> {
          throw new SQLException("failed on purpose", "XX000");
        });
      } catch (RuntimeException expected) {
        // translated by the pool
      }
      assertThat(db.readBounded(PlannedOnceTest::mode)).isEqualTo("auto " + backend);
    }
  }

  private static String mode(Connection c) throws SQLException {
    return Sql.rows(c, MODE).get(0)[0].toString();
  }
}
