-- Overview tiles kept once rendered (parcel_overview_tile_kept, R__6): a tile is served again for as long as the cells
-- it was made from are unchanged, so a province map opened after an edit re-renders only the tiles the edit touched.
-- Each cell counts its changes (gen, +1 on every update; cells are never deleted but by a full rebuild, which forgets
-- every kept tile); a kept tile carries the sum of its cells' gens as they were when it was made, and is good while the
-- sum over its cells now is the same. No counter is shared between cells, so writers lock nothing they did not lock.
ALTER TABLE parcel_cell ADD COLUMN gen bigint NOT NULL DEFAULT 1;
COMMENT ON COLUMN parcel_cell.gen IS '变更次数 | Changes of the cell (1 when made, +1 on every update): kept overview tiles are checked against their sum';

-- A tile's cells by the tile (the primary key's range on cx reads every row of those columns, all the province's rows):
-- nothing a cell's update changes is in it, so those updates stay HOT.
CREATE INDEX parcel_cell_tile_idx ON parcel_cell (zoom, (cx >> 6), (cy >> 6));

CREATE FUNCTION parcel_cell_next_gen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.gen := OLD.gen + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER parcel_cell_gen BEFORE UPDATE ON parcel_cell FOR EACH ROW EXECUTE FUNCTION parcel_cell_next_gen();

CREATE TABLE parcel_overview_kept (
  zoom    smallint NOT NULL,
  x       integer NOT NULL,
  y       integer NOT NULL,
  scope   text NOT NULL,
  gensum  numeric NOT NULL,
  mvt     bytea NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (zoom, x, y, scope)
);
COMMENT ON TABLE parcel_overview_kept IS 'Derived: overview tiles (zoom ≤ 11) as rendered for a scope (the hash of its sorted cluster ids), with the sum of their cells'' gens then';

-- A rebuild of the cells starts their gens again: every kept tile is forgotten with it.
CREATE FUNCTION parcel_overview_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM parcel_overview_kept;
  RETURN NULL;
END $$;
CREATE TRIGGER parcel_cell_deleted AFTER DELETE ON parcel_cell FOR EACH STATEMENT EXECUTE FUNCTION parcel_overview_forget();
CREATE TRIGGER parcel_cell_truncated AFTER TRUNCATE ON parcel_cell FOR EACH STATEMENT EXECUTE FUNCTION parcel_overview_forget();
