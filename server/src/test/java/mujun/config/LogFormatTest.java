package mujun.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mujun.http.Json;
import org.junit.jupiter.api.Test;

/** MUJUN_LOG_FORMAT=json makes every log line one JSON object (for a log collector); the default stays text. */
class LogFormatTest {
  @Test
  void jsonLogsAreOneObjectPerLineAndTextIsTheDefault() throws Exception {
    List<String> json = run("json");
    assertThat(json).isNotEmpty();
    for (String line : json) {
      JsonNode n = Json.MAPPER.readTree(line);
      assertThat(n.path("level").asText()).isNotEmpty();
      assertThat(n.has("formattedMessage")).isTrue();
    }
    assertThat(json).anySatisfy(l -> assertThat(Json.MAPPER.readTree(l).path("formattedMessage").asText()).startsWith("setting DATABASE_URL"));
    List<String> text = run(null);
    assertThat(text).anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*setting DATABASE_URL.*"));
  }

  /** The lines a short command (migrate, on the test database) writes to standard error. */
  private static List<String> run(String format) throws Exception {
    // The server's own logback.xml (the test classpath has a quieter logback-test.xml first).
    ProcessBuilder pb = new ProcessBuilder(java(), "-Dlogback.configurationFile=target/classes/logback.xml", "-cp", System.getProperty("java.class.path"),
        "mujun.Main", "migrate");
    pb.environment().put("DATABASE_URL", System.getenv("MUJUN_TEST_DATABASE_URL"));
    pb.environment().put("MUJUN_CONFIG", "target/no-such-config.properties");
    if (format == null) pb.environment().remove("MUJUN_LOG_FORMAT");
    else pb.environment().put("MUJUN_LOG_FORMAT", format);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String java() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
