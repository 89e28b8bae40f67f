-- Search finds a 宗地代码 by its tail too (issue 18): people read out the last digits (the parcel's number within its
-- 宗地 area), not the 12-digit prefix. The reversed code, indexed for prefix matching, makes "ends with" an index scan.
CREATE INDEX parcel_code_reverse_current_idx ON parcel (reverse(code) text_pattern_ops) WHERE status = 'current';
