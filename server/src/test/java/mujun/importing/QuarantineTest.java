package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mujun.error.ApiError;
import mujun.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disk is bounded: archive limits hold while unpacking, abandoned uploads are swept, each user's share is capped. */
class QuarantineTest {
  static final long MB = 1024 * 1024;
  Path root = Path.of("target/quarantine-test").toAbsolutePath();

  @BeforeEach
  void clean() {
    TestApp.deleteTree(root);
  }

  /** A zip of one entry of {@code mb} MB of zeros (about 1,000 times smaller packed). */
  static byte[] zeros(String name, int mb) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry(name));
      byte[] zeros = new byte[(int) MB];
      for (int i = 0; i < mb; i++) z.write(zeros);
      z.closeEntry();
    }
    return bos.toByteArray();
  }

  /** The largest file under the quarantine at the moment the given action fails (watched by a second thread). */
  static long largestWhile(Path root, Runnable action) throws Exception {
    long[] largest = {0};
    Thread watcher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try (var s = Files.walk(root)) {
          s.filter(Files::isRegularFile).forEach(f -> largest[0] = Math.max(largest[0], f.toFile().length()));
        } catch (Exception ignored) {
          // files come and go while unpacking
        }
      }
    });
    watcher.start();
    try {
      action.run();
    } finally {
      watcher.interrupt();
      watcher.join();
    }
    return largest[0];
  }

  @Test
  void aBombIsStoppedAtTheLimitWhileUnpacking() throws Exception {
    byte[] bomb = zeros("parcels.dbf", 400); // 400 MB of zeros in well under 1 MB
    assertThat(bomb.length).isLessThan((int) MB);
    Quarantine q = new Quarantine(root, 50 * MB, 1000 * MB, 100, 100);
    long limit = Math.max(Quarantine.RATIO_FLOOR, bomb.length * 100L);
    long largest = largestWhile(root, () -> assertThatThrownBy(() -> q.store(7, "bomb.zip", new ByteArrayInputStream(bomb)))
        .isInstanceOf(ApiError.class).hasFieldOrPropertyWithValue("code", "ARCHIVE_BOMB"));
    assertThat(largest).as("bytes written before the bomb was stopped (limit %d)", limit).isLessThanOrEqualTo(limit + 64 * 1024);
    try (var s = Files.list(root)) {
      assertThat(s.count()).as("nothing is left behind").isZero();
    }
  }

  @Test
  void theSizeLimitHoldsWhileUnpackingToo() throws Exception {
    Quarantine q = new Quarantine(root, 50 * MB, 20 * MB, 100, 100_000);
    byte[] big = zeros("parcels.dbf", 60);
    assertThatThrownBy(() -> q.store(7, "big.zip", new ByteArrayInputStream(big)))
        .isInstanceOf(ApiError.class).hasFieldOrPropertyWithValue("code", "ARCHIVE_TOO_LARGE");
  }

  @Test
  void abandonedUploadsAreSweptAfterTheirTime() throws Exception {
    Quarantine q = new Quarantine(root, 50 * MB, 100 * MB, 100, 100);
    Quarantine.Stored old = q.store(7, "old.geojson", new ByteArrayInputStream("{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes()));
    Quarantine.Stored fresh = q.store(7, "fresh.geojson", new ByteArrayInputStream("{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes()));
    Files.setLastModifiedTime(old.dir(), FileTime.from(Instant.now().minus(Duration.ofHours(30))));
    assertThat(q.sweep(Duration.ofHours(24))).isEqualTo(1);
    assertThat(old.dir()).doesNotExist();
    assertThat(fresh.dir()).exists();
  }

  @Test
  void eachUsersShareOfTheQuarantineIsCapped() throws Exception {
    Quarantine q = new Quarantine(root, 50 * MB, 100 * MB, 100, 100, 3 * MB);
    byte[] file = new byte[(int) (1.2 * MB)];
    java.util.Arrays.fill(file, (byte) ' ');
    System.arraycopy("{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(), 0, file, 0, 42);
    q.store(7, "a.geojson", new ByteArrayInputStream(file));
    q.store(7, "b.geojson", new ByteArrayInputStream(file));
    assertThatThrownBy(() -> q.store(7, "c.geojson", new ByteArrayInputStream(file)))
        .isInstanceOf(ApiError.class).hasFieldOrPropertyWithValue("code", "QUARANTINE_FULL").hasFieldOrPropertyWithValue("status", 413);
    assertThat(q.usage(7)).isLessThanOrEqualTo(3 * MB);
    // Another user is not held up by the first one's uploads.
    assertThat(q.store(8, "d.geojson", new ByteArrayInputStream(file)).dir()).exists();
  }
}
