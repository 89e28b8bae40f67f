package mujun.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import org.junit.jupiter.api.Test;

/** The search box finds a 宗地代码 by its beginning or by its tail, lists 20, and says how many match in all. */
class SearchTest {
  @Test
  void aCodeIsFoundByItsTailAndTheCountSaysHowManyMatch() {
    TestApp.get();
    Client coord = Client.signedIn("t-coord");
    // A parcel of the 宗地 area (first 14 characters of the code) that holds the most parcels.
    String code = TestApp.stringQuery("SELECT max(code) FROM parcel WHERE status = 'current' AND left(code, 14) = (SELECT left(code, 14) FROM parcel "
        + "WHERE status = 'current' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)");
    String tail = code.substring(code.length() - 6);
    JsonNode byTail = coord.get("/api/search?q=" + tail).json();
    assertThat(byTail.get("parcels").findValuesAsText("code")).contains(code);
    int endingSo = TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current' AND code LIKE ?", "%" + tail);
    assertThat(byTail.get("parcelsMatched").asInt()).isGreaterThanOrEqualTo(endingSo);
    // The first 14 characters (the 宗地 area) are shared by many: 20 are listed, and the count says how many there are.
    String area = code.substring(0, 14);
    int inArea = TestApp.intQuery("SELECT count(*) FROM parcel WHERE status = 'current' AND code LIKE ?", area + "%");
    JsonNode byArea = coord.get("/api/search?q=" + area).json();
    assertThat(inArea).isGreaterThan(20);
    assertThat(byArea.get("parcels")).hasSize(20);
    assertThat(byArea.get("parcelsMatched").asInt()).isEqualTo(Math.min(inArea, 1001));
    // Two characters match no tail (too many would), and LIKE's wildcards are only text.
    assertThat(coord.get("/api/search?q=" + code.substring(code.length() - 2)).json().get("parcelsMatched").asInt())
        .isEqualTo(TestApp.intQuery("SELECT count(*) FROM parcel p WHERE status = 'current' AND (code LIKE ? OR p.holder_id IN "
            + "(SELECT id FROM enterprise WHERE lower(name) LIKE ? OR credit_code LIKE ?))",
            code.substring(code.length() - 2) + "%", "%" + code.substring(code.length() - 2).toLowerCase() + "%", code.substring(code.length() - 2) + "%"));
    assertThat(coord.get("/api/search?q=%25%25%25").json().get("parcelsMatched").asInt()).isZero();
  }

  @Test
  void anEnterpriseIsFoundByPartOfItsNameOrTheHeadOfItsCreditCodeWithItsParcelsInTheCallersScope() {
    TestApp.get();
    Client coord = Client.signedIn("t-coord");
    // An enterprise holding current parcels; the middle of its name (Chinese: the names' trigrams) and its credit code's head.
    String[] e = TestApp.get().db.read(c -> {
      Object[] r = mujun.db.Sql.rows(c, "SELECT e.name, e.credit_code, e.id FROM enterprise e WHERE char_length(e.name) >= 5 "
          + "AND EXISTS (SELECT 1 FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current') ORDER BY e.id LIMIT 1").get(0);
      return new String[] {(String) r[0], ((String) r[1]).strip(), String.valueOf(r[2])};
    });
    String middle = e[0].substring(1, 4);
    JsonNode byName = coord.get("/api/search?q=" + java.net.URLEncoder.encode(middle, java.nio.charset.StandardCharsets.UTF_8)).json();
    int named = TestApp.intQuery("SELECT count(*) FROM enterprise WHERE lower(name) LIKE ?", "%" + middle.toLowerCase() + "%");
    assertThat(byName.get("enterprisesMatched").asInt()).isEqualTo(Math.min(named, 1001));
    if (named <= 20) assertThat(byName.get("enterprises").findValuesAsText("name")).contains(e[0]);
    int held = TestApp.intQuery("SELECT count(*) FROM parcel p JOIN enterprise x ON x.id = p.holder_id WHERE p.status = 'current' AND lower(x.name) LIKE ?",
        "%" + middle.toLowerCase() + "%");
    assertThat(byName.get("parcelsMatched").asInt()).isGreaterThanOrEqualTo(Math.min(held, 1001)).isPositive();
    JsonNode byCredit = coord.get("/api/search?q=" + e[1].substring(0, 16)).json();
    assertThat(byCredit.get("enterprises").findValuesAsText("creditCode")).contains(e[1]);
    assertThat(byCredit.get("parcelsMatched").asInt()).isPositive();
    // A park manager of another cluster finds neither the enterprise nor its parcels.
    JsonNode other = Client.signedIn("t-park").get("/api/search?q=" + e[1]).json();
    java.util.List<Integer> parks = java.util.Arrays.asList(TestApp.principal("t-park").readableClusters());
    int cluster = TestApp.intQuery("SELECT cluster_id FROM enterprise WHERE id = ?::bigint", e[2]);
    int parkSees = parks.contains(cluster) ? 1 : 0;
    if (parkSees == 0) assertThat(other.get("enterprises")).isEmpty();
  }
}
