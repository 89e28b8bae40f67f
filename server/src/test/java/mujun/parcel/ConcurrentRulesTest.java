package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The register's rules under concurrent writers, on the real database: two users growing neighbouring parcels into
 * the same gap at the same moment (through the app API and the OGC API), two users creating the same 宗地代码 at once.
 * Before the cell locks, both growths were answered 200 in most trials and the register held overlapping parcels.
 */
class ConcurrentRulesTest {
  static final int TRIALS = 20;
  static Client a, b;
  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    a = Client.signedIn("t-resources");
    b = Client.signedIn("t-admin");
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  static double[] rect(double x0, double y0, double x1, double y1) {
    return new double[] {x0, y0, x1, y1};
  }

  static long create(Client c, double[] r) {
    String body = "{\"code\":\"" + TestApp.newCode() + "\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"geometry\":" + TestApp.polygonJson(r) + ",\"reason\":\"concurrency test\"}";
    Resp made = c.send("POST", "/api/parcels", body, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().get("id").asLong();
  }

  /** Grows parcel {@code id} (version 1) to {@code r}, through the app API or the OGC API. */
  static Resp grow(Client c, long id, double[] r, boolean ogc) {
    if (ogc) {
      return c.send("PATCH", "/ogcapi/collections/parcels/items/" + id,
          "{\"type\":\"Feature\",\"geometry\":" + TestApp.polygonJson(r) + ",\"properties\":{}}", Map.of("If-Match", "\"parcel-" + id + "-v1\""));
    }
    return c.send("PATCH", "/api/parcels/" + id, "{\"geometry\":" + TestApp.polygonJson(r) + ",\"reason\":\"grow\"}",
        Map.of("If-Match", "\"parcel-" + id + "-v1\""));
  }

  @Test
  void neighboursGrownIntoTheSameGapAtOnceNeverBothSucceed() throws Exception {
    int bothOk = 0;
    List<Long> ids = new ArrayList<>();
    for (int t = 0; t < TRIALS; t++) {
      double[] s = TestApp.square();
      double x0 = s[0], y0 = s[1], y1 = s[3];
      // Two parcels with a gap of 0.0002° (about 18 m) between them; each grows across the whole gap.
      long left = create(a, rect(x0, y0, x0 + 0.0004, y1));
      long right = create(a, rect(x0 + 0.0006, y0, x0 + 0.001, y1));
      ids.add(left);
      ids.add(right);
      boolean ogc = t % 2 == 1;
      CyclicBarrier start = new CyclicBarrier(2);
      Future<Resp> fa = pool.submit(() -> {
        start.await();
        return grow(a, left, rect(x0, y0, x0 + 0.0006, y1), false);
      });
      Future<Resp> fb = pool.submit(() -> {
        start.await();
        return grow(b, right, rect(x0 + 0.0004, y0, x0 + 0.001, y1), ogc);
      });
      Resp ra = fa.get(), rb = fb.get();
      boolean okA = ra.status() / 100 == 2, okB = rb.status() / 100 == 2;
      if (okA && okB) bothOk++;
      assertThat(okA || okB).as("one of the two growths lands: " + ra.body() + " / " + rb.body()).isTrue();
      Resp refused = okA ? rb : ra;
      if (!(okA && okB)) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("OVERLAP");
      }
    }
    assertThat(bothOk).as("trials in which both neighbours were answered 2xx").isZero();
    // And the register holds no overlapping pair of current parcels among them.
    Long[] all = ids.toArray(new Long[0]);
    int overlapping = TestApp.get().db.read(c -> {
      try (var ps = c.prepareStatement("SELECT count(*) FROM parcel p JOIN parcel q ON p.id < q.id AND p.geom && q.geom "
          + "WHERE p.id = ANY (?) AND q.id = ANY (?) AND p.status = 'current' AND q.status = 'current' "
          + "AND ST_Area(ST_Transform(ST_Intersection(p.geom, q.geom), p.gk_srid)) > mujun_setting_num('overlap_tolerance_m2', 1.0)")) {
        ps.setArray(1, c.createArrayOf("bigint", all));
        ps.setArray(2, c.createArrayOf("bigint", all));
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
    assertThat(overlapping).isZero();
  }

  @Test
  void theSameCodeCreatedTwiceAtOnceLandsOnce() throws Exception {
    for (int t = 0; t < 5; t++) {
      String code = TestApp.newCode();
      double[] s1 = TestApp.square(), s2 = TestApp.square();
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Resp>> fs = new ArrayList<>();
      for (Object[] w : new Object[][] {{a, s1}, {b, s2}}) {
        fs.add(pool.submit(() -> {
          start.await();
          return ((Client) w[0]).send("POST", "/api/parcels", String.format(Locale.ROOT,
              "{\"code\":\"%s\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"geometry\":%s,\"reason\":\"same code\"}",
              code, TestApp.polygonJson((double[]) w[1])), Map.of());
        }));
      }
      int created = 0, duplicate = 0;
      for (Future<Resp> f : fs) {
        Resp r = f.get();
        if (r.status() == 201) created++;
        else if (r.status() == 409 && r.json().get("code").asText().equals("DUPLICATE")) duplicate++;
      }
      assertThat(created).isEqualTo(1);
      assertThat(duplicate).isEqualTo(1);
      assertThat(TestApp.intQuery("SELECT count(*) FROM parcel WHERE code = ? AND status = 'current'", code)).isEqualTo(1);
    }
  }

  /** Runs the two requests at the same moment; returns their statuses. */
  static int[] atOnce(java.util.concurrent.Callable<Resp> x, java.util.concurrent.Callable<Resp> y) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    Future<Resp> fx = pool.submit(() -> {
      start.await();
      return x.call();
    });
    Future<Resp> fy = pool.submit(() -> {
      start.await();
      return y.call();
    });
    Resp rx = fx.get(), ry = fy.get();
    for (Resp r : new Resp[] {rx, ry}) assertThat(r.status()).as(r.body()).isIn(201, 409);
    return new int[] {rx.status(), ry.status()};
  }

  @Test
  void theSameLandTaggedTwiceAtOnceIsTaggedOnce() throws Exception {
    Client c = Client.signedIn("t-admin");
    for (int t = 0; t < 8; t++) {
      long parcel = create(a, TestApp.square());
      String body = "{\"parcelId\":" + parcel + ",\"kind\":\"idle\",\"surveyDate\":\"2025-06-01\"}";
      int[] st = atOnce(() -> b.send("POST", "/api/low-efficiency/tags", body, Map.of()),
          () -> c.send("POST", "/api/low-efficiency/tags", body, Map.of()));
      assertThat(st).containsExactlyInAnyOrder(201, 409);
      assertThat(TestApp.intQuery("SELECT count(*) FROM low_eff_tag WHERE parcel_id = ? AND status = 'active'", parcel)).isEqualTo(1);
    }
  }

  @Test
  void overlappingStandardLandPlotsDrawnAtOnceLandOnce() throws Exception {
    for (int t = 0; t < 8; t++) {
      double[] s = TestApp.square();
      String[] bodies = new String[2];
      for (int i = 0; i < 2; i++) {
        double[] plot = {s[0] + i * 0.0003, s[1], s[2] - (1 - i) * 0.0003, s[3]}; // two plots sharing the middle third
        bodies[i] = "{\"plotNo\":\"CC-" + System.nanoTime() + "-" + i + "\",\"name\":\"并发测试\",\"location\":\"测试\",\"clusterId\":" + TestApp.testClusterId
            + ",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\",\"termYears\":50,\"reservePriceWan\":300,\"depositWan\":60,"
            + "\"farMin\":1.2,\"farMax\":2.5,\"buildingCoefficientMinPct\":40,\"officeLivingMaxPct\":7,\"greenRatioMaxPct\":15,"
            + "\"industries\":[\"C39\"],\"indicators\":{\"investment_intensity\":300,\"tax_per_mu\":20},\"geometry\":" + TestApp.polygonJson(plot) + "}";
      }
      int[] st = atOnce(() -> a.send("POST", "/api/standard-land", bodies[0], Map.of()), () -> b.send("POST", "/api/standard-land", bodies[1], Map.of()));
      assertThat(st).containsExactlyInAnyOrder(201, 409);
    }
  }

  /** Whether a second transaction can take the cells of {@code wkt} while a first one holds those of {@code heldWkt}. */
  static boolean canLockWhileHeld(String heldWkt, String wkt) throws Exception {
    try (var c1 = TestApp.connection(); var c2 = TestApp.connection()) {
      c1.setAutoCommit(false);
      c2.setAutoCommit(false);
      try {
        try (var ps = c1.prepareStatement("SELECT mujun_lock_area(1, ST_GeomFromText(?, 4490))")) {
          ps.setString(1, heldWkt);
          ps.execute();
        }
        try (var st = c2.createStatement()) {
          st.execute("SET LOCAL lock_timeout = '300ms'");
        }
        try (var ps = c2.prepareStatement("SELECT mujun_lock_area(1, ST_GeomFromText(?, 4490))")) {
          ps.setString(1, wkt);
          ps.execute();
          return true;
        } catch (java.sql.SQLException e) {
          assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("55P03");
          return false;
        }
      } finally {
        c1.rollback();
        c2.rollback();
      }
    }
  }

  @Test
  void onlyWritersWhoseOutlinesCouldOverlapWaitForEachOther() throws Exception {
    String parcel = "POLYGON((113.0012 34.8012, 113.0021 34.8012, 113.0021 34.8021, 113.0012 34.8021, 113.0012 34.8012))";
    String overlapping = "POLYGON((113.0019 34.8019, 113.0030 34.8019, 113.0030 34.8030, 113.0019 34.8030, 113.0019 34.8019))";
    String nextCell = "POLYGON((113.0112 34.8012, 113.0121 34.8012, 113.0121 34.8021, 113.0112 34.8021, 113.0112 34.8012))";
    String farAway = "POLYGON((114.3012 34.8012, 114.3021 34.8012, 114.3021 34.8021, 114.3012 34.8021, 114.3012 34.8012))";
    // A whole cluster's outline (spanning many cells) takes the coarse cells exclusively: it waits for a small edit inside.
    String wide = "POLYGON((112.95 34.75, 113.35 34.75, 113.35 35.05, 112.95 35.05, 112.95 34.75))";
    assertThat(canLockWhileHeld(parcel, overlapping)).as("an outline that may overlap waits").isFalse();
    assertThat(canLockWhileHeld(parcel, nextCell)).as("an outline in the next cell does not wait").isTrue();
    assertThat(canLockWhileHeld(parcel, farAway)).as("an outline in another city does not wait").isTrue();
    assertThat(canLockWhileHeld(parcel, wide)).as("a wide outline over a held cell waits").isFalse();
    assertThat(canLockWhileHeld(wide, parcel)).as("a small outline under a held wide one waits").isFalse();
    assertThat(canLockWhileHeld(wide, farAway)).as("a small outline far from a wide one does not wait").isTrue();
  }
}
