package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * An outline (a cluster's or a park's boundary) read from a file through the parcel import's machinery: the same
 * quarantine (hostile archives, sizes), formats (Shapefile zip in GBK, GeoPackage, GeoJSON, DXF, KML, red-line TXT),
 * CRS decision (declared, chosen, guessed from the coordinates, refused when they contradict) and GDAL load into a
 * staging table; PostGIS then unites every polygon of the layer (closed DXF lines become areas) into one MultiPolygon
 * in EPSG:4490. Nothing is written: the caller sees the outline and saves it with the cluster or park.
 */
public final class OutlineReader {
  private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 1000);

  private final Db db;
  private final ImportService imports;
  private final Quarantine quarantine;
  private final Gdal gdal;
  private final CrsGuess crsGuess;

  public OutlineReader(Db db, ImportService imports, Quarantine quarantine, Gdal gdal, mujun.geo.Region region) {
    this.db = db;
    this.imports = imports;
    this.quarantine = quarantine;
    this.gdal = gdal;
    this.crsGuess = new CrsGuess(region);
  }

  /** The outline of the file's layer: {geometry, srid, crsReason, features, areaKm2, bbox}. */
  public ObjectNode read(Principal who, String fileName, InputStream body, Integer crs, String encoding) {
    if (encoding != null && !encoding.matches("[A-Za-z0-9_-]{2,20}")) throw ApiError.unprocessable("ENCODING_INVALID", "Unknown encoding '" + Json.clip(encoding) + "'.", null);
    Quarantine.Stored st = quarantine.store(who.userId(), fileName, body);
    long id = NEXT.incrementAndGet();
    try {
      ImportService.Dataset ds = ImportService.dataset(st, encoding);
      Path dataset = ds.path();
      Integer declared = ds.declared();
      String note = ds.crsNote();
      String enc = ds.encoding();
      JsonNode info = gdal.info(dataset, ImportService.openOptions(st.format(), enc));
      JsonNode layers = info.path("layers");
      if (layers.isEmpty()) throw ApiError.unprocessable("NO_LAYER", "The file holds no layer.", null);
      if (layers.size() > 1) throw ApiError.unprocessable("MANY_LAYERS", "The file holds " + layers.size() + " layers; keep only the boundary's layer.", null);
      JsonNode gf = layers.path(0).path("geometryFields").path(0);
      if (declared == null) declared = CrsGuess.fromProjJson(gf.path("coordinateSystem").path("projjson"));
      JsonNode ext = gf.path("extent");
      if (ext.size() != 4) throw ApiError.unprocessable("NO_GEOMETRY", "The layer has no geometry.", null);
      CrsGuess.Decision d = crsGuess.decide(declared, crs, new CrsGuess.Extent(ext.get(0).asDouble(), ext.get(1).asDouble(), ext.get(2).asDouble(),
          ext.get(3).asDouble()), null);
      if (!d.ok()) {
        Map<String, Object> det = new LinkedHashMap<>();
        if (d.guess() != null) det.put("guess", d.guess());
        if (declared != null) det.put("declared", declared);
        throw new ApiError(422, declared == null && crs == null ? "CRS_MISSING" : "CRS_CONTRADICTS", d.reason(), det.isEmpty() ? List.of() : List.of(det));
      }
      imports.loadStaging(id, dataset, st.format(), d.srid(), enc);
      String reason = (note != null ? note + ". " : "") + d.reason();
      String json = db.inTransaction(Db.Change.by(who.username(), "outline"), c -> {
        try {
          try (PreparedStatement ps = c.prepareStatement("SELECT json_build_object('features', count(*), 'polygonal', count(*) FILTER (WHERE a IS NOT NULL), "
              + "'geometry', ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(a)), 3)), 7)::json, "
              + "'areaKm2', round((ST_Area(ST_Transform(ST_Union(a), " + d.srid() + ")) / 1e6)::numeric, 3))::text FROM ("
              + "SELECT CASE WHEN ST_Dimension(g) = 2 THEN ST_MakeValid(g) ELSE NULLIF(ST_BuildArea(g), 'GEOMETRYCOLLECTION EMPTY'::geometry) END AS a "
              + "FROM (SELECT ST_Transform(ST_Force2D(geom), 4490) AS g FROM " + ImportSql.staging(id) + " WHERE geom IS NOT NULL) s) t");
               ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
          }
        } finally {
          try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS " + ImportSql.staging(id))) {
            ps.execute();
          }
        }
      });
      ObjectNode out = (ObjectNode) Json.tree(json);
      if (out.path("geometry").isNull() || out.path("geometry").isMissingNode()) {
        throw ApiError.unprocessable("NO_AREA", "No feature of the file is an area (polygon or closed line): a boundary needs one.", null);
      }
      out.put("srid", d.srid());
      out.put("crsReason", reason);
      out.put("fileName", st.fileName());
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      quarantine.discard(st.dir());
      db.inTransaction(Db.Change.by(who.username(), "drop staging"), c -> {
        try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS " + ImportSql.staging(id))) {
          ps.execute();
        }
        return null;
      });
    }
  }
}
