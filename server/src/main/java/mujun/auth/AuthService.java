package mujun.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import mujun.audit.AuditLog;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Sign-in (with throttling and lock-out), sessions, API tokens, users and the scopes their roles reach. Every
 * sign-in, failed sign-in, token creation, revocation and first use in a while is written to the audit log.
 *
 * <p>Over 400 lines: sessions, tokens, lock-outs and users share the principal cache that every change must clear
 * at once, and one audit trail; its SQL is in {@link AuthSql}.
 */
public final class AuthService {
  /** Plans and runs the statements that resolve a session and a token, for a hash no one has (Db.warmUp). */
  public static void warm(java.sql.Connection c) throws SQLException {
    for (String sql : new String[] {AuthSql.SESSION_USER, AuthSql.TOKEN_USER}) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setBytes(1, new byte[32]);
        ps.executeQuery().close();
      }
    }
  }

  public static final Set<String> ROLES = Set.of("admin", "resources", "park", "coordinator", "viewer");
  public static final String TOKEN_PREFIX = "mjt_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Db db;
  private final AuditLog audit;
  private final int sessionHours;
  /**
   * Callers resolved in the last few seconds, by the SHA-256 of their cookie or token: a tile or page request then
   * needs no database round trip to know who asks. Cleared whenever this server changes a session, user, role or
   * token; another server's changes take effect within {@link #PRINCIPAL_TTL_MS}.
   */
  static final long PRINCIPAL_TTL_MS = 5_000;
  private final com.github.benmanes.caffeine.cache.Cache<String, Principal> recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(java.time.Duration.ofMillis(PRINCIPAL_TTL_MS)).build();

  public AuthService(Db db, AuditLog audit, int sessionHours) {
    this.db = db;
    this.audit = audit;
    this.sessionHours = sessionHours;
  }

  /** A new session: the cookie value (given to the client once) and the CSRF token. */
  public record NewSession(String token, String csrfToken, Principal principal) {}

  private record Attempt(long userId, String outcome, int failures, boolean locked, Timestamp lockedUntil) {}

  /**
   * Checks the password and opens a session. An unknown user and a wrong password get the same answer; each failure
   * slows the next answer down, and too many in a row lock the account for a while (settings signin_max_failures,
   * signin_lock_minutes), during which even the right password is refused.
   */
  public NewSession signIn(String username, String password, String remoteAddr) {
    Attempt a = db.inTransaction(Db.Change.by(username, "sign-in"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.USER_BY_NAME)) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return unknownUser(c, username, password);
          long id = rs.getLong(1);
          if (rs.getBoolean(5)) return new Attempt(id, "locked", rs.getInt(4), true, rs.getTimestamp(6));
          boolean ok = Passwords.verify(password, rs.getString(2)) && rs.getBoolean(3);
          if (ok) {
            try (PreparedStatement up = c.prepareStatement(AuthSql.SUCCEEDED)) {
              up.setLong(1, id);
              up.executeUpdate();
            }
            return new Attempt(id, "ok", 0, false, null);
          }
          try (PreparedStatement up = c.prepareStatement(AuthSql.FAILED)) {
            up.setInt(1, rs.getInt(7));
            up.setInt(2, rs.getInt(8));
            up.setLong(3, id);
            try (ResultSet r2 = up.executeQuery()) {
              r2.next();
              return new Attempt(id, rs.getBoolean(3) ? "wrong password" : "inactive", r2.getInt(1), r2.getBoolean(2), r2.getTimestamp(3));
            }
          }
        }
      }
    });
    if (!a.outcome().equals("ok")) {
      audit.record(new AuditLog.Entry(username, "session.sign-in", "user:" + username, "failed", a.locked() ? 423 : 401, remoteAddr, "session",
          Map.of("reason", a.outcome(), "failures", a.failures())));
      slowDown(a.failures());
      if (a.locked()) {
        throw new ApiError(423, "ACCOUNT_LOCKED", "This account is locked after too many failed sign-ins until "
            + a.lockedUntil().toInstant() + ". Wait, or ask an administrator to unlock it.");
      }
      throw new ApiError(401, "BAD_CREDENTIALS", "The user name or password is wrong.");
    }
    String token = randomToken();
    String csrf = randomToken();
    db.inTransaction(Db.Change.by(username, "sign-in"), c -> {
      try (PreparedStatement del = c.prepareStatement(AuthSql.DELETE_EXPIRED)) {
        del.executeUpdate();
      }
      try (PreparedStatement del = c.prepareStatement(AuthSql.FORGET_OLD_FAILURES)) {
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(AuthSql.CREATE_SESSION)) {
        ps.setBytes(1, sha256(token));
        ps.setLong(2, a.userId());
        ps.setString(3, csrf);
        ps.setInt(4, sessionHours);
        ps.setString(5, remoteAddr);
        ps.executeUpdate();
      }
      return null;
    });
    audit.record(new AuditLog.Entry(username, "session.sign-in", "user:" + username, "ok", 200, remoteAddr, "session", Map.of()));
    return new NewSession(token, csrf, principalFor(token).orElseThrow());
  }

  /**
   * A failed sign-in under a name that is no user, counted, slowed down and locked exactly as a known user's would be
   * (and the password hashed as long), so neither the answer nor its timing tells whether the name exists.
   */
  private static Attempt unknownUser(Connection c, String username, String password) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AuthSql.UNKNOWN_LOCKED)) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return new Attempt(-1, "locked", rs.getInt(1), true, rs.getTimestamp(2));
      }
    }
    Passwords.verify(password, Passwords.DUMMY);
    try (PreparedStatement ps = c.prepareStatement(AuthSql.UNKNOWN_FAILED)) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Attempt(-1, "unknown user", rs.getInt(1), rs.getBoolean(2), rs.getTimestamp(3));
      }
    }
  }

  /** Waits longer after each consecutive failure (0.25 s, 0.5 s, 1 s, … at most 3 s). */
  private static void slowDown(int failures) {
    if (failures <= 0) return;
    try {
      Thread.sleep(Math.min(3000L, 125L << Math.min(failures, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void signOut(String token, String remoteAddr) {
    if (token == null) return;
    forget();
    db.inTransaction(Db.Change.by("session", "sign-out"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.DELETE_SESSION)) {
        ps.setBytes(1, sha256(token));
        ps.executeQuery().close();
      }
      return null;
    });
  }

  /** Resolves a session cookie to its user, with roles and scopes, or empty when unknown or expired. */
  public Optional<Principal> principalFor(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
    String key = "s:" + java.util.HexFormat.of().formatHex(sha256(token));
    Principal hit = recent.getIfPresent(key);
    if (hit != null) return Optional.of(hit);
    Optional<Principal> found = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.SESSION_USER)) {
        ps.setBytes(1, sha256(token));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(load(c, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), "session"));
        }
      }
    });
    found.ifPresent(p -> remember(key, p));
    return found;
  }

  private void remember(String key, Principal p) {
    recent.put(key, p);
  }

  /**
   * Forgets every recently resolved caller: after any change to sessions, users, roles or tokens, and after a cluster
   * is created or moves to another city (the clusters a grant reaches change).
   */
  public void forget() {
    recent.invalidateAll();
    java.util.function.Consumer<String> tell = others;
    if (tell != null) tell.accept("auth");
  }

  /** Forgets here only: another instance announced a change. */
  public void forgetLocally() {
    recent.invalidateAll();
  }

  private volatile java.util.function.Consumer<String> others;

  /** How a change is told to the other app instances (LISTEN/NOTIFY; see mujun.db.Invalidations). */
  public void tellOthersWith(java.util.function.Consumer<String> announce) {
    this.others = announce;
  }

  /** The user named, with roles and scopes, for the command line (no session); empty when unknown or inactive. */
  public Optional<Principal> principalForCli(String username) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, username, display_name FROM app_user WHERE username = ? AND active")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(load(c, rs.getLong(1), rs.getString(2), rs.getString(3), "", "cli"));
        }
      }
    });
  }

  /** Resolves an API token (Authorization: Bearer) to its user; records its first use in a while. */
  public Optional<Principal> principalForToken(String token, String remoteAddr) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) return Optional.empty();
    long[] tokenId = {0};
    boolean[] stale = {false};
    Optional<Principal> p = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.TOKEN_USER)) {
        ps.setBytes(1, sha256(token));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          tokenId[0] = rs.getLong(4);
          stale[0] = rs.getBoolean(5);
          return Optional.of(load(c, rs.getLong(1), rs.getString(2), rs.getString(3), "", "token"));
        }
      }
    });
    if (p.isPresent() && stale[0]) {
      db.inTransaction(Db.Change.by(p.get().username(), "token use"), c -> {
        try (PreparedStatement ps = c.prepareStatement(AuthSql.TOKEN_USED)) {
          ps.setLong(1, tokenId[0]);
          ps.executeUpdate();
        }
        return null;
      });
      audit.record(new AuditLog.Entry(p.get().username(), "token.use", "token:" + tokenId[0], "ok", null, remoteAddr, "token", Map.of()));
    }
    return p;
  }

  private Principal load(Connection c, long id, String username, String name, String csrf, String via) throws SQLException {
    List<Principal.Grant> grants = new ArrayList<>();
    Set<String> roles = new LinkedHashSet<>();
    Set<Integer> readable = new TreeSet<>(), editable = new TreeSet<>();
    java.util.Map<String, Integer[]> byRoleIds = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(AuthSql.ACCESS_OF)) {
      ps.setLong(1, id);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        com.fasterxml.jackson.databind.JsonNode g = mujun.http.Json.MAPPER.readTree(rs.getString(1));
        for (com.fasterxml.jackson.databind.JsonNode x : g) {
          grants.add(new Principal.Grant(x.get(0).asText(), x.get(1).asText(), x.get(2).asText()));
          roles.add(x.get(0).asText());
        }
        com.fasterxml.jackson.databind.JsonNode byRole = mujun.http.Json.MAPPER.readTree(rs.getString(2));
        for (var it = byRole.fields(); it.hasNext(); ) {
          var e = it.next();
          List<Integer> ids = new ArrayList<>();
          for (com.fasterxml.jackson.databind.JsonNode idNode : e.getValue()) ids.add(idNode.asInt());
          byRoleIds.put(e.getKey(), ids.toArray(new Integer[0]));
          for (com.fasterxml.jackson.databind.JsonNode idNode : e.getValue()) {
            readable.add(idNode.asInt());
            if (e.getKey().equals("admin") || e.getKey().equals("resources")) editable.add(idNode.asInt());
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return new Principal(id, username, name, roles, grants, csrf,
        readable.toArray(new Integer[0]), editable.toArray(new Integer[0]), via, java.util.Map.copyOf(byRoleIds));
  }

  // ---- users (CLI and admin) ----

  /** Creates a user with the given grants ("role:scopeKind:scopeCode"); used by the CLI, the admin API and the demo loader. */
  public long addUser(String username, String displayName, String password, List<String> grants) {
    String weak = Passwords.weakness(password);
    if (weak != null) throw new IllegalArgumentException(weak);
    List<String[]> parsed = new ArrayList<>();
    for (String g : grants) parsed.add(parseGrant(g));
    if (parsed.isEmpty()) throw new IllegalArgumentException("A user needs at least one role.");
    String hash = Passwords.hash(password);
    return db.inTransaction(Db.Change.by("admin", "add user " + username), c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement(AuthSql.INSERT_USER)) {
        ps.setString(1, username);
        ps.setString(2, displayName);
        ps.setString(3, hash);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      insertGrants(c, id, parsed);
      return id;
    });
  }

  /** Replaces a user's grants. */
  public void setGrants(long userId, List<String> grants) {
    forget();
    List<String[]> parsed = new ArrayList<>();
    for (String g : grants) parsed.add(parseGrant(g));
    if (parsed.isEmpty()) throw new IllegalArgumentException("A user needs at least one role.");
    db.inTransaction(Db.Change.by("admin", "set roles"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.DELETE_GRANTS)) {
        ps.setLong(1, userId);
        ps.executeUpdate();
      }
      insertGrants(c, userId, parsed);
      return null;
    });
  }

  private static void insertGrants(Connection c, long id, List<String[]> parsed) throws SQLException {
    // A scope names a city or a cluster that exists (in the same transaction as the grants).
    for (String[] g : parsed) {
      if (g[1].equals("province")) continue;
      try (PreparedStatement ps = c.prepareStatement(g[1].equals("city") ? AuthSql.CITY_EXISTS : AuthSql.CLUSTER_EXISTS)) {
        ps.setString(1, g[2]);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException(g[1].equals("city") ? "No city with 行政区划代码 " + g[2] + "; a city scope names one of Henan's cities."
                : "No cluster with code '" + Json.clip(g[2]) + "'; a cluster scope names a registered 产业集聚区.");
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(AuthSql.INSERT_GRANT)) {
      for (String[] g : parsed) {
        ps.setLong(1, id);
        ps.setString(2, g[0]);
        ps.setString(3, g[1]);
        ps.setString(4, g[2]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Parses "role", "role:province", "role:city:410100" or "role:cluster:CODE". */
  public static String[] parseGrant(String g) {
    String[] p = g.strip().split(":", 3);
    if (!ROLES.contains(p[0])) throw new IllegalArgumentException("Unknown role '" + p[0] + "'; roles: " + new TreeSet<>(ROLES));
    String kind = p.length > 1 ? p[1] : "province";
    if (!Set.of("province", "city", "cluster").contains(kind)) throw new IllegalArgumentException("A scope is province, city or cluster; not '" + kind + "'.");
    String code = p.length > 2 ? p[2] : "";
    if (!kind.equals("province") && code.isBlank()) throw new IllegalArgumentException("A " + kind + " scope needs a code, e.g. " + p[0] + ":" + kind + ":410100");
    if (kind.equals("city") && !code.matches("[0-9]{6}")) throw new IllegalArgumentException("A city scope needs a 6-digit 行政区划代码.");
    if (kind.equals("cluster") && !code.matches("[A-Za-z0-9_-]{1,20}")) throw new IllegalArgumentException("A cluster scope needs a cluster code.");
    return new String[] {p[0], kind, kind.equals("province") ? "" : code};
  }

  public List<Map<String, Object>> users() {
    return db.read(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(AuthSql.USERS); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getLong(1));
          m.put("username", rs.getString(2));
          m.put("displayName", rs.getString(3));
          m.put("active", rs.getBoolean(4));
          m.put("failedAttempts", rs.getInt(5));
          m.put("locked", rs.getBoolean(6));
          m.put("lockedUntil", rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString());
          m.put("lastSignIn", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant().toString());
          m.put("grants", mujun.http.Json.MAPPER.readTree(rs.getString(9)));
          out.add(m);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }

  /** Changes display name and/or active flag; deactivating drops the user's sessions. Returns false for an unknown user. */
  public boolean updateUser(long id, String displayName, Boolean active) {
    forget();
    return db.inTransaction(Db.Change.by("admin", "update user"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.UPDATE_USER)) {
        ps.setString(1, displayName);
        ps.setObject(2, active, java.sql.Types.BOOLEAN);
        ps.setLong(3, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return false;
        }
      }
      if (Boolean.FALSE.equals(active)) {
        try (PreparedStatement ps = c.prepareStatement(AuthSql.DROP_SESSIONS)) {
          ps.setLong(1, id);
          ps.executeUpdate();
        }
      }
      return true;
    });
  }

  public boolean unlock(long id) {
    return db.inTransaction(Db.Change.by("admin", "unlock"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.UNLOCK)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Sets a new password (admin reset) and ends the user's sessions. */
  public void resetPassword(long id, String password) {
    forget();
    String weak = Passwords.weakness(password);
    if (weak != null) throw ApiError.unprocessable("WEAK_PASSWORD", weak, Map.of("field", "password"));
    String hash = Passwords.hash(password);
    db.inTransaction(Db.Change.by("admin", "reset password"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.SET_PASSWORD)) {
        ps.setString(1, hash);
        ps.setLong(2, id);
        if (ps.executeUpdate() != 1) throw ApiError.notFound("User " + id + " does not exist.");
      }
      endSessionsAndTokens(c, id, null);
      return null;
    });
    forget();
  }

  /**
   * After a password change or reset: ends every session of the user but {@code keepSessionToken} (the one that made
   * the change, or null), and revokes the user's API tokens unless setting password_change_ends_tokens is 0.
   */
  private static void endSessionsAndTokens(Connection c, long userId, String keepSessionToken) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AuthSql.DROP_OTHER_SESSIONS)) {
      ps.setLong(1, userId);
      ps.setBytes(2, keepSessionToken == null ? null : sha256(keepSessionToken));
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(AuthSql.REVOKE_TOKENS_AFTER_PASSWORD)) {
      ps.setLong(1, userId);
      ps.executeUpdate();
    }
  }

  /** Changes the caller's own password; every other session ends (and, by default, every API token is revoked). */
  public void changePassword(Principal who, String current, String next, String currentSessionToken) {
    String weak = Passwords.weakness(next);
    if (weak != null) throw ApiError.unprocessable("WEAK_PASSWORD", weak, Map.of("field", "newPassword"));
    String hash = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.PASSWORD_OF)) {
        ps.setLong(1, who.userId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    if (!Passwords.verify(current, hash)) throw new ApiError(403, "BAD_CREDENTIALS", "The current password is wrong.");
    String newHash = Passwords.hash(next);
    db.inTransaction(Db.Change.by(who.username(), "password change"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.SET_PASSWORD)) {
        ps.setString(1, newHash);
        ps.setLong(2, who.userId());
        ps.executeUpdate();
      }
      endSessionsAndTokens(c, who.userId(), "session".equals(who.via()) ? currentSessionToken : null);
      return null;
    });
    forget();
  }

  // ---- API tokens ----

  /** A token just made: the secret is shown once and never stored. */
  public record NewToken(long id, String token, String name, String createdAt, String expiresAt) {}

  public NewToken createToken(Principal who, String name, Integer days) {
    String token = TOKEN_PREFIX + randomToken();
    return db.inTransaction(Db.Change.by(who.username(), "create token"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.CREATE_TOKEN)) {
        ps.setLong(1, who.userId());
        ps.setString(2, name);
        ps.setBytes(3, sha256(token));
        ps.setString(4, token.substring(0, 10));
        ps.setObject(5, days, java.sql.Types.INTEGER);
        ps.setObject(6, days, java.sql.Types.INTEGER);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          Timestamp exp = rs.getTimestamp(3);
          return new NewToken(rs.getLong(1), token, name, rs.getTimestamp(2).toInstant().toString(), exp == null ? null : exp.toInstant().toString());
        }
      }
    });
  }

  /** Tokens of one user (or of everyone when userId is null), without their secrets. */
  public List<Map<String, Object>> tokens(Long userId) {
    return db.read(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(AuthSql.TOKENS)) {
        ps.setObject(1, userId, java.sql.Types.BIGINT);
        ps.setObject(2, userId, java.sql.Types.BIGINT);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong(1));
            m.put("name", rs.getString(2));
            m.put("prefix", rs.getString(3));
            m.put("createdAt", iso(rs.getTimestamp(4)));
            m.put("expiresAt", iso(rs.getTimestamp(5)));
            m.put("lastUsedAt", iso(rs.getTimestamp(6)));
            m.put("revokedAt", iso(rs.getTimestamp(7)));
            m.put("username", rs.getString(8));
            out.add(m);
          }
        }
      }
      return out;
    });
  }

  /** Revokes a token: the caller's own, or anyone's when {@code anyUser}. False when there is no such live token. */
  public boolean revokeToken(Principal who, long id, boolean anyUser) {
    forget();
    return db.inTransaction(Db.Change.by(who.username(), "revoke token"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.REVOKE_TOKEN)) {
        Long owner = anyUser ? null : who.userId();
        ps.setLong(1, id);
        ps.setObject(2, owner, java.sql.Types.BIGINT);
        ps.setObject(3, owner, java.sql.Types.BIGINT);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  private static String iso(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }

  static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] sha256(String s) {
    return org.apache.commons.codec.digest.DigestUtils.sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
