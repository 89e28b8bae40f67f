-- The search box reads indexes only (EnterpriseRepository.SEARCH): an enterprise by any part of its name (LIKE '%…%':
-- the names' trigrams, pg_trgm, a trusted extension of PostgreSQL's contrib; Chinese names have trigrams too, the
-- database's C.UTF-8 classifying CJK characters as letters), and a 宗地代码 or credit code by its head (LIKE '…%':
-- under C.UTF-8 a plain index does not serve LIKE, pattern-ops ones do).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX enterprise_name_trigram_idx ON enterprise USING gin (lower(name) gin_trgm_ops);
CREATE INDEX enterprise_credit_code_pattern_idx ON enterprise (credit_code bpchar_pattern_ops);
CREATE INDEX parcel_code_pattern_current_idx ON parcel ((code::text) text_pattern_ops) WHERE status = 'current';
