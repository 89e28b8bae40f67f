package mujun.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mujun.config.Config;
import mujun.support.TestApp;
import org.junit.jupiter.api.Test;

/**
 * A server's pool keeps the connections it warmed at start: they are the ones it hands out, and the warm-up statements
 * (sign-in, tiles with rows, items pages) run on each of them without error.
 */
class WarmPoolTest {
  @Test
  void theServerPoolWarmsItsKeptConnectionsAndHandsOutThoseSame() throws Exception {
    TestApp.get(); // the test database, migrated and with parcels
    Config cfg = Config.load(Map.of("DATABASE_URL", System.getenv("MUJUN_TEST_DATABASE_URL"), "MUJUN_CONFIG", "target/no-such-config.properties"));
    try (Db db = Db.server(cfg)) {
      Set<Integer> warmed = ConcurrentHashMap.newKeySet();
      List<String> failures = new ArrayList<>();
      db.warmUp(c -> {
        warmed.add(pid(c));
        try {
          mujun.auth.AuthService.warm(c);
          mujun.tiles.TileService.warm(c);
          mujun.ogcapi.OgcController.warm(c);
        } catch (SQLException e) {
          failures.add(e.getMessage());
        }
        return null;
      });
      assertThat(failures).isEmpty();
      assertThat(warmed).hasSize(Db.SERVER_WARM);
      List<Connection> held = new ArrayList<>();
      Set<Integer> handedOut = new java.util.HashSet<>();
      try {
        for (int i = 0; i < Db.SERVER_WARM; i++) {
          Connection c = db.dataSource().getConnection();
          held.add(c);
          handedOut.add(pid(c));
        }
      } finally {
        for (Connection c : held) c.close();
      }
      assertThat(handedOut).isEqualTo(warmed);
    }
  }

  private static int pid(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
