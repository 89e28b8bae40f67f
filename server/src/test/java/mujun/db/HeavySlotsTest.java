package mujun.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * A user's heavy writes are capped across instances: slots leased in the database (heavy_slot), taken by whichever
 * instance serves the request, given back when it ends, free again when the instance holding one died (its lease lapses).
 */
class HeavySlotsTest {
  static int users;

  static String user() {
    return "slot-user-" + System.nanoTime() + "-" + users++;
  }

  @Test
  void twoInstancesShareOneUsersSlotsAndALapsedLeaseIsFreeAgain() {
    Db db = TestApp.get().db;
    try (HeavySlots a = new HeavySlots(db, "inst-a", 2); HeavySlots b = new HeavySlots(db, "inst-b", 2)) {
      String u = user();
      assertThat(a.take(u)).isEqualTo(0);
      assertThat(b.take(u)).isEqualTo(1);
      assertThat(a.take(u)).as("both slots are taken, one on each instance").isEqualTo(-1);
      assertThat(b.take(u)).isEqualTo(-1);
      assertThat(a.take(user())).as("another user has slots of his own").isEqualTo(0);
      a.give(u, 0);
      assertThat(b.take(u)).isEqualTo(0);
      // Instance b dies: its leases are not renewed, and after 30 s they are free.
      TestApp.sql("UPDATE heavy_slot SET renewed_at = now() - interval '31 seconds' WHERE instance = 'inst-b'");
      assertThat(a.take(u)).isEqualTo(0);
      assertThat(a.take(u)).isEqualTo(1);
      assertThat(TestApp.intQuery("SELECT count(*)::int FROM heavy_slot WHERE username = ? AND instance = 'inst-a'", u)).isEqualTo(2);
      a.give(u, 0);
      b.give(u, 1); // not b's any more: nothing is given back
      assertThat(TestApp.intQuery("SELECT count(*)::int FROM heavy_slot WHERE username = ?", u)).isEqualTo(1);
    }
  }

  @Test
  void concurrentRequestsOnTwoInstancesGetExactlyTheCap() throws Exception {
    Db db = TestApp.get().db;
    try (HeavySlots a = new HeavySlots(db, "inst-c", 3); HeavySlots b = new HeavySlots(db, "inst-d", 3)) {
      String u = user();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HeavySlots s = i % 2 == 0 ? a : b;
        got.add(pool.submit(() -> s.take(u)));
      }
      List<Integer> slots = new ArrayList<>();
      for (Future<Integer> f : got) slots.add(f.get());
      pool.shutdown();
      assertThat(slots.stream().filter(s -> s >= 0).sorted().toList()).containsExactly(0, 1, 2);
      assertThat(slots.stream().filter(s -> s < 0).count()).isEqualTo(5);
    }
  }

  @Test
  void aHeavyWriteIsRefusedWhileTheUsersSlotsAreHeldElsewhereAndGivesItsOwnBack() {
    TestApp.get();
    Client c = Client.signedIn("t-resources");
    int cap = TestApp.get().cfg.heavyPerUser;
    TestApp.sql("DELETE FROM heavy_slot WHERE username = 't-resources'");
    TestApp.sql("INSERT INTO heavy_slot (username, slot, instance) SELECT 't-resources', s, 'another-server' FROM generate_series(0, " + (cap - 1) + ") s");
    Resp refused = c.send("POST", "/api/imports", "{}", Map.of());
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(refused.json().get("message").asText()).contains("another server");
    // The other server died: its leases lapse, and the request goes through (and is refused for its own reasons).
    TestApp.sql("UPDATE heavy_slot SET renewed_at = now() - interval '31 seconds' WHERE instance = 'another-server'");
    Resp tried = c.send("POST", "/api/imports", "{}", Map.of());
    assertThat(tried.status()).as(tried.body()).isNotEqualTo(429).isBetween(400, 499);
    assertThat(TestApp.intQuery("SELECT count(*)::int FROM heavy_slot WHERE username = 't-resources' AND instance <> 'another-server'"))
        .as("the request gave its slot back").isZero();
  }
}
