-- The ledger, version 3 (PostgreSQL): how a shard's input hashes were taken. From this version a run read from the
-- contract's JSON or from JSON Lines hashes each record's bytes as read ('record-bytes/1': SHA-256 of
-- 'opportunityscoring-record/1 json' or '… jsonl', a line feed, then the bytes), so an unchanged record is kept back
-- before it is parsed; other inputs, and records handed to the ledger already parsed, still hash the opportunity's
-- canonical JSON ('opportunity-json', what every earlier run did). Rows written before keep their hashes: the two
-- kinds never compare equal, so each opportunity is re-scored once by the first incremental run after the change, and
-- carried from then on. Old code refuses this schema (newer than it knows) rather than mixing the two kinds.
-- Set with the shard's finishing line; NULL for shards recorded before version 3 and for shards that never finished.
ALTER TABLE run_shards ADD COLUMN input_hashing text;
