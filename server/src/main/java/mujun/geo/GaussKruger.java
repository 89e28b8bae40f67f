package mujun.geo;

import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * CGCS2000 3-degree Gauss-Krüger zones and plane areas. The same rules as the SQL functions {@code mujun_gk_srid}
 * and {@code mujun_gk_area}; the database keeps the stored areas, this class serves the generator and tests.
 */
public final class GaussKruger {
  public static final double SQM_PER_MU = 10000.0 / 15.0;
  private static final CRSFactory CRS = new CRSFactory();
  private static final CoordinateTransformFactory CTF = new CoordinateTransformFactory();
  private static final CoordinateReferenceSystem GEO = CRS.createFromName("EPSG:4490");

  private GaussKruger() {}

  /** Returns the 3-degree zone number (e.g. 38) whose central meridian (3 × zone, °E) is nearest {@code lon}. */
  public static int zone(double lon) {
    if (!(lon >= 73.5 && lon <= 136.5)) throw new IllegalArgumentException("longitude outside China's 3-degree zones: " + lon);
    return (int) Math.floor((lon + 1.5) / 3.0);
  }

  /** Returns the EPSG code of the unprefixed CGCS2000 3-degree GK CRS for a zone: 4534 + (CM − 75) / 3. */
  public static int srid(int zone) {
    if (zone < 25 || zone > 45) throw new IllegalArgumentException("zone outside 25..45: " + zone);
    return 4534 + (zone * 3 - 75) / 3;
  }

  /** Returns the EPSG code of the prefixed (zone × 10⁶ + 500 km false easting) CRS for a zone: 4513 + (zone − 25). */
  public static int prefixedSrid(int zone) {
    if (zone < 25 || zone > 45) throw new IllegalArgumentException("zone outside 25..45: " + zone);
    return 4513 + (zone - 25);
  }

  /** Projects lon/lat (EPSG:4490) to easting, northing in metres in the unprefixed CRS of {@code zone}. */
  public static double[] toPlane(int zone, double lon, double lat) {
    CoordinateTransform t = CTF.createTransform(GEO, CRS.createFromName("EPSG:" + srid(zone)));
    ProjCoordinate out = t.transform(new ProjCoordinate(lon, lat), new ProjCoordinate());
    return new double[] {out.x, out.y};
  }

  /** Converts easting, northing in metres in the unprefixed CRS of {@code zone} to lon/lat (EPSG:4490). */
  public static double[] toGeographic(int zone, double easting, double northing) {
    CoordinateTransform t = CTF.createTransform(CRS.createFromName("EPSG:" + srid(zone)), GEO);
    ProjCoordinate out = t.transform(new ProjCoordinate(easting, northing), new ProjCoordinate());
    return new double[] {out.x, out.y};
  }

  /**
   * Computes the plane area in square metres of a lon/lat polygonal geometry (EPSG:4490) in the Gauss-Krüger zone
   * of its interior point: holes are subtracted, parts summed.
   */
  public static double planeArea(Geometry lonLat) {
    int z = zone(lonLat.getInteriorPoint().getX());
    CoordinateTransform t = CTF.createTransform(GEO, CRS.createFromName("EPSG:" + srid(z)));
    double total = 0;
    for (int i = 0; i < lonLat.getNumGeometries(); i++) {
      Polygon p = (Polygon) lonLat.getGeometryN(i);
      total += Math.abs(Area.ofRingSigned(project(t, p.getExteriorRing().getCoordinates())));
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        total -= Math.abs(Area.ofRingSigned(project(t, p.getInteriorRingN(h).getCoordinates())));
      }
    }
    return total;
  }

  private static Coordinate[] project(CoordinateTransform t, Coordinate[] in) {
    Coordinate[] out = new Coordinate[in.length];
    ProjCoordinate src = new ProjCoordinate(), dst = new ProjCoordinate();
    for (int i = 0; i < in.length; i++) {
      src.x = in[i].x;
      src.y = in[i].y;
      t.transform(src, dst);
      out[i] = new Coordinate(dst.x, dst.y);
    }
    return out;
  }

  /** Converts square metres to 亩 (1 亩 = 10000/15 m²). */
  public static double toMu(double squareMetres) {
    return squareMetres / SQM_PER_MU;
  }
}
