using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Tests.TestAssets;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Batch;

/// <summary>
/// <see cref="ScoringDetail.Decisions"/>: the same rules without reasons or messages. Whatever reads only the
/// decisions (the CSV output, the summary, the what-if) must give exactly what it gives from full assessments.
/// </summary>
public sealed class DecisionsOnlyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("os-decisions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<PipelineRecord> RecordsWithRejections()
    {
        var records = TestData.Generated(400, seed: 21).Select((o, i) => new PipelineRecord(i, o, [])).ToList();
        records.Insert(57, new PipelineRecord(57, null, [new InputError("BAD", 57, "stage", "'nowhere' is not a stage")]));
        return records.Select((r, i) => r with { Index = i }).ToList();
    }

    private static byte[] Csv(IEnumerable<BatchItem> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new CsvBatchWriter(stream))
        {
            foreach (var item in items)
            {
                writer.Write(item);
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    [Fact]
    public void A_batch_decided_without_explanations_gives_the_same_decisions_csv_and_summary_as_a_full_batch()
    {
        var scorer = OpportunityRules.CreateScorer();
        var full = new BatchScorer(scorer, new BatchOptions { ChunkSize = 7 }).Score(RecordsWithRejections(), TestData.AsOf).ToList();
        var decided = new BatchScorer(scorer, new BatchOptions { ChunkSize = 7, Detail = ScoringDetail.Decisions }).Score(RecordsWithRejections(), TestData.AsOf).ToList();

        Assert.Equal(full.Count, decided.Count);
        Assert.All(decided, item => Assert.Null(item.Assessment));
        Assert.Equal(full.Select(i => i.IsAssessed), decided.Select(i => i.IsAssessed));
        Assert.Equal(full.Select(i => i.Decisions), decided.Select(i => i.Decisions)); // AssessmentDecisions compares field by field
        Assert.Single(decided, i => !i.IsAssessed);

        Assert.Equal(Csv(full), Csv(decided));
        var summaryFull = new PipelineSummaryBuilder();
        var summaryDecided = new PipelineSummaryBuilder();
        full.ForEach(summaryFull.Add);
        decided.ForEach(summaryDecided.Add);
        Assert.Equal(JsonSerializer.Serialize(summaryFull.Build(), ContractJson.Options), JsonSerializer.Serialize(summaryDecided.Build(), ContractJson.Options));
    }

    [Fact]
    public void The_json_outputs_refuse_an_item_that_carries_only_its_decisions_instead_of_writing_it_as_a_rejection()
    {
        var item = new BatchItem(3, Build.Strong(), Build.Scorer.Decide(Build.Strong(), Build.AsOf));
        using var stream = new MemoryStream();
        using var lines = new JsonLinesBatchWriter(stream);
        var e = Assert.Throws<InvalidOperationException>(() => lines.Write(item));
        Assert.Contains("Record 3 carries only its decisions", e.Message, StringComparison.Ordinal);
        Assert.Contains("ScoringDetail.Full", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decisions_only_scorecard_refuses_to_build_a_full_assessment()
    {
        var o = Build.Strong();
        var scorer = OpportunityRules.CreateScorer();
        var card = new Scorecard(o, scorer.Policy, Build.AsOf, ScoringDetail.Decisions);
        scorer.RuleSets.Flat.RuleSet!.Run([o, scorer.Policy.Grading, scorer.Policy.Gates, scorer.Policy.Bid, new AssessmentDate(Build.AsOf)], card.Ledgers, explanations: false);

        Assert.Equal(AssessmentDecisions.From(scorer.Score(o, Build.AsOf)), card.ToDecisions());
        var e = Assert.Throws<InvalidOperationException>(card.ToAssessment);
        Assert.Contains("kept only the decisions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scorer_without_its_own_decide_takes_the_decisions_from_its_full_assessment()
    {
        IOpportunityScorer wrapped = new OnlyScores(OpportunityRules.CreateScorer());
        var o = Build.Weak();
        Assert.Equal(AssessmentDecisions.From(wrapped.Score(o, Build.AsOf)), wrapped.Decide(o, Build.AsOf));
    }

    [Fact]
    public void The_cli_csv_scored_for_decisions_is_byte_identical_to_the_csv_of_full_assessments()
    {
        var pipeline = Path.Combine(_dir, "p.json");
        var previous = Path.Combine(_dir, "previous.jsonl");
        File.WriteAllText(pipeline, TestData.GeneratedPipelineJson(300, seed: 4));
        Assert.Equal(CliApp.Ok, CliApp.Run(["score", pipeline, "--format", "jsonl", "--out", previous, "--quiet"], TextWriter.Null, TextWriter.Null));

        using var decisions = new StringWriter();
        using var full = new StringWriter(); // --previous needs every reason's points, so this run scores in full
        Assert.Equal(CliApp.Ok, CliApp.Run(["score", pipeline, "--format", "csv", "--quiet"], decisions, TextWriter.Null));
        Assert.Equal(CliApp.Ok, CliApp.Run(["score", pipeline, "--format", "csv", "--previous", previous, "--quiet"], full, TextWriter.Null));

        Assert.Equal(301, decisions.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(full.ToString(), decisions.ToString());
    }

    [Fact]
    public void The_what_if_decided_first_lists_exactly_the_changes_of_comparing_every_full_assessment()
    {
        var proposed = OpportunityRules.CreateScorer(PolicyLoader.Parse(
            OpportunityRules.DefaultPolicyJson.Replace("\"version\": \"1.2.0\"", "\"version\": \"1.2.0-whatif\"", StringComparison.Ordinal)
                .Replace("\"marginFloor\": 0.15", "\"marginFloor\": 0.2", StringComparison.Ordinal), "proposed.json"));
        var opportunities = TestData.Generated(600, seed: 9);

        var result = PolicyWhatIf.Compare(Build.Scorer, proposed, opportunities, TestData.AsOf);
        var expected = opportunities
            .Select(o => PolicyWhatIf.Diff(Build.Scorer.Score(o, TestData.AsOf), proposed.Score(o, TestData.AsOf)))
            .OfType<WhatIfChange>()
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(600, result.Compared);
        Assert.Equal(JsonSerializer.Serialize(expected, ContractJson.Options), JsonSerializer.Serialize(result.Changes, ContractJson.Options));
    }

    /// <summary>A host's scorer that implements only <see cref="IOpportunityScorer.Score(Opportunity, DateOnly?)"/>.</summary>
    private sealed class OnlyScores(IOpportunityScorer inner) : IOpportunityScorer
    {
        public ScoringPolicy Policy => inner.Policy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null) => inner.Score(opportunity, asOf);
    }
}
