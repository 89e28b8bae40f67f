-- The step that decided a result's class, or why it was not classified, as data (rule, ranks, counts, shares,
-- re-rank keys, the class): the interface writes it in the reader's language. class_step and exclusion stay the
-- run's Chinese record (the run's hash covers them); runs computed before this column have no reason.
ALTER TABLE evaluation_result ADD COLUMN reason jsonb;
COMMENT ON COLUMN evaluation_result.reason IS 'The class step or exclusion as data: rule (two_stage, quotas, thresholds, veto, protected, no_group, no_figures, no_land, below_min, industry, newly_above, young, excluded_item) and its figures';
