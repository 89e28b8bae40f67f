package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * The database work of the OGC API that is not a page of features: collections' extents from the planner's statistics,
 * and coordinates moved between the served CRSs by PostGIS. Table and column names come from the allow-list below.
 */
final class OgcStore {
  /** The table and geometry column whose planner statistics give each collection's extent. */
  private static final Map<String, String[]> EXTENT_OF = Map.of("clusters", new String[] {"cluster", "boundary"},
      "parcels", new String[] {"parcel", "geom"}, "enterprises", new String[] {"parcel", "geom"},
      "standard-land", new String[] {"standard_land", "geom"}, "low-efficiency-land", new String[] {"low_eff_tag", "geom"});

  private static final String EXTENT = "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT ST_EstimatedExtent('public', ?, ?) b) x";
  private static final String TO_LON_LAT = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
      + "(SELECT ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), 4490) e) s";

  private final Db db;

  OgcStore(Db db) {
    this.db = db;
  }

  /**
   * The extent of the collection's data, from PostGIS's estimate (instant, and never smaller than the data), rounded
   * outwards to 0.01°; null while its table has no statistics yet.
   */
  double[] estimatedExtent(String collection) {
    String[] t = EXTENT_OF.get(collection);
    return db.readBounded(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(EXTENT)) {
        ps.setString(1, t[0]);
        ps.setString(2, t[1]);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getObject(1) == null) return null;
          return new double[] {Math.floor(rs.getDouble(1) * 100) / 100, Math.floor(rs.getDouble(2) * 100) / 100,
              Math.ceil(rs.getDouble(3) * 100) / 100, Math.ceil(rs.getDouble(4) * 100) / 100};
        }
      }
    });
  }

  /** A projected bbox's corners in lon/lat (EPSG:4490); 400 when the values lie outside the CRS's domain. */
  double[] toLonLat(int srid, double[] b) {
    double[] out;
    try {
      out = db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement(TO_LON_LAT)) {
          for (int i = 0; i < 4; i++) ps.setDouble(i + 1, b[i]);
          ps.setInt(5, srid);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
          }
        }
      });
    } catch (ApiError e) {
      if (e.status < 500 || e.status == 503) throw e;
      out = null;
    }
    if (out == null || java.util.Arrays.stream(out).anyMatch(v -> !Double.isFinite(v)) || out[0] < -180 || out[2] > 180) {
      throw ApiError.badRequest("BAD_BBOX", "bbox lies outside the area where EPSG:" + srid + " is defined; check the values, their order and the zone.",
          Map.of("parameter", "bbox"));
    }
    return out;
  }

  /**
   * A geometry written in another of the served CRSs (in that CRS's axis order: lat, lon for EPSG:4326/4490; northing,
   * easting for the Gauss-Krüger zones) as CRS84 GeoJSON, transformed by PostGIS.
   */
  JsonNode toCrs84(JsonNode geometry, Crs crs) {
    String sql = "SELECT ST_AsGeoJSON(ST_Transform(" + (crs.flip() ? "ST_FlipCoordinates(" : "(") + "ST_SetSRID(ST_GeomFromGeoJSON(?), ?)), 4490), 9)";
    String out = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, geometry.toString());
        ps.setInt(2, crs.srid());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      } catch (java.sql.SQLException e) {
        if ("XX000".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
          throw ApiError.unprocessable("GEOMETRY_INVALID", "The geometry is not valid GeoJSON in " + crs.uri() + ".", Map.of("field", "geometry"));
        }
        throw e;
      }
    });
    return Json.tree(out);
  }
}
