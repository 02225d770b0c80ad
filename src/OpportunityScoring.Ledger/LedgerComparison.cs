using System.Data.Common;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// A complete run against the last complete run of the same input before it, read from the store row by row (two
/// ordered queries, bounded memory); the rules behind a change are read from the two assessments' JSON, only for the
/// changes kept or handed on.
/// </summary>
internal static class LedgerComparison
{
    public static LedgerDiff? Compare(SqlLedger ledger, long runId, int changesKept, Action<OpportunityChange>? onChange)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        using var lookups = store.Open();
        long previousRun;
        DateOnly previousAsOf;
        PolicyStamp previousPolicy;
        using (var command = LedgerStore.Command(connection, null,
            "SELECT r.run_id, r.as_of, r.policy_name, r.policy_version, r.policy_sha256 FROM runs r "
            + $"WHERE r.input_name = (SELECT c.input_name FROM runs c WHERE c.run_id = @run) AND r.run_id < @run AND {SqlLedger.RunComplete} "
            + "ORDER BY r.run_id DESC LIMIT 1"))
        {
            LedgerStore.Add(command, "run", runId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            previousRun = reader.GetInt64(0);
            previousAsOf = store.ReadDay(reader, 1);
            previousPolicy = new PolicyStamp(reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }

        long unchanged = 0, changed = 0, added = 0, removed = 0;
        var kept = new List<OpportunityChange>();

        void Found(OpportunityChange change)
        {
            if (kept.Count < changesKept)
            {
                kept.Add(change);
            }

            onChange?.Invoke(change);
        }

        bool Wanted() => kept.Count < changesKept || onChange is not null;

        // A row carried forward from the same scored row as the previous run's (the same origin: carried_from there, or
        // that run itself) has the same decisions by construction: it is counted unchanged inside the store and never
        // read out (an incremental run carries 99% of its rows). Every other row is read and compared.
        var current = Count(connection, runId);
        long returned = 0;
        using (var command = LedgerStore.Command(connection, null,
            $"SELECT c.opportunity_id, {StoredDecisions.Columns("c")}, p.opportunity_id, {StoredDecisions.Columns("p")} FROM assessments c "
            + "LEFT JOIN assessments p ON p.run_id = @previous AND p.opportunity_id = c.opportunity_id WHERE c.run_id = @run "
            + "AND (c.carried_from IS NULL OR p.opportunity_id IS NULL OR c.carried_from <> COALESCE(p.carried_from, p.run_id)) ORDER BY c.opportunity_id"))
        {
            LedgerStore.Add(command, "run", runId);
            LedgerStore.Add(command, "previous", previousRun);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                returned++;
                var id = reader.GetString(0);
                var now = StoredDecisions.Read(reader, 1);
                if (reader.IsDBNull(9))
                {
                    added++;
                    if (Wanted())
                    {
                        Found(new OpportunityChange(id, ChangeKind.New, StoredDecisions.All(null, now), []));
                    }

                    continue;
                }

                var fields = now.Since(StoredDecisions.Read(reader, 10));
                if (fields.Count == 0)
                {
                    unchanged++;
                    continue;
                }

                changed++;
                if (Wanted())
                {
                    Found(new OpportunityChange(id, ChangeKind.Changed, fields, StoredDecisions.Why(Json(store, lookups, previousRun, id), Json(store, lookups, runId, id))));
                }
            }
        }

        unchanged += current - returned;

        // Every row of the previous run that this run has is one this run's rows matched: the rest were removed. Looked
        // for only when there are some.
        if (Count(connection, previousRun) == current - added)
        {
            return new LedgerDiff(runId, previousRun, previousAsOf, previousPolicy, new DiffCounts(unchanged, changed, added, removed), kept);
        }

        using (var command = LedgerStore.Command(connection, null,
            $"SELECT p.opportunity_id, {StoredDecisions.Columns("p")} FROM assessments p WHERE p.run_id = @previous "
            + "AND NOT EXISTS (SELECT 1 FROM assessments c WHERE c.run_id = @run AND c.opportunity_id = p.opportunity_id) ORDER BY p.opportunity_id"))
        {
            LedgerStore.Add(command, "run", runId);
            LedgerStore.Add(command, "previous", previousRun);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                removed++;
                if (Wanted())
                {
                    Found(new OpportunityChange(reader.GetString(0), ChangeKind.Removed, StoredDecisions.All(StoredDecisions.Read(reader, 1), null), []));
                }
            }
        }

        return new LedgerDiff(runId, previousRun, previousAsOf, previousPolicy, new DiffCounts(unchanged, changed, added, removed), kept);
    }

    private static long Count(DbConnection connection, long run)
    {
        using var command = LedgerStore.Command(connection, null, "SELECT count(*) FROM assessments WHERE run_id = @run");
        LedgerStore.Add(command, "run", run);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One stored assessment's JSON (from the run it was scored in, when carried).</summary>
    private static string? Json(LedgerStore store, DbConnection connection, long run, string id)
    {
        using var command = LedgerStore.Command(connection, null,
            $"SELECT {SqlLedger.JsonOf} FROM assessments a {SqlLedger.JoinOrigin} WHERE a.run_id = @run AND a.opportunity_id = @id");
        LedgerStore.Add(command, "run", run);
        LedgerStore.Add(command, "id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? AssessmentJson.Text(store, reader, 0) : null;
    }
}
