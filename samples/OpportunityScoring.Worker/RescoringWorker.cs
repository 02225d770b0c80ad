using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Worker;

/// <summary>What to re-score, where to write, how often (section <c>Rescoring</c>).</summary>
public sealed class RescoringOptions
{
    /// <summary>A pipeline file, or a folder: every <c>*.json</c> in it.</summary>
    public string Input { get; set; } = "pipelines";

    /// <summary>The folder of <c>&lt;name&gt;.assessments.json</c>, <c>&lt;name&gt;.diff.json</c> and <c>&lt;name&gt;.accounts.json</c> (the key-account list).</summary>
    public string Output { get; set; } = "rescoring";

    /// <summary>The time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Run once, then stop the host.</summary>
    public bool Once { get; set; }

    /// <summary>With a store configured: a file to write the win/loss review to (JSON) after each round of runs; none when empty.</summary>
    public string? ReviewFile { get; set; }
}

/// <summary>
/// Re-scores every pipeline on a schedule through the batch API (streaming, all cores, bounded memory), writes the
/// result document and the diff against the previous run, and keeps going when one pipeline cannot be read.
/// </summary>
/// <remarks>
/// With <c>OpportunityScoring:Store</c> configured, every run is also recorded in the decision ledger (docs/ledger.md),
/// the plan's actions are reviewed at each complete run (those due logged) and, with <c>Rescoring:ReviewFile</c>, the
/// win/loss review is written after each round.
/// </remarks>
public sealed partial class RescoringWorker(IOpportunityScorer scorer, IOptions<RescoringOptions> options, IHostApplicationLifetime lifetime, ILogger<RescoringWorker> log, IDecisionLedger? ledger = null) : BackgroundService
{
    /// <summary>Pipelines that could not be read or written, over every run.</summary>
    public int Failures { get; private set; }

    /// <summary>Actions of the plan found due at the runs of the last round (overdue, or done without effect: 補救).</summary>
    public int ActionsDue { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.Interval);
        do
        {
            ActionsDue = 0;
            var input = Path.GetFullPath(o.Input);
            foreach (var file in Directory.Exists(input) ? Directory.GetFiles(input, "*.json").Order(StringComparer.Ordinal).ToArray() : [input])
            {
                try
                {
                    Rescore(file, Directory.CreateDirectory(Path.GetFullPath(o.Output)).FullName, stoppingToken);
                }
                catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException or LedgerException)
                {
                    Failures++;
                    LogFailed(log, file, e.Message);
                }
            }

            if (ledger is not null && !string.IsNullOrWhiteSpace(o.ReviewFile))
            {
                try
                {
                    LoopFollowUp.WriteReview(ledger, o.ReviewFile, log);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException)
                {
                    Failures++;
                    LogFailed(log, o.ReviewFile, e.Message);
                }
            }
        }
        while (!o.Once && await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));

        lifetime.StopApplication();
    }

    private void Rescore(string file, string outputFolder, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var output = Path.Combine(outputFolder, name + ".assessments.json");
        var differ = File.Exists(output) ? new PipelineDiffer(PreviousRun.Load(output)) : null;
        var changes = new List<OpportunityChange>();
        using (var source = PipelineSource.Open(PipelineFormat.Json, file))
        using (var stream = DirectFileStream.Open(output + ".tmp", FileMode.Create, FileShare.Read, 1 << 20)) // direct I/O where it can (docs/hosts.md)
        {
            var asOf = source.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            using var stored = ledger?.StartRun(new RunStart(Path.GetFileName(file), RunStart.HashFile(file), scorer.Policy.Stamp, asOf, "compiled"));
            // The key accounts (大客戶, docs/accounts.md): the pipeline's accounts section, each opportunity tallied to its account.
            var accounts = new AccountBook(OpportunityRules.CreateAccountScorer(scorer.Policy));
            accounts.AddFrom(source);
            var records = stored?.Select(source) ?? source.Records;
            var run = new BatchScorer(scorer).Score(accounts.Records > 0 ? accounts.WithServiceHealth(records, asOf) : records, asOf, cancellationToken: cancellationToken);
            using var writer = BatchWriters.Create("json", stream, run.Policy, run.AsOf);
            foreach (var item in run)
            {
                writer.Write(item);
                stored?.Write(item);
                accounts.Add(item);
                if (item.Assessment is { } assessment && differ?.Compare(assessment) is { } change)
                {
                    changes.Add(change);
                }
            }

            writer.Complete();
            stored?.Complete();
            using (var list = new StreamWriter(Path.Combine(outputFolder, name + ".accounts.json")))
            {
                accounts.Grade(run.AsOf).Write("json", list, Texts.English);
            }

            LogScored(log, name, run.Counts.Assessed, run.Counts.Rejected, output);
            if (stored is not null)
            {
                LogStored(log, name, stored.RunId, ledger!.Target, stored.RunComplete);
                if (stored.RunComplete && !stored.AlreadyComplete)
                {
                    ActionsDue += LoopFollowUp.AfterRun(ledger, name, stored.RunId, log);
                }
            }
        }

        File.Move(output + ".tmp", output, overwrite: true);
        if (differ is not null)
        {
            changes.AddRange(differ.Finish());
            File.WriteAllText(Path.Combine(outputFolder, name + ".diff.json"), DiffDocumentWriter.ToJson(changes, differ.Counts));
            LogDiff(log, name, differ.Counts);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Pipeline}: {Assessed} assessed, {Rejected} rejected -> {Output}")]
    private static partial void LogScored(ILogger logger, string pipeline, long assessed, long rejected, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Pipeline}: since the last run {Counts}")]
    private static partial void LogDiff(ILogger logger, string pipeline, DiffCounts counts);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Pipeline}: recorded as run {RunId} in {Ledger} (complete: {Complete})")]
    private static partial void LogStored(ILogger logger, string pipeline, long runId, string ledger, bool complete);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File}: {Message}")]
    private static partial void LogFailed(ILogger logger, string file, string message);
}
