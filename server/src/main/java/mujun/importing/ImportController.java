package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/** HTTP for imports (upload → dry run → report → commit) and exports. */
public final class ImportController {
  private final ImportService imports;
  private final ExportService exports;

  public ImportController(ImportService imports, ExportService exports) {
    this.imports = imports;
    this.exports = exports;
  }

  /** POST /api/imports?name=FILE[&crs=EPSG][&encoding=][&cluster=] with the file as the raw body. */
  public void upload(Context ctx) throws IOException {
    Http.allowQuery(ctx, "name", "crs", "encoding", "cluster");
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) throw ApiError.badRequest("NAME_REQUIRED", "Give the file name (?name=parcels.zip): its extension tells the format.");
    ImportService.Options opt = new ImportService.Options(crs(ctx.queryParam("crs")), encoding(ctx.queryParam("encoding")),
        ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE), null, null, null, null);
    try (InputStream in = ctx.bodyInputStream()) {
      ctx.status(201).json(imports.inspect(Principal.of(ctx), name, in, opt));
    }
  }

  public void list(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").result(imports.jobs(Principal.of(ctx)));
  }

  public void one(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(imports.job(Principal.of(ctx), Http.idParam(ctx)));
  }

  /** POST /api/imports/{id}/check {crs?, encoding?, clusterId?, mapping?, defaultLandUse?: "scheme|code", areaUnit?} */
  public void check(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode()
        : Json.object(ctx, Set.of("crs", "encoding", "clusterId", "mapping", "defaultLandUse", "areaUnit"));
    Map<String, String> mapping = null;
    if (b.has("mapping")) {
      JsonNode m = b.get("mapping");
      if (!m.isObject()) throw ApiError.badRequest("MAPPING_INVALID", "mapping is an object {parcelField: sourceField}.");
      mapping = new LinkedHashMap<>();
      for (var it = m.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isNull() && !e.getValue().isTextual()) throw ApiError.badRequest("MAPPING_INVALID", "Each mapped source field is a field name.");
        if (!e.getValue().isNull() && !e.getValue().asText().isBlank()) mapping.put(e.getKey(), e.getValue().asText());
      }
    }
    String scheme = null, code = null;
    if (b.hasNonNull("defaultLandUse")) {
      String[] p = b.get("defaultLandUse").asText().split("\\|", 2);
      if (p.length != 2) throw ApiError.badRequest("BAD_LAND_USE", "defaultLandUse is \"scheme|code\", e.g. \"GB/T 21010-2017|0601\".");
      scheme = p[0];
      code = p[1];
    }
    Integer cluster = b.hasNonNull("clusterId") ? b.get("clusterId").asInt() : null;
    ImportService.Options opt = new ImportService.Options(b.hasNonNull("crs") ? crs(b.get("crs").asText()) : null,
        b.hasNonNull("encoding") ? encoding(b.get("encoding").asText()) : null, cluster, mapping, scheme, code,
        b.hasNonNull("areaUnit") ? b.get("areaUnit").asText() : null);
    ctx.json(imports.check(Principal.of(ctx), id, opt));
  }

  /** POST /api/imports/{id}/commit {mode: all|accepted} */
  public void commit(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("mode"));
    ctx.json(imports.commit(Principal.of(ctx), id, b.path("mode").asText("all")));
  }

  public void features(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    ctx.contentType("application/geo+json; charset=utf-8");
    imports.writeFeatures(Principal.of(ctx), Http.idParam(ctx), 20_000, ctx.outputStream());
  }

  /** GET /api/imports/{id}/report.csv[?lang=en]: the report in Chinese (the office's file) or English. */
  public void reportCsv(Context ctx) throws IOException {
    Http.allowQuery(ctx, "lang");
    long id = Http.idParam(ctx);
    String lang = Http.langParam(ctx);
    mujun.http.Tables.csv(ctx, "import-" + id + "-report.csv", ImportReport.header(lang), ImportReport.rows(lang, imports.reportRows(Principal.of(ctx), id)));
  }

  public void reportXlsx(Context ctx) throws IOException {
    Http.allowQuery(ctx, "lang");
    long id = Http.idParam(ctx);
    String lang = Http.langParam(ctx);
    mujun.http.Tables.xlsx(ctx, "import-" + id + "-report.xlsx", lang.equals("en") ? "report" : "导入报告", ImportReport.header(lang),
        ImportReport.rows(lang, imports.reportRows(Principal.of(ctx), id)));
  }

  /** GET /api/exports/parcels?format=gpkg|shp|geojson|dxf|csv[&crs=EPSG:4547][&cluster=id][&asOf=date] */
  public void export(Context ctx) throws IOException {
    Http.allowQuery(ctx, "format", "crs", "cluster", "asOf");
    String format = ctx.queryParam("format") == null ? "gpkg" : ctx.queryParam("format");
    Integer srid = ctx.queryParam("crs") == null ? 4490 : crs(ctx.queryParam("crs"));
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    Instant asOf = Http.asOf(ctx.queryParam("asOf"), "asOf");
    Principal who = Principal.of(ctx);
    ExportService.Export e = exports.export(who, format, srid, cluster, asOf);
    try {
      ctx.contentType(e.contentType()).header("Content-Disposition", "attachment; filename=\"" + e.fileName() + "\"")
          .header("X-Feature-Count", String.valueOf(e.features())).header("Cache-Control", "no-store");
      Files.copy(e.file(), ctx.outputStream());
    } finally {
      exports.cleanUp(e.dir());
    }
  }

  /** Parses "EPSG:4547", "4547" or an OGC URI ending in /EPSG/0/4547. */
  static Integer crs(String s) {
    if (s == null || s.isBlank()) return null;
    String t = s.strip();
    if (t.equalsIgnoreCase("CRS84") || t.endsWith("/OGC/1.3/CRS84")) return 4326;
    t = t.replaceFirst("(?i)^EPSG:", "").replaceFirst("^.*/EPSG/0/", "");
    try {
      int v = Integer.parseInt(t);
      if (v <= 0 || v > 999_999) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("BAD_CRS", "crs is an EPSG code such as EPSG:4547.", Map.of("parameter", "crs"));
    }
  }

  static String encoding(String s) {
    if (s == null || s.isBlank()) return null;
    String t = s.strip().toUpperCase();
    if (!Set.of("GBK", "GB18030", "UTF-8", "CP936", "BIG5", "ISO-8859-1").contains(t)) {
      throw ApiError.badRequest("BAD_ENCODING", "encoding is GBK, GB18030, UTF-8, CP936, BIG5 or ISO-8859-1.", Map.of("parameter", "encoding"));
    }
    return t;
  }

}
