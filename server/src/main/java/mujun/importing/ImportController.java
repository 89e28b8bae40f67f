package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.http.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

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
      ctx.status(201).json(imports.inspect(Http.principal(ctx), name, in, opt));
    }
  }

  public void list(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/json; charset=utf-8").result(imports.jobs(Http.principal(ctx)));
  }

  public void one(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(imports.job(Http.principal(ctx), Http.idParam(ctx)));
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
    ctx.json(imports.check(Http.principal(ctx), id, opt));
  }

  /** POST /api/imports/{id}/commit {mode: all|accepted} */
  public void commit(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    ObjectNode b = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(ctx, Set.of("mode"));
    ctx.json(imports.commit(Http.principal(ctx), id, b.path("mode").asText("all")));
  }

  public void features(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    ctx.contentType("application/geo+json; charset=utf-8");
    imports.writeFeatures(Http.principal(ctx), Http.idParam(ctx), 20_000, ctx.outputStream());
  }

  public void reportCsv(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    List<Object[]> rows = imports.reportRows(Http.principal(ctx), id);
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"import-" + id + "-report.csv\"");
    OutputStream out = ctx.outputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write((String.join(",", ImportService.REPORT_HEADER) + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (Object[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i > 0) sb.append(',');
        sb.append(csv(r[i]));
      }
      out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  public void reportXlsx(Context ctx) throws IOException {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    List<Object[]> rows = imports.reportRows(Http.principal(ctx), id);
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", "attachment; filename=\"import-" + id + "-report.xlsx\"");
    Workbook wb = new Workbook(ctx.outputStream(), "Mujun", "1.0");
    Worksheet ws = wb.newWorksheet("report");
    for (int c = 0; c < ImportService.REPORT_HEADER.length; c++) ws.value(0, c, ImportService.REPORT_HEADER[c]);
    ws.style(0, 0).bold().set();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        if (v == null) continue;
        if (v instanceof Number n) ws.value(r + 1, c, n);
        else ws.value(r + 1, c, v.toString());
      }
    }
    wb.finish();
  }

  /** GET /api/exports/parcels?format=gpkg|shp|geojson|dxf|csv[&crs=EPSG:4547][&cluster=id][&asOf=date] */
  public void export(Context ctx) throws IOException {
    Http.allowQuery(ctx, "format", "crs", "cluster", "asOf");
    String format = ctx.queryParam("format") == null ? "gpkg" : ctx.queryParam("format");
    Integer srid = ctx.queryParam("crs") == null ? 4490 : crs(ctx.queryParam("crs"));
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    Instant asOf = asOf(ctx.queryParam("asOf"));
    Principal who = Http.principal(ctx);
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

  static Instant asOf(String s) {
    return Http.asOf(s, "asOf");
  }


  private static String csv(Object v) {
    if (v == null) return "";
    String s = v.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) s = "'" + s;
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
