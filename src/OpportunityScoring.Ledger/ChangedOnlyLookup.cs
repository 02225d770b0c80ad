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
            "SELECT a.opportunity_id, a.input_hash, a.policy_sha256, a.run_id "
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
            found[reader.GetString(0)] = new Prior(reader.GetString(1), reader.GetString(2), SqlLedger.Long(reader, 3));
        }

        _ = store;
        return found;
    }

    /// <summary>
    /// An opportunity's last stored assessment: its input hash and policy (what is compared), and the run it is stored
    /// in, from which a carried row is copied by the store (<see cref="LedgerStore.Carry"/>), not through the process.
    /// </summary>
    internal sealed record Prior(string InputHash, string PolicySha256, long RunId);
}
