package mujun.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mujun.db.Db;
import mujun.db.Sql;
import mujun.support.ScratchCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator writes set-based (chunks of parcels and their new holders in one statement each) and stays
 * deterministic: the same seed gives the same register, holders and figures; a national roll-up's fewer, larger
 * holders ({@code parcelsPerHolder}) hold parcels of their own cluster only; every parcel went through the register's
 * triggers (history, overview cells) and every enterprise-year has its indicators computed once.
 */
class DemoGeneratorTest {
  static ScratchCluster pg;

  @BeforeAll
  static void setUp() {
    pg = new ScratchCluster("demo-pg");
  }

  @AfterAll
  static void tearDown() {
    if (pg != null) pg.close();
  }

  /** Generates into a fresh database; returns it (open). */
  static Db generate(String name, DemoGenerator.Options opt) {
    String[] j = ScratchCluster.jdbc(pg.database(name));
    Db db = new Db(j[0], j[1], j[2], 4);
    db.migrate();
    new DemoGenerator(db, opt).run(false);
    return db;
  }

  static Object[] one(Db db, String sql) {
    return db.read(c -> Sql.rows(c, sql).get(0));
  }

  static final String FINGERPRINT = "SELECT md5(string_agg(concat_ws('|', p.id, p.code, ST_AsText(p.geom), p.land_use_code, p.right_type, "
      + "e.id, e.credit_code, e.name, e.above_since, p.supply_date, p.floor_area_ratio), ',' ORDER BY p.id)), "
      + "(SELECT md5(string_agg(concat_ws('|', enterprise_id, year, tax_wan, revenue_wan, employees), ',' ORDER BY enterprise_id, year)) FROM enterprise_indicator) "
      + "FROM parcel p LEFT JOIN enterprise e ON e.id = p.holder_id";

  @Test
  void sameSeedSameRegisterAndEveryRowThroughTheTriggers() {
    DemoGenerator.Options opt = new DemoGenerator.Options(2, 300, 11L);
    try (Db a = generate("demo_a", opt); Db b = generate("demo_b", opt)) {
      assertThat(DemoGenerator.isEmpty(a)).isFalse();
      assertThat(one(a, FINGERPRINT)).containsExactly(one(b, FINGERPRINT));
      Object[] counts = one(a, "SELECT (SELECT count(*) FROM parcel), (SELECT count(*) FROM parcel_version), "
          + "(SELECT sum(parcels) FROM parcel_cell WHERE zoom = 11), (SELECT count(*) FROM parcel WHERE holder_id IS NOT NULL), "
          + "(SELECT count(DISTINCT holder_id) FROM parcel), (SELECT count(*) FROM enterprise)");
      assertThat(((Number) counts[0]).longValue()).isEqualTo(600);
      assertThat(((Number) counts[1]).longValue()).as("a version per parcel").isGreaterThanOrEqualTo(600);
      assertThat(((Number) counts[2]).longValue()).as("every current parcel in the overview").isEqualTo(
          ((Number) one(a, "SELECT count(*) FROM parcel WHERE status = 'current'")[0]).longValue());
      // A province's holders: most hold one parcel, some two or three (and offerings transferred add a few).
      long held = ((Number) counts[3]).longValue(), holders = ((Number) counts[4]).longValue();
      assertThat((double) held / holders).isBetween(1.05, 1.6);
      assertThat(((Number) counts[5]).longValue()).isGreaterThanOrEqualTo(holders);
      // Indicators once per enterprise-year, with every department's figures beside them.
      Object[] ind = one(a, "SELECT count(*), count(*) FILTER (WHERE jsonb_exists(sources, 'tax_wan') AND jsonb_exists(sources, 'revenue_wan') AND jsonb_exists(sources, 'electricity_wan_kwh')), "
          + "(SELECT count(*) FROM change_history WHERE entity = 'enterprise_indicator') FROM enterprise_indicator");
      assertThat(((Number) ind[1]).longValue()).isEqualTo(((Number) ind[0]).longValue()).isPositive();
      assertThat(((Number) ind[2]).longValue()).as("one history row per enterprise-year's indicators, not one per department")
          .isLessThanOrEqualTo(((Number) ind[0]).longValue() + 50);
    }
  }

  @Test
  void aGenerationThatStoppedGoesOnToTheSameRegister() {
    DemoGenerator.Options opt = new DemoGenerator.Options(2, 300, 11L);
    try (Db whole = generate("demo_whole", opt)) {
      String[] j = ScratchCluster.jdbc(pg.database("demo_resumed"));
      try (Db resumed = new Db(j[0], j[1], j[2], 4)) {
        resumed.migrate();
        // Stopped after its first cluster (each cluster is its own transaction): not finished, and it can go on.
        new DemoGenerator(resumed, opt).clusters(1, null);
        assertThat(DemoGenerator.unfinished(resumed)).isTrue();
        assertThat(DemoGenerator.unfinished(whole)).isFalse();
        new DemoGenerator(resumed, opt).run(false);
        assertThat(DemoGenerator.unfinished(resumed)).isFalse();
        assertThat(one(resumed, FINGERPRINT)).containsExactly(one(whole, FINGERPRINT));
      }
    }
  }

  @Test
  void aNationalRollUpHasFewerLargerHoldersInTheirOwnCluster() {
    try (Db db = generate("demo_national", new DemoGenerator.Options(2, 300, 11L, 10))) {
      Object[] r = one(db, "SELECT count(*) FILTER (WHERE p.holder_id IS NOT NULL), count(DISTINCT p.holder_id), "
          + "count(*) FILTER (WHERE e.cluster_id <> p.cluster_id) FROM parcel p LEFT JOIN enterprise e ON e.id = p.holder_id "
          + "WHERE p.id NOT IN (SELECT unnest(parcel_ids) FROM standard_land)");
      double perHolder = ((Number) r[0]).doubleValue() / ((Number) r[1]).doubleValue();
      assertThat(perHolder).as("parcels per holder").isBetween(6.0, 14.0);
      assertThat(((Number) r[2]).longValue()).as("holders outside their cluster").isZero();
      List<Object[]> clusters = db.read(c -> Sql.rows(c, "SELECT id FROM cluster"));
      assertThat(clusters).hasSize(2);
    }
  }
}
