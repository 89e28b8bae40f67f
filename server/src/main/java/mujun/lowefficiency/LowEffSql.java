package mujun.lowefficiency;

/** SQL of low-efficiency land. Every value is bound; the only text assembled here is from constants. */
final class LowEffSql {
  private LowEffSql() {}

  /** The active plan of a tag (alias dp), joined laterally. */
  static final String PLAN_JOIN = " LEFT JOIN LATERAL (SELECT * FROM disposal_plan d WHERE d.tag_id = t.id AND d.status <> 'cancelled' LIMIT 1) dp ON true ";

  /** The legal dates of an idle tag's land (low_eff_idle_dates), alias ld.dates; null for other kinds. */
  static final String DATES_JOIN = " LEFT JOIN LATERAL (SELECT CASE WHEN t.kind = 'idle' THEN low_eff_idle_dates(t.parcel_id) END AS dates) ld ON true ";

  static final String JOINS = " JOIN parcel p ON p.id = t.parcel_id JOIN cluster k ON k.id = t.cluster_id JOIN low_eff_kind lk ON lk.code = t.kind "
      + "LEFT JOIN enterprise e ON e.id = t.enterprise_id" + PLAN_JOIN + DATES_JOIN;

  /** An active idle tag whose fee date has passed with no fee decision recorded. */
  static final String FEE_PASSED = "(t.kind = 'idle' AND t.status = 'active' AND t.fee_decided_on IS NULL AND (ld.dates ->> 'feeFrom')::date <= current_date)";

  /** An active idle tag whose recovery date has passed with no recovery decision recorded. */
  static final String RECOVERY_PASSED = "(t.kind = 'idle' AND t.status = 'active' AND t.recovery_decided_on IS NULL AND t.recovery_date <= current_date)";

  /** Overdue: the plan's deadline or a step's due date passed without it being done. */
  static final String OVERDUE = "(dp.id IS NOT NULL AND dp.status IN ('planned', 'in_progress') AND (dp.deadline < current_date "
      + "OR EXISTS (SELECT 1 FROM disposal_step s WHERE s.plan_id = dp.id AND s.done_on IS NULL AND s.due_date < current_date)))";

  /** The land-market patrol's red warning: an agreed date of the parcel passed with no event recorded. */
  static final String PATROL = "((p.agreed_start_date < current_date AND p.actual_start_date IS NULL) "
      + "OR (p.agreed_completion_date < current_date AND p.actual_completion_date IS NULL))";

  static final String PROPS = "json_build_object('parcelId', t.parcel_id, 'parcelCode', p.code, 'clusterId', t.cluster_id, 'clusterName', k.name, "
      + "'clusterNameEn', k.name_en, 'kind', t.kind, 'kindName', lk.name, 'kindNameEn', lk.name_en, 'color', lk.color, 'wholeParcel', t.whole_parcel, "
      + "'areaM2', round(t.area_m2::numeric, 2), 'areaMu', round(t.area_mu::numeric, 2), 'surveyDate', t.survey_date, 'criteria', t.criteria, "
      + "'notes', t.notes, 'enterpriseId', t.enterprise_id, 'enterpriseName', e.name, 'enterpriseCreditCode', e.credit_code, "
      + "'idleFeeWan', t.idle_fee_wan, 'recoveryDate', t.recovery_date, 'status', t.status, 'clearedReason', t.cleared_reason, 'version', t.version, "
      + "'validFrom', t.valid_from, 'changedBy', t.changed_by, 'planId', dp.id, 'planMethod', dp.method, 'planStatus', dp.status, "
      + "'planDeadline', dp.deadline, 'revivedMu', dp.revived_mu, 'disposal', COALESCE(dp.status, 'none'), 'overdue', " + OVERDUE + ", "
      + "'patrolWarning', " + PATROL + ", 'agreedStartDate', p.agreed_start_date, 'agreedCompletionDate', p.agreed_completion_date, "
      + "'legalDates', ld.dates, 'feeDecidedOn', t.fee_decided_on, 'feeDecisionRef', t.fee_decision_ref, "
      + "'recoveryDecidedOn', t.recovery_decided_on, 'recoveryDecisionRef', t.recovery_decision_ref, "
      + "'feeDatePassed', " + FEE_PASSED + ", 'recoveryDatePassed', " + RECOVERY_PASSED + ")";

  static String feature(int precision) {
    return "json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, " + precision + ")::json, 'properties', " + PROPS + ")::text";
  }

  /**
   * Tags in scope, filtered; parameters: scope, status (x2), kind (x2), cluster (x2), disposal (x2), from (x2), to (x2),
   * bbox null-check + 4, limit.
   */
  static final String LIST = "SELECT " + feature(7) + " FROM low_eff_tag t" + JOINS
      + "WHERE t.cluster_id = ANY(?) AND (?::text IS NULL OR t.status = ?) AND (?::text IS NULL OR t.kind = ?) AND (?::int IS NULL OR t.cluster_id = ?) "
      + "AND (?::text IS NULL OR COALESCE(dp.status, 'none') = ?) AND (?::date IS NULL OR t.survey_date >= ?) AND (?::date IS NULL OR t.survey_date <= ?) "
      + "AND (?::float8 IS NULL OR t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)) ORDER BY t.cluster_id, t.survey_date DESC, t.id LIMIT ?";

  /** One tag; parameters: id, scope. Columns: feature, version. */
  static final String ONE = "SELECT " + feature(7) + ", t.version FROM low_eff_tag t" + JOINS + "WHERE t.id = ? AND t.cluster_id = ANY(?)";

  static final String PLAN = "SELECT json_build_object('id', d.id, 'method', d.method, 'methodName', m.name, 'methodNameEn', m.name_en, "
      + "'responsibleUnit', d.responsible_unit, 'deadline', d.deadline, 'status', d.status, 'notes', d.notes, 'revivedMu', d.revived_mu, "
      + "'newEnterpriseId', d.new_enterprise_id, 'newEnterpriseName', ne.name, 'newTaxWan', d.new_tax_wan, 'completedOn', d.completed_on, "
      + "'outcomeNote', d.outcome_note, 'version', d.version, 'changedBy', d.changed_by, 'changedAt', d.changed_at, "
      + "'overdue', d.status IN ('planned', 'in_progress') AND d.deadline < current_date, "
      + "'steps', COALESCE((SELECT json_agg(json_build_object('id', s.id, 'title', s.title, 'dueDate', s.due_date, 'doneOn', s.done_on, 'note', s.note, "
      + "'version', s.version, 'overdue', s.done_on IS NULL AND s.due_date < current_date) ORDER BY s.due_date, s.id) FROM disposal_step s WHERE s.plan_id = d.id), '[]'))::text "
      + "FROM disposal_plan d JOIN disposal_method m ON m.code = d.method LEFT JOIN enterprise ne ON ne.id = d.new_enterprise_id "
      + "WHERE d.tag_id = ? AND d.status <> 'cancelled'";

  static final String HISTORY = "SELECT COALESCE(json_agg(json_build_object('entity', entity, 'version', version, 'operation', operation, 'changedAt', changed_at, "
      + "'changedBy', changed_by, 'reason', change_reason) ORDER BY changed_at DESC, id DESC), '[]')::text FROM change_history "
      + "WHERE (entity = 'low_eff_tag' AND entity_id = ?) OR (entity = 'disposal_plan' AND entity_id IN (SELECT id::text FROM disposal_plan WHERE tag_id = ?)) "
      + "OR (entity = 'disposal_step' AND entity_id IN (SELECT s.id::text FROM disposal_step s JOIN disposal_plan d ON d.id = s.plan_id WHERE d.tag_id = ?))";

  /** Proposals in scope; parameters: scope, status (x2), cluster (x2). */
  static final String PROPOSALS = "SELECT json_build_object('type', 'Feature', 'id', x.id, 'geometry', ST_AsGeoJSON(p.geom, 7)::json, "
      + "'properties', json_build_object('parcelId', x.parcel_id, 'parcelCode', p.code, 'clusterId', x.cluster_id, 'clusterName', k.name, "
      + "'kind', x.kind, 'kindName', lk.name, 'kindNameEn', lk.name_en, 'color', lk.color, 'rule', x.rule, 'reason', x.reason, 'details', x.details, "
      + "'asOf', x.as_of, 'status', x.status, 'createdAt', x.created_at, 'createdBy', x.created_by, 'decidedAt', x.decided_at, "
      + "'decidedBy', x.decided_by, 'decisionReason', x.decision_reason, 'tagId', x.tag_id, 'areaMu', round(p.area_mu::numeric, 2), "
      + "'enterpriseName', e.name))::text "
      + "FROM low_eff_proposal x JOIN parcel p ON p.id = x.parcel_id JOIN cluster k ON k.id = x.cluster_id JOIN low_eff_kind lk ON lk.code = x.kind "
      + "LEFT JOIN enterprise e ON e.id = p.holder_id WHERE x.cluster_id = ANY(?) AND (?::text IS NULL OR x.status = ?) "
      + "AND (?::int IS NULL OR x.cluster_id = ?) ORDER BY x.id DESC LIMIT 2000";

  /** Runs the rules; parameters: as_of, actor, clusters, as_of. */
  static final String RUN = "INSERT INTO low_eff_proposal (parcel_id, cluster_id, kind, rule, reason, details, as_of, created_by) "
      + "SELECT c.parcel_id, c.cluster_id, c.kind, c.rule, c.reason, c.details, ?, ? FROM low_eff_candidates(?, ?) c "
      + "WHERE NOT EXISTS (SELECT 1 FROM low_eff_proposal x WHERE x.parcel_id = c.parcel_id AND x.rule = c.rule "
      + "  AND (x.status IN ('open', 'accepted') OR (x.status = 'dismissed' AND x.decided_at > now() - interval '1 year'))) "
      + "AND NOT EXISTS (SELECT 1 FROM low_eff_tag t WHERE t.parcel_id = c.parcel_id AND t.kind = c.kind AND t.status = 'active') "
      + "RETURNING id";

  /** Per cluster in scope: active tags by kind, tagged, disposed and revived 亩, industrial land, plans. Parameter: scope. */
  static final String SUMMARY = "SELECT k.id, k.code, k.name, k.name_en, k.city_code, c.name, c.name_en, "
      + "COALESCE((SELECT json_object_agg(x.kind, json_build_object('count', x.n, 'mu', x.mu)) FROM (SELECT t.kind, count(*) n, round(sum(t.area_mu)::numeric, 2) mu "
      + "  FROM low_eff_tag t WHERE t.cluster_id = k.id AND t.status = 'active' GROUP BY t.kind) x), '{}')::text, "
      + "(SELECT COALESCE(sum(t.area_mu), 0) FROM low_eff_tag t WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT COALESCE(sum(t.area_mu), 0) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status = 'done' WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT COALESCE(sum(d.revived_mu), 0) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status = 'done' WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT COALESCE(sum(p.area_mu), 0) FROM parcel p JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code "
      + "  WHERE p.cluster_id = k.id AND p.status = 'current' AND lu.industrial), "
      + "(SELECT count(*) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status <> 'cancelled' WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT count(*) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status = 'done' WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT count(*) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status IN ('planned', 'in_progress') WHERE t.cluster_id = k.id AND t.status = 'active' "
      + "  AND (d.deadline < current_date OR EXISTS (SELECT 1 FROM disposal_step s WHERE s.plan_id = d.id AND s.done_on IS NULL AND s.due_date < current_date))), "
      + "(SELECT count(*) FROM low_eff_tag t WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT COALESCE(sum(d.new_tax_wan), 0) FROM low_eff_tag t JOIN disposal_plan d ON d.tag_id = t.id AND d.status = 'done' WHERE t.cluster_id = k.id AND t.status = 'active'), "
      + "(SELECT count(*) FROM low_eff_proposal x WHERE x.cluster_id = k.id AND x.status = 'open'), "
      + "COALESCE((SELECT json_agg(json_build_object('code', x.code, 'name', x.name, 'nameEn', x.name_en, 'tags', (s.v->>'lowEfficiencyTags')::int, "
      + "  'mu', (s.v->>'lowEfficiencyMu')::numeric, 'industrialMu', (s.v->>'industrialMu')::numeric) ORDER BY x.code) "
      + "  FROM park x CROSS JOIN LATERAL (SELECT park_summary(x.id) AS v) s WHERE x.cluster_id = k.id AND x.status = 'active'), '[]')::text "
      + "FROM cluster k JOIN city c ON c.code = k.city_code WHERE k.id = ANY(?) ORDER BY k.city_code, k.code";

  /** The survey table; parameters: scope, cluster (x2). */
  static final String REPORT = "SELECT k.name, p.code, e.name, e.credit_code, lk.name, round(t.area_mu::numeric, 2), round(t.area_m2::numeric, 1), t.survey_date, "
      + "array_to_string(t.criteria, '; '), t.notes, t.idle_fee_wan, "
      + "CASE ld.dates ->> 'basis' WHEN 'not_started' THEN '未动工（自约定动工日期 ' || (ld.dates ->> 'startDate') || '）' "
      + "WHEN 'suspended' THEN '动工后中止（自中止之日 ' || (ld.dates ->> 'startDate') || '）' END, "
      + "(ld.dates ->> 'idleFrom')::date, (ld.dates ->> 'feeFrom')::date, t.fee_decided_on, t.recovery_date, t.recovery_decided_on, "
      + "(ld.dates ->> 'pausedDays')::int, CASE ld.dates ->> 'reading' WHEN 'civil_code' THEN '期间届满之次日（民法典第二百零一至二百零三条）' "
      + "WHEN 'anniversary' THEN '对应日' END, " + FEE_PASSED + " OR " + RECOVERY_PASSED + ", m.name, dp.responsible_unit, dp.deadline, dp.status, dp.revived_mu, "
      + "dp.new_tax_wan, " + OVERDUE + " FROM low_eff_tag t" + JOINS + " LEFT JOIN disposal_method m ON m.code = dp.method "
      + "WHERE t.status = 'active' AND t.cluster_id = ANY(?) AND (?::int IS NULL OR t.cluster_id = ?) ORDER BY k.code, p.code, t.id";

  static final String[] REPORT_HEADER = {"集聚区", "宗地代码", "企业", "统一社会信用代码", "类型", "面积(亩)", "面积(m²)", "调查日期", "认定依据", "备注",
      "闲置费(万元)", "闲置起算", "认定闲置日期", "可征缴闲置费日期", "闲置费决定日期", "可无偿收回日期", "收回决定日期", "扣除期间(天)",
      "\"满一年\"的计算", "期限已过未决定", "处置方式", "责任单位", "处置期限", "处置状态", "盘活面积(亩)", "新增税收(万元)", "是否逾期"};

  static final String CONFIG = "SELECT json_build_object("
      + "'kinds', (SELECT json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en, 'color', color) ORDER BY sort) FROM low_eff_kind), "
      + "'methods', (SELECT json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en) ORDER BY sort) FROM disposal_method), "
      + "'thresholds', (SELECT json_agg(json_build_object('scope', scope_code, 'key', key, 'value', value) ORDER BY scope_code, key) FROM low_eff_threshold))::text";
}
