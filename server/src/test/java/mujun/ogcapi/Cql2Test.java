package mujun.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import mujun.error.ApiError;
import org.junit.jupiter.api.Test;

/** The CQL2 translator on its own: what SQL it writes, what it binds, what it refuses — and a fuzz run. */
class Cql2Test {
  static final OgcCollection P = OgcCollection.PARCELS;

  @Test
  void comparisonsBindTheirLiteralsAsThePropertysType() {
    Cql2.Sql s = Cql2.text(P, "landUseCode = '0601' AND areaMu >= 10.5 AND clusterId <> 3");
    assertThat(s.sql()).isEqualTo("(((t.land_use_code = ?) AND (round(t.area_mu::numeric, 4) >= ?)) AND (t.cluster_id <> ?))");
    assertThat(s.params()).containsExactly("0601", 10.5, 3L);
  }

  @Test
  void likeInBetweenIsNullAndNot() {
    Cql2.Sql s = Cql2.text(P, "code LIKE '4101%' OR landUseCode IN ('0601','0604') OR NOT (areaMu BETWEEN 5 AND 300) OR holderId IS NULL");
    assertThat(s.sql()).contains("t.code::text LIKE ? ESCAPE '\\'").contains("t.land_use_code IN (?, ?)").contains("NOT (")
        .contains("BETWEEN ? AND ?").contains("t.holder_id IS NULL");
    assertThat(s.params()).containsExactly("4101%", "0601", "0604", 5.0, 300.0);
  }

  @Test
  void datesCompareAsDates() {
    Cql2.Sql s = Cql2.text(P, "supplyDate < DATE('2015-01-01')");
    assertThat(s.params().get(0)).isEqualTo(java.sql.Date.valueOf("2015-01-01"));
  }

  @Test
  void spatialPredicatesTakeWktOrBbox() {
    Cql2.Sql s = Cql2.text(P, "S_INTERSECTS(geometry, POLYGON((113 34, 114 34, 114 35, 113 35, 113 34)))");
    assertThat(s.sql()).isEqualTo("ST_Intersects(t.geom, ST_GeomFromText(?, 4490))");
    assertThat(Cql2.text(P, "S_WITHIN(geometry, BBOX(113, 34, 114, 35))").params()).containsExactly(113.0, 34.0, 114.0, 35.0);
  }

  @Test
  void jsonFormMeansTheSame() {
    Cql2.Sql s = Cql2.json(P, "{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"landUseCode\"},\"0601\"]},"
        + "{\"op\":\"in\",\"args\":[{\"property\":\"clusterId\"},[1,2]]},{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},"
        + "{\"type\":\"Point\",\"coordinates\":[113.8,34.4]}]}]}");
    assertThat(s.sql()).contains("(t.land_use_code = ?)").contains("t.cluster_id IN (?, ?)").contains("ST_GeomFromGeoJSON(?)");
    assertThat(s.params()).hasSize(4);
  }

  @Test
  void injectionAttemptsAreRefusedOrStayValues() {
    Cql2.Sql quoted = Cql2.text(P, "code = '''; DROP TABLE parcel; --'");
    assertThat(quoted.sql()).isEqualTo("(t.code = ?)");
    assertThat(quoted.params()).containsExactly("'; DROP TABLE parcel; --");
    for (String hostile : new String[] {"code = 'x'; DROP TABLE parcel", "password = 'x'", "pg_sleep(10) = 1", "code = upper('x')",
        "\"t.code\" = 'x'", "code = 'x' UNION SELECT 1", "1 = 1", "code IN ()", "S_INTERSECTS(geometry, POINT(1 1); DROP)",
        "areaMu > 'abc'", "supplyDate = DATE('yesterday')"}) {
      assertThatThrownBy(() -> Cql2.text(P, hostile)).as(hostile).isInstanceOf(ApiError.class)
          .satisfies(e -> assertThat(((ApiError) e).status).isEqualTo(400));
    }
  }

  @Test
  void fuzzedInputNeverEscapesTheGrammar() {
    String[] atoms = {"code", "areaMu", "landUseCode", "geometry", "=", "<>", "<", ">=", "AND", "OR", "NOT", "(", ")", "'a'", "'%'", "5", "-1.5e3",
        "LIKE", "IN", "BETWEEN", "IS", "NULL", ",", "S_INTERSECTS", "BBOX", "POINT(1 2)", "\"code\"", ";", "--", "/*", "'", "DROP", "TABLE"};
    Random r = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(12);
      for (int k = 0; k < n; k++) sb.append(atoms[r.nextInt(atoms.length)]).append(r.nextBoolean() ? " " : "");
      try {
        Cql2.Sql s = Cql2.text(P, sb.toString());
        accepted++;
        // What is accepted is built only from our own pieces: no quote, semicolon or comment from the input.
        assertThat(s.sql()).doesNotContain(";").doesNotContain("--").doesNotContain("/*").doesNotContain("DROP").doesNotContain("'a'");
        assertThat(s.sql().chars().filter(ch -> ch == '?').count()).isEqualTo(s.params().size());
      } catch (ApiError e) {
        assertThat(e.status).isEqualTo(400);
      }
    }
    assertThat(accepted).isGreaterThan(0);
  }
}
