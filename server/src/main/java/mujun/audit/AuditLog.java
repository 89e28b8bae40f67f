package mujun.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mujun.db.Db;
import mujun.db.Named;
import mujun.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: who did what, when, from where. Each entry is written in a transaction of its own, so a refused or
 * failed action is recorded too. The table is append-only (triggers refuse UPDATE, DELETE and TRUNCATE).
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  public static final int MAX_PAGE = 1000;

  private static final String INSERT =
      "INSERT INTO audit_log (actor, action, target, outcome, status, remote_addr, via, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

  /** Filtered, newest first, keyset-paged by (at, id): parameters actor, action, from, to, outcome (each may be null), before id. */
  private static final Named QUERY = Named.of(
      "SELECT id, at, actor, action, target, outcome, status, remote_addr, via, detail::text FROM audit_log "
          + "WHERE (:actor::text IS NULL OR actor = :actor) AND (:like::text IS NULL OR action LIKE :like ESCAPE '\\') "
          + "AND (:from::timestamptz IS NULL OR at >= :from) AND (:to::timestamptz IS NULL OR at < :to) "
          + "AND (:outcome::text IS NULL OR outcome = :outcome) AND (:before::bigint IS NULL OR id < :before) "
          + "ORDER BY id DESC LIMIT :limit");

  private final Db db;

  public AuditLog(Db db) {
    this.db = db;
  }

  /** One entry. {@code via} is session, token, cli or empty. */
  public record Entry(String actor, String action, String target, String outcome, Integer status, String remoteAddr, String via,
                      Map<String, ?> detail) {}

  /** Records an entry; a failure to record is logged, never thrown at the caller's request. */
  public void record(Entry e) {
    try {
      db.inTransaction(Db.Change.by(e.actor(), "audit"), c -> {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
          ps.setString(1, clip(e.actor(), 80));
          ps.setString(2, e.action());
          ps.setString(3, clip(e.target(), 300));
          ps.setString(4, e.outcome());
          ps.setObject(5, e.status());
          ps.setString(6, clip(e.remoteAddr(), 60));
          ps.setString(7, e.via() == null ? "" : e.via());
          ps.setString(8, Json.write(e.detail() == null ? Map.of() : e.detail()));
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException ex) {
      LOG.error("could not write the audit entry {} {}", e.action(), e.target(), ex);
    }
  }

  /** A filter over the log (every field optional). */
  public record Filter(String actor, String actionPrefix, Instant from, Instant to, String outcome, Long beforeId, int limit) {}

  /** Streams matching entries as a JSON object {entries: [...], next: id|null}. */
  public void writeJson(Filter f, OutputStream out) {
    List<Map<String, Object>> rows = query(f);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("entries", rows);
    body.put("next", rows.size() == f.limit() ? rows.get(rows.size() - 1).get("id") : null);
    try {
      out.write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams matching entries as CSV (UTF-8 with BOM so that spreadsheet programs read Chinese correctly). */
  public void writeCsv(Filter f, OutputStream out) {
    List<String> keys = List.of("id", "at", "actor", "action", "target", "outcome", "status", "remoteAddr", "via", "detail");
    List<Object[]> rows = new ArrayList<>();
    for (Map<String, Object> r : query(f)) rows.add(keys.stream().map(r::get).toArray());
    try {
      mujun.http.Tables.writeCsv(out, new String[] {"id", "at", "actor", "action", "target", "outcome", "status", "remote_addr", "via", "detail"}, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Map<String, Object>> query(Filter f) {
    return db.read(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      String like = f.actionPrefix() == null ? null : mujun.db.Sql.likeEscape(f.actionPrefix()) + "%";
      Timestamp from = f.from() == null ? null : Timestamp.from(f.from()), to = f.to() == null ? null : Timestamp.from(f.to());
      try (PreparedStatement ps = QUERY.prepare(c, Named.values("actor", f.actor(), "like", like, "from", from, "to", to,
          "outcome", f.outcome(), "before", f.beforeId(), "limit", f.limit()))) {
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(row(rs));
        }
      }
      return out;
    });
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", rs.getLong(1));
    m.put("at", rs.getTimestamp(2).toInstant().toString());
    m.put("actor", rs.getString(3));
    m.put("action", rs.getString(4));
    m.put("target", rs.getString(5));
    m.put("outcome", rs.getString(6));
    m.put("status", rs.getObject(7));
    m.put("remoteAddr", rs.getString(8));
    m.put("via", rs.getString(9));
    m.put("detail", rs.getString(10));
    return m;
  }

  private static String clip(String s, int n) {
    if (s == null) return "";
    return s.length() > n ? s.substring(0, n) : s;
  }
}
