using System.Data.Common;
using System.Globalization;
using System.Text;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The last stored assessment of a few hundred opportunities at a time, for incremental re-scoring: one indexed query
/// per chunk (<c>assessments_by_opportunity</c>), so memory stays bounded whatever the pipeline's size.
/// </summary>
internal static class ChangedOnlyLookup
{
    public const int ChunkSize = 500;

    public static Dictionary<string, Prior> Last(LedgerStore store, DbConnection connection, long currentRun, IEnumerable<string> ids)
    {
        var found = new Dictionary<string, Prior>(StringComparer.Ordinal);
        using var command = LedgerStore.Command(connection, null, string.Empty);
        var sql = new StringBuilder(
            "SELECT a.opportunity_id, a.input_hash, a.policy_sha256, COALESCE(a.carried_from, a.run_id), a.stage, a.grade, a.score, a.win_probability, "
            + "a.gate_outcome, a.next_stage, a.bid, a.red_flags, a.knock_outs, a.missing_evidence "
            + "FROM assessments a WHERE a.run_id <> @current AND a.opportunity_id IN (");
        var n = 0;
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            sql.Append(n == 0 ? "@i0" : ", @i" + n.ToString(CultureInfo.InvariantCulture));
            LedgerStore.Add(command, "i" + n.ToString(CultureInfo.InvariantCulture), id);
            n++;
        }

        if (n == 0)
        {
            return found;
        }

        sql.Append(") AND a.run_id = (SELECT max(b.run_id) FROM assessments b WHERE b.opportunity_id = a.opportunity_id AND b.run_id <> @current)");
        LedgerStore.Add(command, "current", currentRun);
#pragma warning disable CA2100 // parameters only: the ids go in as @i0, @i1, …
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found[reader.GetString(0)] = new Prior(
                reader.GetString(1), reader.GetString(2), SqlLedger.Long(reader, 3), reader.GetString(4), reader.GetString(5), reader.GetDecimal(6),
                reader.GetDouble(7), reader.GetString(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11),
                reader.GetString(12), reader.GetInt32(13));
        }

        _ = store;
        return found;
    }

    /// <summary>An opportunity's last stored assessment: what is compared, and what a carried row copies.</summary>
    internal sealed record Prior(
        string InputHash, string PolicySha256, long OriginRun, string Stage, string Grade, decimal Score, double WinProbability,
        string GateOutcome, string NextStage, string? Bid, string RedFlags, string KnockOuts, int MissingEvidence)
    {
        /// <summary>The row that carries it forward into this run: the same decisions, the JSON left in the run it was scored in.</summary>
        public AssessmentRow Carry(Opportunity opportunity) => new(
            opportunity.Id, string.IsNullOrEmpty(opportunity.Account.Id) ? null : opportunity.Account.Id, Stage, Grade, Score, WinProbability,
            GateOutcome, NextStage, Bid, RedFlags, KnockOuts, MissingEvidence, PolicySha256, InputHash, OriginRun, null);
    }
}
