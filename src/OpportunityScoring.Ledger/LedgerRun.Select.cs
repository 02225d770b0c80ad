using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>Which records a run scores: its shard's, and with <see cref="RunStart.ChangedOnly"/> only those that changed (the others carried forward).</summary>
public sealed partial class LedgerRun
{
    /// <summary>
    /// The records this run scores: those of its shard and, with <see cref="RunStart.ChangedOnly"/>, only those whose
    /// input hash or policy changed since their last stored assessment; the others are recorded as carried forward.
    /// Lazy, in input order, looked up in the store 500 at a time.
    /// </summary>
    /// <param name="records">The pipeline's records.</param>
    /// <returns>The records to score.</returns>
    public IEnumerable<PipelineRecord> Select(IEnumerable<PipelineRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var shard = _start.Shard;
        var mine = shard.Count == 1 ? records : records.Where(shard.Takes);
        return _start.ChangedOnly && !AlreadyComplete ? ChangedOnly(mine) : mine;
    }

    /// <summary>
    /// The records this run scores, read from <paramref name="source"/>: as <see cref="Select(IEnumerable{PipelineRecord})"/>,
    /// but from JSON and JSON Lines the run sees each record's bytes before it is parsed: its input hash is the SHA-256
    /// of those bytes, and with <see cref="RunStart.ChangedOnly"/> a record whose last stored assessment has the same
    /// hash under the same policy is neither parsed nor scored (docs/ledger.md). Other formats are read as usual.
    /// </summary>
    /// <param name="source">The pipeline, not yet enumerated.</param>
    /// <returns>The records to score.</returns>
    public IEnumerable<PipelineRecord> Select(PipelineSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanScreen)
        {
            return Select(source.Records);
        }

        _screen = new LedgerScreen(_ledger, this, _start, _start.ChangedOnly && !AlreadyComplete);
        source.Screen = _screen;
        var shard = _start.Shard;
        return shard.Count == 1 ? source.Records : source.Records.Where(r =>
        {
            if (shard.Takes(r))
            {
                return true;
            }

            _hashes.TryRemove(r.Index, out _); // another shard's
            return false;
        });
    }

    /// <summary>Keeps a record's input hash (computed from its bytes) for its row.</summary>
    internal void KeepHash(int index, string hash) => _hashes[index] = hash;

    /// <summary>Carries an opportunity's last assessment (stored in run <paramref name="from"/>) forward into this run.</summary>
    internal void CarryForward(long from, string id)
    {
        lock (_gate)
        {
            Carried++;
            if (!AlreadyComplete)
            {
                _carried.Add((from, id));
                DispatchWhenFull();
            }
        }
    }

    private IEnumerable<PipelineRecord> ChangedOnly(IEnumerable<PipelineRecord> records)
    {
        var chunk = new List<PipelineRecord>(ChangedOnlyLookup.ChunkSize);
        foreach (var record in records)
        {
            chunk.Add(record);
            if (chunk.Count == ChangedOnlyLookup.ChunkSize)
            {
                foreach (var changed in Sift(chunk))
                {
                    yield return changed;
                }

                chunk.Clear();
            }
        }

        foreach (var changed in Sift(chunk))
        {
            yield return changed;
        }
    }

    private List<PipelineRecord> Sift(List<PipelineRecord> chunk)
    {
        // The store is asked for the chunk's last assessments while the records are hashed: the two take about as long.
        _reader ??= _ledger.Guard(_ledger.Store.Open);
        var ids = chunk.Where(r => r.Opportunity is not null).Select(r => r.Opportunity!.Id).ToList();
        var lookup = Task.Run(() => _ledger.Guard(() => ChangedOnlyLookup.Last(_ledger.Store, _reader, RunId, ids)));
        var hashes = new string?[chunk.Count];
        Parallel.For(0, chunk.Count, i => hashes[i] = chunk[i].Opportunity is { } o ? AssessmentRow.HashOf(o) : null);
        var last = lookup.GetAwaiter().GetResult();
        var changed = new List<PipelineRecord>(chunk.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            var record = chunk[i];
            if (record.Opportunity is { } o && last.TryGetValue(o.Id, out var before) && before.InputHash == hashes[i] && before.PolicySha256 == _start.Policy.Sha256)
            {
                CarryForward(before.RunId, o.Id);
                continue;
            }

            if (hashes[i] is { } hash)
            {
                _hashes[record.Index] = hash;
            }

            changed.Add(record);
        }

        return changed;
    }
}
