package mujun.cluster;

import io.javalin.http.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import mujun.db.Db;
import mujun.http.Http;

/** Clusters are public: boundaries, names and cities, with their parcel counts and industrial area. */
public final class ClusterController {
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

  public ClusterController(Db db) {
    this.db = db;
  }

  public void list(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/geo+json; charset=utf-8").header("Cache-Control", "public, max-age=60").result(scalar(LIST));
  }

  public void landUseCodes(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").header("Cache-Control", "public, max-age=300").result(scalar(LAND_USE));
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
