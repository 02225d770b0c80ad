using System.Text.Json;

namespace OpportunityScoring.Ledger;

/// <summary>The latest assessment of every opportunity in complete runs, with the previous score under the same policy for its trend.</summary>
internal static class LedgerExportQuery
{
    private const int ReasonsKept = 5;

    public static IEnumerable<LatestAssessment> Latest(SqlLedger ledger)
    {
        var store = ledger.Store;
        using var connection = ledger.Guard(store.Open);
        using var command = LedgerStore.Command(connection, null,
            "WITH ranked AS (SELECT a.opportunity_id, a.run_id, "
            + "ROW_NUMBER() OVER (PARTITION BY a.opportunity_id ORDER BY r.as_of DESC, a.run_id DESC) AS position, "
            + "LEAD(a.score) OVER (PARTITION BY a.opportunity_id, a.policy_sha256 ORDER BY r.as_of DESC, a.run_id DESC) AS previous_score "
            + $"FROM assessments a JOIN runs r ON r.run_id = a.run_id WHERE {SqlLedger.RunComplete}) "
            + $"SELECT a.opportunity_id, a.run_id, r.as_of, a.stage, a.grade, a.score, a.win_probability, a.gate_outcome, a.bid, r.policy_version, k.previous_score, {SqlLedger.JsonOf} "
            + $"FROM ranked k JOIN assessments a ON a.run_id = k.run_id AND a.opportunity_id = k.opportunity_id JOIN runs r ON r.run_id = a.run_id {SqlLedger.JoinOrigin} "
            + "WHERE k.position = 1 ORDER BY a.opportunity_id");
        using var reader = ledger.Guard(command.ExecuteReader);
        while (ledger.Guard(reader.Read))
        {
            var score = reader.GetDecimal(5);
            yield return new LatestAssessment(
                reader.GetString(0), reader.GetInt64(1), store.ReadDay(reader, 2), reader.GetString(3), reader.GetString(4), score, reader.GetDouble(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), TrendRule.Of(reader.IsDBNull(10) ? null : reader.GetDecimal(10), score),
                reader.GetString(9), TopReasons(AssessmentJson.Text(store, reader, 11)));
        }
    }

    private static Reason[] TopReasons(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("reasons", out var reasons) || reasons.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. reasons.EnumerateArray()
            .Select(r => r.Deserialize<Reason>(ContractJson.Options)!)
            .Where(r => r.Points > 0)
            .OrderByDescending(r => r.Points)
            .Take(ReasonsKept)];
    }
}
