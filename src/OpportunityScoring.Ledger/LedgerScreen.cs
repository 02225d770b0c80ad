using System.Data.Common;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// What a run sees of the records before they are parsed, when the reader hands it their bytes
/// (<see cref="LedgerRun.Select(PipelineSource)"/>, JSON and JSON Lines): each record's input hash is the SHA-256 of
/// its bytes (<see cref="AssessmentRow.HashOfRecord"/>), kept for its row; with <see cref="RunStart.ChangedOnly"/>, the
/// chunk's last stored assessments are looked up in one query, and a record whose last assessment has the same input
/// hash under the same policy is kept back — never parsed, never scored — and carried forward inside the store.
/// </summary>
/// <remarks>Runs on the reading thread; one chunk at a time.</remarks>
internal sealed class LedgerScreen(SqlLedger ledger, LedgerRun run, RunStart start, bool carry) : IRecordScreen, IDisposable
{
    private readonly Dictionary<int, (string Id, ChangedOnlyLookup.Prior Prior)> _pending = [];
    private DbConnection? _connection;

    public string?[] Screen(PipelineFormat format, IReadOnlyList<RawRecord> chunk)
    {
        var hashes = new string?[chunk.Count];
        Parallel.For(0, chunk.Count, i => hashes[i] = chunk[i].Bytes is { } bytes ? AssessmentRow.HashOfRecord(format, bytes) : null);
        var kept = new string?[chunk.Count];
        _pending.Clear();
        var last = carry ? Last(chunk) : null;
        for (var i = 0; i < chunk.Count; i++)
        {
            var record = chunk[i];
            if (record.Id is { } id && hashes[i] is { } hash && last is not null && last.TryGetValue(id, out var prior)
                && prior.InputHash == hash && prior.PolicySha256 == start.Policy.Sha256)
            {
                kept[i] = id;
                _pending[record.Index] = (id, prior);
            }
            else if (hashes[i] is { } changed)
            {
                run.KeepHash(record.Index, changed);
            }
        }

        return kept;
    }

    public void Carried(int index)
    {
        var (id, prior) = _pending[index];
        // The same bytes, the same opportunity: its account (what shards are cut by) is the one stored with it.
        if (start.Shard.Count == 1 || ShardSpec.Of(prior.AccountId ?? id, start.Shard.Count) == start.Shard.Index)
        {
            run.CarryForward(prior.RunId, id);
        }
    }

    public void Dispose() => _connection?.Dispose();

    private Dictionary<string, ChangedOnlyLookup.Prior> Last(IReadOnlyList<RawRecord> chunk)
    {
        var ids = new List<string>(chunk.Count);
        foreach (var record in chunk)
        {
            if (record.Id is { } id)
            {
                ids.Add(id);
            }
        }

        return ledger.Guard(() =>
        {
            _connection ??= ledger.Store.Open();
            return ChangedOnlyLookup.Last(ledger.Store, _connection, run.RunId, ids);
        });
    }
}
