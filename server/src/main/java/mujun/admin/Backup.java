package mujun.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mujun.http.Json;

/**
 * Logical backup and restore of the whole system of record with PostgreSQL's own tools: {@code pg_dump} in its custom
 * format (every table, history and the evidence files, which live in the database) beside a manifest of what it holds
 * — each table's row count, the last history entry, the migrations applied, and the output hash of every published
 * evaluation run — and {@code pg_restore} into an empty database, which is then checked against that manifest.
 */
public final class Backup {
  private Backup() {}

  /** Where a database is: a libpq URI without credentials, the user and the password. */
  public record Target(String uri, String user, String password, String jdbc) {
    static Target of(String jdbc, String user, String password) {
      String u = jdbc.startsWith("jdbc:") ? jdbc.substring(5) : jdbc;
      int q = u.indexOf('?');
      return new Target(q < 0 ? u : u.substring(0, q), user, password, jdbc);
    }
  }

  public static Target target(String jdbc, String user, String password) {
    return Target.of(jdbc, user, password);
  }

  /** The manifest of a database: counts, last history id, migrations, published runs' hashes. */
  public static ObjectNode manifest(Target t) throws SQLException {
    ObjectNode m = Json.MAPPER.createObjectNode();
    try (Connection c = DriverManager.getConnection(t.jdbc(), t.user(), t.password())) {
      ObjectNode counts = m.putObject("rows");
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
          + "AND table_name NOT IN ('spatial_ref_sys', 'heavy_slot', 'parcel_overview_kept') ORDER BY table_name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) tables.add(rs.getString(1));
      }
      for (String table : tables) {
        // Names come from the catalogue, quoted as identifiers.
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM public." + quoteIdent(table)); ResultSet rs = ps.executeQuery()) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
      m.put("lastHistoryId", one(c, "SELECT COALESCE(max(id), 0)::text FROM change_history"));
      m.put("migrations", one(c, "SELECT string_agg(COALESCE(version, '') || ':' || COALESCE(checksum::text, ''), ',' ORDER BY installed_rank) FROM flyway_schema_history WHERE success"));
      ObjectNode runs = m.putObject("publishedRuns");
      try (PreparedStatement ps = c.prepareStatement("SELECT id, output_sha256 FROM evaluation_run WHERE status IN ('published', 'superseded') ORDER BY id");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) runs.put(String.valueOf(rs.getInt(1)), rs.getString(2));
      }
      m.put("files", one(c, "SELECT encode(sha256(convert_to(COALESCE(string_agg(sha256, ',' ORDER BY id), ''), 'UTF8')), 'hex') FROM stored_file"));
    }
    return m;
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static String quoteIdent(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** A PostgreSQL client program: on the PATH, or where Debian's server package puts it. */
  static String tool(String name) {
    for (String dir : List.of("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin")) {
      if (Files.isExecutable(Path.of(dir, name))) return dir + "/" + name;
    }
    return name;
  }

  private static void run(List<String> cmd, Target t, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("PGPASSWORD", t.password() == null ? "" : t.password());
    env.put("PGUSER", t.user());
    Process p = pb.start();
    int rc = p.waitFor();
    if (rc != 0) throw new IOException(cmd.get(0) + " failed (exit " + rc + "): " + Files.readString(log).strip());
  }

  /** Writes {@code out} (pg_dump custom format) and {@code out}.manifest.json; returns the manifest. */
  public static ObjectNode backup(Target t, Path out) throws IOException, InterruptedException, SQLException {
    Path log = Files.createTempFile("mujun-backup-", ".log");
    try {
      ObjectNode before = manifest(t);
      run(List.of(tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--exclude-table-data=public.heavy_slot", "--exclude-table-data=public.parcel_overview_kept", "--file=" + out, "--dbname=" + t.uri()), t, log);
      before.put("dumpSha256", sha256(out));
      before.put("dumpBytes", Files.size(out));
      before.put("takenAt", java.time.OffsetDateTime.now().toString());
      Files.writeString(manifestPath(out), before.toPrettyString());
      return before;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Path manifestPath(Path dump) {
    return dump.resolveSibling(dump.getFileName() + ".manifest.json");
  }

  /**
   * Restores {@code dump} into the empty database {@code t} and compares it with the dump's manifest; returns the
   * differences (empty: identical). The extension entries are left out of the restore (the target has PostGIS).
   */
  public static List<String> restore(Target t, Path dump) throws IOException, InterruptedException, SQLException {
    JsonNode want = Json.tree(Files.readString(manifestPath(dump)));
    if (!sha256(dump).equals(want.path("dumpSha256").asText())) throw new IOException("The dump does not match its manifest (SHA-256 differs): it is damaged or another file.");
    try (Connection c = DriverManager.getConnection(t.jdbc(), t.user(), t.password())) {
      String n = one(c, "SELECT count(*)::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'");
      if (!"0".equals(n)) throw new IOException("The target database is not empty (" + n + " tables): restore into a new database.");
    }
    Path log = Files.createTempFile("mujun-restore-", ".log");
    Path list = Files.createTempFile("mujun-restore-", ".list");
    try {
      run(List.of(tool("pg_restore"), "--list", dump.toString()), t, list);
      List<String> keep = new ArrayList<>();
      for (String line : Files.readAllLines(list)) {
        // PostGIS's own objects come with the extension the target already has (the register adds no SRIDs of its own).
        if (line.contains(" EXTENSION ") || line.contains("COMMENT - EXTENSION") || line.contains("TABLE DATA public spatial_ref_sys")) continue;
        keep.add(line);
      }
      Files.write(list, keep);
      run(List.of(tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--use-list=" + list, "--dbname=" + t.uri(),
          dump.toString()), t, log);
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(list);
    }
    return differences(want, manifest(t));
  }

  public static List<String> differences(JsonNode want, JsonNode got) {
    List<String> d = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = want.path("rows").fields(); it.hasNext(); ) {
      var e = it.next();
      long g = got.path("rows").path(e.getKey()).asLong(-1);
      if (g != e.getValue().asLong()) d.add(e.getKey() + ": " + e.getValue().asLong() + " rows in the backup, " + g + " restored");
    }
    for (String k : List.of("lastHistoryId", "migrations", "files")) {
      if (!want.path(k).asText().equals(got.path(k).asText())) d.add(k + " differs");
    }
    if (!want.path("publishedRuns").equals(got.path("publishedRuns"))) d.add("the published runs' output hashes differ");
    return d;
  }

  static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
