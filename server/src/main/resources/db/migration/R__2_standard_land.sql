-- Functions and triggers of standard land and the generic change history (repeatable; re-applied when changed).
-- Runs after R__1_register_functions.sql (Flyway orders repeatables by description: hence the numbers), whose helpers it uses.

-- change_history is append-only.
CREATE OR REPLACE FUNCTION change_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MJ008', MESSAGE = 'History is append-only.', DETAIL = '{}';
END $$;
DROP TRIGGER IF EXISTS change_history_guard ON change_history;
CREATE TRIGGER change_history_guard BEFORE UPDATE OR DELETE ON change_history FOR EACH ROW EXECUTE FUNCTION change_history_guard();
DROP TRIGGER IF EXISTS change_history_no_truncate ON change_history;
CREATE TRIGGER change_history_no_truncate BEFORE TRUNCATE ON change_history FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();

-- Writes the new row version into change_history. TG_ARGV[0] names the entity, TG_ARGV[1] the key expression's columns.
CREATE OR REPLACE FUNCTION mujun_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(NEW);
  key text;
  op text := NULLIF(current_setting('mujun.operation', true), '');
  hid bigint;
BEGIN
  -- A row that keeps the id of its history row (enterprise_indicator.history_id, taken by mujun_take_history_id) gets
  -- its history under that id; the id itself is not part of the recorded row.
  IF row_json ? 'history_id' THEN
    hid := (row_json->>'history_id')::bigint;
    row_json := row_json - 'history_id';
  END IF;
  IF row_json ? 'geom' THEN
    row_json := row_json - 'geom' || jsonb_build_object('geom', ST_AsGeoJSON(NEW.geom, 7)::jsonb);
  END IF;
  key := CASE TG_ARGV[0] WHEN 'enterprise_indicator' THEN (row_json->>'enterprise_id') || '/' || (row_json->>'year')
                         WHEN 'cluster_figure' THEN (row_json->>'cluster_id') || '/' || (row_json->>'year') || '/' || (row_json->>'indicator')
                         ELSE COALESCE(row_json->>'id', row_json->>'year') END;
  INSERT INTO change_history (id, entity, entity_id, version, operation, changed_by, change_reason, row_data)
  VALUES (COALESCE(hid, nextval('change_history_id_seq')), TG_ARGV[0], key, (row_json->>'version')::int, COALESCE(op, lower(TG_OP)), mujun_actor(),
          COALESCE(current_setting('mujun.reason', true), ''), row_json);
  RETURN NULL;
END $$;

-- Keeps version, who and when on a versioned row; refuses DELETE (rows are withdrawn, not deleted).
CREATE OR REPLACE FUNCTION mujun_versioned_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = format('Rows of %s are never deleted; withdraw them instead.', TG_TABLE_NAME), DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  RETURN NEW;
END $$;

-- The id of the history row a write of the row will add, taken before the row is stored so that the row keeps it
-- (mujun_record_change writes the history row under it): a run's snapshot reads it instead of looking the row up.
CREATE OR REPLACE FUNCTION mujun_take_history_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.history_id := nextval('change_history_id_seq');
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS enterprise_indicator_history_id ON enterprise_indicator;
CREATE TRIGGER enterprise_indicator_history_id BEFORE INSERT OR UPDATE ON enterprise_indicator
  FOR EACH ROW EXECUTE FUNCTION mujun_take_history_id();
DROP TRIGGER IF EXISTS enterprise_indicator_versioned ON enterprise_indicator;
CREATE TRIGGER enterprise_indicator_versioned BEFORE INSERT OR UPDATE OR DELETE ON enterprise_indicator
  FOR EACH ROW EXECUTE FUNCTION mujun_versioned_row();
DROP TRIGGER IF EXISTS enterprise_indicator_history ON enterprise_indicator;
CREATE TRIGGER enterprise_indicator_history AFTER INSERT OR UPDATE ON enterprise_indicator
  FOR EACH ROW EXECUTE FUNCTION mujun_record_change('enterprise_indicator');

-- The lifecycle an offering may follow, stated once: the steps from each status. The trigger checks every write by it;
-- the server reads it (LandRepository: the refusal names the next steps) and hands it to the web (the step buttons).
CREATE OR REPLACE FUNCTION standard_land_steps() RETURNS TABLE (from_status text, to_status text) LANGUAGE sql IMMUTABLE AS $$
  VALUES ('planned', 'announced'), ('planned', 'withdrawn'), ('announced', 'transferred'), ('announced', 'withdrawn'),
    ('transferred', 'construction'), ('transferred', 'failed'), ('construction', 'accepted'), ('construction', 'failed'),
    ('accepted', 'supervision'), ('failed', 'supervision')
$$;

-- Whether a write may move an offering from one status to another (same status = an edit, not a step).
CREATE OR REPLACE FUNCTION standard_land_next_ok(from_status text, to_status text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT from_status = to_status OR EXISTS (SELECT 1 FROM standard_land_steps() s WHERE s.from_status = $1 AND s.to_status = $2)
$$;

CREATE OR REPLACE FUNCTION standard_land_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tol double precision := mujun_setting_num('overlap_tolerance_m2', 1.0);
  c record;
  k text;
  geom_changed boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Offerings are never deleted: withdraw the offering instead.', DETAIL = '{}';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NOT standard_land_next_ok(OLD.status, NEW.status) THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ011',
        MESSAGE = format('An offering cannot go from %s to %s.', OLD.status, NEW.status),
        DETAIL = json_build_object('from', OLD.status, 'to', NEW.status)::text;
    END IF;
    NEW.id := OLD.id;
    NEW.created_at := OLD.created_at;
    NEW.version := OLD.version + 1;
    geom_changed := NEW.geom IS DISTINCT FROM OLD.geom OR NEW.cluster_id <> OLD.cluster_id
                    OR (NEW.status = 'withdrawn') IS DISTINCT FROM (OLD.status = 'withdrawn')
                    OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id;
  ELSE
    IF NEW.status <> 'planned' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ011', MESSAGE = 'A new offering starts as planned.', DETAIL = '{}';
    END IF;
    NEW.version := 1;
    geom_changed := true;
  END IF;
  NEW.valid_from := now();
  NEW.changed_by := mujun_actor();
  NEW.change_reason := COALESCE(current_setting('mujun.reason', true), '');

  FOR k IN SELECT jsonb_object_keys(NEW.indicators) UNION SELECT jsonb_object_keys(NEW.commitments) LOOP
    IF NOT EXISTS (SELECT 1 FROM standard_indicator_kind WHERE code = k) THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ010', MESSAGE = format('Unknown control indicator "%s".', k), DETAIL = json_build_object('field', k)::text;
    END IF;
  END LOOP;

  IF geom_changed THEN
    PERFORM mujun_check_geometry(NEW.geom);
    NEW.gk_srid := mujun_gk_srid(NEW.geom);
    NEW.area_m2 := ST_Area(ST_Transform(NEW.geom, NEW.gk_srid));
    NEW.area_mu := NEW.area_m2 * 15 / 10000;
  END IF;

  IF TG_OP = 'INSERT' OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id THEN
    PERFORM mujun_require_enterprise(NEW.enterprise_id, 'winnerCreditCode');
  END IF;

  IF geom_changed AND NEW.status <> 'withdrawn' THEN
    PERFORM mujun_lock_area(2, NEW.geom);
    PERFORM mujun_require_inside(NEW.geom, (SELECT k.boundary FROM cluster k WHERE k.id = NEW.cluster_id), NEW.gk_srid, tol,
                                 'the plot', 'its cluster''s boundary');
    FOR c IN
      SELECT s.id, s.plot_no, ST_Area(ST_Transform(ST_Intersection(s.geom, NEW.geom), NEW.gk_srid)) AS a
      FROM standard_land s
      WHERE s.status <> 'withdrawn' AND s.id <> NEW.id AND s.geom && NEW.geom AND mujun_boxes_overlap(s.geom, NEW.geom)
        AND ST_Relate(s.geom, NEW.geom, '2********')
    LOOP
      IF c.a > tol THEN
        RAISE EXCEPTION USING ERRCODE = 'MJ005',
          MESSAGE = format('The plot overlaps offering %s by %s m² (tolerance %s m²).', c.plot_no, round(c.a::numeric, 1), tol),
          DETAIL = json_build_object('otherPlotNo', c.plot_no, 'otherId', c.id, 'overlapAreaM2', round(c.a::numeric, 2), 'toleranceM2', tol)::text;
      END IF;
    END LOOP;
    -- Land held by someone else cannot be offered (parcels of the offering itself, or of its winner, are fine).
    FOR c IN
      SELECT p.id, p.code, e.name AS holder, ST_Area(ST_Transform(ST_Intersection(p.geom, NEW.geom), NEW.gk_srid)) AS a
      FROM parcel p JOIN enterprise e ON e.id = p.holder_id
      WHERE p.status = 'current' AND p.holder_id IS DISTINCT FROM NEW.enterprise_id AND NOT (p.id = ANY (NEW.parcel_ids))
        AND p.geom && NEW.geom AND mujun_boxes_overlap(p.geom, NEW.geom) AND ST_Relate(p.geom, NEW.geom, '2********')
    LOOP
      IF c.a > tol THEN
        RAISE EXCEPTION USING ERRCODE = 'MJ005',
          MESSAGE = format('The plot overlaps parcel %s, held by %s, by %s m²: only land without another holder can be offered.', c.code, c.holder, round(c.a::numeric, 1)),
          DETAIL = json_build_object('otherCode', c.code, 'otherId', c.id, 'overlapAreaM2', round(c.a::numeric, 2))::text;
      END IF;
    END LOOP;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS standard_land_before_write ON standard_land;
CREATE TRIGGER standard_land_before_write BEFORE INSERT OR UPDATE OR DELETE ON standard_land
  FOR EACH ROW EXECUTE FUNCTION standard_land_before_write();
DROP TRIGGER IF EXISTS standard_land_history ON standard_land;
CREATE TRIGGER standard_land_history AFTER INSERT OR UPDATE ON standard_land
  FOR EACH ROW EXECUTE FUNCTION mujun_record_change('standard_land');
DROP TRIGGER IF EXISTS standard_land_no_truncate ON standard_land;
CREATE TRIGGER standard_land_no_truncate BEFORE TRUNCATE ON standard_land FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();
DROP TRIGGER IF EXISTS standard_land_data_version ON standard_land;
CREATE TRIGGER standard_land_data_version AFTER INSERT OR UPDATE ON standard_land
  FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('standard-land');

-- Steps are append-only, dated in order.
CREATE OR REPLACE FUNCTION standard_land_step_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last date;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ008', MESSAGE = 'Lifecycle steps are append-only.', DETAIL = '{}';
  END IF;
  SELECT max(on_date) INTO last FROM standard_land_step WHERE offering_id = NEW.offering_id;
  IF last IS NOT NULL AND NEW.on_date < last THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ012',
      MESSAGE = format('The step is dated %s, before the previous step (%s): steps are recorded in date order.', NEW.on_date, last),
      DETAIL = json_build_object('field', 'date', 'previous', last)::text;
  END IF;
  NEW.recorded_by := mujun_actor();
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS standard_land_step_guard ON standard_land_step;
CREATE TRIGGER standard_land_step_guard BEFORE INSERT OR UPDATE OR DELETE ON standard_land_step
  FOR EACH ROW EXECUTE FUNCTION standard_land_step_guard();

-- Stored files are never deleted or rewritten; only their withdrawal and publicity may change.
CREATE OR REPLACE FUNCTION stored_file_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.bytes = OLD.bytes AND NEW.sha256 = OLD.sha256 AND NEW.owner_id = OLD.owner_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Stored files are never deleted or rewritten; withdraw them instead.', DETAIL = '{}';
END $$;
DROP TRIGGER IF EXISTS stored_file_guard ON stored_file;
CREATE TRIGGER stored_file_guard BEFORE UPDATE OR DELETE ON stored_file FOR EACH ROW EXECUTE FUNCTION stored_file_guard();
