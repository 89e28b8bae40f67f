-- Functions and triggers of the parcel register (repeatable: re-applied whenever this file changes). Flyway applies
-- repeatables in the order of their descriptions, so they are numbered in the order they build on each other:
-- 1 register, 2 standard land, 3 low-efficiency land, 4 evaluation, 5 parcel overview.
-- Errors raised here use SQLSTATEs 'MJ0xx' with a JSON DETAIL; the server maps them to HTTP errors once (db/SqlErrors).

CREATE OR REPLACE FUNCTION mujun_setting_num(k text, fallback double precision)
RETURNS double precision LANGUAGE sql STABLE AS
$$ SELECT COALESCE((SELECT value::double precision FROM setting WHERE key = k), fallback) $$;

-- The small SQL functions here are written so that PostgreSQL inlines them into the statement that calls them: a
-- STRICT one only when its body is strict too (int4larger, not GREATEST, which skips nulls) and reads each argument
-- once, a non-strict one when it is null-safe by itself. A call that is not inlined runs the SQL-function executor,
-- about 3 µs each time, which was most of what some per-row checks cost (an import calls several per feature).

-- Returns the EPSG code of the CGCS2000 3-degree Gauss-Krüger zone (no zone prefix, false easting 500 km)
-- whose central meridian is nearest the geometry's centroid: 4534 + (CM - 75) / 3, for CM 75°E .. 135°E.
CREATE OR REPLACE FUNCTION mujun_gk_srid_at(lon double precision)
RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT 4534 + (int4smaller(45, int4larger(25, floor((lon + 1.5) / 3)::int)) * 3 - 75) / 3 $$;

CREATE OR REPLACE FUNCTION mujun_gk_srid(g geometry)
RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT mujun_gk_srid_at(ST_X(ST_PointOnSurface(g))) $$;

-- Computes the plane area in square metres in the geometry's own 3-degree Gauss-Krüger zone (input EPSG:4490).
CREATE OR REPLACE FUNCTION mujun_gk_area(g geometry)
RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT ST_Area(ST_Transform(g, mujun_gk_srid(g))) $$;

-- True when the registered area differs from the computed one by more than setting area_tolerance_pct.
CREATE OR REPLACE FUNCTION mujun_area_mismatch(registered numeric, computed double precision)
RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT registered IS NOT NULL AND computed > 0
          AND abs(registered::double precision - computed) / computed * 100 > mujun_setting_num('area_tolerance_pct', 5) $$;

CREATE OR REPLACE FUNCTION mujun_actor() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT COALESCE(NULLIF(current_setting('mujun.user', true), ''), 'db:' || session_user) $$;

-- The area (m², in the given Gauss-Krüger zone) of g outside a boundary: the cheap covers test first. (ST_Covers with
-- the boundary first, not ST_CoveredBy with it second: PostGIS prepares a repeated first argument once, and a boundary
-- tested against many outlines in a row is tested four times faster.)
CREATE OR REPLACE FUNCTION mujun_outside_m2(g geometry, boundary geometry, srid integer)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN g IS NULL OR boundary IS NULL OR srid IS NULL THEN NULL WHEN ST_Covers(boundary, g) THEN 0
               ELSE ST_Area(ST_Transform(ST_Difference(g, boundary), srid)) END $$;

-- The province's region, stated once: Henan (110.35-116.65 E, 31.38-36.37 N) with a margin, lon/lat in EPSG:4490.
-- Outlines must lie inside it; the importer guesses coordinate systems by it; the server reads it at start as the
-- extent it gives clients (mujun.geo.Region).
CREATE OR REPLACE FUNCTION mujun_region() RETURNS box2d LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT 'BOX(110 31.2,117 36.6)'::box2d $$;
COMMENT ON FUNCTION mujun_region() IS 'Henan with a margin (lon/lat, EPSG:4490): where outlines may lie';

-- Whether a geometry's box lies inside the region.
CREATE OR REPLACE FUNCTION mujun_in_region(g geometry) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ST_XMin(g) >= ST_XMin(mujun_region()) AND ST_XMax(g) <= ST_XMax(mujun_region())
     AND ST_YMin(g) >= ST_YMin(mujun_region()) AND ST_YMax(g) <= ST_YMax(mujun_region()) $$;

-- Refuses a geometry that is empty, invalid or outside Henan; explains where and why.
CREATE OR REPLACE FUNCTION mujun_check_geometry(g geometry) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d valid_detail; env box2d; r box2d := mujun_region();
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ002', MESSAGE = 'The geometry is empty.', DETAIL = '{}';
  END IF;
  d := ST_IsValidDetail(g);
  IF NOT d.valid THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ001',
      MESSAGE = format('The geometry is invalid: %s at (%s, %s). Fix the outline or ask for a repair (repair=true).',
                       d.reason, round(ST_X(d.location)::numeric, 7), round(ST_Y(d.location)::numeric, 7)),
      DETAIL = json_build_object('reason', d.reason, 'lon', ST_X(d.location), 'lat', ST_Y(d.location))::text;
  END IF;
  IF ST_Area(g) = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ002', MESSAGE = 'The geometry has no area.', DETAIL = '{}';
  END IF;
  env := Box2D(g);
  IF NOT mujun_in_region(g) THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ003',
      MESSAGE = format('The coordinates (%s .. %s E, %s .. %s N) are outside Henan (%s-%s E, %s-%s N). Check the CRS and the axis order (longitude first).',
                       round(ST_XMin(env)::numeric, 5), round(ST_XMax(env)::numeric, 5), round(ST_YMin(env)::numeric, 5), round(ST_YMax(env)::numeric, 5),
                       ST_XMin(r), ST_XMax(r), ST_YMin(r), ST_YMax(r)),
      DETAIL = json_build_object('bbox', json_build_array(ST_XMin(env), ST_YMin(env), ST_XMax(env), ST_YMax(env)))::text;
  END IF;
END $$;

-- Serialises writers whose outlines could overlap, and only those: exclusive advisory locks (held to the end of the
-- transaction) on the 0.01° cells (about 1 km) that the outline's bounding box touches, under shared locks on the 0.1°
-- cells; an outline whose box spans more than 16 fine cells takes its 0.1° cells exclusively instead. Two outlines that
-- overlap share a point, hence a cell, so the second writer waits for the first to commit and its rule check (a new
-- statement, so a new snapshot under READ COMMITTED) then sees the first one's rows. Writers far apart never wait for
-- each other. Cells are taken in one order (coarse, then by column and row), so two single-row writes cannot deadlock;
-- multi-statement transactions that do are retried (40P01) by the server. ns separates the rules (1 parcels,
-- 2 standard-land plots, 3 low-efficiency tags).
CREATE OR REPLACE FUNCTION mujun_lock_area(ns integer, g geometry) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  x0 integer; x1 integer; y0 integer; y1 integer; cx integer; cy integer; big boolean;
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN RETURN; END IF;
  x0 := floor((ST_XMin(g) + 180) / 0.01); x1 := floor((ST_XMax(g) + 180) / 0.01);
  y0 := floor((ST_YMin(g) + 90) / 0.01);  y1 := floor((ST_YMax(g) + 90) / 0.01);
  big := (x1 - x0 + 1)::bigint * (y1 - y0 + 1) > 16;
  FOR cx IN floor((ST_XMin(g) + 180) / 0.1)::int .. floor((ST_XMax(g) + 180) / 0.1)::int LOOP
    FOR cy IN floor((ST_YMin(g) + 90) / 0.1)::int .. floor((ST_YMax(g) + 90) / 0.1)::int LOOP
      IF big THEN PERFORM pg_advisory_xact_lock(ns * 2 + 1, cx * 2000 + cy);
      ELSE PERFORM pg_advisory_xact_lock_shared(ns * 2 + 1, cx * 2000 + cy);
      END IF;
    END LOOP;
  END LOOP;
  IF NOT big THEN
    FOR cx IN x0 .. x1 LOOP
      FOR cy IN y0 .. y1 LOOP
        PERFORM pg_advisory_xact_lock(ns * 2, cx * 20000 + cy);
      END LOOP;
    END LOOP;
  END IF;
END $$;

-- The clusters the acting user reads, as the server set them for this transaction (mujun.scope: an int[] literal, or
-- '*' for the whole province); NULL when no user is acting (migrations, the demo generator, the command line).
CREATE OR REPLACE FUNCTION mujun_scope() RETURNS integer[] LANGUAGE plpgsql STABLE AS $$
DECLARE s text := current_setting('mujun.scope', true);
BEGIN
  IF s IS NULL OR s = '' OR s = '*' THEN RETURN NULL; END IF;
  RETURN s::integer[];
END $$;

-- Refuses an enterprise the acting user cannot read, with the same answer as reading it (MJ014 → 404): ids and
-- credit codes sent by a caller are resolved within the caller's scope, on every path (app API, OGC API, imports).
CREATE OR REPLACE FUNCTION mujun_require_enterprise(eid bigint, field text) RETURNS void LANGUAGE plpgsql STABLE AS $$
DECLARE sc integer[] := mujun_scope();
BEGIN
  IF eid IS NULL OR sc IS NULL THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.id = eid AND e.cluster_id = ANY (sc)) THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ014', MESSAGE = format('Enterprise %s does not exist.', eid),
      DETAIL = json_build_object('field', field)::text;
  END IF;
END $$;

-- Refuses an outline lying outside its container (a cluster's boundary, or the parcel a tag marks) by more than the
-- tolerance, saying by how much; one rule for parcels, offerings and tags.
CREATE OR REPLACE FUNCTION mujun_require_inside(g geometry, container geometry, srid integer, tol double precision, what text,
                                                outside_of text, hint text DEFAULT '', extra jsonb DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE outside double precision := mujun_outside_m2(g, container, srid);
BEGIN
  IF outside > tol THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ004',
      MESSAGE = format('%s m² of %s lies outside %s (tolerance %s m²).%s', round(outside::numeric, 1), what, outside_of, tol, hint),
      DETAIL = (extra || jsonb_build_object('outsideAreaM2', round(outside::numeric, 2), 'toleranceM2', tol))::text;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION parcel_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tol double precision;
  c record;
  geom_changed boolean;
  op text;
  -- A row of the import being committed: its dry run checked each outline, and the commit re-checks all of them at
  -- once under a lock on parcel (ImportService.commit); the transaction says so for that import only.
  checked boolean := TG_OP <> 'DELETE' AND NEW.import_id IS NOT NULL AND NEW.import_id::text = current_setting('mujun.checked_import', true);
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Parcels are never deleted: retire the parcel instead.', DETAIL = '{}';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'retired' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ006',
        MESSAGE = format('Parcel %s is retired and can no longer be changed.', OLD.code),
        DETAIL = json_build_object('code', OLD.code, 'id', OLD.id)::text;
    END IF;
    NEW.id := OLD.id;
    NEW.version := OLD.version + 1;
    NEW.origin := OLD.origin;
    NEW.predecessor_ids := OLD.predecessor_ids;
    geom_changed := NEW.geom IS DISTINCT FROM OLD.geom OR NEW.cluster_id <> OLD.cluster_id OR NEW.status <> OLD.status;
  ELSE
    NEW.version := 1;
    geom_changed := true;
  END IF;
  NEW.valid_from := now();
  NEW.changed_by := mujun_actor();
  NEW.change_reason := COALESCE(current_setting('mujun.reason', true), '');
  -- What made this version (kept with it, and in its history row once it is replaced): the transaction's operation
  -- where it names one, else the row's origin for a new parcel, a retirement, or an update.
  op := NULLIF(current_setting('mujun.operation', true), '');
  IF TG_OP = 'INSERT' THEN
    NEW.operation := COALESCE(CASE WHEN op IN ('split', 'merge', 'import') THEN op END, NEW.origin, 'create');
  ELSE
    NEW.operation := CASE WHEN NEW.status = 'retired' THEN 'retire' WHEN op = 'import' THEN 'import' ELSE 'update' END;
  END IF;
  IF NEW.holder_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.holder_id IS DISTINCT FROM OLD.holder_id) THEN
    PERFORM mujun_require_enterprise(NEW.holder_id, 'holderId');
  END IF;

  IF geom_changed AND NOT checked THEN
    PERFORM mujun_check_geometry(NEW.geom);
  END IF;
  -- A checked import's row comes with the zone and area its dry run measured on this very outline (ImportSql.INSERT_NEW,
  -- UPDATE_EXISTING); every other new outline is measured here (and so is one whose import gave no measure).
  IF (geom_changed AND NOT checked) OR NEW.gk_srid IS NULL OR NEW.area_m2 IS NULL THEN
    NEW.gk_srid := mujun_gk_srid(NEW.geom);
    NEW.area_m2 := ST_Area(ST_Transform(NEW.geom, NEW.gk_srid));
  END IF;
  NEW.area_mu := NEW.area_m2 * 15 / 10000;

  -- Boundary and overlaps of a checked import's rows are checked for all of them at once (see above); every other
  -- write is checked here, row by row.
  IF geom_changed AND NEW.status = 'current' AND NOT checked THEN
    PERFORM mujun_lock_area(1, NEW.geom);
    tol := mujun_setting_num('overlap_tolerance_m2', 1.0);
    -- Inside the cluster: the cheap covered-by test first, the area outside only when it fails.
    PERFORM mujun_require_inside(NEW.geom, (SELECT k.boundary FROM cluster k WHERE k.id = NEW.cluster_id), NEW.gk_srid, tol,
                                 'the parcel', 'its cluster''s boundary');
    -- Overlaps: neighbours that only touch share no interior (DE-9IM 2********) and are skipped before any area is computed.
    FOR c IN
      SELECT p.id, p.code, ST_Area(ST_Transform(ST_Intersection(p.geom, NEW.geom), NEW.gk_srid)) AS a
      FROM parcel p
      WHERE p.status = 'current' AND p.id <> NEW.id AND p.geom && NEW.geom AND mujun_boxes_overlap(p.geom, NEW.geom)
        AND ST_Relate(p.geom, NEW.geom, '2********')
    LOOP
      IF c.a > tol THEN
        RAISE EXCEPTION USING ERRCODE = 'MJ005',
          MESSAGE = format('The parcel overlaps current parcel %s by %s m² (tolerance %s m²).', c.code, round(c.a::numeric, 1), tol),
          DETAIL = json_build_object('otherCode', c.code, 'otherId', c.id, 'overlapAreaM2', round(c.a::numeric, 2), 'toleranceM2', tol)::text;
      END IF;
    END LOOP;
  END IF;
  RETURN NEW;
END $$;

-- What a version's attributes (row_data) leave out of the parcel row: the outline (a column of its own), what is
-- computed from it (its clearance) and the operation (a column of history).
CREATE OR REPLACE FUNCTION mujun_version_omits() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '{geom,geom_clearance,operation}'::text[]
$$;

-- A parcel row's attributes as a version keeps them. The outline is left out before to_jsonb sees it: turning it into
-- GeoJSON only to drop it was most of the history trigger's cost.
CREATE OR REPLACE FUNCTION mujun_version_data(r parcel) RETURNS jsonb LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  r.geom := NULL;
  RETURN to_jsonb(r) - mujun_version_omits();
END $$;

CREATE OR REPLACE FUNCTION parcel_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The rows of a checked import get their history in one statement (parcel_history_of_import).
  IF NEW.import_id IS NOT NULL AND NEW.import_id::text = current_setting('mujun.checked_import', true) THEN
    RETURN NULL;
  END IF;
  -- The version replaced goes to history, as it was, until now (the new one is the row itself).
  INSERT INTO parcel_history (parcel_id, version, operation, valid_from, valid_to, changed_by, change_reason, row_data, geom)
  VALUES (OLD.id, OLD.version, OLD.operation, OLD.valid_from, NEW.valid_from, OLD.changed_by, OLD.change_reason,
          mujun_version_data(OLD), OLD.geom);
  RETURN NULL;
END $$;

-- The columns of a table but some, as a select list over the row alias (built from the catalogue so that it follows
-- the table's columns): to_jsonb of a row of them is what to_jsonb(row) - skip gives, without turning the skipped
-- columns into JSON first. For statements over transition tables, where the row cannot be changed before to_jsonb sees it.
DROP FUNCTION IF EXISTS mujun_row_json_sql(regclass, text, text);
DROP FUNCTION IF EXISTS mujun_row_columns_sql(regclass, text, text);
CREATE OR REPLACE FUNCTION mujun_row_columns_sql(tbl regclass, alias text, skip text[]) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT string_agg(quote_ident(alias) || '.' || quote_ident(attname), ', ' ORDER BY attnum)
  FROM pg_attribute WHERE attrelid = tbl AND attnum > 0 AND NOT attisdropped AND attname <> ALL (skip)
$$;

-- The history of a checked import's rows, for all of them in one statement (the row trigger leaves them here): the
-- versions its updates replace, as they were. (Its new parcels have no history yet: each is its version in force.)
CREATE OR REPLACE FUNCTION parcel_history_of_import() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  checked text := NULLIF(current_setting('mujun.checked_import', true), '');
BEGIN
  IF checked IS NULL THEN RETURN NULL; END IF;
  EXECUTE format('INSERT INTO parcel_history (parcel_id, version, operation, valid_from, valid_to, changed_by, change_reason, row_data, geom) '
    || 'SELECT o.id, o.version, o.operation, o.valid_from, n.valid_from, o.changed_by, o.change_reason, to_jsonb(r), o.geom '
    || 'FROM parcel_old o JOIN parcel_new n ON n.id = o.id CROSS JOIN LATERAL (SELECT %s) r WHERE n.import_id::text = $1',
    mujun_row_columns_sql('parcel', 'o', mujun_version_omits()))
  USING checked;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION mujun_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version_shard SET version = version + 1, changed_at = now()
  WHERE name = TG_ARGV[0] AND shard = (txid_current() % 16)::smallint;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS parcel_before_write ON parcel;
CREATE TRIGGER parcel_before_write BEFORE INSERT OR UPDATE OR DELETE ON parcel
  FOR EACH ROW EXECUTE FUNCTION parcel_before_write();
DROP TRIGGER IF EXISTS parcel_after_write ON parcel;
CREATE TRIGGER parcel_after_write AFTER UPDATE ON parcel
  FOR EACH ROW EXECUTE FUNCTION parcel_after_write();
DROP TRIGGER IF EXISTS parcel_history_import_insert ON parcel;
DROP TRIGGER IF EXISTS parcel_history_import_update ON parcel;
CREATE TRIGGER parcel_history_import_update AFTER UPDATE ON parcel REFERENCING OLD TABLE AS parcel_old NEW TABLE AS parcel_new
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_history_of_import();

-- History is append-only: a row is written once, when its version is replaced, and never changed or deleted (a
-- statement trigger, so that a statement that would touch no row is refused too).
CREATE OR REPLACE FUNCTION parcel_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MJ008', MESSAGE = 'Parcel history is append-only.', DETAIL = '{}';
END $$;

CREATE OR REPLACE FUNCTION mujun_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = format('%s is never truncated.', TG_TABLE_NAME), DETAIL = '{}';
END $$;

DROP TRIGGER IF EXISTS parcel_no_truncate ON parcel;
CREATE TRIGGER parcel_no_truncate BEFORE TRUNCATE ON parcel
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();
DROP TRIGGER IF EXISTS parcel_history_guard ON parcel_history;
CREATE TRIGGER parcel_history_guard BEFORE UPDATE OR DELETE ON parcel_history
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_history_guard();
DROP TRIGGER IF EXISTS parcel_history_no_truncate ON parcel_history;
CREATE TRIGGER parcel_history_no_truncate BEFORE TRUNCATE ON parcel_history
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();

-- Every version of every parcel: those replaced (parcel_history) and the one in force (the parcel row, valid_to NULL),
-- with the same columns. For reading one parcel's versions or counting them; the register as of a moment reads the
-- two tables itself (ParcelSql.AS_OF), each through its own spatial index.
DROP VIEW IF EXISTS parcel_version;
CREATE VIEW parcel_version AS
  SELECT h.parcel_id, h.version, h.operation, h.valid_from, h.valid_to, h.changed_by, h.change_reason, h.row_data, h.geom
  FROM parcel_history h
  UNION ALL
  SELECT p.id, p.version, p.operation, p.valid_from, NULL::timestamptz, p.changed_by, p.change_reason,
         mujun_version_data(p), p.geom
  FROM parcel p;
COMMENT ON VIEW parcel_version IS 'Every version of every parcel: the replaced ones (parcel_history) and the one in force (parcel, valid_to NULL).';

DROP TRIGGER IF EXISTS parcel_data_version ON parcel;
CREATE TRIGGER parcel_data_version AFTER INSERT OR UPDATE ON parcel
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('parcels');
DROP TRIGGER IF EXISTS cluster_data_version ON cluster;
CREATE TRIGGER cluster_data_version AFTER INSERT OR UPDATE OR DELETE ON cluster
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('clusters');
DROP TRIGGER IF EXISTS enterprise_data_version ON enterprise;
CREATE TRIGGER enterprise_data_version AFTER INSERT OR UPDATE OR DELETE ON enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('enterprises');

-- The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MJ009', MESSAGE = 'The audit log is append-only.', DETAIL = '{}';
END $$;
DROP TRIGGER IF EXISTS audit_log_guard ON audit_log;
CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- Reads a number from text (as files bring it: "1,234.5", " 12 "), or NULL when it is not one. Pure SQL: no
-- exception handler, so no subtransaction per call on large imports.
CREATE OR REPLACE FUNCTION mujun_try_numeric(t text) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN t ~ '^\s*[-+]?([0-9][0-9,]*)?(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?\s*$' AND t ~ '[0-9]'
              THEN replace(btrim(t), ',', '')::double precision END
$$;

-- Reads a date from text (2024-05-31, 2024/5/31, 2024.5.31, 20240531), or NULL when it is not one.
CREATE OR REPLACE FUNCTION mujun_try_date(t text) RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
-- Without an exception block (so that it runs in parallel workers and costs no subtransaction): the parts are checked
-- before make_date sees them.
DECLARE s text := btrim(t); p text[];
BEGIN
  IF s ~ '^[0-9]{8}$' THEN
    p := ARRAY[left(s, 4), substr(s, 5, 2), substr(s, 7, 2)];
  ELSE
    p := regexp_match(s, '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})');
    IF p IS NULL THEN RETURN NULL; END IF;
  END IF;
  IF p[1]::int < 1 OR p[2]::int NOT BETWEEN 1 AND 12 OR p[3]::int < 1
     OR p[3]::int > extract(day FROM make_date(p[1]::int, p[2]::int, 1) + interval '1 month - 1 day') THEN
    RETURN NULL;
  END IF;
  RETURN make_date(p[1]::int, p[2]::int, p[3]::int);
END $$;

-- True when the interiors of the two bounding boxes overlap (not merely touch): a cheap filter before any DE-9IM test.
CREATE OR REPLACE FUNCTION mujun_boxes_overlap(a geometry, b geometry) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_XMin(a) < ST_XMax(b) - 1e-9 AND ST_XMin(b) < ST_XMax(a) - 1e-9 AND ST_YMin(a) < ST_YMax(b) - 1e-9 AND ST_YMin(b) < ST_YMax(a) - 1e-9
$$;

-- Maps a right type as files write it (出让 / 划拨 / 租赁, or the English codes) to the register's code, else NULL.
CREATE OR REPLACE FUNCTION mujun_right_type(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN btrim(t) IN ('出让', '出让土地', 'transfer') THEN 'transfer'
              WHEN btrim(t) IN ('划拨', '划拨土地', 'allocation') THEN 'allocation'
              WHEN btrim(t) IN ('租赁', '租用', 'lease') THEN 'lease' END
$$;

-- True when text looks garbled by a wrong encoding: replacement characters, GBK read as Latin-1, the classic 锟斤拷,
-- or UTF-8 read as GBK (re-encoded to GBK, most of its bytes form UTF-8 three-byte CJK sequences).
CREATE OR REPLACE FUNCTION mujun_looks_mojibake(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE h text; n int;
BEGIN
  IF v IS NULL OR v ~ '^[\x01-\x7f]*$' THEN RETURN false; END IF;
  IF v ~ '\uFFFD' OR v ~ '[ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ]{2,}' OR v ~ '锟斤拷' THEN RETURN true; END IF;
  BEGIN
    h := encode(convert_to(v, 'GBK'), 'hex');
  EXCEPTION WHEN others THEN
    RETURN false;
  END;
  n := (SELECT count(*) FROM regexp_matches(h, 'e[4-9][89ab][0-9a-f][89ab][0-9a-f]', 'g'));
  RETURN length(h) >= 12 AND n * 6 >= length(h) * 0.6;
END $$;
