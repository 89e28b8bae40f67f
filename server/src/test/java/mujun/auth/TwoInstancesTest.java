package mujun.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mujun.App;
import mujun.config.Config;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.Test;

/**
 * Two app instances on one database: a token revoked on one is refused by the other at once (LISTEN/NOTIFY), though
 * the other had just resolved and cached its caller; a role taken away likewise.
 */
class TwoInstancesTest {
  @Test
  void aRevocationOnOneInstanceHoldsOnTheOther() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.instanceEnv("target/var-second");
    try (App second = new App(Config.load(env)).start()) {
      String other = "http://127.0.0.1:" + second.port();
      if (TestApp.intQuery("SELECT count(*) FROM app_user WHERE username = 'two-inst'") == 0) {
        TestApp.get().auth.addUser("two-inst", "Two instances", TestApp.PASSWORD, List.of("resources"));
      }
      Client owner = Client.signedIn("two-inst");
      Resp made = owner.send("POST", "/api/tokens", "{\"name\":\"script\",\"days\":1}", Map.of());
      String token = made.json().get("token").asText();
      long id = made.json().get("id").asLong();
      Client onSecond = Client.signedIn(other, "two-inst", TestApp.PASSWORD);
      Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
      // The second instance resolves (and caches) the token's caller.
      assertThat(onSecond.send("GET", "/api/session", null, bearer).status()).isEqualTo(200);
      assertThat(onSecond.send("GET", "/api/session", null, bearer).status()).isEqualTo(200);
      // Revoked on the first instance: the second refuses it within a second (its own cache would have kept it 5 s).
      assertThat(owner.send("DELETE", "/api/tokens/" + id, null, Map.of()).status()).isEqualTo(204);
      int status = 200;
      long deadline = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < deadline && (status = onSecond.send("GET", "/api/session", null, bearer).status()) == 200) Thread.sleep(50);
      assertThat(status).as("the revoked token on the other instance").isEqualTo(401);
    }
  }
}
