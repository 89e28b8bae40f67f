package mujun.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import org.junit.jupiter.api.Test;

/**
 * The land-use palette (V30): within a scheme every class is told apart from every other at a glance (CIE76 ΔE of at
 * least 15 in CIELAB, D65), so 工业用地 and the three industrial classes are no longer four near-identical browns; a
 * change of the palette forgets the kept overview tiles, which carry the colours.
 */
class LandUsePaletteTest {
  @Test
  void everyClassOfASchemeIsToldApartFromEveryOther() {
    List<Object[]> codes = TestApp.get().db.read(c -> mujun.db.Sql.rows(c,
        "SELECT scheme, code, color FROM land_use_code WHERE scheme IN ('GB/T 21010-2017', '用地用海分类') ORDER BY scheme, code"));
    assertThat(codes).hasSizeGreaterThanOrEqualTo(15);
    List<String> close = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      for (int j = i + 1; j < codes.size(); j++) {
        Object[] a = codes.get(i), b = codes.get(j);
        if (!a[0].equals(b[0])) continue;
        double d = deltaE(lab((String) a[2]), lab((String) b[2]));
        if (d < 15) close.add(a[1] + " " + a[2] + " ~ " + b[1] + " " + b[2] + " (ΔE " + Math.round(d) + ")");
      }
    }
    assertThat(close).as("classes of one scheme too alike to tell apart on the map").isEmpty();
  }

  @Test
  void aChangeOfThePaletteForgetsTheKeptOverviewTiles() {
    // A z10 tile with parcels, read by the coordinator: rendered and kept.
    int[] t = TestApp.get().db.read(c -> {
      Object[] r = mujun.db.Sql.rows(c, "SELECT cx >> 6, cy >> 6 FROM parcel_cell WHERE zoom = 10 AND parcels > 0 LIMIT 1").get(0);
      return new int[] {((Number) r[0]).intValue(), ((Number) r[1]).intValue()};
    });
    Client.signedIn("t-coord").getBytes("/tiles/parcels/10/" + t[0] + "/" + t[1] + ".mvt");
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_overview_kept")).isPositive();
    TestApp.sql("UPDATE land_use_code SET color = color WHERE scheme = 'GB/T 21010-2017' AND code = '0601'");
    assertThat(TestApp.intQuery("SELECT count(*) FROM parcel_overview_kept")).isZero();
  }

  /** sRGB #rrggbb to CIELAB (D65). */
  static double[] lab(String hex) {
    double[] rgb = new double[3];
    for (int k = 0; k < 3; k++) {
      double c = Integer.parseInt(hex.substring(1 + 2 * k, 3 + 2 * k), 16) / 255.0;
      rgb[k] = c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }
    double x = (rgb[0] * 0.4124 + rgb[1] * 0.3576 + rgb[2] * 0.1805) / 0.95047;
    double y = rgb[0] * 0.2126 + rgb[1] * 0.7152 + rgb[2] * 0.0722;
    double z = (rgb[0] * 0.0193 + rgb[1] * 0.1192 + rgb[2] * 0.9505) / 1.08883;
    java.util.function.DoubleUnaryOperator f = v -> v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16.0 / 116;
    return new double[] {116 * f.applyAsDouble(y) - 16, 500 * (f.applyAsDouble(x) - f.applyAsDouble(y)), 200 * (f.applyAsDouble(y) - f.applyAsDouble(z))};
  }

  static double deltaE(double[] a, double[] b) {
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }
}
