-- What a method's scope may read of an enterprise, frozen with the run's other inputs: its industry (国民经济行业分类,
-- for the industry filter: the seed evaluates manufacturing) and the year it became 规上 (the newly-规上 exclusion).
-- Versioned migration: never edit once landed. The computation is in R__4_evaluation.sql.
ALTER TABLE evaluation_input
  ADD COLUMN industry_code text,
  ADD COLUMN above_since smallint;
COMMENT ON COLUMN evaluation_input.industry_code IS 'The enterprise''s 国民经济行业分类 code when the run was made';
COMMENT ON COLUMN evaluation_input.above_since IS 'The year it became 规上, when the run was made';
