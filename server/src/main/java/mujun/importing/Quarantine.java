package mujun.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import mujun.http.ApiError;

/**
 * The only place uploads live: one folder per import under {@code var/quarantine}. Archives are unpacked here with
 * limits (entries, total size, compression ratio, no paths that climb out, no links); GDAL only ever reads paths
 * that this class made. A refused upload leaves nothing behind.
 */
public final class Quarantine {
  /** Extensions of files a dataset may consist of (anything else in an archive is ignored, not unpacked). */
  static final Set<String> KEEP = Set.of("shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx", "gpkg", "geojson", "json",
      "dxf", "kml", "txt", "xml");
  /** The datasets we import, by extension, in order of preference. */
  static final List<String> DATASETS = List.of("gpkg", "shp", "geojson", "json", "dxf", "kml", "txt");

  private final Path root;
  private final long maxUpload;
  private final long maxUnpacked;
  private final int maxEntries;
  private final int maxRatio;

  public Quarantine(Path root, long maxUpload, long maxUnpacked, int maxEntries, int maxRatio) {
    this.root = root.toAbsolutePath().normalize();
    this.maxUpload = maxUpload;
    this.maxUnpacked = maxUnpacked;
    this.maxEntries = maxEntries;
    this.maxRatio = maxRatio;
  }

  /** An upload stored and unpacked: its folder, the dataset file in it, checksum and size. */
  public record Stored(Path dir, Path dataset, String format, String sha256, long size, String fileName) {}

  /** Stores the upload as {@code name} in a fresh folder, unpacks a zip, and finds the dataset. */
  public Stored store(String fileName, InputStream in) {
    String name = safeName(fileName);
    Path dir;
    try {
      Files.createDirectories(root);
      dir = Files.createTempDirectory(root, "import-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the quarantine folder", e);
    }
    try {
      Path file = dir.resolve(name);
      MessageDigest sha = sha256();
      long size;
      try (InputStream din = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(file)) {
        size = copyLimited(din, out, maxUpload, () -> new ApiError(413, "UPLOAD_TOO_LARGE",
            "The file is larger than " + maxUpload / (1024 * 1024) + " MB; split it, or ask an administrator to raise the limit."));
      }
      if (size == 0) throw ApiError.badRequest("EMPTY_FILE", "The uploaded file is empty.");
      String hash = HexFormat.of().formatHex(sha.digest());
      String ext = extension(name);
      if (ext.equals("zip")) {
        unzip(file, dir);
        Files.delete(file);
      } else if (!DATASETS.contains(ext)) {
        throw ApiError.unprocessable("UNSUPPORTED_FORMAT", "Mujun imports Shapefile (as .zip), GeoPackage (.gpkg), GeoJSON, DXF, KML and "
            + "red-line coordinate files (.txt); '" + name + "' is none of these.", Map.of("file", name));
      }
      Path dataset = findDataset(dir);
      return new Stored(dir, dataset, format(dataset), hash, size, name);
    } catch (IOException e) {
      discard(dir);
      throw ApiError.unprocessable("UNREADABLE_FILE", "The upload could not be stored or unpacked: it may be damaged.", null);
    } catch (RuntimeException e) {
      discard(dir);
      throw e;
    }
  }

  /** Unpacks a zip: refuses climbing paths, absolute paths, links, too many entries, too much data, bomb ratios. */
  void unzip(Path zip, Path dir) throws IOException {
    long compressed = Files.size(zip), total = 0;
    int entries = 0;
    try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip), java.nio.charset.Charset.forName("GBK"))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        if (++entries > maxEntries) {
          throw ApiError.unprocessable("ARCHIVE_TOO_MANY_FILES", "The archive holds more than " + maxEntries + " files; a parcel layer needs only a few.", null);
        }
        String n = e.getName().replace('\\', '/');
        if (n.startsWith("/") || n.contains("../") || n.equals("..") || n.contains(":") || n.contains("\0")) {
          throw ApiError.unprocessable("ARCHIVE_UNSAFE_PATH", "The archive holds a path that points outside its folder ('" + mujun.http.Json.clip(n)
              + "'); it was refused and nothing was unpacked.", null);
        }
        if (e.isDirectory()) continue;
        String base = n.substring(n.lastIndexOf('/') + 1);
        if (base.isEmpty() || base.startsWith(".") || n.startsWith("__MACOSX/")) continue;
        if (!KEEP.contains(extension(base))) continue;
        Path target = dir.resolve(safeName(base)).normalize();
        if (!target.startsWith(dir)) throw ApiError.unprocessable("ARCHIVE_UNSAFE_PATH", "The archive holds an unsafe path.", null);
        if (Files.exists(target)) {
          throw ApiError.unprocessable("ARCHIVE_AMBIGUOUS", "The archive holds two files named '" + mujun.http.Json.clip(base) + "'; put one layer per archive.", null);
        }
        long budget = maxUnpacked - total;
        long written;
        try (OutputStream out = Files.newOutputStream(target)) {
          written = copyLimited(z, out, budget, () -> ApiError.unprocessable("ARCHIVE_TOO_LARGE",
              "The archive unpacks to more than " + maxUnpacked / (1024 * 1024) + " MB; it was refused.", null));
        }
        total += written;
        if (total > Math.max(compressed, 1) * maxRatio && total > 10 * 1024 * 1024) {
          throw ApiError.unprocessable("ARCHIVE_BOMB", "The archive expands more than " + maxRatio + " times; it looks like a decompression bomb and was refused.", null);
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw ApiError.unprocessable("UNREADABLE_FILE", "The zip archive is damaged: " + mujun.http.Json.clip(ex.getMessage()) + ".", null);
    }
    if (entries == 0) throw ApiError.unprocessable("UNREADABLE_FILE", "The zip archive is empty or damaged.", null);
  }

  private static Path findDataset(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(files::add);
    }
    for (String ext : DATASETS) {
      List<Path> hits = files.stream().filter(f -> extension(f.getFileName().toString()).equals(ext)).toList();
      if (hits.size() > 1 && !ext.equals("xml")) {
        throw ApiError.unprocessable("ARCHIVE_AMBIGUOUS", "The archive holds " + hits.size() + " ." + ext + " layers; import them one at a time.", null);
      }
      if (hits.size() == 1) {
        Path p = hits.get(0);
        if (ext.equals("shp")) {
          String stem = stem(p);
          for (String need : List.of("shx", "dbf")) {
            if (!Files.exists(dir.resolve(stem + "." + need))) {
              throw ApiError.unprocessable("SHAPEFILE_INCOMPLETE", "The Shapefile lacks its ." + need + " file; zip the .shp, .shx, .dbf (and .prj, .cpg) together.", null);
            }
          }
        }
        return p;
      }
    }
    throw ApiError.unprocessable("NO_DATASET", "No layer was found in the upload (looked for .shp, .gpkg, .geojson, .dxf, .kml, .txt).", null);
  }

  static String format(Path dataset) {
    return switch (extension(dataset.getFileName().toString())) {
      case "shp" -> "shapefile";
      case "gpkg" -> "geopackage";
      case "geojson", "json" -> "geojson";
      case "dxf" -> "dxf";
      case "kml" -> "kml";
      default -> "redline";
    };
  }

  /** Removes the folder and everything in it. */
  public void discard(Path dir) {
    if (dir == null || !dir.toAbsolutePath().normalize().startsWith(root)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover folder holds no data anyone can reach
    }
  }

  public Path root() {
    return root;
  }

  /** A file name reduced to safe characters (letters of any script, digits, . _ -), never a path. */
  static String safeName(String n) {
    if (n == null || n.isBlank()) return "upload.bin";
    String base = n.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    while (base.startsWith(".")) base = base.substring(1);
    if (base.length() > 120) base = base.substring(base.length() - 120);
    return base.isEmpty() ? "upload.bin" : base;
  }

  static String extension(String n) {
    int i = n.lastIndexOf('.');
    return i < 0 ? "" : n.substring(i + 1).toLowerCase(Locale.ROOT);
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static long copyLimited(InputStream in, OutputStream out, long limit, java.util.function.Supplier<ApiError> tooMuch) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) throw tooMuch.get();
      out.write(buf, 0, n);
    }
    return total;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
