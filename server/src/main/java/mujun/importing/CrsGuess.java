package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mujun.geo.GaussKruger;
import mujun.geo.Region;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Decides the source CRS of an import: what the file declares (the .prj as GDAL reads it, or a red-line header), what
 * the user chose, and what the coordinates themselves look like — CGCS2000/WGS84 longitude and latitude, or a
 * 3-degree Gauss-Krüger zone with or without the zone prefix in an 8-digit Y — and checks the choice lands in Henan.
 */
public final class CrsGuess {
  private static final CRSFactory CRS = new CRSFactory();
  private static final CoordinateTransformFactory CTF = new CoordinateTransformFactory();

  /** Henan with its margin (the database's {@code mujun_region()}). */
  private final Region region;

  public CrsGuess(Region region) {
    this.region = region;
  }

  /** A source extent in the file's own coordinates. */
  public record Extent(double minX, double minY, double maxX, double maxY) {}

  /** The outcome: the srid to use (null when the import must stop), a guess, and a sentence saying why. */
  public record Decision(Integer srid, Integer guess, String reason) {
    public boolean ok() {
      return srid != null;
    }
  }

  /** EPSG codes an import accepts: 4490, 4326 and the CGCS2000 3-degree GK zones (4513–4554). */
  public static boolean supported(int srid) {
    return srid == 4490 || srid == 4326 || (srid >= 4513 && srid <= 4554);
  }

  /** Identifies an EPSG code from GDAL's PROJJSON (its id, or a CGCS2000 transverse Mercator by its parameters). */
  public static Integer fromProjJson(JsonNode pj) {
    if (pj == null || pj.isMissingNode() || pj.isNull()) return null;
    JsonNode id = pj.path("id");
    if (id.path("authority").asText().equals("EPSG") && id.path("code").canConvertToInt()) return id.path("code").asInt();
    String type = pj.path("type").asText();
    String datum = pj.path("datum").path("name").asText(pj.path("base_crs").path("datum").path("name").asText(""))
        + pj.path("base_crs").path("datum_ensemble").path("name").asText("") + pj.path("datum_ensemble").path("name").asText("");
    boolean cgcs = datum.contains("2000") || pj.path("name").asText().contains("2000");
    if (type.equals("GeographicCRS")) return cgcs ? 4490 : datum.contains("WGS") || datum.contains("World Geodetic") ? 4326 : null;
    if (type.equals("ProjectedCRS") && cgcs) {
      JsonNode conv = pj.path("conversion");
      if (!conv.path("method").path("name").asText().contains("Transverse Mercator")) return null;
      Double cm = null, fe = null;
      for (JsonNode p : conv.path("parameters")) {
        String n = p.path("name").asText();
        if (n.contains("Longitude of natural origin")) cm = p.path("value").asDouble();
        if (n.contains("False easting")) fe = p.path("value").asDouble();
      }
      if (cm == null || fe == null || Math.abs(cm / 3 - Math.round(cm / 3)) > 1e-9) return null;
      int zone = (int) Math.round(cm / 3);
      if (zone < 25 || zone > 45) return null;
      if (Math.abs(fe - 500000) < 1e-6) return GaussKruger.srid(zone);
      if (Math.abs(fe - (zone * 1e6 + 500000)) < 1e-6) return GaussKruger.prefixedSrid(zone);
    }
    return null;
  }

  /**
   * Decides the CRS. {@code chosen} (the user's) wins over {@code declared} (the file's); either must agree with the
   * coordinates. {@code hintLon} (e.g. the chosen cluster's longitude) settles the zone of unprefixed coordinates.
   */
  public Decision decide(Integer declared, Integer chosen, Extent e, Double hintLon) {
    Integer use = chosen != null ? chosen : declared;
    Guess g = guess(e, hintLon);
    if (use != null && !supported(use)) {
      return new Decision(null, g.srid, "EPSG:" + use + " is not a CRS Mujun imports (CGCS2000 / WGS84 lon-lat, or CGCS2000 3-degree Gauss-Krüger). " + g.why);
    }
    if (use == null) {
      return new Decision(null, g.srid, "The file does not say its coordinate system. " + g.why
          + (g.srid != null ? " Choose EPSG:" + g.srid + " (or the right one) to continue." : " Choose the coordinate system to continue."));
    }
    double[][] ll = corners(use, e);
    if (ll == null || !inHenan(ll)) {
      String where = ll == null ? "nowhere sensible" : String.format(Locale.ROOT, "around %.3f E, %.3f N", (ll[0][0] + ll[1][0]) / 2, (ll[0][1] + ll[1][1]) / 2);
      return new Decision(null, g.srid, "In EPSG:" + use + (chosen != null ? " (your choice)" : " (as the file declares)") + " the coordinates land "
          + where + ", outside Henan. " + g.why);
    }
    return new Decision(use, g.srid, "EPSG:" + use + (chosen != null ? " as chosen" : " as the file declares") + "; the coordinates fall in Henan.");
  }

  private record Guess(Integer srid, String why) {}

  /** Reads the coordinates' magnitudes; says which CRS they look like and why. */
  Guess guess(Extent e, Double hintLon) {
    double x = (e.minX() + e.maxX()) / 2, y = (e.minY() + e.maxY()) / 2;
    if (region.contains(x, y)) {
      return new Guess(4490, "The coordinates look like longitude, latitude in Henan (CGCS2000, EPSG:4490).");
    }
    if (region.contains(y, x)) {
      return new Guess(null, "The coordinates look like latitude, longitude: X and Y are swapped (the file should store longitude first).");
    }
    if (x >= 1e7 && x < 4.6e7 && y > 3e6 && y < 4.2e6) {
      int zone = (int) (x / 1e6);
      return new Guess(GaussKruger.prefixedSrid(zone), "Y/easting values have 8 digits starting with " + zone
          + ": Gauss-Krüger zone " + zone + " with the zone prefix (EPSG:" + GaussKruger.prefixedSrid(zone) + ").");
    }
    if (y >= 1e7 && y < 4.6e7 && x > 3e6 && x < 4.2e6) {
      return new Guess(null, "The first coordinate looks like a northing and the second like an easting with a zone prefix: X and Y are swapped.");
    }
    if (x > 1.5e5 && x < 8.5e5 && y > 3.3e6 && y < 4.1e6) {
      if (hintLon != null) {
        int zone = GaussKruger.zone(hintLon);
        return new Guess(GaussKruger.srid(zone), "Eastings of 6 digits without a zone prefix: a Gauss-Krüger zone without prefix; the cluster lies in zone "
            + zone + " (EPSG:" + GaussKruger.srid(zone) + ").");
      }
      List<String> fits = new ArrayList<>();
      Integer only = null;
      for (int zone = 37; zone <= 39; zone++) {
        double[][] ll = corners(GaussKruger.srid(zone), e);
        if (ll != null && inHenan(ll)) {
          fits.add("EPSG:" + GaussKruger.srid(zone));
          only = fits.size() == 1 ? GaussKruger.srid(zone) : null;
        }
      }
      return new Guess(only, "Eastings of 6 digits without a zone prefix: a Gauss-Krüger zone without prefix, "
          + (fits.size() == 1 ? "and only " + fits.get(0) + " puts them in Henan." : "which could be " + String.join(" or ", fits) + "; choose the cluster or the zone."));
    }
    if (y > 1.5e5 && y < 8.5e5 && x > 3.3e6 && x < 4.1e6) {
      return new Guess(null, "The first coordinate looks like a northing and the second like an easting: X and Y are swapped.");
    }
    return new Guess(null, String.format(Locale.ROOT, "The coordinates (around %.1f, %.1f) match none of the CRSs used in Henan.", x, y));
  }

  /** The extent's corners in lon/lat, or null when they cannot be transformed. */
  static double[][] corners(int srid, Extent e) {
    try {
      CoordinateTransform t = CTF.createTransform(CRS.createFromName("EPSG:" + srid), CRS.createFromName("EPSG:4490"));
      ProjCoordinate a = t.transform(new ProjCoordinate(e.minX(), e.minY()), new ProjCoordinate());
      ProjCoordinate b = t.transform(new ProjCoordinate(e.maxX(), e.maxY()), new ProjCoordinate());
      if (!Double.isFinite(a.x) || !Double.isFinite(b.y)) return null;
      return new double[][] {{a.x, a.y}, {b.x, b.y}};
    } catch (RuntimeException ex) {
      return null;
    }
  }

  boolean inHenan(double[][] ll) {
    for (double[] p : ll) {
      if (!region.contains(p[0], p[1])) return false;
    }
    return true;
  }
}
