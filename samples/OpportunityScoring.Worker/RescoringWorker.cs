using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Worker;

/// <summary>What to re-score, where to write, how often (section <c>Rescoring</c>).</summary>
public sealed class RescoringOptions
{
    /// <summary>A pipeline file, or a folder: every <c>*.json</c> in it.</summary>
    public string Input { get; set; } = "pipelines";

    /// <summary>The folder of <c>&lt;name&gt;.assessments.json</c> and <c>&lt;name&gt;.diff.json</c>.</summary>
    public string Output { get; set; } = "rescoring";

    /// <summary>The time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Run once, then stop the host.</summary>
    public bool Once { get; set; }
}

/// <summary>
/// Re-scores every pipeline on a schedule through the batch API (streaming, all cores, bounded memory), writes the
/// result document and the diff against the previous run, and keeps going when one pipeline cannot be read.
/// </summary>
public sealed partial class RescoringWorker(IOpportunityScorer scorer, IOptions<RescoringOptions> options, IHostApplicationLifetime lifetime, ILogger<RescoringWorker> log) : BackgroundService
{
    /// <summary>Pipelines that could not be read or written, over every run.</summary>
    public int Failures { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.Interval);
        do
        {
            var input = Path.GetFullPath(o.Input);
            foreach (var file in Directory.Exists(input) ? Directory.GetFiles(input, "*.json").Order(StringComparer.Ordinal).ToArray() : [input])
            {
                try
                {
                    Rescore(file, Directory.CreateDirectory(Path.GetFullPath(o.Output)).FullName, stoppingToken);
                }
                catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
                {
                    Failures++;
                    LogFailed(log, file, e.Message);
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
        using (var stream = File.Create(output + ".tmp"))
        {
            var run = new BatchScorer(scorer).Score(source.Records, source.AsOf, cancellationToken: cancellationToken);
            using var writer = BatchWriters.Create("json", stream, run.Policy, run.AsOf);
            foreach (var item in run)
            {
                writer.Write(item);
                if (item.Assessment is { } assessment && differ?.Compare(assessment) is { } change)
                {
                    changes.Add(change);
                }
            }

            writer.Complete();
            LogScored(log, name, run.Counts.Assessed, run.Counts.Rejected, output);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{File}: {Message}")]
    private static partial void LogFailed(ILogger logger, string file, string message);
}
