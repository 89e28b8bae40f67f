package mujun.importing;

import java.util.List;
import java.util.stream.Stream;
import mujun.db.Named;

/**
 * SQL of imports. The staging table's name is made from the job's numeric id only ({@link #staging}); source field
 * names reach SQL as bound values (raw ->> ?), never as identifiers.
 */
final class ImportSql {
  private ImportSql() {}

  static String staging(long jobId) {
    return "staging.import_" + jobId;
  }

  static final String INSERT_JOB =
      "INSERT INTO import_job (created_by, file_name, file_sha256, file_size, format, layer, source_crs, crs_source, encoding, "
          + "cluster_id, source_key, mapping, inspection, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'inspected') RETURNING id";

  static final String JOB =
      "SELECT id, created_by, created_at, file_name, file_sha256, file_size, format, layer, source_crs, crs_source, encoding, cluster_id, "
          + "source_key, mapping::text, inspection::text, status, counts::text, warnings::text, mode, committed_at, committed_by FROM import_job WHERE id = ?";

  static final String JOBS =
      "SELECT json_agg(json_build_object('id', id, 'createdBy', created_by, 'createdAt', created_at, 'fileName', file_name, "
          + "'format', format, 'status', status, 'counts', counts, 'committedAt', committed_at) ORDER BY id DESC)::text "
          + "FROM (SELECT * FROM import_job WHERE (?::text IS NULL OR created_by = ?) ORDER BY id DESC LIMIT 200) j";

  static final String SAVED_MAPPING = "SELECT mapping::text FROM import_mapping WHERE source_key = ?";

  static final String SAVE_MAPPING =
      "INSERT INTO import_mapping (source_key, mapping, fields, updated_by) VALUES (?, ?::jsonb, ?, ?) "
          + "ON CONFLICT (source_key) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = now()";

  static final Named CLEAR_FEATURES = Named.of("DELETE FROM import_feature WHERE import_id = :import");

  /**
   * Reads the staging table into the report, mapping fields by bound names. The row's JSON is made once per row
   * (OFFSET 0 keeps the planner from inlining it into every reference). Parameters: job id; land-use field and default
   * code; scheme field and default scheme; the fields of right type, holder credit code, holder name, supply date, price,
   * agreed start, agreed completion, investment, FAR, remarks, 宗地代码 and declared area; the area unit factor.
   */
  static String load(long jobId) {
    return "INSERT INTO import_feature (import_id, fid, raw, attrs, code, declared_area_m2, source_type, source_geom) "
        + "SELECT ?, t.fid, r.raw, jsonb_strip_nulls(jsonb_build_object("
        + "'landUseCode', coalesce(NULLIF(btrim(r.raw ->> ?), ''), ?), 'landUseScheme', coalesce(NULLIF(btrim(r.raw ->> ?), ''), ?), 'rightType', btrim(r.raw ->> ?), "
        + "'holderCreditCode', upper(btrim(r.raw ->> ?)), 'holderName', btrim(r.raw ->> ?), 'supplyDate', mujun_try_date(r.raw ->> ?), "
        + "'transferPriceWan', mujun_try_numeric(r.raw ->> ?), 'agreedStartDate', mujun_try_date(r.raw ->> ?), "
        + "'agreedCompletionDate', mujun_try_date(r.raw ->> ?), 'contractedInvestmentWan', mujun_try_numeric(r.raw ->> ?), "
        + "'floorAreaRatio', mujun_try_numeric(r.raw ->> ?), 'remarks', btrim(r.raw ->> ?))), "
        + "NULLIF(upper(regexp_replace(coalesce(r.raw ->> ?, ''), '\\s', '', 'g')), ''), "
        + "mujun_try_numeric(r.raw ->> ?) * ?, "
        + "ST_GeometryType(t.geom), "
        + "CASE WHEN t.geom IS NULL OR ST_IsEmpty(t.geom) THEN NULL "
        + "     WHEN ST_Dimension(t.geom) = 2 THEN ST_Transform(ST_Force2D(t.geom), 4490) "
        + "     WHEN ST_Dimension(t.geom) = 1 AND ST_IsClosed(ST_Force2D(t.geom)) THEN ST_Transform(ST_BuildArea(ST_Force2D(t.geom)), 4490) "
        + "     ELSE NULL END "
        + "FROM (SELECT s.fid, s.geom, to_jsonb(s) - 'geom' - 'fid' AS raw FROM " + staging(jobId) + " s OFFSET 0) t, "
        + "LATERAL (SELECT t.raw) r";
  }

  /** The checks, in order; each takes the job id as its only parameter (some two). */
  static final List<Named> CHECKS = Stream.of(
      // Geometry present and polygonal.
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', CASE WHEN source_type IS NULL THEN 'GEOMETRY_EMPTY' ELSE 'GEOMETRY_TYPE' END, "
          + "'message', CASE WHEN source_type IS NULL THEN 'The feature has no geometry.' ELSE 'A ' || replace(source_type, 'ST_', '') || ' is not a parcel outline (needs a polygon or a closed line).' END)) "
          + "WHERE import_id = :import AND source_geom IS NULL",
      // Invalid outlines: repaired with ST_MakeValid, saying what was wrong and where.
      "UPDATE import_feature SET repairs = repairs || jsonb_build_array(jsonb_build_object('code', 'MADE_VALID', 'message', "
          + "'Invalid outline repaired: ' || ST_IsValidReason(source_geom))), "
          + "source_geom = ST_CollectionExtract(ST_MakeValid(source_geom), 3) "
          + "WHERE import_id = :import AND source_geom IS NOT NULL AND NOT ST_IsValid(source_geom)",
      // One-part outlines are kept as they are; of several parts, degenerate ones (under 0.01 m²) are dropped.
      "UPDATE import_feature SET geom = ST_Multi(source_geom), area_m2 = mujun_gk_area(source_geom) "
          + "WHERE import_id = :import AND source_geom IS NOT NULL AND ST_NumGeometries(source_geom) = 1 AND ST_GeometryType(source_geom) IN ('ST_Polygon', 'ST_MultiPolygon') "
          + "AND mujun_gk_area(source_geom) >= 0.01",
      "UPDATE import_feature f SET geom = d.g, repairs = CASE WHEN d.dropped > 0 THEN f.repairs || jsonb_build_array(jsonb_build_object('code', 'DROPPED_PARTS', "
          + "'message', d.dropped || ' degenerate part(s) under 0.01 m² dropped')) ELSE f.repairs END "
          + "FROM (SELECT x.fid, ST_Multi(ST_Collect(p.geom) FILTER (WHERE p.a >= 0.01)) AS g, count(*) FILTER (WHERE p.a < 0.01) AS dropped "
          + "FROM import_feature x, LATERAL (SELECT d.geom, mujun_gk_area(d.geom) a FROM ST_Dump(x.source_geom) d WHERE ST_GeometryType(d.geom) = 'ST_Polygon') p "
          + "WHERE x.import_id = :import AND x.source_geom IS NOT NULL AND x.geom IS NULL AND NOT ST_IsEmpty(x.source_geom) GROUP BY x.fid) d WHERE f.import_id = :import AND f.fid = d.fid",
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'GEOMETRY_EMPTY', 'message', 'Nothing of the outline is left after removing degenerate parts.')) "
          + "WHERE import_id = :import AND source_geom IS NOT NULL AND geom IS NULL",
      // Inside Henan (a wrong CRS or swapped axes shows here).
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'OUTSIDE_HENAN', 'message', "
          + "'The outline lies outside Henan (' || round(ST_X(ST_Centroid(geom))::numeric, 4) || ' E, ' || round(ST_Y(ST_Centroid(geom))::numeric, 4) || ' N): check the coordinate system.')) "
          + "WHERE import_id = :import AND geom IS NOT NULL AND NOT mujun_in_region(geom)",
      "UPDATE import_feature SET area_m2 = mujun_gk_area(geom) WHERE import_id = :import AND geom IS NOT NULL AND area_m2 IS NULL",
      // 宗地代码: present, well formed, once in the file.
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'CODE_MISSING', 'message', 'No 宗地代码: map the field that holds it.')) "
          + "WHERE import_id = :import AND code IS NULL",
      "UPDATE import_feature SET warnings = warnings || jsonb_build_array(jsonb_build_object('code', 'CODE_SHORTENED', 'message', "
          + "'A 28-character 不动产单元代码 was given; its first 19 characters are the 宗地代码.')), code = left(code, 19) "
          + "WHERE import_id = :import AND length(code) = 28",
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'CODE_INVALID', 'message', "
          + "'宗地代码 ' || code || ' is malformed: 19 characters, 12 digits, G/J/Z, a letter, 5 digits.')) "
          + "WHERE import_id = :import AND code IS NOT NULL AND (code !~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$' OR right(code, 5) = '00000')",
      "UPDATE import_feature f SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'CODE_DUPLICATE', 'message', "
          + "'宗地代码 ' || f.code || ' appears ' || d.n || ' times in the file (features ' || d.fids || ').')) "
          + "FROM (SELECT code, count(*) n, string_agg(fid::text, ', ' ORDER BY fid) fids FROM import_feature WHERE import_id = :import AND code IS NOT NULL GROUP BY code HAVING count(*) > 1) d "
          + "WHERE f.import_id = :import AND f.code = d.code",
      // Update or new: a current parcel with the same code is updated (with its version of now).
      "UPDATE import_feature f SET action = CASE WHEN m.id IS NULL THEN 'new' ELSE 'update' END, parcel_id = m.id, parcel_version = m.version "
          + "FROM (SELECT f2.fid, p.id, p.version FROM import_feature f2 LEFT JOIN parcel p ON p.code = f2.code AND p.status = 'current' "
          + "WHERE f2.import_id = :import) m WHERE f.import_id = :import AND f.fid = m.fid").map(Named::of).toList();

  /** Cluster of each feature: the job's cluster, or the one containing the outline. */
  static final Named ASSIGN_CLUSTER = Named.of(
      "UPDATE import_feature f SET cluster_id = COALESCE(:cluster::int, (SELECT k.id FROM cluster k WHERE ST_Intersects(k.boundary, ST_PointOnSurface(f.geom)) ORDER BY k.id LIMIT 1)) "
          + "WHERE f.import_id = :import AND f.geom IS NOT NULL");

  /** Scope and cluster checks. */
  static final List<Named> CLUSTER_CHECKS = Stream.of(
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'OUTSIDE_CLUSTER', 'message', 'The outline is not inside any cluster.')) "
          + "WHERE import_id = :import AND geom IS NOT NULL AND cluster_id IS NULL",
      "UPDATE import_feature SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'OUT_OF_SCOPE', 'message', 'You may not change parcels of this cluster.')) "
          + "WHERE import_id = :import AND cluster_id IS NOT NULL AND NOT (cluster_id = ANY(:scope))",
      "UPDATE import_feature f SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'OUTSIDE_CLUSTER', 'message', "
          + "round(o.a::numeric, 1) || ' m² lie outside the cluster boundary.', 'areaM2', round(o.a::numeric, 2))) "
          + "FROM (SELECT f2.fid, ST_Area(ST_Transform(ST_Difference(f2.geom, k.boundary), mujun_gk_srid(f2.geom))) a "
          + "FROM import_feature f2 JOIN cluster k ON k.id = f2.cluster_id WHERE f2.import_id = :import AND f2.geom IS NOT NULL AND NOT ST_CoveredBy(f2.geom, k.boundary)) o "
          + "WHERE f.import_id = :import AND f.fid = o.fid AND o.a > :tolerance").map(Named::of).toList();

  /** A feature whose 宗地代码 is a current parcel of a cluster the caller may not change. */
  static final Named UPDATE_OUT_OF_SCOPE = Named.of(
      "UPDATE import_feature f SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'OUT_OF_SCOPE', 'message', "
          + "'This 宗地代码 belongs to a current parcel of a cluster you may not change.')) "
          + "FROM parcel p WHERE f.import_id = :import AND f.parcel_id = p.id AND NOT (p.cluster_id = ANY (:scope))");

  /** Overlaps within the file. */
  static final Named OVERLAP_IN_FILE = Named.of(
      "UPDATE import_feature f SET problems = problems || o.list FROM ("
          + "SELECT a.fid, jsonb_agg(jsonb_build_object('code', 'OVERLAP_IN_FILE', 'message', 'Overlaps feature ' || b.fid || "
          + "coalesce(' (' || b.code || ')', '') || ' of the same file by ' || round(x.a::numeric, 1) || ' m².', 'otherFid', b.fid, 'areaM2', round(x.a::numeric, 2))) list "
          + "FROM import_feature a JOIN import_feature b ON b.import_id = a.import_id AND b.fid <> a.fid AND a.geom && b.geom AND mujun_boxes_overlap(a.geom, b.geom) AND ST_Relate(a.geom, b.geom, '2********'), "
          + "LATERAL (SELECT ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), mujun_gk_srid(a.geom))) a) x "
          + "WHERE a.import_id = :import AND x.a > :tolerance GROUP BY a.fid) o WHERE f.import_id = :import AND f.fid = o.fid");

  /**
   * Overlaps with current parcels (other than the one a feature updates); a parcel outside the caller's clusters is
   * counted but not named. Parameters by name: readable, import, tolerance.
   */
  static final Named OVERLAP_EXISTING = Named.of(
      "UPDATE import_feature f SET problems = problems || o.list FROM ("
          + "SELECT a.fid, jsonb_agg(CASE WHEN p.cluster_id = ANY (:readable::int[]) "
          + "THEN jsonb_build_object('code', 'OVERLAP', 'message', 'Overlaps current parcel ' || p.code || ' by ' || "
          + "round(x.a::numeric, 1) || ' m².', 'otherCode', p.code, 'areaM2', round(x.a::numeric, 2)) "
          + "ELSE jsonb_build_object('code', 'OVERLAP', 'message', 'Overlaps a current parcel of another cluster by ' || "
          + "round(x.a::numeric, 1) || ' m².', 'areaM2', round(x.a::numeric, 2)) END) list "
          + "FROM import_feature a JOIN parcel p ON p.status = 'current' AND p.geom && a.geom AND mujun_boxes_overlap(p.geom, a.geom) AND ST_Relate(p.geom, a.geom, '2********') "
          + "AND p.id IS DISTINCT FROM a.parcel_id AND NOT (p.code = a.code), "
          + "LATERAL (SELECT ST_Area(ST_Transform(ST_Intersection(a.geom, p.geom), mujun_gk_srid(a.geom))) a) x "
          + "WHERE a.import_id = :import AND x.a > :tolerance GROUP BY a.fid) o WHERE f.import_id = :import AND f.fid = o.fid");

  /** Attribute checks; each takes the job id (the last also the area tolerance). */
  static final List<Named> ATTRIBUTE_CHECKS = Stream.of(
      // A land use given by its name (工业用地) is read as its code in the scheme.
      "UPDATE import_feature f SET attrs = jsonb_set(f.attrs, '{landUseCode}', to_jsonb(c.code)) FROM land_use_code c "
          + "WHERE f.import_id = :import AND c.scheme = f.attrs ->> 'landUseScheme' AND c.name = f.attrs ->> 'landUseCode' "
          + "AND NOT EXISTS (SELECT 1 FROM land_use_code x WHERE x.scheme = c.scheme AND x.code = f.attrs ->> 'landUseCode')",
      "UPDATE import_feature f SET problems = problems || jsonb_build_array(jsonb_build_object('code', 'LAND_USE_UNKNOWN', 'message', "
          + "CASE WHEN f.attrs ->> 'landUseCode' IS NULL THEN 'No land-use code: map the field or choose a default.' "
          + "ELSE 'Land-use code ' || (f.attrs ->> 'landUseCode') || ' is not in ' || (f.attrs ->> 'landUseScheme') || '.' END)) "
          + "WHERE f.import_id = :import AND NOT EXISTS (SELECT 1 FROM land_use_code c WHERE c.scheme = f.attrs ->> 'landUseScheme' AND c.code = f.attrs ->> 'landUseCode')",
      "UPDATE import_feature SET warnings = CASE WHEN mujun_right_type(attrs ->> 'rightType') IS NULL THEN warnings || jsonb_build_array(jsonb_build_object("
          + "'code', 'RIGHT_TYPE_UNKNOWN', 'message', 'Right type ' || (attrs ->> 'rightType') || ' is not 出让, 划拨 or 租赁; it is left empty.')) ELSE warnings END, "
          + "attrs = CASE WHEN mujun_right_type(attrs ->> 'rightType') IS NULL THEN attrs - 'rightType' "
          + "ELSE jsonb_set(attrs, '{rightType}', to_jsonb(mujun_right_type(attrs ->> 'rightType'))) END "
          + "WHERE import_id = :import AND attrs ->> 'rightType' IS NOT NULL",
      // Holders: by 统一社会信用代码, else by name within the feature's cluster — two equality joins (hash joins), not one
      // OR that compares every feature with every enterprise; only enterprises the caller reads.
      "UPDATE import_feature f SET attrs = f.attrs || jsonb_build_object('holderId', e.id) FROM enterprise e "
          + "WHERE f.import_id = :import AND e.credit_code = f.attrs ->> 'holderCreditCode'"
          + mujun.db.Sql.SCOPED_ENTERPRISE.replace("cluster_id", "e.cluster_id"),
      "UPDATE import_feature f SET attrs = f.attrs || jsonb_build_object('holderId', e.id) FROM enterprise e "
          + "WHERE f.import_id = :import AND f.attrs ->> 'holderCreditCode' IS NULL AND e.name = f.attrs ->> 'holderName' AND e.cluster_id = f.cluster_id"
          + mujun.db.Sql.SCOPED_ENTERPRISE.replace("cluster_id", "e.cluster_id"),
      "UPDATE import_feature SET warnings = warnings || jsonb_build_array(jsonb_build_object('code', 'HOLDER_UNKNOWN', 'message', "
          + "'Right holder ' || coalesce(attrs ->> 'holderCreditCode', attrs ->> 'holderName') || ' is not a known enterprise; the parcel is kept without holder.')) "
          + "WHERE import_id = :import AND (attrs ->> 'holderCreditCode' IS NOT NULL OR attrs ->> 'holderName' IS NOT NULL) AND attrs ->> 'holderId' IS NULL",
      "UPDATE import_feature SET warnings = warnings || jsonb_build_array(jsonb_build_object('code', 'AREA_MISMATCH', 'message', "
          + "'Declared area ' || round(declared_area_m2::numeric, 1) || ' m² differs from the computed ' || round(area_m2::numeric, 1) || ' m² by ' "
          + "|| round((abs(declared_area_m2 - area_m2) / area_m2 * 100)::numeric, 1) || ' %.', 'declaredM2', round(declared_area_m2::numeric, 2), 'computedM2', round(area_m2::numeric, 2))) "
          + "WHERE import_id = :import AND declared_area_m2 IS NOT NULL AND area_m2 > 0 AND abs(declared_area_m2 - area_m2) / area_m2 * 100 > :areaTolerance",
      "UPDATE import_feature SET status = CASE WHEN jsonb_array_length(problems) > 0 THEN 'rejected' WHEN jsonb_array_length(repairs) > 0 THEN 'repaired' ELSE 'accepted' END "
          + "WHERE import_id = :import").map(Named::of).toList();

  static final String COUNTS =
      "SELECT json_build_object('total', count(*), 'accepted', count(*) FILTER (WHERE status = 'accepted'), "
          + "'repaired', count(*) FILTER (WHERE status = 'repaired'), 'rejected', count(*) FILTER (WHERE status = 'rejected'), "
          + "'new', count(*) FILTER (WHERE status <> 'rejected' AND action = 'new'), 'update', count(*) FILTER (WHERE status <> 'rejected' AND action = 'update'), "
          + "'warnings', count(*) FILTER (WHERE jsonb_array_length(warnings) > 0))::text FROM import_feature WHERE import_id = ?";

  /** Text that looks garbled by a wrong encoding (see mujun_looks_mojibake); parameter job id. */
  static final String MOJIBAKE =
      "SELECT count(*), min(v) FROM (SELECT value AS v FROM import_feature, jsonb_each_text(raw) WHERE import_id = ?) s WHERE mujun_looks_mojibake(v)";

  static final String SET_CHECKED =
      "UPDATE import_job SET status = 'checked', source_crs = ?, crs_source = ?, encoding = ?, cluster_id = ?, mapping = ?::jsonb, "
          + "counts = ?::jsonb, warnings = ?::jsonb WHERE id = ?";

  static final String INSERT_NEW =
      "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, right_type, holder_id, registered_area_m2, supply_date, "
          + "transfer_price_wan, agreed_start_date, agreed_completion_date, contracted_investment_wan, floor_area_ratio, remarks, origin, import_id) "
          + "SELECT f.code, f.cluster_id, f.geom, f.attrs ->> 'landUseScheme', f.attrs ->> 'landUseCode', f.attrs ->> 'rightType', "
          + "(f.attrs ->> 'holderId')::bigint, f.declared_area_m2, (f.attrs ->> 'supplyDate')::date, (f.attrs ->> 'transferPriceWan')::numeric, "
          + "(f.attrs ->> 'agreedStartDate')::date, (f.attrs ->> 'agreedCompletionDate')::date, (f.attrs ->> 'contractedInvestmentWan')::numeric, "
          + "(f.attrs ->> 'floorAreaRatio')::numeric, coalesce(f.attrs ->> 'remarks', ''), 'import', f.import_id "
          + "FROM import_feature f WHERE f.import_id = ? AND f.status <> 'rejected' AND f.action = 'new' ORDER BY f.fid";

  static final String UPDATE_EXISTING =
      "UPDATE parcel p SET geom = f.geom, cluster_id = f.cluster_id, land_use_scheme = f.attrs ->> 'landUseScheme', land_use_code = f.attrs ->> 'landUseCode', "
          + "right_type = coalesce(f.attrs ->> 'rightType', p.right_type), holder_id = coalesce((f.attrs ->> 'holderId')::bigint, p.holder_id), "
          + "registered_area_m2 = coalesce(f.declared_area_m2::numeric, p.registered_area_m2), supply_date = coalesce((f.attrs ->> 'supplyDate')::date, p.supply_date), "
          + "transfer_price_wan = coalesce((f.attrs ->> 'transferPriceWan')::numeric, p.transfer_price_wan), "
          + "agreed_start_date = coalesce((f.attrs ->> 'agreedStartDate')::date, p.agreed_start_date), "
          + "agreed_completion_date = coalesce((f.attrs ->> 'agreedCompletionDate')::date, p.agreed_completion_date), "
          + "contracted_investment_wan = coalesce((f.attrs ->> 'contractedInvestmentWan')::numeric, p.contracted_investment_wan), "
          + "floor_area_ratio = coalesce((f.attrs ->> 'floorAreaRatio')::numeric, p.floor_area_ratio), remarks = coalesce(f.attrs ->> 'remarks', p.remarks), "
          + "import_id = f.import_id "
          + "FROM import_feature f WHERE f.import_id = ? AND f.status <> 'rejected' AND f.action = 'update' AND p.id = f.parcel_id AND p.version = f.parcel_version "
          + "AND p.status = 'current'";

  /**
   * At commit, under the lock on parcel: features to be written that now overlap a current parcel (one written since the
   * dry run) or now lie outside their cluster's boundary (one redrawn since). Parameters: job id, overlap tolerance,
   * job id, tolerance. Returns the count and the first feature's number.
   */
  static final String COMMIT_RECHECK =
      "SELECT count(*), min(fid) FROM ("
          + "SELECT a.fid FROM import_feature a JOIN parcel p ON p.status = 'current' AND p.geom && a.geom AND mujun_boxes_overlap(p.geom, a.geom) "
          + "AND ST_Relate(p.geom, a.geom, '2********') AND p.id IS DISTINCT FROM a.parcel_id AND NOT (p.code = a.code) "
          + "AND (p.import_id IS NULL OR p.import_id <> a.import_id) "
          + "WHERE a.import_id = ? AND a.status <> 'rejected' AND ST_Area(ST_Transform(ST_Intersection(a.geom, p.geom), mujun_gk_srid(a.geom))) > ? "
          + "UNION ALL SELECT a.fid FROM import_feature a JOIN cluster k ON k.id = a.cluster_id "
          + "WHERE a.import_id = ? AND a.status <> 'rejected' AND mujun_outside_m2(a.geom, k.boundary, mujun_gk_srid(a.geom)) > ?) x";

  static final String EXPECTED_UPDATES = "SELECT count(*) FROM import_feature WHERE import_id = ? AND status <> 'rejected' AND action = 'update'";

  static final String SET_COMMITTED =
      "UPDATE import_job SET status = 'committed', mode = ?, committed_at = now(), committed_by = ?, counts = counts || ?::jsonb WHERE id = ?";

  static final String REPORT_ROWS =
      "SELECT f.fid, f.status, f.action, f.code, k.code, round(f.area_m2::numeric, 2), round((f.area_m2 * 15 / 10000)::numeric, 4), "
          + "round(f.declared_area_m2::numeric, 2), "
          + "(SELECT string_agg(e ->> 'message', ' | ') FROM jsonb_array_elements(f.problems) e), "
          + "(SELECT string_agg(e ->> 'message', ' | ') FROM jsonb_array_elements(f.repairs) e), "
          + "(SELECT string_agg(e ->> 'message', ' | ') FROM jsonb_array_elements(f.warnings) e) "
          + "FROM import_feature f LEFT JOIN cluster k ON k.id = f.cluster_id WHERE f.import_id = ? ORDER BY f.fid";

  static final String FEATURES =
      "SELECT json_build_object('type', 'Feature', 'id', f.fid, 'geometry', ST_AsGeoJSON(coalesce(f.geom, f.source_geom), 7, 0)::json, "
          + "'properties', json_build_object('fid', f.fid, 'status', f.status, 'action', f.action, 'code', f.code, "
          + "'areaMu', round((f.area_m2 * 15 / 10000)::numeric, 2), 'problems', f.problems, 'repairs', f.repairs, 'warnings', f.warnings))::text "
          + "FROM import_feature f WHERE f.import_id = ? ORDER BY f.fid LIMIT ?";

  /**
   * The dry run's statements after the load, in order: geometry checks, the cluster of each feature, cluster and scope
   * checks, overlaps (within the file, with the register), attribute checks. Each adds its findings to the features'
   * problems; parameters by name: import, tolerance, areaTolerance, cluster, scope, readable.
   */
  static final List<Named> DRY_RUN = Stream.of(CHECKS, List.of(ASSIGN_CLUSTER, CLUSTER_CHECKS.get(0), CLUSTER_CHECKS.get(1),
      UPDATE_OUT_OF_SCOPE, CLUSTER_CHECKS.get(2), OVERLAP_IN_FILE, OVERLAP_EXISTING), ATTRIBUTE_CHECKS).flatMap(List::stream).toList();
}
