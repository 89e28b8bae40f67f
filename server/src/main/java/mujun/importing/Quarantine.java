package mujun.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import mujun.error.ApiError;

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

  /** Archives smaller than this may expand beyond the ratio (a 10 KB zip of a 2 MB layer is ordinary). */
  static final long RATIO_FLOOR = 10L * 1024 * 1024;

  private final Path root;
  private final long maxUpload;
  private final long maxUnpacked;
  private final int maxEntries;
  private final int maxRatio;
  private final long maxPerUser;

  public Quarantine(Path root, long maxUpload, long maxUnpacked, int maxEntries, int maxRatio) {
    this(root, maxUpload, maxUnpacked, maxEntries, maxRatio, Long.MAX_VALUE);
  }

  /** {@code maxPerUser}: the most bytes one user's uploads not yet committed (or expired) may hold, unpacked. */
  public Quarantine(Path root, long maxUpload, long maxUnpacked, int maxEntries, int maxRatio, long maxPerUser) {
    this.root = root.toAbsolutePath().normalize();
    this.maxUpload = maxUpload;
    this.maxUnpacked = maxUnpacked;
    this.maxEntries = maxEntries;
    this.maxRatio = maxRatio;
    this.maxPerUser = maxPerUser;
  }

  /** The part of a folder's name that says whose upload it is: "import-u{userId}-…", kept when the job renames it. */
  static String ownerTag(long userId) {
    return "import-u" + userId + "-";
  }

  /** Bytes held in the quarantine by one user's uploads (folders named with {@link #ownerTag}). */
  public long usage(long userId) {
    String tag = ownerTag(userId);
    long total = 0;
    try (Stream<Path> s = Files.list(root)) {
      for (Path d : (Iterable<Path>) s::iterator) {
        String n = d.getFileName().toString();
        if (n.startsWith(tag) || (n.startsWith("job-") && n.contains("-" + tag))) total += size(d);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the quarantine folder", e);
    }
    return total;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /**
   * Removes every upload folder not changed for {@code maxAge}: imports abandoned before their commit (a commit removes
   * its own at once) and figure files left by a server that stopped halfway. Returns how many were removed.
   */
  public int sweep(java.time.Duration maxAge) {
    long cutoff = System.currentTimeMillis() - maxAge.toMillis();
    int removed = 0;
    try (Stream<Path> s = Files.list(root)) {
      for (Path d : (Iterable<Path>) s::iterator) {
        String n = d.getFileName().toString();
        if (!Files.isDirectory(d) || !(n.startsWith("import-") || n.startsWith("job-") || n.startsWith("indicators-"))) continue;
        if (Files.getLastModifiedTime(d).toMillis() < cutoff) {
          discard(d);
          removed++;
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the quarantine folder", e);
    }
    return removed;
  }

  /** Stores an upload of no one in particular (tests, the command line). */
  public Stored store(String fileName, InputStream in) {
    return store(0, fileName, in);
  }

  /** An upload stored and unpacked: its folder, the dataset file in it, checksum and size. */
  public record Stored(Path dir, Path dataset, String format, String sha256, long size, String fileName) {}

  /**
   * Stores {@code owner}'s upload as {@code name} in a fresh folder, unpacks a zip, and finds the dataset. The upload
   * and what it unpacks to count against the owner's share of the quarantine, checked while writing.
   */
  public Stored store(long owner, String fileName, InputStream in) {
    String name = safeName(fileName);
    long room = maxPerUser == Long.MAX_VALUE ? Long.MAX_VALUE : maxPerUser - usage(owner);
    if (room <= 0) throw quarantineFull();
    Path dir;
    try {
      Files.createDirectories(root);
      dir = Files.createTempDirectory(root, ownerTag(owner));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the quarantine folder", e);
    }
    try {
      Path file = dir.resolve(name);
      MessageDigest sha = org.apache.commons.codec.digest.DigestUtils.getSha256Digest();
      long size;
      try (InputStream din = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(file)) {
        size = copyLimited(din, out, Math.min(maxUpload, room), () -> maxUpload <= room ? new ApiError(413, "UPLOAD_TOO_LARGE",
            "The file is larger than " + maxUpload / (1024 * 1024) + " MB; split it, or ask an administrator to raise the limit.") : quarantineFull());
      }
      if (size == 0) throw ApiError.badRequest("EMPTY_FILE", "The uploaded file is empty.");
      String hash = HexFormat.of().formatHex(sha.digest());
      String ext = extension(name);
      if (ext.equals("zip")) {
        unzip(file, dir, room == Long.MAX_VALUE ? Long.MAX_VALUE : room - size);
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

  private ApiError quarantineFull() {
    return new ApiError(413, "QUARANTINE_FULL", "Your uploads not yet imported hold more than " + maxPerUser / (1024 * 1024)
        + " MB; commit or abandon them (abandoned uploads are removed after a while), then upload again.");
  }

  void unzip(Path zip, Path dir) throws IOException {
    unzip(zip, dir, Long.MAX_VALUE);
  }

  /**
   * Unpacks a zip: refuses climbing paths, absolute paths, links, too many entries, too much data, bomb ratios. The
   * limits hold while writing: a bomb stops at the limit, never after an entry has been written out whole.
   */
  void unzip(Path zip, Path dir, long room) throws IOException {
    long compressed = Files.size(zip), total = 0;
    // The most the archive may unpack to: the size limit, the ratio to its compressed size (above the floor), the owner's room.
    long ratioLimit = Math.max(RATIO_FLOOR, Math.max(compressed, 1) * maxRatio);
    long limit = Math.min(Math.min(maxUnpacked, ratioLimit), room);
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
        long written;
        try (OutputStream out = Files.newOutputStream(target)) {
          written = copyLimited(z, out, limit - total, () -> limit == ratioLimit
              ? ApiError.unprocessable("ARCHIVE_BOMB", "The archive expands more than " + maxRatio + " times; it looks like a decompression bomb and was refused.", null)
              : limit == room ? quarantineFull()
              : ApiError.unprocessable("ARCHIVE_TOO_LARGE", "The archive unpacks to more than " + maxUnpacked / (1024 * 1024) + " MB; it was refused.", null));
        }
        total += written;
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
    org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile()); // best effort: a leftover folder holds no data anyone can reach
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
    // Never reads more than one byte past the limit, so nothing beyond it is written.
    while ((n = in.read(buf, 0, limit - total >= buf.length ? buf.length : (int) (limit - total) + 1)) > 0) {
      total += n;
      if (total > limit) throw tooMuch.get();
      out.write(buf, 0, n);
    }
    return total;
  }

}
