-- The ledger, version 2: the review loop (SQLite). Action plans (銷售行動計畫), people's overrides of the engine's
-- decisions, and outcomes. The same logical schema as postgresql/0002_plans_overrides_outcomes.sql.
-- Append-only: every row is an entry with who and when; a correction is a new entry, nothing is updated or deleted.

-- One row per event of an action: 'planned' (action_id NULL: the action's id is this entry's id), then 'done',
-- 'dropped' or 'reopened' entries naming the planned entry in action_id.
CREATE TABLE action_entries (
    entry_id         INTEGER PRIMARY KEY,
    action_id        INTEGER REFERENCES action_entries (entry_id),
    opportunity_id   TEXT    NOT NULL,
    event            TEXT    NOT NULL,        -- planned | done | dropped | reopened
    what             TEXT,                    -- planned: the action
    owner            TEXT,                    -- planned: who does it
    due_on           TEXT,                    -- planned: yyyy-MM-dd
    evidence_field   TEXT,                    -- planned: the contract field it should move (budget.status, …)
    baseline_run_id  INTEGER,                 -- planned: the run of the last complete assessment when it was planned
    note             TEXT,
    event_on         TEXT    NOT NULL,        -- yyyy-MM-dd: the day it was planned, done, dropped
    recorded_by      TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL         -- UTC, ISO 8601
);

CREATE INDEX action_entries_by_opportunity ON action_entries (opportunity_id, entry_id);

-- One row per override (kind bid | gate | grade) or withdrawal of one (kind withdrawal, withdraws naming it).
CREATE TABLE overrides (
    override_id      INTEGER PRIMARY KEY,
    opportunity_id   TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    value            TEXT,                    -- the people's decision, in the contract's words
    engine_value     TEXT,                    -- the engine's decision it overrides, as stored then
    run_id           INTEGER,                 -- the run of the assessment it is about
    reason           TEXT    NOT NULL,
    approved_by      TEXT,
    expires_on       TEXT,                    -- yyyy-MM-dd: lapses after this day
    expires_at_stage TEXT,                    -- lapses when the opportunity reaches this stage
    withdraws        INTEGER REFERENCES overrides (override_id),
    recorded_by      TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL
);

CREATE INDEX overrides_by_opportunity ON overrides (opportunity_id, override_id);

-- One row per outcome recorded; the newest entry of an opportunity is its outcome (a correction is a new entry).
CREATE TABLE outcomes (
    outcome_id       INTEGER PRIMARY KEY,
    opportunity_id   TEXT    NOT NULL,
    result           TEXT    NOT NULL,        -- won | lost | noBid | withdrawn
    closed_on        TEXT    NOT NULL,        -- yyyy-MM-dd
    competitor       TEXT,                    -- the winner, when lost
    final_price      NUMERIC,
    source           TEXT    NOT NULL,        -- cli | csv | salesforce | api
    note             TEXT,
    recorded_by      TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL
);

CREATE INDEX outcomes_by_opportunity ON outcomes (opportunity_id, outcome_id);
