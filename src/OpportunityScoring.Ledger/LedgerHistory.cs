namespace OpportunityScoring.Ledger;

/// <summary>Reads one opportunity's tracking table: its assessments in complete runs, with trend, days in stage and changes.</summary>
internal static class LedgerHistory
{
    public static OpportunityHistory Read(SqlLedger ledger, string opportunityId)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        var rows = new List<(long Run, DateOnly AsOf, string Stage, StoredDecisions Decisions, string Version, string Sha, long? Carried, string? Json)>();
        using (var command = LedgerStore.Command(connection, null,
            $"SELECT a.run_id, r.as_of, a.stage, {StoredDecisions.Columns("a")}, r.policy_version, a.policy_sha256, a.carried_from, {SqlLedger.JsonOf} "
            + $"FROM assessments a JOIN runs r ON r.run_id = a.run_id {SqlLedger.JoinOrigin} "
            + $"WHERE a.opportunity_id = @id AND {SqlLedger.RunComplete} ORDER BY r.as_of, a.run_id"))
        {
            LedgerStore.Add(command, "id", opportunityId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), store.ReadDay(reader, 1), reader.GetString(2), StoredDecisions.Read(reader, 3), reader.GetString(11),
                    reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetInt64(13), AssessmentJson.Text(store, reader, 14)));
            }
        }

        int incomplete;
        using (var command = LedgerStore.Command(connection, null,
            $"SELECT count(*) FROM assessments a JOIN runs r ON r.run_id = a.run_id WHERE a.opportunity_id = @id AND NOT {SqlLedger.RunComplete}"))
        {
            LedgerStore.Add(command, "id", opportunityId);
            incomplete = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var entries = new List<HistoryEntry>(rows.Count);
        var lastScoreByPolicy = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var stageSince = DateOnly.MinValue;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var previous = i > 0 ? rows[i - 1] : default;
            stageSince = i > 0 && previous.Stage == row.Stage ? stageSince : row.AsOf;
            var trend = TrendRule.Of(lastScoreByPolicy.TryGetValue(row.Sha, out var p) ? p : null, row.Decisions.Score);
            lastScoreByPolicy[row.Sha] = row.Decisions.Score;
            var changes = i == 0 ? StoredDecisions.All(null, row.Decisions) : row.Decisions.Since(previous.Decisions);
            var why = i == 0 || changes.Count == 0 ? [] : StoredDecisions.Why(previous.Json, row.Json);
            entries.Add(new HistoryEntry(
                row.Run, row.AsOf, row.Stage, row.Decisions.Grade, row.Decisions.Score, row.Decisions.WinProbability, row.Decisions.GateOutcome,
                row.Decisions.NextStage, row.Decisions.Bid, StoredDecisions.Split(row.Decisions.RedFlags), StoredDecisions.Split(row.Decisions.KnockOuts),
                row.Version, row.Sha, row.Carried, trend, row.AsOf.DayNumber - stageSince.DayNumber, i > 0 && previous.Sha != row.Sha, changes, why));
        }

        return new OpportunityHistory(opportunityId, entries, incomplete);
    }
}
