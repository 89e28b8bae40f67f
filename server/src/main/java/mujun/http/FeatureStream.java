package mujun.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes a GeoJSON FeatureCollection whose features PostGIS wrote (first column of each row) as the rows arrive, through
 * a pooled 64 KB buffer: large writes instead of two small ones per feature.
 */
public final class FeatureStream {
  private FeatureStream() {}

  /** Streams the rows' features; returns how many were written. */
  public static long write(ResultSet rs, java.io.OutputStream out) throws SQLException {
    ResponseBuffer b = new ResponseBuffer(out);
    try {
      b.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
      long n = 0;
      while (rs.next()) {
        if (n++ > 0) b.write(',');
        b.write(rs.getBytes(1)); // the text as received from the server (UTF-8): no decode and re-encode
      }
      b.write("]}".getBytes(StandardCharsets.UTF_8));
      b.close();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      b.release();
    }
  }
}
