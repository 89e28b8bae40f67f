-- A 行政区划代码 is six digits (GB/T 2260). The evaluation ranks "per city" by the code read as a number (issue 16:
-- sorting numbers is faster than sorting text), so the codes of the cities and of the runs' frozen inputs must be
-- digits. Every code the register holds already is; the checks keep it so.
ALTER TABLE city ADD CONSTRAINT city_code_digits CHECK (code ~ '^[0-9]{6}$');
ALTER TABLE evaluation_input ADD CONSTRAINT evaluation_input_city_code_digits CHECK (city_code ~ '^[0-9]{6}$');
