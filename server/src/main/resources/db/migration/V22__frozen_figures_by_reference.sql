-- A run's frozen figures by reference (issue 16, speed): an enterprise-year's figures are already kept, version by
-- version, in change_history, which is never changed or deleted (its guard refuses). A run now points at that version
-- instead of copying its JSON (about 1 KB per enterprise, most of a run's write-ahead log); figures holds a copy only
-- when no history row has the version, or when the method's order of sources changed what the run uses.
ALTER TABLE evaluation_input ADD COLUMN figures_history_id bigint;
COMMENT ON COLUMN evaluation_input.figures_history_id IS 'The change_history row whose JSON is the enterprise-year''s figures as the run read them (when figures is empty)';
