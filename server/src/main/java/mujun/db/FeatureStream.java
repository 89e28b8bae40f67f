package mujun.db;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes a GeoJSON FeatureCollection whose features PostGIS wrote (first column of each row) as the rows arrive. */
public final class FeatureStream {
  private FeatureStream() {}

  /** Streams the rows' features; returns how many were written. */
  public static long write(ResultSet rs, OutputStream out) throws SQLException {
    try {
      out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
      long n = 0;
      while (rs.next()) {
        if (n++ > 0) out.write(',');
        out.write(rs.getBytes(1)); // the text as received from the server (UTF-8): no decode and re-encode

      }
      out.write("]}".getBytes(StandardCharsets.UTF_8));
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
