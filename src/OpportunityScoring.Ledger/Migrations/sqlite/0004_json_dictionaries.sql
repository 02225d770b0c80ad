-- The ledger, version 4 (SQLite): assessments' JSON compressed with a dictionary. An explained assessment is about
-- 8 KB of JSON that repeats the same field names and the same rule messages from one opportunity to the next; Brotli
-- compresses each one alone to about 2.8 KB. zstd with a dictionary trained on the ledger's own assessments (the first
-- 1,000 of the first run under a policy) compresses it to about 0.5 KB, several times faster (docs/ledger.md).
-- One row per dictionary; never updated or deleted (rows written with it name it).
CREATE TABLE json_dictionaries (
    dictionary_id INTEGER PRIMARY KEY,
    format        TEXT    NOT NULL,          -- 'zstd': the content is a zstd dictionary, the rows zstd frames made with it
    policy_sha256 TEXT    NOT NULL,          -- the policy of the assessments it was trained on (a new policy trains a new one)
    run_id        INTEGER NOT NULL,          -- the run whose assessments it was trained on
    samples       INTEGER NOT NULL,          -- how many assessments it was trained on
    created_at    TEXT    NOT NULL,
    content       BLOB    NOT NULL
);

-- How a row's assessment_json_br is compressed: NULL, Brotli (every row before version 4, and rows of runs too small
-- to train a dictionary on); otherwise the json_dictionaries row whose format and content it was compressed with.
-- Not a declared foreign key: dictionaries are never deleted, and a check per row would cost a look-up per assessment.
ALTER TABLE assessments ADD COLUMN json_dictionary INTEGER;
