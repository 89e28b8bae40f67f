package mujun.auth;

/** SQL of sign-in, sessions and scopes. */
final class AuthSql {
  private AuthSql() {}

  static final String USER_BY_NAME =
      "SELECT id, password_hash, active FROM app_user WHERE username = ?";

  static final String CREATE_SESSION =
      "INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, remote_addr) "
          + "VALUES (?, ?, ?, now() + make_interval(hours => ?), ?)";

  static final String DELETE_SESSION = "DELETE FROM user_session WHERE token_hash = ?";

  static final String DELETE_EXPIRED = "DELETE FROM user_session WHERE expires_at < now()";

  static final String SESSION_USER =
      "SELECT u.id, u.username, u.display_name, s.csrf_token FROM user_session s JOIN app_user u ON u.id = s.user_id "
          + "WHERE s.token_hash = ? AND s.expires_at > now() AND u.active";

  static final String GRANTS =
      "SELECT role, scope_kind, scope_code FROM user_role WHERE user_id = ? ORDER BY role, scope_kind, scope_code";

  /** Cluster ids reached by each role of the user: province = all; city = clusters of that city or its counties. */
  static final String SCOPE_CLUSTERS =
      "SELECT ur.role, array_agg(DISTINCT k.id ORDER BY k.id) FROM user_role ur JOIN cluster k ON "
          + " ur.scope_kind = 'province' "
          + " OR (ur.scope_kind = 'city' AND (k.city_code = ur.scope_code OR (right(ur.scope_code, 2) = '00' AND left(k.city_code, 4) = left(ur.scope_code, 4)))) "
          + " OR (ur.scope_kind = 'cluster' AND k.code = ur.scope_code) "
          + "WHERE ur.user_id = ? GROUP BY ur.role";

  static final String INSERT_USER =
      "INSERT INTO app_user (username, display_name, password_hash) VALUES (?, ?, ?) RETURNING id";

  static final String INSERT_GRANT =
      "INSERT INTO user_role (user_id, role, scope_kind, scope_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String SET_PASSWORD = "UPDATE app_user SET password_hash = ? WHERE id = ?";

  static final String PASSWORD_OF = "SELECT password_hash FROM app_user WHERE id = ?";
}
