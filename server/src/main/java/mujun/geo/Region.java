package mujun.geo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The province's region, lon/lat in EPSG:4490, with a margin: outlines must lie inside it, the importer guesses
 * coordinate systems by it, and clients are given it as the extent. Stated once, in SQL ({@code mujun_region()}, in
 * R__1_register_functions.sql), and read from the database at start.
 */
public record Region(double minLon, double minLat, double maxLon, double maxLat) {
  private static final String SQL = "SELECT ST_XMin(r), ST_YMin(r), ST_XMax(r), ST_YMax(r) FROM (SELECT mujun_region() r) s";

  public static Region read(DataSource ds) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new Region(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the region (mujun_region()): " + e.getMessage(), e);
    }
  }

  public boolean contains(double lon, double lat) {
    return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  }

  /** [minLon, minLat, maxLon, maxLat], as OGC API extents and TileJSON bounds write it. */
  public List<Double> bounds() {
    return List.of(minLon, minLat, maxLon, maxLat);
  }
}
