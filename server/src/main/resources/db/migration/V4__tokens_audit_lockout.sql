-- API tokens, sign-in throttling and the audit log.

ALTER TABLE app_user
  ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN last_sign_in timestamptz;
COMMENT ON COLUMN app_user.failed_attempts IS 'Consecutive failed sign-ins; reset by a successful one';
COMMENT ON COLUMN app_user.locked_until IS 'Sign-in refused until then (after too many failures)';

CREATE TABLE api_token (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
  token_hash   bytea NOT NULL UNIQUE,
  prefix       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
COMMENT ON TABLE api_token IS 'API tokens for scripts and GIS clients (Authorization: Bearer); only the SHA-256 is stored.';

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor       text NOT NULL,
  action      text NOT NULL,
  target      text NOT NULL DEFAULT '',
  outcome     text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  status      integer,
  remote_addr text NOT NULL DEFAULT '',
  via         text NOT NULL DEFAULT '' CHECK (via IN ('', 'session', 'token', 'cli')),
  detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
COMMENT ON TABLE audit_log IS 'Who did what, when, from where: sign-ins, token use, writes, imports, exports, evaluation runs. Append-only.';
