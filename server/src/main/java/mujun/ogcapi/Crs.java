package mujun.ogcapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mujun.error.ApiError;

/**
 * The CRSs of OGC API – Features Part 2 that Mujun serves, by URI: CRS84 (lon, lat), EPSG:4326 and EPSG:4490
 * (lat, lon, as EPSG defines them), EPSG:3857, and the CGCS2000 Gauss-Krüger zones covering Henan (northing, easting).
 */
record Crs(String uri, int srid, boolean flip, int decimals) {
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final Map<String, Crs> ALL = new LinkedHashMap<>();

  static {
    ALL.put(CRS84, new Crs(CRS84, 4326, false, 7));
    add(4326, true, 7);
    add(4490, true, 7);
    add(3857, false, 2);
    for (int s : new int[] {4525, 4526, 4527, 4546, 4547, 4548}) add(s, true, 3);
  }

  private static void add(int srid, boolean flip, int decimals) {
    String uri = "http://www.opengis.net/def/crs/EPSG/0/" + srid;
    ALL.put(uri, new Crs(uri, srid, flip, decimals));
  }

  static List<String> uris() {
    return List.copyOf(ALL.keySet());
  }

  /** Parses a crs / bbox-crs parameter (a URI, or [EPSG:n] / EPSG:n as a courtesy); null gives CRS84. */
  static Crs of(String value, String param) {
    if (value == null || value.isBlank()) return ALL.get(CRS84);
    String v = value.strip();
    if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
    if (v.matches("(?i)EPSG:\\d+")) v = "http://www.opengis.net/def/crs/EPSG/0/" + v.substring(5);
    if (v.equalsIgnoreCase("CRS84") || v.equalsIgnoreCase("OGC:CRS84")) v = CRS84;
    Crs c = ALL.get(v);
    if (c == null) {
      throw ApiError.badRequest("BAD_CRS", param + " must be one of the collection's CRSs: " + String.join(", ", ALL.keySet()) + ".",
          Map.of("parameter", param));
    }
    return c;
  }

  /** Whether coordinates in this CRS are the stored ones as they are (CRS84: longitude, latitude on CGCS2000's datum). */
  boolean isStored() {
    return !flip && (srid == 4490 || srid == 4326);
  }

  /**
   * Whether this CRS's coordinates are the stored ones, in its own axis order: EPSG:4490, and EPSG:4326 and CRS84,
   * whose datum is treated as CGCS2000's (PROJ's transformation between them is the null one: the same numbers,
   * without a PROJ call per geometry).
   */
  private boolean sameDatum() {
    return srid == 4490 || srid == 4326;
  }

  /**
   * SQL turning a geometry expression without SRID, written in this CRS (in its axis order: lat, lon for EPSG:4326 and
   * 4490; northing, easting for the Gauss-Krüger zones), into EPSG:4490 for filtering in the stored CRS.
   */
  String toStored(String raw) {
    String g = "ST_SetSRID(" + raw + ", " + srid + ")";
    if (flip) g = "ST_FlipCoordinates(" + g + ")";
    return srid == 4490 && !flip ? g : sameDatum() ? "ST_SetSRID(" + g + ", 4490)" : "ST_Transform(" + g + ", 4490)";
  }

  /**
   * As {@link #geoJson}, snapped to the grid of the decimals written by GEOS's precision reduction, which keeps the
   * geometry valid: for geometries made by unions (an enterprise's land), which rounding alone can make self-intersect.
   */
  String validGeoJson(String geom) {
    String g = sameDatum() ? geom : "ST_Transform(" + geom + ", " + srid + ")";
    if (flip) g = "ST_FlipCoordinates(" + g + ")";
    return "ST_AsGeoJSON(ST_ReducePrecision(" + g + ", " + java.math.BigDecimal.ONE.movePointLeft(decimals).toPlainString() + "), " + decimals + ", 0)::json";
  }

  /** SQL turning a 4490 geometry expression into GeoJSON in this CRS. */
  String geoJson(String geom) {
    String g = sameDatum() ? geom : "ST_Transform(" + geom + ", " + srid + ")";
    if (flip) g = "ST_FlipCoordinates(" + g + ")";
    return "ST_AsGeoJSON(" + g + ", " + decimals + ", 0)::json";
  }
}
