-- The ledger, version 1: runs, the shards that fill them, and every assessment (PostgreSQL).
-- The same logical schema as sqlite/0001_runs_and_assessments.sql; only the column types differ.
-- Nothing is ever deleted or updated in place except a shard's finishing line (finished_at and its counts).

CREATE TABLE runs (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_key         text        NOT NULL UNIQUE,
    started_at      timestamptz NOT NULL,
    as_of           date        NOT NULL,
    policy_name     text        NOT NULL,
    policy_version  text        NOT NULL,
    policy_sha256   text        NOT NULL,
    engine          text        NOT NULL,
    input_name      text        NOT NULL,
    input_sha256    text        NOT NULL,
    shard_count     integer     NOT NULL,
    changed_only    boolean     NOT NULL
);

CREATE TABLE run_shards (
    run_id       bigint      NOT NULL REFERENCES runs (run_id),
    shard_index  integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    assessed     bigint      NOT NULL DEFAULT 0,
    rejected     bigint      NOT NULL DEFAULT 0,
    carried      bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, shard_index)
);

CREATE TABLE assessments (
    run_id            bigint           NOT NULL REFERENCES runs (run_id),
    opportunity_id    text             NOT NULL,
    account_id        text,
    stage             text             NOT NULL,
    grade             text             NOT NULL,
    score             numeric          NOT NULL,
    win_probability   double precision NOT NULL,
    gate_outcome      text             NOT NULL,
    next_stage        text             NOT NULL,
    bid               text,
    red_flags         text             NOT NULL,
    knock_outs        text             NOT NULL,
    missing_evidence  integer          NOT NULL,
    policy_sha256     text             NOT NULL,
    input_hash        text             NOT NULL,
    carried_from      bigint,
    assessment_json_br bytea,
    PRIMARY KEY (run_id, opportunity_id)
);

CREATE INDEX assessments_by_opportunity ON assessments (opportunity_id, run_id);

-- Already compressed (Brotli): TOAST stores it out of line without trying to compress it again.
ALTER TABLE assessments ALTER COLUMN assessment_json_br SET STORAGE EXTERNAL;
