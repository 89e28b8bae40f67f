package mujun.importing;

import java.util.List;
import java.util.stream.Stream;
import mujun.db.Named;

/**
 * SQL of imports. The staging table's name is made from the job's numeric id only ({@link #staging}); source field
 * names reach SQL as bound values (raw ->> ?), never as identifiers.
 */
public final class ImportSql {
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

  /** The dry run's work tables (unlogged, made and dropped in its transaction): the job's id is their only variable part. */
  static String work(String what, long jobId) {
    return "staging." + what + "_" + jobId;
  }

  /**
   * Step 1 of the dry run, one pass over the loaded layer: each feature's outline as the register takes it
   * (mujun_import_outline: CGCS2000, repaired, degenerate parts dropped, its zone, area, point and overlap core).
   * Functions in the FROM list run once per row, and in parallel workers. Parameter by name: tolerance.
   */
  static Named outlines(long jobId) {
    return Named.of("CREATE UNLOGGED TABLE " + work("outline", jobId) + " AS "
        + "SELECT t.fid, ST_GeometryType(t.geom) AS source_type, o.* FROM " + staging(jobId) + " t "
        + "CROSS JOIN LATERAL mujun_import_outline(t.geom, :tolerance) o");
  }

  /**
   * The loaded layer without its geometry column (now in the outline table), so that a row's JSON is only its
   * attributes: to_jsonb would otherwise turn every outline into GeoJSON to drop it.
   */
  static String dropSourceGeometry(long jobId) {
    return "ALTER TABLE " + staging(jobId) + " DROP COLUMN geom";
  }

  /**
   * Step 2: the report row of each feature with its mapped attributes (mujun_import_fields; the mapping is one bound
   * JSON value, source field names are values in it), its cluster (the job's, or the one holding its point), the
   * current parcel of its 宗地代码, its land use (a name read as the scheme's code), right type and holder (by
   * 统一社会信用代码 among the enterprises the caller reads, else by name in the feature's cluster): equality joins, not a
   * comparison of every feature with every enterprise.
   */
  static Named features(long jobId) {
    return Named.of("CREATE UNLOGGED TABLE " + work("feature", jobId) + " AS "
        + "SELECT o.fid, o.source_type, o.source_geom, o.invalid_reason, o.geom, o.dropped, o.srid, o.area_m2, o.overlap_core, a.raw, "
        + "a.code, a.shortened, a.declared_area_m2, a.scheme AS land_use_scheme, coalesce(lu.code, lun.code, a.land_use) AS land_use_code, "
        + "(lu.code IS NOT NULL OR lun.code IS NOT NULL) AS land_use_known, a.right_type, mujun_right_type(a.right_type) AS right_type_code, "
        + "a.credit_code, a.holder_name, coalesce(hc.id, hn.id) AS holder_id, k.cluster_id, p.id AS parcel_id, p.version AS parcel_version, "
        + "p.cluster_id AS parcel_cluster_id, kv.version AS cluster_version, jsonb_strip_nulls(jsonb_build_object('landUseCode', coalesce(lu.code, lun.code, a.land_use), "
        + "'landUseScheme', a.scheme, 'rightType', mujun_right_type(a.right_type), 'holderCreditCode', a.credit_code, 'holderName', a.holder_name, "
        + "'holderId', coalesce(hc.id, hn.id))) || a.details AS attrs "
        + "FROM " + work("outline", jobId) + " o JOIN " + staging(jobId) + " s ON s.fid = o.fid "
        + "CROSS JOIN LATERAL mujun_import_fields(to_jsonb(s), :mapping::jsonb, :defaultLandUseCode, :defaultScheme, :areaFactor) a "
        // the cluster: the one chosen for the import, else the lowest id whose boundary holds the feature's point
        + "LEFT JOIN LATERAL (SELECT c.id FROM cluster c WHERE :cluster::int IS NULL AND ST_Intersects(c.boundary, o.pos) ORDER BY c.id LIMIT 1) kp ON true "
        + "CROSS JOIN LATERAL (SELECT CASE WHEN o.pos IS NOT NULL THEN coalesce(:cluster::int, kp.id) END AS cluster_id) k "
        + "LEFT JOIN cluster kv ON kv.id = k.cluster_id "
        + "LEFT JOIN parcel p ON p.code = a.code AND p.status = 'current' "
        + "LEFT JOIN land_use_code lu ON lu.scheme = a.scheme AND lu.code = a.land_use "
        + "LEFT JOIN (SELECT scheme, name, min(code) AS code FROM land_use_code GROUP BY 1, 2) lun ON lu.code IS NULL AND lun.scheme = a.scheme AND lun.name = a.land_use "
        + "LEFT JOIN (SELECT credit_code, min(id) AS id FROM enterprise e WHERE (:enterpriseScope::int[] IS NULL OR e.cluster_id = ANY (:enterpriseScope::int[])) "
        + "  GROUP BY 1) hc ON hc.credit_code = a.credit_code "
        + "LEFT JOIN (SELECT name, cluster_id, min(id) AS id FROM enterprise e WHERE (:enterpriseScope::int[] IS NULL OR e.cluster_id = ANY (:enterpriseScope::int[])) "
        + "  GROUP BY 1, 2) hn ON a.credit_code IS NULL AND hn.name = a.holder_name AND hn.cluster_id = k.cluster_id");
  }

  /** The features' outlines indexed for the in-file overlap check. */
  static String indexFeatures(long jobId) {
    return "CREATE INDEX ON " + work("feature", jobId) + " USING gist (geom)";
  }

  static String analyzeFeatures(long jobId) {
    return "ANALYZE " + work("feature", jobId) + " (fid, geom, code)";
  }

  /**
   * Step 3: overlaps over the tolerance, within the file (each pair once) and with current parcels other than the
   * one a feature updates. A pair's area is computed only when one outline reaches into the other's overlap core,
   * which every overlap over the tolerance does; neighbours that merely touch never get that far. Parameter by
   * name: tolerance.
   */
  static Named overlaps(long jobId) {
    return Named.of("CREATE UNLOGGED TABLE " + work("overlap", jobId) + " AS "
        + "SELECT a.fid, b.fid AS other_fid, b.code AS other_code, NULL::int AS other_cluster_id, x.area FROM " + work("feature", jobId) + " a "
        + "JOIN " + work("feature", jobId) + " b ON b.fid > a.fid AND b.geom && a.overlap_core AND ST_Intersects(a.overlap_core, b.geom) "
        + "CROSS JOIN LATERAL (SELECT ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), a.srid)) AS area) x WHERE x.area > :tolerance "
        + "UNION ALL "
        + "SELECT a.fid, NULL, p.code, p.cluster_id, x.area FROM " + work("feature", jobId) + " a "
        + "JOIN parcel p ON p.status = 'current' AND p.geom && a.overlap_core AND ST_Intersects(a.overlap_core, p.geom) "
        + "AND p.id IS DISTINCT FROM a.parcel_id AND p.code IS DISTINCT FROM a.code "
        + "CROSS JOIN LATERAL (SELECT ST_Area(ST_Transform(ST_Intersection(a.geom, p.geom), a.srid)) AS area) x WHERE x.area > :tolerance");
  }

  /**
   * A finding: its code, its message (English, for the CSV report and API clients) and the values the message names
   * (pairs of key and SQL expression), from which the web client writes it in the user's language.
   */
  private static String problem(String code, String message, String... values) {
    StringBuilder b = new StringBuilder("jsonb_build_object('code', '" + code + "', 'message', " + message);
    for (int i = 0; i < values.length; i += 2) b.append(", '").append(values[i]).append("', ").append(values[i + 1]);
    return b.append(")").toString();
  }

  /** A finding read from a feature's own row: its kind and place in the report, when it applies, and what it says. */
  private record RowFinding(String kind, int ord, String when, String object) {
    String value() {
      return "CASE WHEN " + when + " THEN " + object + " END";
    }
  }

  /** The findings that need nothing but the feature's own row, in report order. Parameters by name: scope, areaTolerance. */
  private static final List<RowFinding> ROW_FINDINGS = List.of(
      new RowFinding("problem", 1, "source_geom IS NULL", "jsonb_build_object('code', CASE WHEN source_type IS NULL THEN 'GEOMETRY_EMPTY' ELSE 'GEOMETRY_TYPE' END, "
          + "'message', CASE WHEN source_type IS NULL THEN 'The feature has no geometry.' ELSE 'A ' || replace(source_type, 'ST_', '') "
          + "|| ' is not a parcel outline (needs a polygon or a closed line).' END, 'type', replace(source_type, 'ST_', ''))"),
      new RowFinding("repair", 2, "invalid_reason IS NOT NULL", problem("MADE_VALID", "'Invalid outline repaired: ' || invalid_reason", "reason", "invalid_reason")),
      new RowFinding("repair", 3, "dropped > 0", problem("DROPPED_PARTS", "dropped || ' degenerate part(s) under 0.01 m² dropped'", "parts", "dropped")),
      new RowFinding("problem", 4, "source_geom IS NOT NULL AND geom IS NULL",
          problem("GEOMETRY_EMPTY", "'Nothing of the outline is left after removing degenerate parts.'", "afterRepair", "true")),
      new RowFinding("problem", 5, "geom IS NOT NULL AND NOT mujun_in_region(geom)",
          problem("OUTSIDE_HENAN", "'The outline lies outside Henan (' || round(ST_X(ST_Centroid(geom))::numeric, 4) || ' E, ' "
              + "|| round(ST_Y(ST_Centroid(geom))::numeric, 4) || ' N): check the coordinate system.'", "lon", "round(ST_X(ST_Centroid(geom))::numeric, 4)",
              "lat", "round(ST_Y(ST_Centroid(geom))::numeric, 4)")),
      new RowFinding("problem", 6, "code IS NULL", problem("CODE_MISSING", "'No 宗地代码: map the field that holds it.'")),
      new RowFinding("warning", 7, "shortened", problem("CODE_SHORTENED", "'A 28-character 不动产单元代码 was given; its first 19 characters are the 宗地代码.'")),
      new RowFinding("problem", 8, "code IS NOT NULL AND (code !~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$' OR right(code, 5) = '00000')",
          problem("CODE_INVALID", "'宗地代码 ' || code || ' is malformed: 19 characters, 12 digits, G/J/Z, a letter, 5 digits.'", "value", "code")),
      new RowFinding("problem", 10, "geom IS NOT NULL AND cluster_id IS NULL", problem("OUTSIDE_CLUSTER", "'The outline is not inside any cluster.'")),
      new RowFinding("problem", 11, "cluster_id IS NOT NULL AND NOT (cluster_id = ANY (:scope))",
          problem("OUT_OF_SCOPE", "'You may not change parcels of this cluster.'", "of", "'cluster'")),
      new RowFinding("problem", 12, "parcel_id IS NOT NULL AND NOT (parcel_cluster_id = ANY (:scope))",
          problem("OUT_OF_SCOPE", "'This 宗地代码 belongs to a current parcel of a cluster you may not change.'", "of", "'parcel'")),
      new RowFinding("problem", 16, "NOT land_use_known", problem("LAND_USE_UNKNOWN", "CASE WHEN land_use_code IS NULL THEN 'No land-use code: map the field or choose a default.' "
          + "ELSE 'Land-use code ' || land_use_code || ' is not in ' || land_use_scheme || '.' END", "value", "land_use_code", "scheme", "land_use_scheme")),
      new RowFinding("warning", 17, "right_type IS NOT NULL AND right_type_code IS NULL",
          problem("RIGHT_TYPE_UNKNOWN", "'Right type ' || right_type || ' is not 出让, 划拨 or 租赁; it is left empty.'", "value", "right_type")),
      new RowFinding("warning", 18, "(credit_code IS NOT NULL OR holder_name IS NOT NULL) AND holder_id IS NULL",
          problem("HOLDER_UNKNOWN", "'Right holder ' || coalesce(credit_code, holder_name) || ' is not a known enterprise; the parcel is kept without holder.'",
              "value", "coalesce(credit_code, holder_name)")),
      new RowFinding("warning", 19, "declared_area_m2 IS NOT NULL AND geom IS NOT NULL AND area_m2 > 0 AND abs(declared_area_m2 - area_m2) / area_m2 * 100 > :areaTolerance",
          "jsonb_build_object('code', 'AREA_MISMATCH', 'message', 'Declared area ' || round(declared_area_m2::numeric, 1) "
              + "|| ' m² differs from the computed ' || round(area_m2::numeric, 1) || ' m² by ' || round((abs(declared_area_m2 - area_m2) / area_m2 * 100)::numeric, 1) || ' %.', "
              + "'declaredM2', round(declared_area_m2::numeric, 2), 'computedM2', round(area_m2::numeric, 2), "
              + "'pct', round((abs(declared_area_m2 - area_m2) / area_m2 * 100)::numeric, 1))"));

  /**
   * Step 4: every finding (problem, repair or warning) of every feature, in the order the report lists them (ord,
   * then seq): those of the feature's own row in one pass over the features (each a CASE, so a finding's text is made
   * only where it applies), then those that compare features with each other, their cluster or the register.
   * Parameters by name: tolerance, areaTolerance, scope (clusters the caller may change), readable.
   */
  static Named findings(long jobId) {
    String f = work("feature", jobId);
    List<String> parts = List.of(
        // (unnest of three arrays, not a VALUES list: a VALUES list is compiled again for every feature)
        "SELECT fid, x.kind, x.ord, 0::bigint AS seq, x.obj FROM " + f + " CROSS JOIN LATERAL unnest("
            + "ARRAY[" + String.join(", ", ROW_FINDINGS.stream().map(r -> "'" + r.kind() + "'").toList()) + "]::text[], "
            + "ARRAY[" + String.join(", ", ROW_FINDINGS.stream().map(r -> String.valueOf(r.ord())).toList()) + "]::int[], "
            + "ARRAY[" + String.join(", ", ROW_FINDINGS.stream().map(RowFinding::value).toList()) + "]::jsonb[]) x(kind, ord, obj) WHERE x.obj IS NOT NULL",
        "SELECT f.fid, 'problem', 9, 0, " + problem("CODE_DUPLICATE", "'宗地代码 ' || f.code || ' appears ' || d.n || ' times in the file (features ' || d.fids || ').'", "value", "f.code", "times", "d.n",
            "fids", "d.fids")
            + " FROM " + f + " f JOIN (SELECT code, count(*) n, string_agg(fid::text, ', ' ORDER BY fid) fids FROM " + f
            + " WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1) d ON d.code = f.code",
        "SELECT f.fid, 'problem', 13, 0, jsonb_build_object('code', 'OUTSIDE_CLUSTER', 'message', round(o.a::numeric, 1) || ' m² lie outside the cluster boundary.', "
            + "'areaM2', round(o.a::numeric, 2)) FROM " + f + " f JOIN cluster k ON k.id = f.cluster_id "
            + "CROSS JOIN LATERAL (SELECT ST_Area(ST_Transform(ST_Difference(f.geom, k.boundary), f.srid)) AS a) o "
            + "WHERE f.geom IS NOT NULL AND NOT ST_Covers(k.boundary, f.geom) AND o.a > :tolerance",
        // in-file overlaps: each pair was found once, each side names the other
        "SELECT x.fid, 'problem', 14, x.other, jsonb_build_object('code', 'OVERLAP_IN_FILE', 'message', 'Overlaps feature ' || x.other || "
            + "coalesce(' (' || x.other_code || ')', '') || ' of the same file by ' || round(x.area::numeric, 1) || ' m².', 'otherFid', x.other, 'otherCode', x.other_code, 'areaM2', round(x.area::numeric, 2)) "
            + "FROM (SELECT o.fid, o.other_fid AS other, o.other_code, o.area FROM " + work("overlap", jobId) + " o WHERE o.other_fid IS NOT NULL "
            + "UNION ALL SELECT o.other_fid, o.fid, f2.code, o.area FROM " + work("overlap", jobId) + " o JOIN " + f + " f2 ON f2.fid = o.fid WHERE o.other_fid IS NOT NULL) x",
        "SELECT o.fid, 'problem', 15, row_number() OVER (PARTITION BY o.fid ORDER BY o.other_code), CASE WHEN o.other_cluster_id = ANY (:readable::int[]) "
            + "THEN jsonb_build_object('code', 'OVERLAP', 'message', 'Overlaps current parcel ' || o.other_code || ' by ' || round(o.area::numeric, 1) || ' m².', "
            + "'otherCode', o.other_code, 'areaM2', round(o.area::numeric, 2)) "
            + "ELSE jsonb_build_object('code', 'OVERLAP', 'message', 'Overlaps a current parcel of another cluster by ' || round(o.area::numeric, 1) || ' m².', "
            + "'areaM2', round(o.area::numeric, 2)) END FROM " + work("overlap", jobId) + " o WHERE o.other_fid IS NULL");
    return Named.of("CREATE UNLOGGED TABLE " + work("finding", jobId) + " AS " + String.join(" UNION ALL ", parts));
  }

  /** Step 5: the report, one row per feature, written once, with its findings in order and the status they give. */
  static Named report(long jobId) {
    return Named.of("INSERT INTO import_feature (import_id, fid, status, action, code, cluster_id, parcel_id, parcel_version, problems, repairs, warnings, "
        + "attrs, raw, declared_area_m2, area_m2, gk_srid, cluster_version, source_type, source_geom, geom, overlap_core) "
        + "SELECT :import, f.fid, CASE WHEN x.problems IS NOT NULL THEN 'rejected' WHEN x.repairs IS NOT NULL THEN 'repaired' ELSE 'accepted' END, "
        + "CASE WHEN f.parcel_id IS NULL THEN 'new' ELSE 'update' END, f.code, f.cluster_id, f.parcel_id, f.parcel_version, "
        + "coalesce(x.problems, '[]'), coalesce(x.repairs, '[]'), coalesce(x.warnings, '[]'), f.attrs, f.raw, f.declared_area_m2, "
        + "CASE WHEN f.geom IS NOT NULL THEN f.area_m2 END, CASE WHEN f.geom IS NOT NULL THEN f.srid END, f.cluster_version, f.source_type, CASE WHEN f.geom IS NULL THEN f.source_geom END, f.geom, f.overlap_core "
        + "FROM " + work("feature", jobId) + " f LEFT JOIN (SELECT fid, jsonb_agg(obj ORDER BY ord, seq) FILTER (WHERE kind = 'problem') AS problems, "
        + "jsonb_agg(obj ORDER BY ord, seq) FILTER (WHERE kind = 'repair') AS repairs, jsonb_agg(obj ORDER BY ord, seq) FILTER (WHERE kind = 'warning') AS warnings "
        + "FROM " + work("finding", jobId) + " GROUP BY fid) x ON x.fid = f.fid ORDER BY f.fid");
  }

  /**
   * Step 6: every distinct attribute value with a character outside ASCII, and how often it occurs (only such text can be
   * garbled by a wrong encoding), for {@link #mojibake}. Read from the features in parallel workers; judging a value
   * (mujun_looks_mojibake) opens a subtransaction, which no statement with workers may, so it is a statement of its own.
   */
  static String texts(long jobId) {
    return "CREATE UNLOGGED TABLE " + work("text", jobId) + " AS SELECT value AS v, count(*) AS n FROM " + work("feature", jobId)
        + ", jsonb_each_text(raw) WHERE value ~ '[^\\x01-\\x7f]' GROUP BY value";
  }

  /**
   * The dry run after the load, in order: outlines, the layer without its geometry, features (indexed, analysed),
   * overlaps, findings, the report, the non-ASCII texts, and the work tables dropped but the texts (read by
   * {@link #mojibake}, then dropped with {@link #dropTexts}). Parameters by name (see ImportService.check).
   */
  public static List<Named> dryRun(long jobId) {
    return List.of(outlines(jobId), Named.of(dropSourceGeometry(jobId)), features(jobId), Named.of(indexFeatures(jobId)),
        Named.of(analyzeFeatures(jobId)), overlaps(jobId), findings(jobId), report(jobId), Named.of(texts(jobId)), Named.of(dropWork(jobId)));
  }

  /** The dry run's work tables, dropped at its end. */
  static String dropWork(long jobId) {
    return "DROP TABLE IF EXISTS " + work("finding", jobId) + ", " + work("overlap", jobId) + ", " + work("feature", jobId) + ", " + work("outline", jobId);
  }

  /** The texts table, once {@link #mojibake} has read it. */
  static String dropTexts(long jobId) {
    return "DROP TABLE IF EXISTS " + work("text", jobId);
  }

  static final String COUNTS =
      "SELECT json_build_object('total', count(*), 'accepted', count(*) FILTER (WHERE status = 'accepted'), "
          + "'repaired', count(*) FILTER (WHERE status = 'repaired'), 'rejected', count(*) FILTER (WHERE status = 'rejected'), "
          + "'new', count(*) FILTER (WHERE status <> 'rejected' AND action = 'new'), 'update', count(*) FILTER (WHERE status <> 'rejected' AND action = 'update'), "
          + "'warnings', count(*) FILTER (WHERE jsonb_array_length(warnings) > 0))::text FROM import_feature WHERE import_id = ?";

  /**
   * Text that looks garbled by a wrong encoding (see mujun_looks_mojibake): how many values, and the first. Each distinct
   * non-ASCII value ({@link #texts}) is judged once (a file repeats its land uses and holders).
   */
  static String mojibake(long jobId) {
    return "SELECT coalesce(sum(n), 0), min(v) FROM " + work("text", jobId) + " WHERE mujun_looks_mojibake(v)";
  }

  static final String SET_CHECKED =
      "UPDATE import_job SET status = 'checked', source_crs = ?, crs_source = ?, encoding = ?, cluster_id = ?, mapping = ?::jsonb, "
          + "counts = ?::jsonb, warnings = ?::jsonb, overlap_tolerance_m2 = ? WHERE id = ?";

  /**
   * The new parcels of a checked import, with the zone and area the dry run measured on the same outline (the register's
   * trigger takes them for that import's rows instead of measuring again). Parameter: job id.
   */
  public static final String INSERT_NEW =
      "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, right_type, holder_id, registered_area_m2, supply_date, "
          + "transfer_price_wan, agreed_start_date, agreed_completion_date, contracted_investment_wan, floor_area_ratio, remarks, origin, import_id, "
          + "gk_srid, area_m2) "
          + "SELECT f.code, f.cluster_id, f.geom, f.attrs ->> 'landUseScheme', f.attrs ->> 'landUseCode', f.attrs ->> 'rightType', "
          + "(f.attrs ->> 'holderId')::bigint, f.declared_area_m2, (f.attrs ->> 'supplyDate')::date, (f.attrs ->> 'transferPriceWan')::numeric, "
          + "(f.attrs ->> 'agreedStartDate')::date, (f.attrs ->> 'agreedCompletionDate')::date, (f.attrs ->> 'contractedInvestmentWan')::numeric, "
          + "(f.attrs ->> 'floorAreaRatio')::numeric, coalesce(f.attrs ->> 'remarks', ''), 'import', f.import_id, f.gk_srid, f.area_m2 "
          + "FROM import_feature f WHERE f.import_id = ? AND f.status <> 'rejected' AND f.action = 'new' ORDER BY f.fid";

  /** The updated parcels of a checked import, as INSERT_NEW, at the version the dry run read. Parameter: job id. */
  static final String UPDATE_EXISTING =
      "UPDATE parcel p SET geom = f.geom, cluster_id = f.cluster_id, land_use_scheme = f.attrs ->> 'landUseScheme', land_use_code = f.attrs ->> 'landUseCode', "
          + "right_type = coalesce(f.attrs ->> 'rightType', p.right_type), holder_id = coalesce((f.attrs ->> 'holderId')::bigint, p.holder_id), "
          + "registered_area_m2 = coalesce(f.declared_area_m2::numeric, p.registered_area_m2), supply_date = coalesce((f.attrs ->> 'supplyDate')::date, p.supply_date), "
          + "transfer_price_wan = coalesce((f.attrs ->> 'transferPriceWan')::numeric, p.transfer_price_wan), "
          + "agreed_start_date = coalesce((f.attrs ->> 'agreedStartDate')::date, p.agreed_start_date), "
          + "agreed_completion_date = coalesce((f.attrs ->> 'agreedCompletionDate')::date, p.agreed_completion_date), "
          + "contracted_investment_wan = coalesce((f.attrs ->> 'contractedInvestmentWan')::numeric, p.contracted_investment_wan), "
          + "floor_area_ratio = coalesce((f.attrs ->> 'floorAreaRatio')::numeric, p.floor_area_ratio), remarks = coalesce(f.attrs ->> 'remarks', p.remarks), "
          + "import_id = f.import_id, gk_srid = f.gk_srid, area_m2 = f.area_m2 "
          + "FROM import_feature f WHERE f.import_id = ? AND f.status <> 'rejected' AND f.action = 'update' AND p.id = f.parcel_id AND p.version = f.parcel_version "
          + "AND p.status = 'current'";

  /**
   * At commit, under the lock on parcel: features to be written that now overlap a current parcel (one written since the
   * dry run), or lie outside their cluster's boundary when the cluster changed since the dry run placed them (its version
   * differs), and any whose outline lacks what mujun_check_geometry requires of a parcel: the register's trigger leaves
   * these rows to this statement. (The outlines are valid by construction: mujun_import_outline repairs each one after
   * its transformation and keeps only polygons of a valid result; validity is not tested again here, under the lock.)
   * Parameters: job id, overlap tolerance, job id, tolerance, job id. Returns the count and the first feature's number.
   */
  public static final String COMMIT_RECHECK =
      "SELECT count(*), min(fid) FROM ("
          + "SELECT a.fid FROM import_feature a JOIN parcel p ON p.status = 'current' AND p.geom && a.overlap_core AND ST_Intersects(a.overlap_core, p.geom) "
          + "AND p.id IS DISTINCT FROM a.parcel_id AND p.code IS DISTINCT FROM a.code "
          + "AND (p.import_id IS NULL OR p.import_id <> a.import_id) "
          + "WHERE a.import_id = ? AND a.status <> 'rejected' AND ST_Area(ST_Transform(ST_Intersection(a.geom, p.geom), mujun_gk_srid(a.geom))) > ? "
          + "UNION ALL SELECT a.fid FROM import_feature a JOIN cluster k ON k.id = a.cluster_id AND k.version IS DISTINCT FROM a.cluster_version "
          + "WHERE a.import_id = ? AND a.status <> 'rejected' AND mujun_outside_m2(a.geom, k.boundary, mujun_gk_srid(a.geom)) > ? "
          + "UNION ALL SELECT a.fid FROM import_feature a WHERE a.import_id = ? AND a.status <> 'rejected' "
          + "AND (a.geom IS NULL OR ST_IsEmpty(a.geom) OR ST_Area(a.geom) = 0 OR NOT mujun_in_region(a.geom))) x";

  static final String EXPECTED_UPDATES = "SELECT count(*) FROM import_feature WHERE import_id = ? AND status <> 'rejected' AND action = 'update'";

  static final String SET_COMMITTED =
      "UPDATE import_job SET status = 'committed', mode = ?, committed_at = now(), committed_by = ?, counts = counts || ?::jsonb WHERE id = ?";

  static final String REPORT_ROWS =
      "SELECT f.fid, f.status, f.action, f.code, k.name, k.name_en, round(f.area_m2::numeric, 2), round((f.area_m2 * 15 / 10000)::numeric, 4), "
          + "round(f.declared_area_m2::numeric, 2), f.problems::text, f.repairs::text, f.warnings::text "
          + "FROM import_feature f LEFT JOIN cluster k ON k.id = f.cluster_id WHERE f.import_id = ? AND (f.status <> 'accepted' OR NOT ?) ORDER BY f.fid";

  static final String FEATURES =
      "SELECT json_build_object('type', 'Feature', 'id', f.fid, 'geometry', ST_AsGeoJSON(coalesce(f.geom, f.source_geom), 7, 0)::json, "
          + "'properties', json_build_object('fid', f.fid, 'status', f.status, 'action', f.action, 'code', f.code, "
          + "'areaMu', round((f.area_m2 * 15 / 10000)::numeric, 2), 'problems', f.problems, 'repairs', f.repairs, 'warnings', f.warnings))::text "
          + "FROM import_feature f WHERE f.import_id = ? ORDER BY f.fid LIMIT ?";
}
