-- The parcel overview (table parcel_cell, V10): cells for zoom levels 3–11, kept by statement-level triggers that add
-- what an INSERT or UPDATE brings and take away what it replaced, and rebuilt in full whenever this file changes.

-- The statement that adds a set of parcels to the cells: rows_sql is a query giving geom, cluster_id, land_use_scheme,
-- land_use_code, area_mu and sign (+1 to add, −1 to take away) of current parcels. Keys come out in order, so
-- concurrent edits lock rows in the same order. The trigger function runs it itself: transition tables are visible
-- only there.
CREATE OR REPLACE FUNCTION parcel_cell_statement(rows_sql text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  -- Rows are summed into the finest cells (zoom 11: 2^17 per world width) first, and the coarser zooms from those
  -- sums: floor(u * 2^17) >> k is floor(u * 2^(17 - k)) exactly (powers of two), so each cell is what summing the rows
  -- at its own zoom would give, with a ninth of the rows to group. A row's place (u, v in [0, 1), y down) is its point
  -- on the surface in Web Mercator, from longitude and latitude by the sphere's formulas (CGCS2000 coordinates are
  -- taken as WGS 84, as EPSG:3857 does): no PROJ call, which was a quarter of the statement's time.
  SELECT format($q$
    WITH fine AS (
      SELECT floor(s.u * 2 ^ 17)::int AS cx, floor(s.v * 2 ^ 17)::int AS cy, s.cluster_id, s.land_use_scheme, s.land_use_code,
        sum(s.sign) AS parcels, sum(s.sign * s.area_mu) AS area_mu
      FROM (SELECT r.cluster_id, r.land_use_scheme, r.land_use_code, r.area_mu, r.sign,
              (ST_X(r.pt) + 180) / 360 AS u, (1 - asinh(tan(radians(ST_Y(r.pt)))) / pi()) / 2 AS v
            FROM (SELECT q.*, ST_PointOnSurface(q.geom) AS pt FROM (%s) q) r) s
      GROUP BY 1, 2, 3, 4, 5)
    INSERT INTO parcel_cell AS c (zoom, cx, cy, cluster_id, land_use_scheme, land_use_code, parcels, area_mu)
    SELECT z.zoom, f.cx >> (11 - z.zoom), f.cy >> (11 - z.zoom), f.cluster_id, f.land_use_scheme, f.land_use_code,
      sum(f.parcels)::int, sum(f.area_mu)
    FROM fine f CROSS JOIN generate_series(3, 11) AS z(zoom)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (zoom, cx, cy, cluster_id, land_use_scheme, land_use_code)
      DO UPDATE SET parcels = c.parcels + excluded.parcels, area_mu = c.area_mu + excluded.area_mu
  $q$, rows_sql)
$fn$;

CREATE OR REPLACE FUNCTION parcel_cell_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved constant text := '(o.status, o.cluster_id, o.land_use_scheme, o.land_use_code, o.area_mu, o.geom) IS DISTINCT FROM '
    || '(n.status, n.cluster_id, n.land_use_scheme, n.land_use_code, n.area_mu, n.geom)';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE parcel_cell_statement('SELECT geom, cluster_id, land_use_scheme, land_use_code, area_mu, 1 AS sign FROM parcel_new WHERE status = ''current''');
  ELSE
    -- Only rows whose place in the overview changed: status, outline, cluster, land use or area.
    EXECUTE parcel_cell_statement(
      'SELECT o.geom, o.cluster_id, o.land_use_scheme, o.land_use_code, o.area_mu, -1 AS sign FROM parcel_old o JOIN parcel_new n ON n.id = o.id '
      || 'WHERE o.status = ''current'' AND ' || moved
      || ' UNION ALL SELECT n.geom, n.cluster_id, n.land_use_scheme, n.land_use_code, n.area_mu, 1 FROM parcel_old o JOIN parcel_new n ON n.id = o.id '
      || 'WHERE n.status = ''current'' AND ' || moved);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS parcel_cell_insert ON parcel;
CREATE TRIGGER parcel_cell_insert AFTER INSERT ON parcel REFERENCING NEW TABLE AS parcel_new
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_cell_sync();
DROP TRIGGER IF EXISTS parcel_cell_update ON parcel;
CREATE TRIGGER parcel_cell_update AFTER UPDATE ON parcel REFERENCING OLD TABLE AS parcel_old NEW TABLE AS parcel_new
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_cell_sync();

-- Rebuilt from the register (this file is new or changed). The cells are derived data, made by the statement this file
-- defines: when the statement changes they must be rebuilt with it, which is exactly when Flyway re-applies a repeatable
-- (a versioned migration would run before the new statement exists). No source data is changed here.
DELETE FROM parcel_cell;
DO $$ BEGIN
  EXECUTE parcel_cell_statement('SELECT geom, cluster_id, land_use_scheme, land_use_code, area_mu, 1 AS sign FROM parcel WHERE status = ''current''');
END $$;

-- The overview tile z/x/y (z ≤ 11) of the parcels of the given clusters: one square per cell of a 64 × 64 grid, coloured
-- by the land-use class with the most area there, with the count of parcels, their area (亩) and the share of the
-- cell they cover (for the fill's opacity). Layer 'parcels', like the detailed tiles. The squares are made in tile
-- coordinates (4096 units, y down, exterior ring clockwise as MVT wants), with no clipping to do. PL/pgSQL, so the
-- plan is kept per connection.
DROP FUNCTION IF EXISTS parcel_overview_tile(int, int, int, int[]);
CREATE FUNCTION parcel_overview_tile(z int, x int, y int, clusters int[]) RETURNS bytea LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    WITH k AS (
      SELECT c.cx, c.cy, c.land_use_scheme, c.land_use_code, sum(c.parcels) AS n, sum(c.area_mu) AS mu
      FROM parcel_cell c
      WHERE c.zoom = z AND c.cx BETWEEN x * 64 AND x * 64 + 63 AND c.cy BETWEEN y * 64 AND y * 64 + 63 AND c.cluster_id = ANY(clusters)
      GROUP BY 1, 2, 3, 4 HAVING sum(c.parcels) > 0),
    cell AS (
      SELECT DISTINCT ON (cx, cy) cx, cy, land_use_scheme, land_use_code, sum(n) OVER w AS n, sum(mu) OVER w AS mu
      FROM k WINDOW w AS (PARTITION BY cx, cy) ORDER BY cx, cy, mu DESC, land_use_code)
    SELECT ST_AsMVT(m, 'parcels', 4096, 'geom') FROM (
      SELECT cell.land_use_code AS "landUseCode", lu.color, cell.n::int AS parcels, round(cell.mu::numeric, 1)::float8 AS "areaMu",
        round(least(1, cell.mu * 10000 / 15
          / (40075016.685578488 / 2 ^ (z + 6) * cos(atan(sinh(pi() * (1 - 2 * (cell.cy + 0.5) / 2 ^ (z + 6)))))) ^ 2)::numeric, 2)::float8 AS coverage,
        ST_Reverse(ST_MakeEnvelope((cell.cx - x * 64) * 64, (cell.cy - y * 64) * 64, (cell.cx - x * 64) * 64 + 64, (cell.cy - y * 64) * 64 + 64)) AS geom
      FROM cell JOIN land_use_code lu ON lu.scheme = cell.land_use_scheme AND lu.code = cell.land_use_code) m);
END $$;
