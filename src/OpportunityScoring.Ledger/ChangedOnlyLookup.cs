using System.Data.Common;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The last stored assessment of a chunk of opportunities, for incremental re-scoring: one query per chunk, the ids in
/// one parameter (<see cref="LedgerStore.InIds"/>), each id an indexed look-up (<c>assessments_by_opportunity</c>), so
/// memory stays bounded whatever the pipeline's size.
/// </summary>
internal static class ChangedOnlyLookup
{
    public const int ChunkSize = 500;

    public static Dictionary<string, Prior> Last(LedgerStore store, DbConnection connection, long currentRun, IEnumerable<string> ids)
    {
        var found = new Dictionary<string, Prior>(StringComparer.Ordinal);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return found;
        }

        using var command = LedgerStore.Command(connection, null,
            "SELECT a.opportunity_id, a.input_hash, a.policy_sha256, a.run_id, a.account_id "
            + $"FROM assessments a WHERE a.run_id <> @current AND {store.InIds("a.opportunity_id")} "
            + "AND a.run_id = (SELECT max(b.run_id) FROM assessments b WHERE b.opportunity_id = a.opportunity_id AND b.run_id <> @current)");
        LedgerStore.Add(command, "current", currentRun);
        LedgerStore.Add(command, "ids", store.Ids(wanted));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found[reader.GetString(0)] = new Prior(reader.GetString(1), reader.GetString(2), SqlLedger.Long(reader, 3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return found;
    }

    /// <summary>
    /// An opportunity's last stored assessment: its input hash and policy (what is compared), the run it is stored
    /// in, from which a carried row is copied by the store (<see cref="LedgerStore.Carry"/>), not through the process,
    /// and its account id (what a shard is cut by: the same input hash, the same account).
    /// </summary>
    internal sealed record Prior(string InputHash, string PolicySha256, long RunId, string? AccountId);
}
