package mujun.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import mujun.db.Db;
import mujun.http.ApiError;

/** Sign-in, sessions, users and the scopes their roles reach. */
public final class AuthService {
  public static final Set<String> ROLES = Set.of("admin", "resources", "park", "coordinator", "viewer");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Db db;
  private final int sessionHours;

  public AuthService(Db db, int sessionHours) {
    this.db = db;
    this.sessionHours = sessionHours;
  }

  /** A new session: the cookie value (shown once to the client) and the CSRF token. */
  public record NewSession(String token, String csrfToken, Principal principal) {}

  /** Checks the password and opens a session; the same error for an unknown user and a wrong password. */
  public NewSession signIn(String username, String password, String remoteAddr) {
    long userId = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.USER_BY_NAME)) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            Passwords.verify(password, Passwords.DUMMY);
            return -1L;
          }
          boolean ok = Passwords.verify(password, rs.getString(2));
          return ok && rs.getBoolean(3) ? rs.getLong(1) : -1L;
        }
      }
    });
    if (userId < 0) throw new ApiError(401, "BAD_CREDENTIALS", "The user name or password is wrong.");
    String token = randomToken();
    String csrf = randomToken();
    db.inTransaction(Db.Change.by(username, "sign-in"), c -> {
      try (PreparedStatement del = c.prepareStatement(AuthSql.DELETE_EXPIRED)) {
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(AuthSql.CREATE_SESSION)) {
        ps.setBytes(1, sha256(token));
        ps.setLong(2, userId);
        ps.setString(3, csrf);
        ps.setInt(4, sessionHours);
        ps.setString(5, remoteAddr);
        ps.executeUpdate();
      }
      return null;
    });
    return new NewSession(token, csrf, principalFor(token).orElseThrow());
  }

  public void signOut(String token) {
    if (token == null) return;
    db.inTransaction(Db.Change.by("session", "sign-out"), c -> {
      try (PreparedStatement ps = c.prepareStatement(AuthSql.DELETE_SESSION)) {
        ps.setBytes(1, sha256(token));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Resolves a session cookie to its user, with roles and scopes, or empty when unknown or expired. */
  public Optional<Principal> principalFor(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
    return db.read(c -> {
      long id;
      String username, name, csrf;
      try (PreparedStatement ps = c.prepareStatement(AuthSql.SESSION_USER)) {
        ps.setBytes(1, sha256(token));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          id = rs.getLong(1);
          username = rs.getString(2);
          name = rs.getString(3);
          csrf = rs.getString(4);
        }
      }
      return Optional.of(load(c, id, username, name, csrf));
    });
  }

  private Principal load(Connection c, long id, String username, String name, String csrf) throws SQLException {
    List<Principal.Grant> grants = new ArrayList<>();
    Set<String> roles = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement(AuthSql.GRANTS)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          grants.add(new Principal.Grant(rs.getString(1), rs.getString(2), rs.getString(3)));
          roles.add(rs.getString(1));
        }
      }
    }
    Map<String, Integer[]> byRole = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(AuthSql.SCOPE_CLUSTERS)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array a = rs.getArray(2);
          byRole.put(rs.getString(1), (Integer[]) a.getArray());
        }
      }
    }
    Set<Integer> readable = new TreeSet<>(), editable = new TreeSet<>();
    byRole.forEach((role, ids) -> {
      readable.addAll(List.of(ids));
      if (role.equals("admin") || role.equals("resources")) editable.addAll(List.of(ids));
    });
    return new Principal(id, username, name, roles, grants, csrf,
        readable.toArray(new Integer[0]), editable.toArray(new Integer[0]));
  }

  /** Creates a user with the given grants ("role:scopeKind:scopeCode"); used by the CLI and the demo loader. */
  public long addUser(String username, String displayName, String password, List<String> grants) {
    String weak = Passwords.weakness(password);
    if (weak != null) throw new IllegalArgumentException(weak);
    List<String[]> parsed = new ArrayList<>();
    for (String g : grants) parsed.add(parseGrant(g));
    String hash = Passwords.hash(password);
    return db.inTransaction(Db.Change.by("cli", "add user " + username), c -> {
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
      return id;
    });
  }

  /** Parses "role", "role:province", "role:city:410100" or "role:cluster:CODE". */
  static String[] parseGrant(String g) {
    String[] p = g.split(":", 3);
    if (!ROLES.contains(p[0])) throw new IllegalArgumentException("Unknown role '" + p[0] + "'; roles: " + new TreeSet<>(ROLES));
    String kind = p.length > 1 ? p[1] : "province";
    if (!Set.of("province", "city", "cluster").contains(kind)) throw new IllegalArgumentException("Scope must be province, city or cluster");
    String code = p.length > 2 ? p[2] : "";
    if (!kind.equals("province") && code.isBlank()) throw new IllegalArgumentException("A " + kind + " scope needs a code, e.g. " + p[0] + ":" + kind + ":410100");
    return new String[] {p[0], kind, code};
  }

  public void changePassword(Principal who, String current, String next) {
    String weak = Passwords.weakness(next);
    if (weak != null) throw ApiError.unprocessable("WEAK_PASSWORD", weak, null);
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
      return null;
    });
  }

  static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
