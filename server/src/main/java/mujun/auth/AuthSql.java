package mujun.auth;

/** SQL of sign-in, sessions, tokens and scopes. */
final class AuthSql {
  private AuthSql() {}

  static final String USER_BY_NAME =
      "SELECT id, password_hash, active, failed_attempts, locked_until > now(), locked_until, "
          + "mujun_setting_num('signin_max_failures', 5)::int, mujun_setting_num('signin_lock_minutes', 15)::int "
          + "FROM app_user WHERE username = ? FOR UPDATE";

  static final String FAILED =
      "UPDATE app_user SET failed_attempts = failed_attempts + 1, "
          + "locked_until = CASE WHEN failed_attempts + 1 >= ? THEN now() + make_interval(mins => ?) ELSE locked_until END "
          + "WHERE id = ? RETURNING failed_attempts, locked_until > now(), locked_until";

  static final String SUCCEEDED = "UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_sign_in = now() WHERE id = ?";

  static final String CREATE_SESSION =
      "INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, remote_addr) "
          + "VALUES (?, ?, ?, now() + make_interval(hours => ?), ?)";

  static final String DELETE_SESSION = "DELETE FROM user_session WHERE token_hash = ? RETURNING user_id";

  static final String DELETE_EXPIRED = "DELETE FROM user_session WHERE expires_at < now()";

  /** Failures under names that are no user, a day after the last one (and not locked): the table stays small. */
  static final String FORGET_OLD_FAILURES =
      "DELETE FROM signin_failure WHERE last_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())";

  static final String SESSION_USER =
      "SELECT u.id, u.username, u.display_name, s.csrf_token FROM user_session s JOIN app_user u ON u.id = s.user_id "
          + "WHERE s.token_hash = ? AND s.expires_at > now() AND u.active";

  static final String TOKEN_USER =
      "SELECT u.id, u.username, u.display_name, t.id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' "
          + "FROM api_token t JOIN app_user u ON u.id = t.user_id "
          + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active";

  static final String TOKEN_USED = "UPDATE api_token SET last_used_at = now() WHERE id = ?";

  static final String CREATE_TOKEN =
      "INSERT INTO api_token (user_id, name, token_hash, prefix, expires_at) "
          + "VALUES (?, ?, ?, ?, CASE WHEN ?::int IS NULL THEN NULL ELSE now() + make_interval(days => ?::int) END) "
          + "RETURNING id, created_at, expires_at";

  static final String TOKENS =
      "SELECT t.id, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.username "
          + "FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE (?::bigint IS NULL OR t.user_id = ?) ORDER BY t.id DESC";

  static final String REVOKE_TOKEN =
      "UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL AND (?::bigint IS NULL OR user_id = ?) RETURNING id";

  /**
   * Roles, scopes and the cluster ids each role reaches, for one user, in one round trip: grants as a JSON array of
   * [role, kind, code], and a JSON object role → cluster ids.
   */
  static final String ACCESS_OF =
      "SELECT (SELECT COALESCE(json_agg(json_build_array(role, scope_kind, scope_code) ORDER BY role, scope_kind, scope_code), '[]') FROM user_role WHERE user_id = ?)::text, "
          + "(SELECT COALESCE(json_object_agg(role, ids), '{}') FROM (SELECT ur.role, array_agg(DISTINCT k.id ORDER BY k.id) ids FROM user_role ur JOIN cluster k ON "
          + " ur.scope_kind = 'province' "
          + " OR (ur.scope_kind = 'city' AND (k.city_code = ur.scope_code OR (right(ur.scope_code, 2) = '00' AND left(k.city_code, 4) = left(ur.scope_code, 4)))) "
          + " OR (ur.scope_kind = 'cluster' AND k.code = ur.scope_code) "
          + "WHERE ur.user_id = ? GROUP BY ur.role) x)::text";

  static final String INSERT_USER =
      "INSERT INTO app_user (username, display_name, password_hash) VALUES (?, ?, ?) RETURNING id";

  static final String CITY_EXISTS = "SELECT 1 FROM city WHERE code = ?";
  static final String CLUSTER_EXISTS = "SELECT 1 FROM cluster WHERE code = ?";

  static final String INSERT_GRANT =
      "INSERT INTO user_role (user_id, role, scope_kind, scope_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String DELETE_GRANTS = "DELETE FROM user_role WHERE user_id = ?";

  static final String SET_PASSWORD = "UPDATE app_user SET password_hash = ? WHERE id = ?";

  static final String DROP_SESSIONS = "DELETE FROM user_session WHERE user_id = ?";

  /** Every session of a user but one (token hash, or null for none). */
  static final String DROP_OTHER_SESSIONS = "DELETE FROM user_session WHERE user_id = ? AND token_hash IS DISTINCT FROM ?";

  static final String REVOKE_TOKENS_AFTER_PASSWORD =
      "UPDATE api_token SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL AND mujun_setting_num('password_change_ends_tokens', 1) <> 0";

  /** A typed name that is no user and is locked: failures and until when. */
  static final String UNKNOWN_LOCKED = "SELECT failures, locked_until FROM signin_failure WHERE username = lower(?) AND locked_until > now()";

  /** Counts a failure under a name that is no user; locks it like a user's account (same settings). */
  static final String UNKNOWN_FAILED =
      "INSERT INTO signin_failure AS f (username, failures, locked_until, last_at) VALUES (lower(?), 1, "
          + "CASE WHEN 1 >= mujun_setting_num('signin_max_failures', 5) THEN now() + make_interval(mins => mujun_setting_num('signin_lock_minutes', 15)::int) END, now()) "
          + "ON CONFLICT (username) DO UPDATE SET failures = f.failures + 1, "
          + "locked_until = CASE WHEN f.failures + 1 >= mujun_setting_num('signin_max_failures', 5) "
          + "THEN now() + make_interval(mins => mujun_setting_num('signin_lock_minutes', 15)::int) ELSE f.locked_until END, last_at = now() "
          + "RETURNING failures, locked_until > now(), locked_until";

  static final String PASSWORD_OF = "SELECT password_hash FROM app_user WHERE id = ?";

  static final String USERS =
      "SELECT u.id, u.username, u.display_name, u.active, u.failed_attempts, u.locked_until > now(), u.locked_until, u.last_sign_in, "
          + "COALESCE((SELECT json_agg(json_build_object('role', r.role, 'scopeKind', r.scope_kind, 'scopeCode', r.scope_code) "
          + "ORDER BY r.role, r.scope_kind, r.scope_code) FROM user_role r WHERE r.user_id = u.id), '[]')::text "
          + "FROM app_user u ORDER BY u.username";

  static final String UPDATE_USER =
      "UPDATE app_user SET display_name = COALESCE(?, display_name), active = COALESCE(?, active) WHERE id = ? RETURNING id";

  static final String UNLOCK = "UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = ? RETURNING id";

}
