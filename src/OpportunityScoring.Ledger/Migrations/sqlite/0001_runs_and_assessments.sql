-- The ledger, version 1: runs, the shards that fill them, and every assessment (SQLite).
-- The same logical schema as postgresql/0001_runs_and_assessments.sql; only the column types differ.
-- Nothing is ever deleted or updated in place except a shard's finishing line (finished_at and its counts).

CREATE TABLE runs (
    run_id          INTEGER PRIMARY KEY,      -- 1, 2, 3 … in the order runs were started
    run_key         TEXT    NOT NULL UNIQUE,  -- SHA-256 of input SHA-256 | policy SHA-256 | as-of | shard count: the same job is the same run
    started_at      TEXT    NOT NULL,         -- UTC, ISO 8601
    as_of           TEXT    NOT NULL,         -- yyyy-MM-dd, the day of the assessment
    policy_name     TEXT    NOT NULL,
    policy_version  TEXT    NOT NULL,
    policy_sha256   TEXT    NOT NULL,
    engine          TEXT    NOT NULL,         -- compiled | rete
    input_name      TEXT    NOT NULL,         -- the input's file name (no folder)
    input_sha256    TEXT    NOT NULL,         -- SHA-256 of the input's bytes
    shard_count     INTEGER NOT NULL,         -- 1 for an unsharded run
    changed_only    INTEGER NOT NULL          -- 1: opportunities whose input and policy did not change were carried forward
);

-- A run is complete when every one of its shard_count shards has finished (finished_at set).
CREATE TABLE run_shards (
    run_id       INTEGER NOT NULL REFERENCES runs (run_id),
    shard_index  INTEGER NOT NULL,            -- 0 … shard_count - 1
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,                        -- NULL: still running, or killed (incomplete)
    assessed     INTEGER NOT NULL DEFAULT 0,  -- set when the shard finishes
    rejected     INTEGER NOT NULL DEFAULT 0,
    carried      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, shard_index)
);

-- One row per opportunity and run: the decisions as columns, the full assessment as the contract's JSON (Brotli).
CREATE TABLE assessments (
    run_id            INTEGER NOT NULL REFERENCES runs (run_id),
    opportunity_id    TEXT    NOT NULL,
    account_id        TEXT,                   -- the contract's account.id (what shards are cut by)
    stage             TEXT    NOT NULL,       -- the contract's words from here on
    grade             TEXT    NOT NULL,
    score             NUMERIC NOT NULL,
    win_probability   REAL    NOT NULL,
    gate_outcome      TEXT    NOT NULL,
    next_stage        TEXT    NOT NULL,
    bid               TEXT,                   -- NULL after the tender (no bid decision)
    red_flags         TEXT    NOT NULL,       -- codes joined with ';' (empty: none)
    knock_outs        TEXT    NOT NULL,
    missing_evidence  INTEGER NOT NULL,
    policy_sha256     TEXT    NOT NULL,
    input_hash        TEXT    NOT NULL,       -- SHA-256 of the opportunity's canonical JSON
    carried_from      INTEGER,                -- the run whose assessment was carried forward; NULL when scored in this run
    assessment_json_br BLOB,                  -- the contract's assessment JSON (English messages), Brotli-compressed; NULL when carried
    PRIMARY KEY (run_id, opportunity_id)
);

CREATE INDEX assessments_by_opportunity ON assessments (opportunity_id, run_id);
