-- The ledger, version 2: the review loop (PostgreSQL). Action plans (銷售行動計畫), people's overrides of the engine's
-- decisions, and outcomes. The same logical schema as sqlite/0002_plans_overrides_outcomes.sql.
-- Append-only: every row is an entry with who and when; a correction is a new entry, nothing is updated or deleted.

CREATE TABLE action_entries (
    entry_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_id        bigint REFERENCES action_entries (entry_id),
    opportunity_id   text        NOT NULL,
    event            text        NOT NULL,
    what             text,
    owner            text,
    due_on           date,
    evidence_field   text,
    baseline_run_id  bigint,
    note             text,
    event_on         date        NOT NULL,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL
);

CREATE INDEX action_entries_by_opportunity ON action_entries (opportunity_id, entry_id);

CREATE TABLE overrides (
    override_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    opportunity_id   text        NOT NULL,
    kind             text        NOT NULL,
    value            text,
    engine_value     text,
    run_id           bigint,
    reason           text        NOT NULL,
    approved_by      text,
    expires_on       date,
    expires_at_stage text,
    withdraws        bigint REFERENCES overrides (override_id),
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL
);

CREATE INDEX overrides_by_opportunity ON overrides (opportunity_id, override_id);

CREATE TABLE outcomes (
    outcome_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    opportunity_id   text        NOT NULL,
    result           text        NOT NULL,
    closed_on        date        NOT NULL,
    competitor       text,
    final_price      numeric,
    source           text        NOT NULL,
    note             text,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL
);

CREATE INDEX outcomes_by_opportunity ON outcomes (opportunity_id, outcome_id);
