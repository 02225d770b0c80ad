using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpportunityScoring.Ledger;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Worker.Tests;

/// <summary>The worker's side of the review loop (issue 21): actions reviewed after each nightly run, those due logged, the review written.</summary>
public sealed class LoopFollowUpTests : IDisposable
{
    private static readonly string SamplePipeline = Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rescoring-loop-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task After_a_nightly_run_the_overdue_actions_are_logged_by_owner_and_the_win_loss_review_is_written()
    {
        var input = Path.Combine(_dir.FullName, "pipeline.json");
        File.Copy(SamplePipeline, input);
        var reviewFile = Path.Combine(_dir.FullName, "review.json");
        using var ledger = DecisionLedger.Open(Path.Combine(_dir.FullName, "ledger.db"));

        var (first, _) = await RunAsync(input, ledger, reviewFile);
        Assert.Equal(0, first.ActionsDue);
        var id = (string)JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!["opportunities"]![0]!["id"]!;
        var actionId = ledger.PlanAction(new ActionDraft(id, "Li Wei", new DateOnly(2027, 1, 20)) { What = "Meet the CFO about the budget", EvidenceField = "budget.status" }, "Wang Fang");
        ledger.RecordOutcomes([new OutcomeDraft(id, OutcomeResult.Lost, new DateOnly(2027, 3, 1)) { Competitor = "Rival" }], "Wang Fang");

        // A month later the action is still open: overdue at the next run.
        var pipeline = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!;
        pipeline["asOf"] = "2027-02-10";
        await File.WriteAllTextAsync(input, pipeline.ToJsonString());
        var (second, log) = await RunAsync(input, ledger, reviewFile);

        Assert.Equal(0, second.Failures);
        Assert.Equal(1, second.ActionsDue);
        Assert.Contains(log, m => m.Contains($"action {actionId} of {id} (Li Wei, due", StringComparison.Ordinal) && m.Contains("overdue", StringComparison.Ordinal));
        var review = JsonNode.Parse(await File.ReadAllTextAsync(reviewFile))!;
        Assert.Equal(1, (int)review["closed"]!);
        Assert.False(File.Exists(reviewFile + ".tmp"));
    }

    private static async Task<(RescoringWorker Worker, IReadOnlyCollection<string> Log)> RunAsync(string input, IDecisionLedger ledger, string reviewFile)
    {
        var options = Options.Create(new RescoringOptions { Input = input, Output = Path.Combine(Path.GetDirectoryName(input)!, "out"), Once = true, ReviewFile = reviewFile });
        var log = new ListLogger();
        using var worker = new RescoringWorker(OpportunityRules.CreateScorer(), options, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), log, ledger);
        await worker.StartAsync(CancellationToken.None);
        await worker.ExecuteTask!;
        return (worker, log.Messages);
    }

    private sealed class ListLogger : ILogger<RescoringWorker>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
