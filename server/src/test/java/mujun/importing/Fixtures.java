package mujun.importing;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mujun.geo.GaussKruger;
import mujun.http.Json;

/** Makes import fixtures: GeoJSON written here, other formats converted by real GDAL (ogr2ogr). */
public final class Fixtures {
  private Fixtures() {}

  /** A feature: attributes and rings of lon/lat points (first ring the shell). */
  public record F(Map<String, Object> props, List<double[][]> rings) {}

  public static F square(Map<String, Object> props, double[] s) {
    List<double[][]> rings = new ArrayList<>();
    rings.add(new double[][] {{s[0], s[1]}, {s[2], s[1]}, {s[2], s[3]}, {s[0], s[3]}, {s[0], s[1]}});
    return new F(props, rings);
  }

  /** Projects lon/lat to the CRS: 4490 as is; 4546–4548 plane; 4525–4527 plane with the zone prefix. */
  public static double[] project(int srid, double lon, double lat) {
    if (srid == 4490 || srid == 4326) return new double[] {lon, lat};
    if (srid >= 4534) {
      int zone = (srid - 4534) + 25;
      return GaussKruger.toPlane(zone, lon, lat);
    }
    int zone = srid - 4513 + 25;
    double[] p = GaussKruger.toPlane(zone, lon, lat);
    return new double[] {p[0] + zone * 1_000_000.0, p[1]};
  }

  public static String geojson(int srid, List<F> features, boolean swap) {
    StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < features.size(); i++) {
      F f = features.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"type\":\"Feature\",\"properties\":").append(Json.write(f.props())).append(",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[");
      for (int r = 0; r < f.rings().size(); r++) {
        if (r > 0) sb.append(',');
        sb.append('[');
        double[][] ring = f.rings().get(r);
        for (int k = 0; k < ring.length; k++) {
          double[] p = project(srid, ring[k][0], ring[k][1]);
          if (k > 0) sb.append(',');
          sb.append(String.format(Locale.ROOT, "[%.4f,%.4f]", swap ? p[1] : p[0], swap ? p[0] : p[1]));
        }
        sb.append(']');
      }
      sb.append("]}}");
    }
    return sb.append("]}").toString();
  }

  public static Path dir() throws IOException {
    Path d = Path.of("target", "fixtures");
    Files.createDirectories(d);
    return Files.createTempDirectory(d, "fx");
  }

  public static void ogr2ogr(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ogr2ogr"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("ogr2ogr failed: " + out);
  }

  /** A GBK Shapefile (no .cpg) in a zip; {@code prj} false leaves the .prj out too. */
  public static byte[] shapefileZip(int srid, List<F> features, boolean prj, boolean swap, Charset dbfCharset) throws Exception {
    Path d = dir();
    Files.writeString(d.resolve("src.geojson"), geojson(srid, features, swap));
    String enc = dbfCharset.name().equals("UTF-8") ? "UTF-8" : "GBK";
    ogr2ogr(d, "-f", "ESRI Shapefile", "parcels.shp", "src.geojson", "-a_srs", "EPSG:" + srid, "-lco", "ENCODING=" + enc);
    Files.deleteIfExists(d.resolve("parcels.cpg"));
    if (!prj) Files.deleteIfExists(d.resolve("parcels.prj"));
    List<String> names = new ArrayList<>(List.of("parcels.shp", "parcels.shx", "parcels.dbf"));
    if (prj) names.add("parcels.prj");
    return zip(d, names);
  }

  public static byte[] converted(String driver, String name, int srid, List<F> features) throws Exception {
    Path d = dir();
    Files.writeString(d.resolve("src.geojson"), geojson(srid, features, false));
    ogr2ogr(d, "-f", driver, name, "src.geojson", "-a_srs", "EPSG:" + srid);
    return Files.readAllBytes(d.resolve(name));
  }

  /** A DXF of closed polylines (as CAD drawings hold parcel outlines), in the plane CRS. */
  public static byte[] dxf(int srid, List<F> features) throws Exception {
    Path d = dir();
    String lines = geojson(srid, features, false).replace("\"Polygon\",\"coordinates\":[", "\"LineString\",\"coordinates\":").replace("]]}}", "]}}");
    Files.writeString(d.resolve("src.geojson"), lines);
    ogr2ogr(d, "-f", "DXF", "parcels.dxf", "src.geojson");
    return Files.readAllBytes(d.resolve("parcels.dxf"));
  }

  public static byte[] zip(Path dir, List<String> names) throws IOException {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        Files.copy(dir.resolve(n), z);
        z.closeEntry();
      }
    }
    return bos.toByteArray();
  }

  /** A zip whose entry climbs out of its folder. */
  public static byte[] zipSlip() throws IOException {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry("../../evil.shp"));
      z.write("x".getBytes());
      z.closeEntry();
    }
    return bos.toByteArray();
  }

  /** A decompression bomb: 60 MB of zeros in a small zip. */
  public static byte[] zipBomb() throws IOException {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry("parcels.dbf"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 60; i++) z.write(zeros);
      z.closeEntry();
    }
    return bos.toByteArray();
  }

  /** A red-line coordinate file (GBK) with one parcel with a hole, in zone 38 with the zone prefix in Y. */
  public static byte[] redLine(String code, double[] s, double[] hole) {
    StringBuilder sb = new StringBuilder("[属性描述]\r\n坐标系=2000国家大地坐标系\r\n几度分带=3\r\n投影类型=高斯克吕格\r\n计量单位=米\r\n带号=38\r\n精度=0.01\r\n转换参数=,,,,,,\r\n[地块坐标]\r\n");
    sb.append("10,0.9,").append(code).append(",测试红线地块,面,,工业用地,@\r\n");
    appendRing(sb, s, 1, 1);
    appendRing(sb, hole, 2, 6);
    return sb.toString().getBytes(Charset.forName("GBK"));
  }

  private static void appendRing(StringBuilder sb, double[] s, int ring, int first) {
    double[][] pts = {{s[0], s[1]}, {s[2], s[1]}, {s[2], s[3]}, {s[0], s[3]}, {s[0], s[1]}};
    for (int i = 0; i < pts.length; i++) {
      double[] p = project(4526, pts[i][0], pts[i][1]);
      sb.append(String.format(Locale.ROOT, "J%d,%d,%.3f,%.3f\r\n", first + i, ring, p[1], p[0]));
    }
  }
}
