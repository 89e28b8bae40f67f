package mujun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void withoutATerminalProgressIsPlainLinesNotCarriageReturnFrames() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8); ProgressBar pb = Progress.bar("demo parcels", 100_000, false, out)) {
      for (int i = 0; i < 100_000; i++) pb.step();
    }
    String log = buf.toString(StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("\r").contains("demo parcels").contains("100000/100000");
    assertThat(log.lines().count()).as("lines written for a run of under a second").isLessThanOrEqualTo(3);
  }
}
