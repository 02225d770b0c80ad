using System.Data.Common;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>The ledger over one store: the same SQL on SQLite and PostgreSQL, the dialect's differences in <see cref="LedgerStore"/>.</summary>
internal sealed partial class SqlLedger(LedgerStore store) : IDecisionLedger
{
    /// <summary>The condition that run <c>r</c> is complete: every one of its shards has finished.</summary>
    internal const string RunComplete = "(SELECT count(*) FROM run_shards s WHERE s.run_id = r.run_id AND s.finished_at IS NOT NULL) = r.shard_count";

    /// <summary>
    /// An assessment's JSON, read from the run it was carried from when it was carried (<c>a</c> joined to <c>o</c>): two
    /// columns, the compressed value and the dictionary it was compressed with (<see cref="AssessmentJson.Text(LedgerStore, DbDataReader, int)"/>).
    /// </summary>
    internal const string JsonOf = "COALESCE(a.assessment_json_br, o.assessment_json_br), CASE WHEN a.assessment_json_br IS NULL THEN o.json_dictionary ELSE a.json_dictionary END";

    internal const string JoinOrigin = "LEFT JOIN assessments o ON o.run_id = a.carried_from AND o.opportunity_id = a.opportunity_id";

    public LedgerStore Store { get; } = store;

    public string Target => Store.Target;

    public LedgerRun StartRun(RunStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Guard(() =>
        {
            var now = DateTimeOffset.UtcNow;
            using var connection = Store.Open();
            using var transaction = Store.BeginWrite(connection);
            using (var insert = LedgerStore.Command(connection, transaction,
                "INSERT INTO runs (run_key, started_at, as_of, policy_name, policy_version, policy_sha256, engine, input_name, input_sha256, shard_count, changed_only) "
                + "VALUES (@key, @started, @asOf, @policyName, @policyVersion, @policySha, @engine, @inputName, @inputSha, @shards, @changedOnly) ON CONFLICT (run_key) DO NOTHING"))
            {
                LedgerStore.Add(insert, "key", start.Key);
                LedgerStore.Add(insert, "started", Store.Instant(now));
                LedgerStore.Add(insert, "asOf", Store.Day(start.AsOf));
                LedgerStore.Add(insert, "policyName", start.Policy.Name);
                LedgerStore.Add(insert, "policyVersion", start.Policy.Version);
                LedgerStore.Add(insert, "policySha", start.Policy.Sha256);
                LedgerStore.Add(insert, "engine", start.Engine);
                LedgerStore.Add(insert, "inputName", start.InputName);
                LedgerStore.Add(insert, "inputSha", start.InputSha256);
                LedgerStore.Add(insert, "shards", start.Shard.Count);
                LedgerStore.Add(insert, "changedOnly", start.ChangedOnly);
                insert.ExecuteNonQuery();
            }

            long runId;
            using (var select = LedgerStore.Command(connection, transaction, "SELECT run_id FROM runs WHERE run_key = @key"))
            {
                LedgerStore.Add(select, "key", start.Key);
                runId = Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            bool fresh; // the shard is started here, not resumed: none of its rows is stored yet
            using (var shard = LedgerStore.Command(connection, transaction,
                "INSERT INTO run_shards (run_id, shard_index, started_at) VALUES (@run, @shard, @started) ON CONFLICT (run_id, shard_index) DO NOTHING"))
            {
                LedgerStore.Add(shard, "run", runId);
                LedgerStore.Add(shard, "shard", start.Shard.Index);
                LedgerStore.Add(shard, "started", Store.Instant(now));
                fresh = shard.ExecuteNonQuery() == 1;
            }

            bool finished;
            using (var done = LedgerStore.Command(connection, transaction, "SELECT finished_at FROM run_shards WHERE run_id = @run AND shard_index = @shard"))
            {
                LedgerStore.Add(done, "run", runId);
                LedgerStore.Add(done, "shard", start.Shard.Index);
                finished = done.ExecuteScalar() is not (null or DBNull);
            }

            var dictionary = finished ? null : Store.Dictionaries.ForPolicy(connection, transaction, start.Policy.Sha256);
            transaction.Commit();
            return new LedgerRun(this, start, runId, finished, dictionary, fresh);
        });
    }

    public IReadOnlyList<RunSummary> Runs(int last = 50) => Guard(() =>
    {
        using var connection = Store.Open();
        using var command = LedgerStore.Command(connection, null,
            "SELECT r.run_id, r.started_at, r.as_of, r.policy_name, r.policy_version, r.policy_sha256, r.engine, r.input_name, r.input_sha256, r.shard_count, "
            + "(SELECT count(*) FROM run_shards s WHERE s.run_id = r.run_id AND s.finished_at IS NOT NULL), "
            + "(SELECT max(s.finished_at) FROM run_shards s WHERE s.run_id = r.run_id), "
            + "(SELECT COALESCE(sum(s.assessed), 0) FROM run_shards s WHERE s.run_id = r.run_id AND s.finished_at IS NOT NULL), "
            + "(SELECT COALESCE(sum(s.rejected), 0) FROM run_shards s WHERE s.run_id = r.run_id AND s.finished_at IS NOT NULL), "
            + "(SELECT COALESCE(sum(s.carried), 0) FROM run_shards s WHERE s.run_id = r.run_id AND s.finished_at IS NOT NULL), "
            + "(SELECT count(*) FROM assessments a WHERE a.run_id = r.run_id) "
            + "FROM runs r ORDER BY r.run_id DESC LIMIT @last");
        LedgerStore.Add(command, "last", last);
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read())
        {
            var count = reader.GetInt32(9);
            var finished = Convert.ToInt32(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture);
            runs.Add(new RunSummary(
                reader.GetInt64(0), Store.ReadInstant(reader, 1), finished == count && !reader.IsDBNull(11) ? Store.ReadInstant(reader, 11) : null,
                Store.ReadDay(reader, 2), new PolicyStamp(reader.GetString(3), reader.GetString(4), reader.GetString(5)), reader.GetString(6),
                reader.GetString(7), reader.GetString(8), count, finished, Long(reader, 12), Long(reader, 13), Long(reader, 14), Long(reader, 15)));
        }

        return runs;
    });

    public OpportunityHistory History(string opportunityId)
    {
        ArgumentNullException.ThrowIfNull(opportunityId);
        return Guard(() => LedgerHistory.Read(this, opportunityId));
    }

    public LedgerDiff? CompareWithPrevious(long runId, int changesKept = 20, Action<OpportunityChange>? onChange = null) =>
        Guard(() => LedgerComparison.Compare(this, runId, changesKept, onChange));

    public IEnumerable<LatestAssessment> Latest() => LedgerExportQuery.Latest(this);

    /// <summary>Whether every shard of a run has finished.</summary>
    internal bool IsComplete(long runId) => Guard(() =>
    {
        using var connection = Store.Open();
        using var command = LedgerStore.Command(connection, null, $"SELECT count(*) FROM runs r WHERE r.run_id = @run AND {RunComplete}");
        LedgerStore.Add(command, "run", runId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    });

    internal static long Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs a store operation, turning the provider's failures into what to fix.</summary>
    internal T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is not LedgerException && Store.Explain(e) is { } explained)
        {
            throw explained;
        }
    }

    public void Dispose() => Store.Dispose();
}
