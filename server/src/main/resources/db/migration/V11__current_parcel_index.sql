-- A spatial index of current parcels only. The overlap check of every parcel write (parcel_before_write) and the map
-- reads ask for current parcels in a box; with only the full GiST index the planner combined it with a scan of a
-- partial index on status (every current parcel), so each row of a 100,000-parcel import cost more the more were already
-- in: 2 ms per row at 3,000 rows, against 0.2 ms with this index.
CREATE INDEX parcel_geom_current_gix ON parcel USING gist (geom) WHERE status = 'current';
