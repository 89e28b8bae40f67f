-- A system of record under concurrent writers (issue 13).

-- Layer data versions in 16 shards per layer. A commit bumps one shard (chosen by its transaction id), so concurrent
-- writers of unrelated parcels no longer queue on one row until each commits; a layer's version is the sum of its
-- shards, which every committed change raises and nothing lowers, so a cache keyed by it still never serves a tile
-- older than a commit it has seen.
CREATE TABLE data_version_shard (
  name       text NOT NULL,
  shard      smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  version    bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, shard)
);
COMMENT ON TABLE data_version_shard IS 'Per layer, 16 counters bumped by triggers on every commit that changes the layer; the layer''s version (cache keys) is their sum.';
INSERT INTO data_version_shard (name, shard, version, changed_at)
  SELECT d.name, s, CASE WHEN s = 0 THEN d.version ELSE 0 END, d.changed_at FROM data_version d, generate_series(0, 15) s;
DROP TABLE data_version;

-- Failed sign-ins by the name typed, whether or not such a user exists: an unknown name is slowed down and locked
-- exactly like a known one, so the answers do not tell which names exist.
CREATE TABLE signin_failure (
  username     text PRIMARY KEY,
  failures     integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE signin_failure IS 'Consecutive failed sign-ins per typed user name that is not a user (known users keep theirs in app_user).';

INSERT INTO setting (key, value, description) VALUES
 ('password_change_ends_tokens', '1', 'Whether a password change or reset also revokes the user''s API tokens (1 = yes, 0 = no); other sessions always end')
ON CONFLICT (key) DO NOTHING;
