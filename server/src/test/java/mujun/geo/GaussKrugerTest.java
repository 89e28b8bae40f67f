package mujun.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Plane areas in the three Gauss-Krüger zones that cover Henan, against values computed by hand. */
class GaussKrugerTest {
  private static final GeometryFactory GF = new GeometryFactory();

  /** A square of side {@code side} metres laid out in the plane of {@code zone}, given back in lon/lat. */
  static Geometry squareInZone(int zone, double easting, double northing, double side) {
    double[][] plane = {{easting, northing}, {easting + side, northing}, {easting + side, northing + side}, {easting, northing + side}, {easting, northing}};
    Coordinate[] cs = new Coordinate[5];
    for (int i = 0; i < 5; i++) {
      double[] ll = GaussKruger.toGeographic(zone, plane[i][0], plane[i][1]);
      cs[i] = new Coordinate(ll[0], ll[1]);
    }
    return GF.createPolygon(cs);
  }

  @Test
  void zonesOfHenanFromLongitude() {
    assertThat(GaussKruger.zone(111.2)).isEqualTo(37);
    assertThat(GaussKruger.zone(112.49)).isEqualTo(37);
    assertThat(GaussKruger.zone(112.51)).isEqualTo(38);
    assertThat(GaussKruger.zone(114.3)).isEqualTo(38);
    assertThat(GaussKruger.zone(116.4)).isEqualTo(39);
  }

  @Test
  void epsgCodesFollowTheGeneralRule() {
    assertThat(GaussKruger.srid(37)).isEqualTo(4546);
    assertThat(GaussKruger.srid(38)).isEqualTo(4547);
    assertThat(GaussKruger.srid(39)).isEqualTo(4548);
    assertThat(GaussKruger.prefixedSrid(37)).isEqualTo(4525);
    assertThat(GaussKruger.prefixedSrid(39)).isEqualTo(4527);
  }

  @Test
  void referencePointOfEpsg4547() {
    double[] ll = GaussKruger.toGeographic(38, 530000, 3385000);
    assertThat(ll[0]).isCloseTo(114.31277485, within(1e-7));
    assertThat(ll[1]).isCloseTo(30.58494014, within(1e-7));
  }

  @Test
  void hundredMetreSquareIsTenThousandSquareMetresInZone37() {
    Geometry g = squareInZone(37, 520000, 3620000, 100);
    assertThat(GaussKruger.planeArea(g)).isCloseTo(10000.0, within(0.01));
  }

  @Test
  void rectangleIsWidthTimesHeightInZone38() {
    // 250 m × 274.0301 m = 68,507.525 m², the domain's check value: 102.76 亩
    Geometry g = rect(38, 455000, 3810000, 250, 274.0301);
    assertThat(GaussKruger.planeArea(g)).isCloseTo(68507.525, within(0.02));
    assertThat(GaussKruger.toMu(GaussKruger.planeArea(g))).isCloseTo(102.76, within(0.005));
  }

  @Test
  void squareWithHoleInZone39HasAreaOfShellMinusHole() {
    Geometry shell = squareInZone(39, 470000, 3760000, 300);
    Geometry hole = squareInZone(39, 470100, 3760100, 100);
    Geometry withHole = shell.difference(hole);
    assertThat(withHole.getNumGeometries()).isEqualTo(1);
    // 300² − 100² = 80,000 m²
    assertThat(GaussKruger.planeArea(withHole)).isCloseTo(80000.0, within(0.05));
  }

  @Test
  void oneMuIsTenThousandFifteenthsOfASquareMetre() {
    assertThat(GaussKruger.toMu(10000.0 / 15)).isCloseTo(1.0, within(1e-12));
    assertThat(GaussKruger.toMu(68507.52)).isCloseTo(102.76, within(0.005));
  }

  @Test
  void multiPolygonPartsAreSummed() {
    Geometry a = squareInZone(38, 500000, 3800000, 100), b = squareInZone(38, 500500, 3800000, 50);
    Geometry multi = GF.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {(org.locationtech.jts.geom.Polygon) a, (org.locationtech.jts.geom.Polygon) b});
    assertThat(GaussKruger.planeArea(multi)).isCloseTo(12500.0, within(0.02));
  }

  private static Geometry rect(int zone, double e, double n, double w, double h) {
    double[][] plane = {{e, n}, {e + w, n}, {e + w, n + h}, {e, n + h}, {e, n}};
    Coordinate[] cs = new Coordinate[5];
    for (int i = 0; i < 5; i++) {
      double[] ll = GaussKruger.toGeographic(zone, plane[i][0], plane[i][1]);
      cs[i] = new Coordinate(ll[0], ll[1]);
    }
    return GF.createPolygon(cs);
  }
}
