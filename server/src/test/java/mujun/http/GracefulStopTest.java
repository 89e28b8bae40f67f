package mujun.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mujun.App;
import mujun.config.Config;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * Stopping an instance drains it: a request under way when the stop begins is answered in full, a new connection is
 * refused from the start of the stop, and the stop returns once the request is done.
 */
class GracefulStopTest {
  @Test
  void aStoppingInstanceFinishesTheRequestUnderWayAndRefusesNewOnes() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.instanceEnv("target/var-graceful");
    App app = new App(Config.load(env)).start();
    String base = "http://127.0.0.1:" + app.port();
    Client client = Client.signedIn(base, "t-resources", TestApp.PASSWORD);
    try (Connection lock = TestApp.connection()) {
      // The request under way: a parcel list that waits on a lock the test holds.
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE parcel IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Resp> slow = CompletableFuture.supplyAsync(() -> client.get("/api/parcels?bbox=110,31,117,37&limit=1"));
      for (int i = 0; i < 100 && TestApp.intQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE '%FROM parcel%' AND application_name = 'mujun'") == 0; i++) {
        Thread.sleep(50);
      }
      assertThat(slow).as("the request waits on the lock").isNotDone();
      assertThat(TestApp.intQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'mujun'"))
          .as("the request's statement waits on the lock").isPositive();
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
      Thread.sleep(500);
      assertThat(stopping).isNotDone();
      assertThat(slow).isNotDone();
      HttpClient fresh = HttpClient.newHttpClient();
      assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
      lock.rollback();
      Resp answered = slow.get(20, TimeUnit.SECONDS);
      assertThat(answered.status()).as(answered.body()).isEqualTo(200);
      stopping.get(20, TimeUnit.SECONDS);
    }
  }
}
