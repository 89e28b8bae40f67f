-- Heavy writes under way (uploads and checks of imports, their commits, evaluation and assessment runs, rule runs),
-- per user, across every app instance on this database: at most MUJUN_HEAVY_PER_USER at once. An instance leases a slot
-- for the request and renews its leases every 10 s while it runs; a lease not renewed for 30 s (its instance died) is
-- free again. UNLOGGED: a lease is not a record — a crash of the database or a failover frees them all, as it ends the
-- requests that held them — and taking one does not wait for a WAL flush.
CREATE UNLOGGED TABLE heavy_slot (
  username text NOT NULL,
  slot integer NOT NULL CHECK (slot >= 0),
  instance text NOT NULL,
  renewed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, slot)
);
CREATE INDEX heavy_slot_instance_ix ON heavy_slot (instance);
