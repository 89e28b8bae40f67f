-- Parcels generalised for the province and city maps (tiles up to zoom 11, where a parcel is a pixel or less): per
-- cell of a 64 × 64 grid over each tile — the cell (cx, cy) of zoom z is the Web-Mercator tile (z + 6, cx, cy) — and per
-- cluster and land-use class, how many current parcels have their inner point there and their area. Kept by
-- statement-level triggers on parcel (R__v10_parcel_overview.sql) in the same transaction as the edit.
CREATE TABLE parcel_cell (
  zoom            smallint NOT NULL CHECK (zoom BETWEEN 0 AND 11),
  cx              integer NOT NULL,
  cy              integer NOT NULL,
  cluster_id      integer NOT NULL,
  land_use_scheme text NOT NULL,
  land_use_code   text NOT NULL,
  parcels         integer NOT NULL,
  area_mu         double precision NOT NULL,
  PRIMARY KEY (zoom, cx, cy, cluster_id, land_use_scheme, land_use_code)
);
COMMENT ON TABLE parcel_cell IS 'Parcel counts and areas per map cell (the tile z+6 of zoom z), cluster and land-use class, for overview tiles.';
