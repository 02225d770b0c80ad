using System.Globalization;
using OpportunityScoring.Engine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>score --store</c>: records the run in the ledger beside the output (which stays byte for byte what it is
/// without <c>--store</c>), then compares it with the last complete run of the same input. Everything it says goes
/// to standard error.
/// </summary>
internal sealed class StoredScore : IDisposable
{
    private const int ChangesShown = 20;
    private readonly IDecisionLedger _ledger;
    private readonly LedgerRun _run;
    private readonly TextWriter _report;
    private readonly PolicyStamp _policy;

    private StoredScore(IDecisionLedger ledger, LedgerRun run, TextWriter report, PolicyStamp policy)
    {
        _policy = policy;
        _ledger = ledger;
        _run = run;
        _report = report;
    }

    /// <summary>Opens the ledger and starts the run; <see langword="null"/> (after saying why on standard error) when it cannot be used.</summary>
    public static StoredScore? Start(StoreRequest request, FileInfo input, PolicyStamp policy, DateOnly asOf, ScoringEngine engine, bool quiet, TextWriter stderr)
    {
        var ledger = LedgerOptions.Open(request.Store, stderr);
        if (ledger is null)
        {
            return null;
        }

        try
        {
            var start = new RunStart(input.Name, RunStart.HashFile(input.FullName), policy, asOf, engine == ScoringEngine.Rete ? "rete" : "compiled")
            {
                Shard = request.Shard,
                ChangedOnly = request.ChangedOnly,
            };
            var run = ledger.StartRun(start);
            var report = quiet ? TextWriter.Null : stderr;
            if (run.AlreadyComplete)
            {
                report.WriteLine($"ledger: this input was already recorded under this policy on {asOf:yyyy-MM-dd} as run {run.RunId}{ShardText(request.Shard)} ({ledger.Target}): nothing is stored again.");
            }

            return new StoredScore(ledger, run, report, policy);
        }
        catch (LedgerException e)
        {
            stderr.WriteLine(e.Message);
            ledger.Dispose();
            return null;
        }
    }

    /// <summary>The records to score: this shard's, and with <c>--changed-only</c> only those that changed.</summary>
    public IEnumerable<PipelineRecord> Select(PipelineSource source) => _run.Select(source);

    public void Write(BatchItem item) => _run.Write(item);

    /// <summary>
    /// For a JSON Lines output in English, whose lines are the contract's JSON: writes an assessed item's line and hands
    /// the same bytes to the ledger, so a stored run serialises each assessment once (the line is byte for byte what the
    /// JSON Lines writer writes). <see langword="false"/> for any other item: the caller writes it as usual.
    /// </summary>
    public bool WriteShared(BatchItem item, Stream jsonLines)
    {
        if (item.Assessment is not { } assessment)
        {
            return false;
        }

        var json = ContractJson.SerializeToUtf8Bytes(assessment); // the JSON Lines writer's bytes
        jsonLines.Write(json);
        jsonLines.Write("\n"u8);
        _run.Write(item, json);
        return true;
    }

    /// <summary>Marks the run (or shard) finished, says so, and compares a complete run with the last complete one.</summary>
    public void Finish(FileInfo? diffOut)
    {
        _run.Complete();
        if (_run.AlreadyComplete)
        {
            return;
        }

        var shard = _run.RunComplete ? string.Empty : "; the run is complete when all its shards are";
        _report.WriteLine(
            $"ledger: run {_run.RunId} ({_ledger.Target}): {N(_run.Assessed)} assessed, {N(_run.Rejected)} rejected, {N(_run.Carried)} carried forward unchanged; "
            + (_run.RunComplete ? "complete." : "this shard finished" + shard + "."));
        if (!_run.RunComplete)
        {
            return;
        }

        LoopReport.Write(_ledger, _run.RunId, _report); // the review loop (issue 21): actions reviewed, overrides beside the engine

        // Written beside the target and renamed over it when complete, as every output (OutputFile).
        using var diffFile = diffOut is null ? null : OutputFile.Create(diffOut.FullName);
        using var diffWriter = diffFile is null ? null : new DiffDocumentWriter(diffFile.Stream);
        var diff = _ledger.CompareWithPrevious(_run.RunId, ChangesShown, diffWriter is null ? null : diffWriter.Write);
        diffWriter?.Complete(diff?.Counts ?? new DiffCounts(0, 0, 0, 0));
        diffWriter?.Dispose();
        diffFile?.Commit();
        if (diff is null)
        {
            _report.WriteLine("ledger: no earlier complete run of this input to compare with.");
            return;
        }

        var c = diff.Counts;
        _report.WriteLine($"ledger: since run {diff.PreviousRunId} ({diff.PreviousAsOf:yyyy-MM-dd}): {N(c.Changed)} changed, {N(c.Unchanged)} unchanged, {N(c.New)} new, {N(c.Removed)} removed.");
        if (diff.PreviousPolicy.Sha256 != _policy.Sha256)
        {
            _report.WriteLine($"note: run {diff.PreviousRunId} was under policy {diff.PreviousPolicy.Name} {diff.PreviousPolicy.Version}: the changes include the policy's, and trends restart (a policy change is not a trend).");
        }

        foreach (var change in diff.Changes)
        {
            var what = change.Kind == ChangeKind.Changed
                ? string.Join("; ", change.Fields.Select(f => $"{f.Field} {f.Before ?? "-"} → {f.After ?? "-"}"))
                : change.Kind.ToString().ToLowerInvariant();
            var why = change.Reasons.Count == 0 ? string.Empty : " (why: " + string.Join(", ", change.Reasons.Take(4).Select(r => $"{r.Rule} {P(r.Before)} → {P(r.After)}")) + (change.Reasons.Count > 4 ? ", …" : string.Empty) + ")";
            _report.WriteLine($"  {change.Id}: {what}{why}");
        }

        if (c.Changed + c.New + c.Removed > diff.Changes.Count)
        {
            _report.WriteLine($"  … {N(c.Changed + c.New + c.Removed - diff.Changes.Count)} more (--diff-out writes them all; history <id> --store … shows one opportunity's record).");
        }
    }

    public void Dispose()
    {
        _run.Dispose();
        _ledger.Dispose();
    }

    private static string ShardText(ShardSpec shard) => shard.Count == 1 ? string.Empty : $", shard {shard}";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(decimal? p) => p is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
