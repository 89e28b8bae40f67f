package mujun.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * The test database (register, history, files, a published evaluation) backed up with pg_dump and restored with
 * pg_restore into the empty database scripts/test prepares; the restore is checked against the backup's manifest:
 * every table's rows, the history, the migrations, the files and the published runs' output hashes.
 */
class BackupRestoreTest {
  @Test
  void aBackupRestoresToTheSameRecord() throws Exception {
    TestApp.get();
    String target = System.getenv("MUJUN_TEST_RESTORE_URL");
    assertThat(target).as("scripts/test prepares an empty database for the restore (MUJUN_TEST_RESTORE_URL)").isNotBlank();
    // A published run, so that its output hash is part of what must come back.
    Client coord = Client.signedIn("t-coord");
    // Its own year and cluster, so that no other test's publication of a year clashes with it.
    Resp run = coord.send("POST", "/api/evaluation/runs", "{\"method\":\"henan-2019\",\"year\":2018,\"clusters\":[" + TestApp.testClusterId + "]}", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    int published = coord.send("POST", "/api/evaluation/runs/" + run.json().get("id").asInt() + "/publish", "", Map.of()).status();
    assertThat(published).isEqualTo(200);

    String[] src = mujun.config.Config.toJdbc(System.getenv("MUJUN_TEST_DATABASE_URL"));
    String[] dst = mujun.config.Config.toJdbc(target);
    Path dir = Files.createTempDirectory("mujun-backup");
    Path dump = dir.resolve("mujun.dump");
    JsonNode m = Backup.backup(Backup.target(src[0], src[1], src[2]), dump);
    assertThat(m.path("rows").path("parcel").asLong()).isGreaterThan(0);
    assertThat(m.path("rows").path("change_history").asLong()).isGreaterThan(0);
    assertThat(m.path("publishedRuns").size()).isGreaterThan(0);
    assertThat(Files.exists(dir.resolve("mujun.dump.manifest.json"))).isTrue();

    List<String> differences = Backup.restore(Backup.target(dst[0], dst[1], dst[2]), dump);
    assertThat(differences).isEmpty();
    // Restoring again into the same (now full) database is refused, and so is a damaged dump.
    assertThatThrownBy(() -> Backup.restore(Backup.target(dst[0], dst[1], dst[2]), dump)).hasMessageContaining("not empty");
    Files.write(dump, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> Backup.restore(Backup.target(dst[0], dst[1], dst[2]), dump)).hasMessageContaining("damaged");
  }

  @Test
  void differencesAreNamed() {
    JsonNode want = mujun.http.Json.tree("{\"rows\":{\"parcel\":5},\"lastHistoryId\":\"9\",\"migrations\":\"1:1\",\"files\":\"x\",\"publishedRuns\":{\"3\":\"ab\"}}");
    JsonNode got = mujun.http.Json.tree("{\"rows\":{\"parcel\":4},\"lastHistoryId\":\"9\",\"migrations\":\"1:1\",\"files\":\"x\",\"publishedRuns\":{\"3\":\"cd\"}}");
    assertThat(Backup.differences(want, got)).containsExactly("parcel: 5 rows in the backup, 4 restored", "the published runs' output hashes differ");
  }
}
