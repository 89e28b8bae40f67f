package mujun.geo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import mujun.error.ApiError;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Parses GeoJSON geometries from requests (RFC 7946: lon, lat in EPSG:4490/CRS84) and checks their shape. */
public final class GeoJsonInput {
  private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4490);

  private GeoJsonInput() {}

  /** Parses {@code node} as a geometry of one of {@code types}; refuses bad JSON structure and non-finite numbers. */
  public static Geometry parse(JsonNode node, String field, Set<String> types) {
    if (node == null || node.isNull()) {
      throw ApiError.badRequest("GEOMETRY_MISSING", "The field '" + field + "' needs a GeoJSON geometry.");
    }
    if (!node.isObject() || !node.path("type").isTextual()) {
      throw ApiError.badRequest("GEOMETRY_MALFORMED", "'" + field + "' must be a GeoJSON geometry object with a \"type\".");
    }
    String type = node.get("type").asText();
    if (!types.contains(type)) {
      throw ApiError.badRequest("GEOMETRY_TYPE", "'" + field + "' must be one of " + types + "; got " + mujun.http.Json.clip(type) + ".",
          Map.of("field", field, "expected", types.toString()));
    }
    Geometry g;
    try {
      g = new GeoJsonReader(GF).read(node.toString());
    } catch (Exception e) {
      throw ApiError.badRequest("GEOMETRY_MALFORMED", "'" + field + "' is not a readable GeoJSON " + type + ": check the coordinate arrays.");
    }
    for (Coordinate c : g.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
        throw ApiError.badRequest("GEOMETRY_MALFORMED", "'" + field + "' has a coordinate that is not a finite number.");
      }
    }
    if (g.isEmpty()) throw ApiError.unprocessable("GEOMETRY_EMPTY", "'" + field + "' is empty.", Map.of("field", field));
    g.setSRID(4490);
    return g;
  }

  /** Extended WKB with SRID, for binding as {@code ST_GeomFromEWKB(?)}. */
  public static byte[] ewkb(Geometry g) {
    return new WKBWriter(2, true).write(g);
  }
}
