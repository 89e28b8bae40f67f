package mujun.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.parcel.ParcelRepository;

/**
 * Exports the register (current, one cluster, or as of a past date; always within the caller's scope) as GeoPackage,
 * Shapefile (zip with .cpg and .prj), GeoJSON, DXF or CSV in a CRS the user chooses. The database writes the scoped
 * rows as GeoJSON; ogr2ogr converts the file; the server streams the result and removes its work folder.
 */
public final class ExportService {
  /** Format → GDAL driver, file extension, content type. */
  public static final Map<String, String[]> FORMATS = Map.of(
      "gpkg", new String[] {"GPKG", "gpkg", "application/geopackage+sqlite3"},
      "shp", new String[] {"ESRI Shapefile", "shp", "application/zip"},
      "geojson", new String[] {"GeoJSON", "geojson", "application/geo+json"},
      "dxf", new String[] {"DXF", "dxf", "image/vnd.dxf"},
      "csv", new String[] {"CSV", "csv", "text/csv; charset=utf-8"});

  private final ParcelRepository parcels;
  private final Gdal gdal;
  private final Path workRoot;

  public ExportService(ParcelRepository parcels, Gdal gdal, Path workRoot) {
    this.parcels = parcels;
    this.gdal = gdal;
    this.workRoot = workRoot;
  }

  /** The file to send: its name, content type, and where it lies (deleted by {@link #cleanUp}). */
  public record Export(String fileName, String contentType, Path file, Path dir, long features) {}

  public Export export(Principal who, String format, int srid, Integer clusterId, Instant asOf) {
    String[] f = FORMATS.get(format);
    if (f == null) throw ApiError.badRequest("BAD_FORMAT", "format is one of gpkg, shp, geojson, dxf, csv.", Map.of("parameter", "format"));
    if (!CrsGuess.supported(srid) && srid != 3857) {
      throw ApiError.badRequest("BAD_CRS", "crs is EPSG:4490, 4326, 3857 or a CGCS2000 Gauss-Krüger zone (4513–4554).", Map.of("parameter", "crs"));
    }
    Path dir;
    try {
      Files.createDirectories(workRoot);
      dir = Files.createTempDirectory(workRoot, "export-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      Path src = dir.resolve("register.geojson");
      long n;
      try (OutputStream out = Files.newOutputStream(src)) {
        n = parcels.streamExport(who, clusterId, asOf, out);
      }
      String base = "mujun-parcels" + (asOf != null ? "-asof" : "") + "-epsg" + srid;
      Path target = dir.resolve(format.equals("shp") ? "shp" : "out");
      if (format.equals("shp")) Files.createDirectories(target);
      Path out = format.equals("shp") ? target.resolve(base + ".shp") : dir.resolve(base + "." + f[1]);
      List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", f[0], out.toString(), src.toString(), "-s_srs", "EPSG:4490",
          "-t_srs", "EPSG:" + srid, "-nln", "parcels"));
      switch (format) {
        case "shp" -> cmd.addAll(List.of("-lco", "ENCODING=UTF-8", "-nlt", "MULTIPOLYGON"));
        case "csv" -> cmd.addAll(List.of("-lco", "GEOMETRY=AS_WKT", "-lco", "WRITE_BOM=YES"));
        case "geojson" -> cmd.addAll(List.of("-lco", "RFC7946=" + (srid == 4326 || srid == 4490 ? "YES" : "NO")));
        case "gpkg" -> cmd.addAll(List.of("-nlt", "MULTIPOLYGON"));
        default -> { }
      }
      Gdal.Result r = gdal.run(cmd, Map.of(), dir);
      if (r.exit() != 0) throw new IllegalStateException("ogr2ogr export failed: " + Gdal.clean(r.err(), dir));
      if (format.equals("shp")) {
        Path zip = dir.resolve(base + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(target)) {
          for (Path p : files.sorted().toList()) {
            z.putNextEntry(new ZipEntry(p.getFileName().toString()));
            Files.copy(p, z);
            z.closeEntry();
          }
        }
        return new Export(base + ".zip", f[2], zip, dir, n);
      }
      return new Export(out.getFileName().toString(), f[2], out, dir, n);
    } catch (IOException | RuntimeException e) {
      cleanUp(dir);
      if (e instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e);
    }
  }

  public void cleanUp(Path dir) {
    if (dir == null || !dir.startsWith(workRoot)) return;
    org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile()); // best effort
  }
}
