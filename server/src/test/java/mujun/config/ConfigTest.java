package mujun.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void databaseUrlBecomesJdbcUrlUserAndPassword() {
    String[] j = Config.toJdbc("postgresql://mujun:p%40ss@127.0.0.1:55432/mujun?sslmode=disable");
    assertThat(j).containsExactly("jdbc:postgresql://127.0.0.1:55432/mujun?sslmode=disable", "mujun", "p@ss");
  }

  @Test
  void environmentOverridesDefaults() {
    Config c = Config.load(Map.of("DATABASE_URL", "postgres://u:p@h:1/d", "PORT", "8081", "MUJUN_CONFIG", "/nonexistent"));
    assertThat(c.port).isEqualTo(8081);
    assertThat(c.bind).isEqualTo("127.0.0.1");
    assertThat(c.jdbcUrl).isEqualTo("jdbc:postgresql://h:1/d");
  }

  @Test
  void severalHostsConnectToThePrimaryAndReadUrlsAreAList() {
    String[] j = Config.toJdbc("postgresql://mujun:pw@10.0.0.1:5432,10.0.0.2:5433/mujun");
    assertThat(j).containsExactly("jdbc:postgresql://10.0.0.1:5432,10.0.0.2:5433/mujun?targetServerType=primary&hostRecheckSeconds=2", "mujun", "pw");
    assertThat(Config.libpq(j[0], "mujun")).isEqualTo("host=10.0.0.1,10.0.0.2 port=5432,5433 dbname=mujun user=mujun target_session_attrs=read-write");
    assertThat(Config.libpq("jdbc:postgresql://h/d", null)).isEqualTo("host=h port=5432 dbname=d");
    Config c = Config.load(Map.of("DATABASE_URL", "postgres://u:p@h:1/d", "MUJUN_CONFIG", "/nonexistent",
        "DATABASE_READ_URLS", "postgresql://r:x@s1:2/d, postgresql://r:y@s2:3/d?sslmode=disable"));
    assertThat(c.readUrls).hasSize(2);
    assertThat(c.readUrls.get(1)).containsExactly("jdbc:postgresql://s2:3/d?sslmode=disable", "r", "y");
    assertThat(c.replicaMaxLagMs).isEqualTo(5000);
    assertThatThrownBy(() -> Config.toJdbc("postgresql://")).hasMessageContaining("postgresql://user:password@host:port/database");
  }

  @Test
  void missingDatabaseUrlIsExplained() {
    assertThatThrownBy(() -> Config.load(Map.of("MUJUN_CONFIG", "/nonexistent"))).hasMessageContaining("DATABASE_URL");
  }
}
