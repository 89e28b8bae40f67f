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
  void missingDatabaseUrlIsExplained() {
    assertThatThrownBy(() -> Config.load(Map.of("MUJUN_CONFIG", "/nonexistent"))).hasMessageContaining("DATABASE_URL");
  }
}
