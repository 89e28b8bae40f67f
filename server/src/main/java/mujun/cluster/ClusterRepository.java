package mujun.cluster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import mujun.db.Db;

/** Reads of the clusters and the land-use classes: public reference data, each one JSON document. */
final class ClusterRepository {
  private static final String LIST =
      "SELECT COALESCE(json_build_object('type', 'FeatureCollection', 'features', json_agg(f ORDER BY id)), '{\"type\":\"FeatureCollection\",\"features\":[]}')::text FROM ("
          + "SELECT k.id, json_build_object('type', 'Feature', 'id', k.id, 'geometry', ST_AsGeoJSON(k.boundary, 6, 0)::json, "
          + "'properties', json_build_object('code', k.code, 'name', k.name, 'nameEn', k.name_en, 'cityCode', k.city_code, "
          + "'cityName', c.name, 'cityNameEn', c.name_en, 'level', k.level, 'plannedAreaKm2', k.planned_area_km2, "
          + "'bbox', json_build_array(ST_XMin(k.boundary), ST_YMin(k.boundary), ST_XMax(k.boundary), ST_YMax(k.boundary)))) f "
          + "FROM cluster k JOIN city c ON c.code = k.city_code) s";

  private static final String LAND_USE =
      "SELECT COALESCE(json_agg(json_build_object('scheme', scheme, 'code', code, 'name', name, 'nameEn', name_en, "
          + "'color', color, 'industrial', industrial) ORDER BY scheme, code), '[]')::text FROM land_use_code";

  private final Db db;

  ClusterRepository(Db db) {
    this.db = db;
  }

  /** Every cluster as a GeoJSON FeatureCollection. */
  String clusters() {
    return scalar(LIST);
  }

  /** The land-use classes of both schemes, as a JSON array. */
  String landUseCodes() {
    return scalar(LAND_USE);
  }

  private String scalar(String sql) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
  }
}
