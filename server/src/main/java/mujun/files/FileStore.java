package mujun.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Documents and photos kept in the database. A file is accepted only when its content is what its extension says
 * (magic bytes; for Office files, the parts inside the zip), within the size limit; its SHA-256 is stored with it.
 */
public final class FileStore {
  /** extension → content type. */
  public static final Map<String, String> TYPES = Map.of(
      "pdf", "application/pdf", "jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "webp", "image/webp",
      "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  /** A stored file's description (never its bytes). */
  public record Meta(long id, String fileName, String contentType, int sizeBytes, String sha256, boolean isPublic, String kind) {}

  /** A file to send. */
  public record Content(String fileName, String contentType, byte[] bytes, String sha256) {}

  private final long maxBytes;

  public FileStore(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Reads at most maxBytes (413 beyond), and checks the name and the content. Returns the bytes and the type. */
  public Checked check(String fileName, InputStream in) throws IOException {
    String name = cleanName(fileName);
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    String type = TYPES.get(ext);
    if (type == null) {
      throw ApiError.unprocessable("FILE_TYPE", "Files of type ." + Json.clip(ext) + " are not accepted; use PDF, JPEG, PNG, WebP, DOCX or XLSX.", Map.of("field", "name"));
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[65536];
    int n;
    while ((n = in.read(chunk)) > 0) {
      if (buf.size() + n > maxBytes) {
        throw new ApiError(413, "TOO_LARGE", "The file is larger than " + maxBytes / 1024 / 1024 + " MB; reduce it (for photos: a smaller resolution).");
      }
      buf.write(chunk, 0, n);
    }
    byte[] bytes = buf.toByteArray();
    if (bytes.length == 0) throw ApiError.unprocessable("FILE_EMPTY", "The file is empty.", Map.of("field", "file"));
    if (!matches(ext, bytes)) {
      throw ApiError.unprocessable("FILE_CONTENT", "The file's content is not " + ext.toUpperCase(Locale.ROOT) + " as its name says; upload the real file.",
          Map.of("field", "file"));
    }
    return new Checked(name, type, bytes, org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes));
  }

  public record Checked(String fileName, String contentType, byte[] bytes, String sha256) {}

  /** Stores a checked file for an owner; returns its id. */
  public long store(Connection c, String ownerKind, long ownerId, String kind, boolean isPublic, Checked f, String actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO stored_file (owner_kind, owner_id, kind, file_name, content_type, size_bytes, sha256, is_public, bytes, uploaded_by) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, ownerKind);
      ps.setLong(2, ownerId);
      ps.setString(3, kind);
      ps.setString(4, f.fileName());
      ps.setString(5, f.contentType());
      ps.setInt(6, f.bytes().length);
      ps.setString(7, f.sha256());
      ps.setBoolean(8, isPublic);
      ps.setBytes(9, f.bytes());
      ps.setString(10, actor);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A file of an owner; {@code publicOnly} limits it to public files. */
  public static Optional<Content> read(Connection c, String ownerKind, long ownerId, long fileId, boolean publicOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT file_name, content_type, bytes, sha256 FROM stored_file "
        + "WHERE id = ? AND owner_kind = ? AND owner_id = ? AND withdrawn_at IS NULL AND (is_public OR NOT ?)")) {
      ps.setLong(1, fileId);
      ps.setString(2, ownerKind);
      ps.setLong(3, ownerId);
      ps.setBoolean(4, publicOnly);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Content(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4))) : Optional.empty();
      }
    }
  }

  /** SQL for the JSON array of an owner's files (two parameters: owner kind, owner id; a third: public only). */
  public static final String LIST_JSON = "SELECT COALESCE(json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type, "
      + "'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'public', f.is_public, 'kind', f.kind, 'uploadedAt', f.uploaded_at) ORDER BY f.id), '[]')::text "
      + "FROM stored_file f WHERE f.owner_kind = ? AND f.owner_id = ? AND f.withdrawn_at IS NULL AND (f.is_public OR NOT ?)";

  /** Keeps the base name only, without control or path characters. */
  static String cleanName(String fileName) {
    if (fileName == null || fileName.isBlank()) throw ApiError.badRequest("NAME_REQUIRED", "Give the file name (?name=photo.jpg): its extension tells the type.");
    String base = fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
    if (base.isEmpty() || base.equals(".") || base.equals("..")) throw ApiError.badRequest("NAME_REQUIRED", "The file name is empty.");
    return base.length() > 200 ? base.substring(base.length() - 200) : base;
  }

  static boolean matches(String ext, byte[] b) {
    return switch (ext) {
      case "pdf" -> starts(b, "%PDF-".getBytes());
      case "png" -> starts(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
      case "jpg", "jpeg" -> starts(b, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
      case "webp" -> b.length > 12 && starts(b, "RIFF".getBytes()) && new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP");
      case "docx" -> officeZipHas(b, "word/");
      case "xlsx" -> officeZipHas(b, "xl/");
      default -> false;
    };
  }

  private static boolean starts(byte[] b, byte[] magic) {
    if (b.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (b[i] != magic[i]) return false;
    return true;
  }

  /** An Office Open XML file: a zip with [Content_Types].xml and the part folder; looks at the first 500 entries only. */
  private static boolean officeZipHas(byte[] b, String folder) {
    if (!starts(b, new byte[] {'P', 'K', 3, 4})) return false;
    boolean types = false, part = false;
    try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(b))) {
      ZipEntry e;
      int n = 0;
      while ((e = z.getNextEntry()) != null && n++ < 500) {
        if (e.getName().equals("[Content_Types].xml")) types = true;
        if (e.getName().startsWith(folder)) part = true;
        if (types && part) return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    return false;
  }

  /** Sends a stored file: inline for previews (images, PDF), never sniffed, never scripted. */
  public static void send(io.javalin.http.Context ctx, Content f, String cacheControl) {
    boolean download = "1".equals(ctx.queryParam("download")) || f.contentType().contains("officedocument");
    String encoded = java.net.URLEncoder.encode(f.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    ctx.header("Content-Disposition", (download ? "attachment" : "inline") + "; filename*=UTF-8''" + encoded);
    ctx.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    ctx.header("ETag", "\"" + f.sha256() + "\"").header("Cache-Control", cacheControl);
    ctx.contentType(f.contentType()).result(f.bytes());
  }

}
