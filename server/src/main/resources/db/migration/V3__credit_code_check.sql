-- Every stored 统一社会信用代码 carries a correct check character (GB 32100-2015), whoever writes it.
-- The function lives here, not in an R__ file, because a constraint needs it before repeatable migrations run.

CREATE OR REPLACE FUNCTION mujun_credit_code_valid(code text)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  chars constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  s int := 0;
  v int;
  c int;
BEGIN
  IF length(code) <> 18 THEN RETURN false; END IF;
  FOR i IN 1..18 LOOP
    v := strpos(chars, substr(code, i, 1)) - 1;
    IF v < 0 THEN RETURN false; END IF;
    IF i <= 17 THEN s := s + v * weights[i]; END IF;
  END LOOP;
  c := 31 - s % 31;
  IF c = 31 THEN c := 0; END IF;
  RETURN substr(code, 18, 1) = substr(chars, c + 1, 1);
END $$;

ALTER TABLE enterprise ADD CONSTRAINT enterprise_credit_code_check CHECK (mujun_credit_code_valid(credit_code));
