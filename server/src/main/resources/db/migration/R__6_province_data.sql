-- Functions and triggers of the province's own data: clusters, parks, enterprises and the figures' sources
-- (repeatable; re-applied when changed). Runs after R__1 and R__2, whose helpers it uses.

-- A versioned table's triggers, said once: its own check before each write, every version into change_history, no
-- TRUNCATE, and (when given) the data version its caches follow. A table with no check of its own uses
-- mujun_versioned_row with the sentence that refuses a DELETE (refusal).
DROP FUNCTION IF EXISTS mujun_versioned_table(text, text, text);
CREATE OR REPLACE FUNCTION mujun_versioned_table(tbl text, before_write text, data_version text DEFAULT NULL, refusal text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_before_write', tbl);
  IF refusal IS NULL THEN
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION %I()', tbl || '_before_write', tbl, before_write);
  ELSE
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION %I(%L)', tbl || '_before_write', tbl, before_write, refusal);
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_history', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION mujun_record_change(%L)', tbl || '_history', tbl, tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_no_truncate', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate()', tbl || '_no_truncate', tbl);
  IF data_version IS NOT NULL THEN
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_data_version', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version(%L)', tbl || '_data_version', tbl, data_version);
  END IF;
END $$;

-- The versioned-row preamble of the tables that need no check of their own: never deleted (TG_ARGV[0] says what to do
-- instead), the version counted, who and when.
CREATE OR REPLACE FUNCTION mujun_versioned_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = TG_ARGV[0], DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  RETURN NEW;
END $$;

-- Clusters: versioned; the boundary is valid, inside Henan and overlaps no other active cluster; a change that would
-- leave current parcels outside is refused with their list, unless the caller accepted it with flags
-- (mujun.outside_parcels = 'flag'), in which case each is recorded in cluster_outside_parcel. Parks must stay inside.
-- Serialisation: cluster boundaries take one exclusive advisory lock (cluster writes are rare); a boundary change takes
-- SHARE locks on parcel and park, so it waits for in-flight parcel and park writers and they wait for it, and the
-- check below (a new statement, so a new snapshot under READ COMMITTED) sees every committed parcel.
CREATE OR REPLACE FUNCTION cluster_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tol double precision := mujun_setting_num('overlap_tolerance_m2', 1.0);
  srid integer;
  o record;
  outside jsonb;
  n integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Clusters are never deleted: set their status to revoked or merged instead.', DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'A cluster keeps its id.', DETAIL = '{}';
  END IF;
  IF TG_OP = 'INSERT' OR NEW.boundary IS DISTINCT FROM OLD.boundary OR NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM mujun_check_geometry(NEW.boundary);
    srid := mujun_gk_srid(NEW.boundary);
    PERFORM pg_advisory_xact_lock(100, 0);
    IF NEW.status = 'active' THEN
      FOR o IN
        SELECT k.code, k.name, ST_Area(ST_Transform(ST_Intersection(k.boundary, NEW.boundary), srid)) AS a
        FROM cluster k
        WHERE k.id <> NEW.id AND k.status = 'active' AND k.boundary && NEW.boundary AND ST_Relate(k.boundary, NEW.boundary, '2********')
      LOOP
        IF o.a > tol THEN
          RAISE EXCEPTION USING ERRCODE = 'MJ015',
            MESSAGE = format('The boundary overlaps cluster %s (%s) by %s m² (tolerance %s m²).', o.code, o.name, round(o.a::numeric, 1), tol),
            DETAIL = json_build_object('otherCode', o.code, 'otherName', o.name, 'overlapAreaM2', round(o.a::numeric, 2), 'toleranceM2', tol)::text;
        END IF;
      END LOOP;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.boundary IS DISTINCT FROM OLD.boundary THEN
    LOCK TABLE parcel IN SHARE MODE;
    LOCK TABLE park IN SHARE MODE;
    SELECT count(*), COALESCE(jsonb_agg(jsonb_build_object('code', x.code, 'name', x.name) ORDER BY x.code), '[]') INTO n, outside
    FROM park x WHERE x.cluster_id = NEW.id AND x.status = 'active'
      AND mujun_outside_m2(x.boundary, NEW.boundary, mujun_gk_srid(x.boundary)) > tol;
    IF n > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ016',
        MESSAGE = format('The new boundary leaves %s park(s) of the cluster outside (%s): change their boundaries first.', n,
                         (SELECT string_agg(e->>'name', '、') FROM jsonb_array_elements(outside) e)),
        DETAIL = json_build_object('parks', outside)::text;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS mujun_outside (parcel_id bigint, code text, outside_m2 double precision) ON COMMIT DROP;
    TRUNCATE mujun_outside;
    INSERT INTO mujun_outside
      SELECT p.id, p.code, mujun_outside_m2(p.geom, NEW.boundary, p.gk_srid)
      FROM parcel p WHERE p.cluster_id = NEW.id AND p.status = 'current' AND NOT ST_Covers(NEW.boundary, p.geom);
    DELETE FROM mujun_outside WHERE outside_m2 <= tol;
    SELECT count(*) INTO n FROM mujun_outside;
    IF n > 0 AND COALESCE(current_setting('mujun.outside_parcels', true), '') <> 'flag' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ016',
        MESSAGE = format('The new boundary leaves %s current parcel(s) outside, e.g. %s. Move or retire them first, or accept the change with those parcels flagged (outsideParcels: flag).',
                         n, (SELECT string_agg(code, ', ') FROM (SELECT code FROM mujun_outside ORDER BY outside_m2 DESC LIMIT 5) f)),
        DETAIL = json_build_object('count', n, 'parcels', (SELECT json_agg(json_build_object('id', parcel_id, 'code', code, 'outsideM2', round(outside_m2::numeric, 1))
                                                  ORDER BY outside_m2 DESC) FROM (SELECT * FROM mujun_outside ORDER BY outside_m2 DESC LIMIT 200) f))::text;
    END IF;
    INSERT INTO cluster_outside_parcel (cluster_id, parcel_id, boundary_version, outside_m2, flagged_by)
      SELECT NEW.id, parcel_id, NEW.version, outside_m2, NEW.changed_by FROM mujun_outside;
  END IF;
  RETURN NEW;
END $$;

SELECT mujun_versioned_table('cluster', 'cluster_before_write');

-- Parks: versioned, inside their cluster's boundary (read under a share lock on the cluster row, so a boundary change
-- and a park write wait for each other), overlapping no other active park; the area in 亩 is computed here.
CREATE OR REPLACE FUNCTION park_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tol double precision := mujun_setting_num('overlap_tolerance_m2', 1.0);
  srid integer;
  container geometry;
  o record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Parks are never deleted: close them instead.', DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  IF TG_OP = 'INSERT' OR NEW.boundary IS DISTINCT FROM OLD.boundary OR NEW.cluster_id <> OLD.cluster_id OR NEW.status <> OLD.status THEN
    PERFORM mujun_check_geometry(NEW.boundary);
    srid := mujun_gk_srid(NEW.boundary);
    NEW.area_mu := ST_Area(ST_Transform(NEW.boundary, srid)) * 15 / 10000;
    SELECT k.boundary INTO container FROM cluster k WHERE k.id = NEW.cluster_id FOR SHARE;
    IF NEW.status = 'active' THEN
      PERFORM mujun_require_inside(NEW.boundary, container, srid, tol, 'the park', 'its cluster''s boundary');
      PERFORM pg_advisory_xact_lock(100, 1);
      FOR o IN
        SELECT x.code, x.name, ST_Area(ST_Transform(ST_Intersection(x.boundary, NEW.boundary), srid)) AS a
        FROM park x WHERE x.id <> NEW.id AND x.status = 'active' AND x.boundary && NEW.boundary AND ST_Relate(x.boundary, NEW.boundary, '2********')
      LOOP
        IF o.a > tol THEN
          RAISE EXCEPTION USING ERRCODE = 'MJ005',
            MESSAGE = format('The park overlaps park %s (%s) by %s m² (tolerance %s m²).', o.code, o.name, round(o.a::numeric, 1), tol),
            DETAIL = json_build_object('otherCode', o.code, 'overlapAreaM2', round(o.a::numeric, 2), 'toleranceM2', tol)::text;
        END IF;
      END LOOP;
    END IF;
  END IF;
  RETURN NEW;
END $$;

SELECT mujun_versioned_table('park', 'park_before_write', 'clusters');

-- Enterprises: versioned (who and when), never deleted (deregistered instead); an address point lies in Henan.
CREATE OR REPLACE FUNCTION enterprise_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Enterprises are never deleted: set their status to deregistered or merged instead.', DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  IF NEW.location IS NOT NULL AND NOT mujun_in_region(NEW.location) THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ003',
      MESSAGE = format('The address point (%s E, %s N) is outside Henan. Check the coordinates (longitude first).',
                       round(ST_X(NEW.location)::numeric, 5), round(ST_Y(NEW.location)::numeric, 5)),
      DETAIL = json_build_object('field', 'location')::text;
  END IF;
  RETURN NEW;
END $$;

SELECT mujun_versioned_table('enterprise', 'enterprise_before_write');

-- A park's roll-up for a year (the latest with figures when none is given), as clusters have theirs: its current parcels (those whose inner point lies in the park), their
-- area and industrial area, the enterprises holding them or located in the park, their latest year's tax, value
-- added and output with the tax per 亩 of their held industrial land, and the low-efficiency land surveyed there.
DROP FUNCTION IF EXISTS park_summary(integer);
CREATE OR REPLACE FUNCTION park_summary(pid integer, yr integer DEFAULT NULL) RETURNS jsonb LANGUAGE sql STABLE AS $$
  WITH x AS (SELECT boundary FROM park WHERE id = pid),
  p AS (SELECT q.id, q.holder_id, q.area_mu, lu.industrial FROM parcel q JOIN land_use_code lu ON lu.scheme = q.land_use_scheme AND lu.code = q.land_use_code, x
        WHERE q.status = 'current' AND q.geom && x.boundary AND ST_Covers(x.boundary, ST_PointOnSurface(q.geom))),
  e AS (SELECT holder_id AS id FROM p WHERE holder_id IS NOT NULL
        UNION SELECT en.id FROM enterprise en, x WHERE en.location IS NOT NULL AND en.location && x.boundary AND ST_Covers(x.boundary, en.location)),
  yr AS (SELECT COALESCE(park_summary.yr, max(i.year)) AS y FROM enterprise_indicator i JOIN e ON e.id = i.enterprise_id),
  f AS (SELECT sum(i.tax_wan) AS tax, sum(i.value_added_wan) AS va, sum(i.output_wan) AS output
        FROM enterprise_indicator i JOIN e ON e.id = i.enterprise_id, yr WHERE i.year = yr.y),
  held AS (SELECT COALESCE(sum(area_mu), 0) AS mu FROM p WHERE holder_id IS NOT NULL AND industrial),
  t AS (SELECT count(*) AS n, COALESCE(sum(g.area_mu), 0) AS mu FROM low_eff_tag g JOIN p ON p.id = g.parcel_id WHERE g.status = 'active')
  SELECT jsonb_build_object(
    'parcels', (SELECT count(*) FROM p),
    'landMu', (SELECT round(COALESCE(sum(area_mu), 0)::numeric, 1) FROM p),
    'industrialMu', (SELECT round(COALESCE(sum(area_mu), 0)::numeric, 1) FROM p WHERE industrial),
    'enterprises', (SELECT count(*) FROM e),
    'year', (SELECT y FROM yr),
    'taxWan', round(f.tax, 2), 'valueAddedWan', round(f.va, 2), 'outputWan', round(f.output, 2),
    'taxPerMu', CASE WHEN held.mu > 0 THEN round((f.tax / held.mu::numeric), 2) END,
    'lowEfficiencyTags', t.n, 'lowEfficiencyMu', round(t.mu::numeric, 1))
  FROM f, held, t
$$;

-- Evaluation policies (V17): versioned data with history, withdrawn (active = false) rather than deleted.
SELECT mujun_versioned_table('evaluation_policy', 'mujun_versioned_row', NULL, 'Policies are never deleted: withdraw them instead.');
DROP FUNCTION IF EXISTS evaluation_policy_before_write();
