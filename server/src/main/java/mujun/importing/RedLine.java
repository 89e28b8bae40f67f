package mujun.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import mujun.geo.GaussKruger;

/**
 * Parses a red-line coordinate file (建设项目用地红线坐标文件): a {@code [属性描述]} header of key=value lines (坐标系,
 * 几度分带, 投影类型, 计量单位, 带号, …) and a {@code [地块坐标]} section where each parcel starts with
 * {@code 界址点数,地块面积(公顷),地块编号,地块名称,记录图形属性(面),图幅号,地块用途,@} followed by point lines
 * {@code 点号,圈号,X,Y} — X is the northing; 圈号 1 is the outer ring, others are holes.
 */
public final class RedLine {
  private RedLine() {}

  /** One parcel of the file: its attributes and rings (lists of easting, northing), ring 1 first. */
  public record Parcel(Map<String, String> attrs, List<List<double[]>> rings, int line) {}

  /** The parsed file: header keys, the EPSG code the header and coordinates imply (or null), and the parcels. */
  public record File(Map<String, String> header, Integer srid, String sridReason, List<Parcel> parcels) {}

  /** Decodes the bytes as UTF-8 when they are valid UTF-8, else as GBK (the usual encoding of these files). */
  public static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString().replace("\uFEFF", "");
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("GBK"));
    }
  }

  /** Parses the text; throws IllegalArgumentException naming the line of the first problem. */
  public static File parse(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    List<Parcel> parcels = new ArrayList<>();
    String section = "";
    Map<String, String> attrs = null;
    TreeMap<Integer, List<double[]>> rings = null;
    int start = 0;
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) continue;
      if (l.startsWith("[") && l.endsWith("]")) {
        section = l.substring(1, l.length() - 1).strip();
        continue;
      }
      if (section.equals("属性描述")) {
        int eq = l.indexOf('=');
        if (eq > 0) header.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        continue;
      }
      if (!section.equals("地块坐标")) continue;
      String[] f = l.split("[,，]", -1);
      if (l.endsWith("@")) {
        if (attrs != null) parcels.add(new Parcel(attrs, List.copyOf(rings.values()), start));
        if (f.length < 8) throw new IllegalArgumentException("line " + (i + 1) + ": a parcel record needs 8 fields ending in @");
        attrs = new LinkedHashMap<>();
        attrs.put("界址点数", f[0].strip());
        attrs.put("地块面积", f[1].strip());
        attrs.put("地块编号", f[2].strip());
        attrs.put("地块名称", f[3].strip());
        attrs.put("图形属性", f[4].strip());
        attrs.put("图幅号", f[5].strip());
        attrs.put("地块用途", f[6].strip());
        rings = new TreeMap<>();
        start = i + 1;
        continue;
      }
      if (attrs == null) throw new IllegalArgumentException("line " + (i + 1) + ": a point comes before any parcel record");
      if (f.length < 4) throw new IllegalArgumentException("line " + (i + 1) + ": a point needs 点号,圈号,X,Y");
      try {
        int ring = Integer.parseInt(f[1].strip());
        double x = Double.parseDouble(f[2].strip()), y = Double.parseDouble(f[3].strip());
        rings.computeIfAbsent(ring, k -> new ArrayList<>()).add(new double[] {y, x});
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": 圈号, X and Y must be numbers");
      }
    }
    if (attrs != null) parcels.add(new Parcel(attrs, List.copyOf(rings.values()), start));
    if (parcels.isEmpty()) throw new IllegalArgumentException("no [地块坐标] section with parcels was found");
    for (Parcel p : parcels) {
      for (List<double[]> r : p.rings()) {
        if (r.size() < 3) throw new IllegalArgumentException("line " + p.line() + ": a ring has fewer than 3 points");
        double[] a = r.get(0), b = r.get(r.size() - 1);
        if (a[0] != b[0] || a[1] != b[1]) r.add(a.clone());
      }
    }
    Object[] crs = srid(header, parcels);
    return new File(header, (Integer) crs[0], (String) crs[1], parcels);
  }

  /** The CRS: CGCS2000 3-degree GK, zone from 带号 or the 8-digit Y prefix; prefixed when Y carries the zone. */
  static Object[] srid(Map<String, String> header, List<Parcel> parcels) {
    String cs = header.getOrDefault("坐标系", "");
    double y = parcels.get(0).rings().get(0).get(0)[0];
    boolean prefixed = y >= 1_000_000;
    Integer zone = null;
    String band = header.getOrDefault("带号", "").replaceAll("[^0-9]", "");
    if (!band.isEmpty()) zone = Integer.parseInt(band);
    if (prefixed) {
      int fromY = (int) (y / 1_000_000);
      if (zone != null && zone != fromY) return new Object[] {null, "带号=" + zone + " but Y values carry zone " + fromY};
      zone = fromY;
    }
    String width = header.getOrDefault("几度分带", "3").replaceAll("[^0-9]", "");
    if (!width.isEmpty() && !width.equals("3")) return new Object[] {null, "only 3-degree zones are supported (几度分带=" + width + ")"};
    if (!cs.isEmpty() && !cs.contains("2000")) return new Object[] {null, "坐标系=" + cs + " is not CGCS2000"};
    if (zone == null) return new Object[] {null, "neither 带号 nor a zone prefix in Y tells the zone"};
    if (zone < 25 || zone > 45) return new Object[] {null, "zone " + zone + " is not a 3-degree zone of China"};
    int srid = prefixed ? GaussKruger.prefixedSrid(zone) : GaussKruger.srid(zone);
    return new Object[] {srid, String.format(Locale.ROOT, "header 带号/Y prefix: zone %d, %s → EPSG:%d", zone, prefixed ? "with prefix" : "without prefix", srid)};
  }

  /** Writes the parcels as a GeoJSON FeatureCollection in the file's own plane coordinates (easting, northing). */
  public static String toGeoJson(File f) {
    StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < f.parcels().size(); i++) {
      Parcel p = f.parcels().get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"type\":\"Feature\",\"properties\":").append(mujun.http.Json.write(p.attrs())).append(",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[");
      for (int r = 0; r < p.rings().size(); r++) {
        if (r > 0) sb.append(',');
        sb.append('[');
        List<double[]> ring = p.rings().get(r);
        for (int k = 0; k < ring.size(); k++) {
          if (k > 0) sb.append(',');
          sb.append(String.format(Locale.ROOT, "[%.4f,%.4f]", ring.get(k)[0], ring.get(k)[1]));
        }
        sb.append(']');
      }
      sb.append("]}}");
    }
    return sb.append("]}").toString();
  }
}
