package mujun.evaluation;

import mujun.db.Named;

/**
 * SQL of the enterprise evaluation: methods, runs (snapshot, computation, publication, verification), results and
 * their explanations, exports, the map and the dashboard. Every value is bound by name; scope ({@code :scope}, the
 * caller's clusters) is in every read.
 */
final class EvalSql {
  private EvalSql() {}

  // ------------------------------------------------------------------ methods

  private static final String VERSIONS = "(SELECT json_agg(json_build_object('version', x.version, 'status', x.status, 'inForceFrom', x.in_force_from, "
      + "'note', x.note, 'savedBy', x.created_by, 'savedAt', x.created_at, 'changedBy', x.changed_by, 'changedAt', x.changed_at%s) ORDER BY x.version DESC) "
      + "FROM evaluation_method_version x WHERE x.method_id = m.id)";

  private static final String METHOD_JSON = "json_build_object('code', m.code, 'name', m.name, 'nameEn', m.name_en, 'description', m.description, "
      + "'ownerCity', m.owner_city_code, 'ownerCityName', oc.name, 'ownerCityNameEn', oc.name_en, 'createdBy', m.created_by, "
      + "'version', v.version, 'versionId', v.id, 'status', v.status, 'inForceFrom', v.in_force_from, 'definition', v.definition, 'savedBy', v.created_by, "
      + "'savedAt', v.created_at, 'versions', " + VERSIONS + ")";

  /** Each method with its current version: the newest in force, else the newest of any state. */
  private static final String METHOD_FROM = "FROM evaluation_method m LEFT JOIN city oc ON oc.code = m.owner_city_code "
      + "JOIN LATERAL (SELECT * FROM evaluation_method_version x WHERE x.method_id = m.id ORDER BY x.status = 'in_force' DESC, x.version DESC LIMIT 1) v ON true ";

  static final String METHODS = "SELECT COALESCE(json_agg(" + METHOD_JSON.formatted("") + " ORDER BY m.owner_city_code NULLS FIRST, m.id), '[]')::text " + METHOD_FROM;

  static final Named METHOD_ONE = Named.of("SELECT " + METHOD_JSON.formatted(", 'definition', x.definition") + "::text " + METHOD_FROM + "WHERE m.code = :code");

  static final Named NEW_METHOD = Named.of("INSERT INTO evaluation_method (code, name, name_en, description, owner_city_code, created_by) "
      + "VALUES (:code, :name, :nameEn, :description, :owner, :by) RETURNING id::text");

  static final Named METHOD_FOR_UPDATE = Named.of("SELECT id, owner_city_code FROM evaluation_method WHERE code = :code FOR UPDATE");

  static final Named NEW_VERSION = Named.of("INSERT INTO evaluation_method_version (method_id, version, definition, created_by, status, in_force_from, note) "
      + "SELECT :method, COALESCE(max(version), 0) + 1, :definition::jsonb, :by, :status, :from, :note FROM evaluation_method_version WHERE method_id = :method RETURNING version");

  static final Named VERSION_FOR_UPDATE = Named.of("SELECT status, definition::text FROM evaluation_method_version WHERE method_id = :method AND version = :version FOR UPDATE");

  static final Named CHANGE_VERSION = Named.of("UPDATE evaluation_method_version SET definition = COALESCE(:definition::jsonb, definition), status = :status, "
      + "in_force_from = CASE WHEN :fromGiven THEN :from::smallint ELSE in_force_from END, note = COALESCE(:note, note) WHERE method_id = :method AND version = :version");

  static final Named VERSION_DEFINITION = Named.of("SELECT definition::text FROM evaluation_method_version WHERE id = :id");

  /** The version a run of a year uses when none is named: the newest in force from that year or earlier. */
  static final Named IN_FORCE_VERSION = Named.of("SELECT v.id::text FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id "
      + "WHERE m.code = :method AND v.status = 'in_force' AND (v.in_force_from IS NULL OR v.in_force_from <= :year) ORDER BY v.version DESC LIMIT 1");

  static final Named VERSION = Named.of("SELECT v.id::text FROM evaluation_method_version v JOIN evaluation_method m ON m.id = v.method_id "
      + "WHERE m.code = :method AND v.version = :version");

  static final Named VERSION_STATUS = Named.of("SELECT status FROM evaluation_method_version WHERE id = :id");

  /** The published run of a year that covers most of the given clusters (the base a preview compares with). */
  static final Named PUBLISHED_FOR_YEAR = Named.of("SELECT id::text FROM evaluation_run WHERE status = 'published' AND year = :year AND clusters && :clusters "
      + "ORDER BY cardinality(ARRAY(SELECT unnest(clusters) INTERSECT SELECT unnest(:clusters::int[]))) DESC, published_at DESC LIMIT 1");

  /** A preview beside its base: classes of each, the transitions, and the enterprises whose class would change. */
  static final Named PREVIEW_DIFF = Named.of("WITH n AS (SELECT enterprise_id, cluster_id, class, score, class_step, exclusion, reason FROM evaluation_result WHERE run_id = :run), "
      + "o AS (SELECT enterprise_id, class, score FROM evaluation_result WHERE run_id = :base AND cluster_id = ANY(:clusters)), "
      + "j AS (SELECT COALESCE(n.enterprise_id, o.enterprise_id) AS enterprise_id, o.class AS was, n.class AS would, o.score AS was_score, n.score AS would_score, "
      + "  n.class_step, n.exclusion, n.reason, n.cluster_id FROM n FULL JOIN o ON o.enterprise_id = n.enterprise_id) "
      + "SELECT json_build_object('enterprises', (SELECT count(*) FROM n), 'evaluated', (SELECT count(*) FROM n WHERE class IS NOT NULL), "
      + "'classes', (SELECT COALESCE(json_object_agg(class, k), '{}') FROM (SELECT class, count(*) k FROM n WHERE class IS NOT NULL GROUP BY class) x), "
      + "'baseClasses', (SELECT COALESCE(json_object_agg(class, k), '{}') FROM (SELECT class, count(*) k FROM o WHERE class IS NOT NULL GROUP BY class) x), "
      + "'transitions', (SELECT COALESCE(json_agg(json_build_object('from', was, 'to', would, 'count', k) ORDER BY was NULLS FIRST, would NULLS FIRST), '[]') "
      + "  FROM (SELECT was, would, count(*) k FROM j GROUP BY was, would) x), "
      + "'changed', (SELECT count(*) FROM j WHERE was IS DISTINCT FROM would), "
      + "'changes', (SELECT COALESCE(json_agg(json_build_object('enterpriseId', e.id, 'name', e.name, 'creditCode', e.credit_code, 'cluster', k.name, "
      + "  'clusterEn', k.name_en, 'was', j.was, 'would', j.would, 'wasScore', j.was_score, 'wouldScore', j.would_score, 'step', j.class_step, "
      + "  'exclusion', j.exclusion, 'reason', j.reason) ORDER BY k.code, e.name), '[]') FROM (SELECT * FROM j WHERE was IS DISTINCT FROM would ORDER BY enterprise_id LIMIT 500) j "
      + "  JOIN enterprise e ON e.id = j.enterprise_id JOIN cluster k ON k.id = e.cluster_id))::text");

  // ------------------------------------------------------------------ runs

  static final String ALL_CLUSTERS = "SELECT COALESCE(array_agg(id ORDER BY id), '{}') FROM cluster";

  static final Named RUN_STATUS_IN_YEAR = Named.of("SELECT status FROM evaluation_run WHERE id = :run AND year = :year");

  static final Named NEW_RUN = Named.of("INSERT INTO evaluation_run (method_version_id, year, clusters, created_by, corrects_run_id, note) "
      + "VALUES (:version, :year, :clusters, :by, :corrects, :note) RETURNING id::text");

  /**
   * The frozen inputs of a run: every enterprise of its clusters with its land and the year's figures — by reference to
   * the history row of the figures' version (never changed; the row keeps its id, V34, or, written before that, it is
   * looked up), or copied when none holds it. Of the figures it reads only what enterprise_indicator_year_idx holds
   * (an index-only scan), the row itself only to copy it.
   */
  static final Named SNAPSHOT = Named.of("INSERT INTO evaluation_input (run_id, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures, "
      + "figures_history_id, industry_code, above_since, city_code) "
      + "SELECT :run, e.id, e.cluster_id, e.size_class, COALESCE(e.production_started_on, e.founded_on), COALESCE(h.mu, 0), COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000, "
      + "CASE WHEN i.enterprise_id IS NOT NULL AND COALESCE(i.history_id, hist.id) IS NULL THEN (SELECT to_jsonb(x) - 'history_id' FROM enterprise_indicator x "
      + "  WHERE x.enterprise_id = i.enterprise_id AND x.year = i.year) END, COALESCE(i.history_id, hist.id), e.industry_code, e.above_since, k.city_code "
      + "FROM enterprise e JOIN cluster k ON k.id = e.cluster_id "
      + "LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q JOIN enterprise x ON x.id = q.holder_id "
      + "  WHERE q.status = 'current' AND x.cluster_id = ANY(:clusters) GROUP BY q.holder_id) h ON h.holder_id = e.id "
      + "LEFT JOIN enterprise_indicator i ON i.enterprise_id = e.id AND i.year = :year "
      + "LEFT JOIN LATERAL (SELECT ch.id FROM change_history ch WHERE i.enterprise_id IS NOT NULL AND i.history_id IS NULL "
      + "  AND ch.entity = 'enterprise_indicator' AND ch.entity_id = i.enterprise_id || '/' || i.year AND ch.version = i.version ORDER BY ch.id DESC LIMIT 1) hist ON true "
      + "WHERE e.cluster_id = ANY(:clusters)");

  /** A frozen input's figures, whether copied or by reference (alias i = evaluation_input). */
  static final String INPUT_FIGURES = "COALESCE(i.figures, (SELECT ch.row_data FROM change_history ch WHERE ch.id = i.figures_history_id))";

  /** The method's own order of sources per figure ({"tax_wan": ["tax", "stats"]}), or null. */
  static final Named METHOD_SOURCES = Named.of("SELECT (definition->'sources')::text FROM evaluation_method_version WHERE id = :version AND jsonb_exists(definition, 'sources')");

  /**
   * In a run's frozen inputs, a figure taken from the first source of the method's order that gave one (the others
   * stay listed, marked as not used); the inputs it changes are copied from their history first.
   */
  static final Named PREFER_SOURCES = Named.of("UPDATE evaluation_input i SET figures = jsonb_set(jsonb_set(i.figures, ARRAY[:figure], "
      + "CASE WHEN :flag THEN to_jsonb(x.value <> 0) ELSE to_jsonb(x.value) END), ARRAY['sources', :figure], "
      + "(SELECT jsonb_agg(s || jsonb_build_object('used', s->>'source' = x.source)) FROM jsonb_array_elements(i.figures->'sources'->:figure) s)) "
      + "FROM (SELECT i2.enterprise_id, pick.value, pick.source FROM evaluation_input i2 CROSS JOIN LATERAL ("
      + "  SELECT (s->>'value')::numeric AS value, s->>'source' AS source FROM jsonb_array_elements(i2.figures->'sources'->:figure) s "
      + "  JOIN unnest(:order::text[]) WITH ORDINALITY o(src, n) ON o.src = s->>'source' WHERE s->>'value' IS NOT NULL ORDER BY o.n LIMIT 1) pick "
      + "  WHERE i2.run_id = :run AND jsonb_exists(i2.figures->'sources', :figure)) x "
      + "WHERE i.run_id = :run AND i.enterprise_id = x.enterprise_id");

  /** Copies a run's figures from their history into the run (before the method's order of sources rewrites them). */
  static final Named MATERIALIZE_FIGURES = Named.of("UPDATE evaluation_input i SET figures = (SELECT ch.row_data FROM change_history ch WHERE ch.id = i.figures_history_id) "
      + "WHERE i.run_id = :run AND i.figures IS NULL AND i.figures_history_id IS NOT NULL");

  static final Named COMPUTE = Named.of("SELECT evaluation_compute(:run)::text");

  static final Named RUN_DURATION = Named.of("UPDATE evaluation_run SET duration_ms = :ms WHERE id = :run");

  private static final String RUN_JSON = "json_build_object('id', r.id, 'year', r.year, 'clusters', r.clusters, 'status', r.status, 'correctsRunId', r.corrects_run_id, "
      + "'note', r.note, 'createdBy', r.created_by, 'createdAt', r.created_at, 'publishedBy', r.published_by, 'publishedAt', r.published_at, "
      + "'durationMs', r.duration_ms, 'outputSha256', r.output_sha256, 'method', m.code, 'methodName', m.name, 'methodNameEn', m.name_en, 'methodVersion', v.version, "
      + "'classes', v.definition->'classes', "
      + "'counts', (SELECT json_object_agg(k, n) FROM (SELECT COALESCE(er.class, 'excluded') k, count(*) n FROM evaluation_result er "
      + "   WHERE er.run_id = r.id AND er.cluster_id = ANY(:scope) GROUP BY 1) x))";

  private static final String RUN_FROM = " FROM evaluation_run r JOIN evaluation_method_version v ON v.id = r.method_version_id JOIN evaluation_method m ON m.id = v.method_id ";

  static final Named RUNS = Named.of("SELECT COALESCE(json_agg(" + RUN_JSON + " ORDER BY r.id DESC), '[]')::text" + RUN_FROM
      + "WHERE r.clusters && :scope AND r.status <> 'discarded' AND (:year::int IS NULL OR r.year = :year)");

  static final Named RUN = Named.of("SELECT " + RUN_JSON + "::text" + RUN_FROM + "WHERE r.id = :run AND r.clusters && :scope");

  /**
   * A page of a run's results in the caller's clusters, filtered by cluster, class ('excluded' for none), group, a name
   * or credit code, and whether the class changed from the year before (the latest published run of that year), with
   * the number matched; each row with its previous class.
   */
  static final Named RESULTS = Named.of("WITH m AS (SELECT er.*, e.name, e.credit_code, k.name AS cluster_name, "
      + "  (SELECT er2.class FROM evaluation_run r2 JOIN evaluation_result er2 ON er2.run_id = r2.id AND er2.enterprise_id = er.enterprise_id "
      + "   WHERE r2.status = 'published' AND r2.year = r.year - 1 ORDER BY r2.published_at DESC LIMIT 1) AS previous "
      + "  FROM evaluation_result er JOIN evaluation_run r ON r.id = er.run_id JOIN enterprise e ON e.id = er.enterprise_id JOIN cluster k ON k.id = er.cluster_id "
      + "  WHERE er.run_id = :run AND er.cluster_id = ANY(:scope) AND (:cluster::int IS NULL OR er.cluster_id = :cluster) "
      + "  AND (:class::text IS NULL OR er.class = :class OR (:class = 'excluded' AND er.class IS NULL)) AND (:group::text IS NULL OR er.group_code = :group) "
      + "  AND (:q::text IS NULL OR lower(e.name) LIKE :contains ESCAPE '\\' OR e.credit_code LIKE :prefix ESCAPE '\\')), "
      + "f AS (SELECT * FROM m WHERE NOT :changed OR m.class IS DISTINCT FROM m.previous) "
      + "SELECT json_build_object('numberMatched', (SELECT count(*) FROM f), 'items', COALESCE((SELECT json_agg(json_build_object('enterpriseId', x.enterprise_id, "
      + "'name', x.name, 'creditCode', x.credit_code, 'clusterId', x.cluster_id, 'clusterName', x.cluster_name, 'group', x.group_code, 'evaluated', x.evaluated, "
      + "'exclusion', x.exclusion, 'landMu', round(x.land_mu::numeric, 2), 'score', x.score, 'rank', x.rank, 'groupSize', x.group_size, 'class', x.class, "
      + "'previousClass', x.previous, 'classStep', x.class_step, 'reason', x.reason, 'veto', x.veto) ORDER BY x.cluster_id, x.group_code, x.rank NULLS LAST, x.credit_code) "
      + "FROM (SELECT * FROM f ORDER BY cluster_id, group_code, rank NULLS LAST, credit_code LIMIT :limit OFFSET :offset) x), '[]'))::text");

  /**
   * An enterprise's result, input and method context. Each indicator is completed from the method version: its cap,
   * benchmark type, name and unit (the stored detail keeps only what the computation decided), and whether the value
   * was missing or not positive.
   */
  static final Named EXPLAIN = Named.of("SELECT json_build_object('result', to_jsonb(er) - 'run_id' || jsonb_build_object('indicators', COALESCE((SELECT jsonb_agg(x.x "
      + "|| jsonb_build_object('missing', jsonb_typeof(x.x->'value') IS DISTINCT FROM 'number', 'nonPositive', (x.x->>'value')::float8 <= 0, "
      + "'cap', sp->'cap', 'benchmarkType', COALESCE(sp->'benchmark'->>'type', 'mean'), 'name', sp->'name', 'nameEn', sp->'nameEn', 'unit', sp->'unit') ORDER BY s.n) "
      + "FROM jsonb_array_elements((SELECT g->'indicators' FROM jsonb_array_elements(v.definition->'groups') g WHERE g->>'code' = er.group_code LIMIT 1)) WITH ORDINALITY s(sp, n) "
      // Runs before the flat form stored an object per indicator.
      + "CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(er.indicators::jsonb->0) = 'object' "
      + "  THEN (SELECT o FROM jsonb_array_elements(er.indicators::jsonb) o WHERE o->>'code' = s.sp->>'code' LIMIT 1) "
      + "  ELSE jsonb_build_object('code', s.sp->>'code', 'weight', s.sp->'weight', 'value', er.indicators::jsonb->(3 * s.n::int - 3), "
      + "    'benchmark', er.indicators::jsonb->(3 * s.n::int - 2), 'points', er.indicators::jsonb->(3 * s.n::int - 1), "
      + "    'capped', (er.indicators::jsonb->>(3 * s.n::int - 3))::float8 > 0 AND (er.indicators::jsonb->>(3 * s.n::int - 2))::float8 > 0 "
      + "      AND (er.indicators::jsonb->>(3 * s.n::int - 3))::float8 / (er.indicators::jsonb->>(3 * s.n::int - 2))::float8 "
      + "      >= COALESCE((s.sp->>'cap')::float8, 'Infinity')) END AS x) x WHERE er.evaluated), '[]'::jsonb), "
      // Each item that held, with its name, evidence, class and reason from the method version (runs before kept them in the row).
      + "'items', (SELECT jsonb_agg(jsonb_strip_nulls(it.it || COALESCE((SELECT jsonb_build_object('name', m->'name', 'evidence', m->'evidence', 'class', m->'class', "
      + "  'reason', COALESCE(m->'reason', m->'name')) FROM jsonb_array_elements(mujun_method_items(v.definition)) m WHERE m->>'code' = it.it->>'code' LIMIT 1), '{}'::jsonb) "
      + "  || (it.it - 'name' - 'reason' - 'evidence' - 'class'))) FROM jsonb_array_elements(er.items) it(it))), "
      + "'input', (to_jsonb(i) - 'run_id' - 'figures_history_id') || jsonb_build_object('figures', " + INPUT_FIGURES + "), 'enterprise', json_build_object('id', e.id, "
      + "'name', e.name, 'creditCode', e.credit_code, 'industryCode', e.industry_code, 'sizeClass', e.size_class, 'foundedOn', e.founded_on, "
      + "'clusterName', k.name, 'clusterNameEn', k.name_en), 'year', r.year, 'runStatus', r.status, 'classes', v.definition->'classes')::text "
      + "FROM evaluation_result er JOIN evaluation_input i ON i.run_id = er.run_id AND i.enterprise_id = er.enterprise_id "
      + "JOIN enterprise e ON e.id = er.enterprise_id JOIN cluster k ON k.id = er.cluster_id JOIN evaluation_run r ON r.id = er.run_id "
      + "JOIN evaluation_method_version v ON v.id = r.method_version_id WHERE er.run_id = :run AND er.enterprise_id = :enterprise AND er.cluster_id = ANY(:scope)");

  /** An enterprise's classes in published runs, one per year (the newest publication). */
  static final Named CLASS_HISTORY = Named.of("SELECT COALESCE(json_agg(json_build_object('year', h.year, 'class', h.class, 'runId', h.run_id, 'score', h.score) "
      + "ORDER BY h.year), '[]')::text FROM (SELECT DISTINCT ON (r.year) r.year, er.class, er.run_id, er.score FROM evaluation_result er "
      + "JOIN evaluation_run r ON r.id = er.run_id WHERE er.enterprise_id = :enterprise AND r.status = 'published' ORDER BY r.year, r.published_at DESC) h");

  /** An enterprise's figures over the five years up to the run's (the 一企一档's trend). */
  static final Named TREND = Named.of("SELECT COALESCE(json_agg(json_build_object('year', year, 'taxWan', tax_wan, 'revenueWan', revenue_wan, "
      + "'valueAddedWan', value_added_wan, 'outputWan', output_wan, 'energyTce', energy_tce, 'employees', employees, 'rdWan', rd_wan) ORDER BY year), '[]')::text "
      + "FROM enterprise_indicator WHERE enterprise_id = :enterprise AND year BETWEEN :year - 4 AND :year");

  static final Named ENTERPRISE_PARCELS = Named.of("SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object('type', 'Feature', "
      + "'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json, 'properties', json_build_object('code', p.code, 'areaMu', round(p.area_mu::numeric, 2)))), '[]'))::text "
      + "FROM parcel p WHERE p.holder_id = :enterprise AND p.status = 'current'");

  static final Named RUN_FOR_PUBLISH = Named.of("SELECT status, corrects_run_id, year FROM evaluation_run WHERE id = :run AND clusters <@ :scope FOR UPDATE");

  /** Runs already published for the year in any of the run's clusters, other than the one it corrects. */
  static final Named PUBLISHED_CLASH = Named.of("SELECT string_agg(id::text, ', ') FROM evaluation_run o WHERE o.status = 'published' AND o.year = :year "
      + "AND o.clusters && (SELECT clusters FROM evaluation_run WHERE id = :run) AND o.id IS DISTINCT FROM :corrects");

  static final Named SUPERSEDE = Named.of("UPDATE evaluation_run SET status = 'superseded' WHERE id = :run AND status = 'published'");

  static final Named PUBLISH = Named.of("UPDATE evaluation_run SET status = 'published', published_by = :by, published_at = now() WHERE id = :run");

  static final Named DISCARD_DRAFT = Named.of("UPDATE evaluation_run SET status = 'discarded' WHERE id = :run AND status = 'draft' AND clusters <@ :scope");

  /** A run's output hash: the one frozen at publication, else computed now. */
  static final Named OUTPUT_HASH_IN_SCOPE = Named.of("SELECT COALESCE(output_sha256, evaluation_hash(id)) FROM evaluation_run WHERE id = :run AND clusters && :scope");

  static final Named FREEZE_HASH = Named.of("UPDATE evaluation_run SET output_sha256 = evaluation_hash(id) WHERE id = :run AND status = 'draft'");

  static final Named SCRATCH_RUN = Named.of("INSERT INTO evaluation_run (method_version_id, year, clusters, created_by, note) "
      + "SELECT method_version_id, year, clusters, :by, 'verification of run ' || id FROM evaluation_run WHERE id = :run RETURNING id::text");

  static final Named COPY_INPUT = Named.of("INSERT INTO evaluation_input (run_id, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures, "
      + "figures_history_id, industry_code, above_since, city_code) SELECT :scratch, enterprise_id, cluster_id, size_class, founded_on, held_mu, rented_mu, figures, "
      + "figures_history_id, industry_code, above_since, city_code FROM evaluation_input WHERE run_id = :run");

  /** Enterprises whose decisions differ between a run and its recomputation. */
  static final Named DECISIONS_DIFFER = Named.of("WITH a AS (SELECT enterprise_id, group_code, evaluated, score, rank, group_size, class, bonus, veto IS NOT NULL AS vetoed "
      + "FROM evaluation_result WHERE run_id = :run), b AS (SELECT enterprise_id, group_code, evaluated, score, rank, group_size, class, bonus, veto IS NOT NULL "
      + "FROM evaluation_result WHERE run_id = :scratch) SELECT count(DISTINCT enterprise_id)::text FROM ((SELECT * FROM a EXCEPT SELECT * FROM b) "
      + "UNION ALL (SELECT * FROM b EXCEPT SELECT * FROM a)) x");

  static final Named OUTPUT_HASH = Named.of("SELECT evaluation_hash(:run)");

  static final Named DISCARD = Named.of("UPDATE evaluation_run SET status = 'discarded' WHERE id = :run");

  // ------------------------------------------------------------------ exports

  static final Named RESULT_ROWS = Named.of("SELECT k.name, k.name_en, e.name, e.credit_code, er.group_code, round(er.land_mu::numeric, 2), er.score, er.rank, er.group_size, "
      + "er.class, COALESCE(er.exclusion, er.class_step), er.reason::text, "
      // the group's name in the method (its code when it has none)
      + "COALESCE((SELECT g->>'name' FROM jsonb_array_elements(v.definition->'groups') g WHERE g->>'code' = er.group_code LIMIT 1), er.group_code) "
      + "FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id JOIN cluster k ON k.id = er.cluster_id "
      + "JOIN evaluation_run r ON r.id = er.run_id JOIN evaluation_method_version v ON v.id = r.method_version_id "
      + "WHERE er.run_id = :run AND er.cluster_id = ANY(:scope) ORDER BY k.code, er.class NULLS LAST, er.rank, e.credit_code");

  /**
   * The policies each classified enterprise gets for the run's year (the class streak from published runs decides the
   * escalation): the method's own policies when it has any, else the general ones; for one department or all, one
   * enterprise or all.
   */
  static final Named POLICY_ROWS = Named.of("WITH r AS (SELECT x.id, x.year, v.method_id FROM evaluation_run x JOIN evaluation_method_version v ON v.id = x.method_version_id WHERE x.id = :run), "
      + "cur AS (SELECT er.enterprise_id, er.cluster_id, er.class, r.year FROM evaluation_result er, r WHERE er.run_id = r.id AND er.class IS NOT NULL "
      + "  AND er.cluster_id = ANY(:scope) AND (:enterprise::bigint IS NULL OR er.enterprise_id = :enterprise)), "
      + "hist AS (SELECT DISTINCT ON (x.year, er.enterprise_id) x.year, er.enterprise_id, er.class FROM evaluation_result er JOIN evaluation_run x ON x.id = er.run_id "
      + "  WHERE x.status = 'published' AND er.evaluated AND er.enterprise_id IN (SELECT enterprise_id FROM cur) ORDER BY x.year, er.enterprise_id, x.published_at DESC), "
      + "streak AS (SELECT cur.*, (SELECT min(g) FROM generate_series(1, 30) g WHERE NOT EXISTS (SELECT 1 FROM hist h "
      + "   WHERE h.enterprise_id = cur.enterprise_id AND h.year = cur.year - g AND h.class = cur.class)) AS years FROM cur), "
      + "pol AS (SELECT p.* FROM evaluation_policy p, r WHERE p.active AND (p.method_id = r.method_id OR p.method_id IS NULL "
      + "  AND NOT EXISTS (SELECT 1 FROM evaluation_policy q WHERE q.method_id = r.method_id AND q.active))) "
      + "SELECT k.name, e.name, e.credit_code, s.year, s.class, s.years, pk.name, d.name, p.description, p.value, p.unit, p.legal_basis FROM streak s "
      + "JOIN pol p ON p.class = s.class AND s.years >= p.min_consecutive_years AND (p.max_consecutive_years IS NULL OR s.years <= p.max_consecutive_years) "
      + "JOIN policy_kind pk ON pk.code = p.kind JOIN policy_department d ON d.code = pk.department "
      + "JOIN enterprise e ON e.id = s.enterprise_id JOIN cluster k ON k.id = s.cluster_id "
      + "WHERE (:department::text IS NULL OR pk.department = :department) ORDER BY k.code, e.credit_code, d.sort, p.sort, p.kind");

  // ------------------------------------------------------------------ map and dashboard

  /** The land of a run's evaluated enterprises in a bbox, coloured by class. */
  static final Named MAP = Named.of("SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object('type', 'Feature', 'id', p.id, "
      + "'geometry', ST_AsGeoJSON(p.geom, 6)::json, 'properties', json_build_object('code', p.code, 'enterpriseId', er.enterprise_id, 'name', e.name, "
      + "'class', COALESCE(er.class, 'excluded'), 'score', er.score))), '[]'))::text FROM evaluation_result er JOIN parcel p ON p.holder_id = er.enterprise_id "
      + "AND p.status = 'current' JOIN enterprise e ON e.id = er.enterprise_id WHERE er.run_id = :run AND er.cluster_id = ANY(:scope) "
      + "AND p.geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490)");

  static final Named DASHBOARD = Named.of("WITH f AS (SELECT e.cluster_id, i.year, sum(i.tax_wan) tax, sum(i.value_added_wan) va, sum(i.energy_tce) energy, "
      + "  sum(COALESCE(h.mu, 0) + COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000) land "
      + "  FROM enterprise e JOIN enterprise_indicator i ON i.enterprise_id = e.id "
      + "  LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q WHERE q.status = 'current' AND q.holder_id IS NOT NULL GROUP BY q.holder_id) h ON h.holder_id = e.id "
      + "  WHERE e.cluster_id = ANY(:scope) AND i.year BETWEEN :year - 4 AND :year GROUP BY e.cluster_id, i.year), "
      + "pub AS (SELECT DISTINCT ON (er.enterprise_id) er.cluster_id, er.class FROM evaluation_result er JOIN evaluation_run r ON r.id = er.run_id "
      + "  WHERE r.status = 'published' AND r.year = :year AND er.class IS NOT NULL ORDER BY er.enterprise_id, r.published_at DESC) "
      + "SELECT json_build_object('clusters', COALESCE(json_agg(json_build_object('clusterId', k.id, 'code', k.code, 'name', k.name, 'nameEn', k.name_en, "
      + "  'cityCode', k.city_code, 'cityName', c.name, 'cityNameEn', c.name_en, "
      + "  'series', (SELECT json_agg(json_build_object('year', f.year, 'taxPerMu', round((f.tax / NULLIF(f.land, 0))::numeric, 2), "
      + "     'vaPerMu', round((f.va / NULLIF(f.land, 0))::numeric, 2), 'energyPerVa', round((f.energy / NULLIF(f.va, 0))::numeric, 4), 'landMu', round(f.land::numeric, 1)) "
      + "     ORDER BY f.year) FROM f WHERE f.cluster_id = k.id), "
      + "  'classes', (SELECT json_object_agg(x.class, x.n) FROM (SELECT pub.class, count(*) n FROM pub WHERE pub.cluster_id = k.id GROUP BY pub.class) x), "
      + "  'lowEfficiencyMu', (SELECT round(COALESCE(sum(t.area_mu), 0)::numeric, 2) FROM low_eff_tag t WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "  'parks', (SELECT json_agg(json_build_object('id', x.id, 'code', x.code, 'name', x.name, 'nameEn', x.name_en, 'kind', x.kind, 'kindName', pk.name, "
      + "     'kindNameEn', pk.name_en, 'summary', park_summary(x.id, :year)) ORDER BY x.code) FROM park x JOIN park_kind pk ON pk.code = x.kind "
      + "     WHERE x.cluster_id = k.id AND x.status = 'active')) "
      + "  ORDER BY k.city_code, k.code), '[]'), "
      + "'targets', (SELECT json_agg(json_build_object('key', key, 'value', value, 'label', label)) FROM dashboard_target WHERE scope_code = ''))::text "
      + "FROM cluster k JOIN city c ON c.code = k.city_code WHERE k.id = ANY(:scope)");
}
