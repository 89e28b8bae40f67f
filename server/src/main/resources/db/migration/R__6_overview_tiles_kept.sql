-- The overview tile z/x/y for the given clusters, kept once rendered (table parcel_overview_kept, V28): served from
-- there while the sum of the gens of its cells in scope is what it was when the tile was made, else rendered
-- (parcel_overview_tile) and kept. The sum and the rendering are read in one statement, so a tile is kept with the
-- sum of exactly the cells it shows; a newer rendering is never replaced by an older one (sums only grow). Nothing is
-- written on a standby or in a read-only transaction: there the tile is only rendered.
CREATE OR REPLACE FUNCTION parcel_overview_tile_kept(z int, tx int, ty int, clusters int[], scope_key text) RETURNS bytea
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s numeric;
  t bytea;
BEGIN
  SELECT COALESCE(sum(c.gen), 0) INTO s FROM parcel_cell c WHERE c.zoom = z AND (c.cx >> 6) = tx AND (c.cy >> 6) = ty AND c.cluster_id = ANY(clusters);
  SELECT k.mvt INTO t FROM parcel_overview_kept k WHERE k.zoom = z AND k.x = tx AND k.y = ty AND k.scope = scope_key AND k.gensum = s;
  IF FOUND THEN
    RETURN t;
  END IF;
  SELECT (SELECT COALESCE(sum(c.gen), 0) FROM parcel_cell c WHERE c.zoom = z AND (c.cx >> 6) = tx AND (c.cy >> 6) = ty AND c.cluster_id = ANY(clusters)),
         parcel_overview_tile(z, tx, ty, clusters)
    INTO s, t;
  IF NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' THEN
    INSERT INTO parcel_overview_kept AS k (zoom, x, y, scope, gensum, mvt) VALUES (z, tx, ty, scope_key, s, COALESCE(t, ''::bytea))
    ON CONFLICT (zoom, x, y, scope) DO UPDATE SET gensum = EXCLUDED.gensum, mvt = EXCLUDED.mvt, made_at = now() WHERE k.gensum < EXCLUDED.gensum;
  END IF;
  RETURN t;
END $$;
