using NRules.Fluent;
using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Batch;

public sealed class BatchScorerTests
{
    private static readonly BatchScorer Batch = new(OpportunityRules.CreateScorer(), new BatchOptions { ChunkSize = 3, MaxDegreeOfParallelism = 4 });

    [Fact]
    public void Results_come_back_in_input_order_with_every_record_accounted_for()
    {
        var opportunities = TestData.Generated(500);
        var run = Batch.Score(opportunities, TestData.AsOf);
        var items = run.ToList();

        Assert.Equal(opportunities.Select(o => o.Id), items.Select(i => i.Assessment!.Id));
        Assert.Equal(Enumerable.Range(0, 500), items.Select(i => i.Index));
        Assert.Equal(500, run.Counts.Read);
        Assert.Equal(500, run.Counts.Assessed);
        Assert.Equal(0, run.Counts.Rejected);
        Assert.True(run.Counts.Balanced);
        Assert.True(run.Counts.Completed);
    }

    [Fact]
    public void Batch_assessments_are_the_same_as_scoring_each_opportunity_alone()
    {
        var scorer = OpportunityRules.CreateScorer();
        var opportunities = TestData.Generated(200, seed: 5);
        var batch = new BatchScorer(scorer).Score(opportunities, TestData.AsOf).ToList();

        Assert.Equal(opportunities.Select(o => TestData.Json(scorer.Score(o, TestData.AsOf))), batch.Select(i => TestData.Json(i.Assessment!)));
    }

    [Fact]
    public void Invalid_records_become_errors_and_count_in_equals_assessments_plus_rejections()
    {
        var good = TestData.Generated(4);
        PipelineRecord[] records =
        [
            new(0, good[0], []),
            new(1, null, [new InputError("X-1", 1, "stage", "bad stage"), new InputError("X-1", 1, "budget.amount", "negative")]),
            new(2, good[1], []),
            new(3, null, []),
            new(4, good[2], []),
        ];

        var run = Batch.Score(records, TestData.AsOf);
        var items = run.ToList();

        Assert.Equal([0, 1, 2, 3, 4], items.Select(i => i.Index));
        Assert.Equal(3, run.Counts.Assessed);
        Assert.Equal(2, run.Counts.Rejected);
        Assert.Equal(3, run.Counts.Errors);
        Assert.Equal(run.Counts.Read, run.Counts.Assessed + run.Counts.Rejected);
        Assert.All(items.Where(i => !i.IsAssessed), i => Assert.NotEmpty(i.Errors));
    }

    [Fact]
    public void Cancellation_stops_an_endless_input()
    {
        using var cancel = new CancellationTokenSource();
        var endless = new PipelineGenerator(3, TestData.AsOf).Generate(long.MaxValue);
        var seen = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var item in Batch.Score(endless, TestData.AsOf, cancellationToken: cancel.Token))
            {
                if (++seen == 10)
                {
                    cancel.Cancel();
                }
            }
        });
        Assert.InRange(seen, 10, 10);
    }

    [Fact]
    public void Only_a_bounded_window_of_records_is_read_ahead()
    {
        var pulled = 0;
        IEnumerable<Opportunity> Counting()
        {
            foreach (var o in new PipelineGenerator(9, TestData.AsOf).Generate(100_000))
            {
                pulled++;
                yield return o;
            }
        }

        var batch = new BatchScorer(OpportunityRules.CreateScorer(), new BatchOptions { ChunkSize = 8, MaxChunksInFlight = 4 });
        using var items = batch.Score(Counting(), TestData.AsOf).GetEnumerator();
        Assert.True(items.MoveNext());

        Assert.InRange(pulled, 1, (4 + 1) * 8);
    }

    [Fact]
    public void Progress_is_reported_until_every_record_is_done()
    {
        var reports = new List<BatchProgress>();
        var progress = new SyncProgress(reports.Add);

        _ = Batch.Score(TestData.Generated(50), TestData.AsOf, progress).ToList();

        Assert.NotEmpty(reports);
        Assert.Equal(50, reports[^1].Completed);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Completed <= p.Second.Completed));
    }

    [Fact]
    public async Task The_async_batch_keeps_order_and_counts()
    {
        static async IAsyncEnumerable<PipelineRecord> Records()
        {
            var i = 0;
            foreach (var o in TestData.Generated(120, seed: 8))
            {
                await Task.Yield();
                yield return new PipelineRecord(i++, o, []);
            }
        }

        var run = Batch.ScoreAsync(Records(), TestData.AsOf);
        var indices = new List<int>();
        await foreach (var item in run.ReadAllAsync())
        {
            indices.Add(item.Index);
        }

        Assert.Equal(Enumerable.Range(0, 120), indices);
        Assert.Equal(120, run.Counts.Assessed);
        Assert.True(run.Counts.Completed);
    }

    [Fact]
    public void A_rule_that_throws_for_one_record_does_not_stop_the_batch()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.PrivateTypes().From(OpportunityRules.Assembly).To("shipped"));
        repository.Load(x => x.From(typeof(ThrowsForPoisonRule)).To("poison"));
        var scorer = new OpportunityScorer(OpportunityRules.DefaultPolicy, RuleSets.Compile(repository.GetRuleSets(), "test"));
        var opportunities = TestData.Generated(30);
        var expected = opportunities.Select(o => OpportunityRules.CreateScorer().Score(o, TestData.AsOf).Grade).ToList();
        opportunities[12] = new Opportunity { Id = "POISON", Stage = Stage.Proposal, ExpectedContractAmount = 1000 };

        var run = new BatchScorer(scorer, new BatchOptions { ChunkSize = 4 }).Score(opportunities, TestData.AsOf);
        var items = run.ToList();

        Assert.Equal(30, items.Count);
        Assert.Equal(29, run.Counts.Assessed);
        Assert.Equal(1, run.Counts.Rejected);
        var poisoned = Assert.Single(items, i => !i.IsAssessed);
        Assert.Equal(12, poisoned.Index);
        var error = Assert.Single(poisoned.Errors);
        Assert.Equal("POISON", error.Id);
        Assert.Equal(12, error.Index);
        Assert.Contains("Test.ThrowsForPoison", error.Field, StringComparison.Ordinal);
        Assert.All(items.Where(i => i.IsAssessed), i => Assert.Equal(expected[i.Index], i.Assessment!.Grade));
    }

    [Fact]
    public void A_rule_set_that_assigns_no_grade_gives_errors_for_every_record_and_the_batch_still_ends()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ThrowsForPoisonRule)));
        var scorer = new OpportunityScorer(OpportunityRules.DefaultPolicy, RuleSets.Compile(repository.GetRuleSets(), "test"));

        var run = new BatchScorer(scorer).Score(TestData.Generated(10), TestData.AsOf);
        var items = run.ToList();

        Assert.Equal(10, items.Count);
        Assert.Equal(10, run.Counts.Rejected);
        Assert.All(items, i => Assert.Contains("grade", Assert.Single(i.Errors).Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void An_input_that_fails_midway_hands_back_the_records_before_it_then_throws()
    {
        IEnumerable<PipelineRecord> Failing()
        {
            var i = 0;
            foreach (var o in TestData.Generated(5))
            {
                yield return new PipelineRecord(i++, o, []);
            }

            throw new PipelineFormatException("broken at line 99");
        }

        var seen = new List<int>();
        var e = Assert.Throws<PipelineFormatException>(() =>
        {
            foreach (var item in Batch.Score(Failing(), TestData.AsOf))
            {
                seen.Add(item.Index);
            }
        });

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Contains("line 99", e.Message, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}

[Name("Test.ThrowsForPoison")]
public sealed class ThrowsForPoisonRule : Rule
{
    public override void Define()
    {
        Opportunity opportunity = default!;
        When().Match(() => opportunity, o => o.Id == "POISON");
        Then().Do(ctx => Explode(opportunity));
    }

    private static void Explode(Opportunity opportunity) => throw new InvalidOperationException("poisoned record " + opportunity.Id);
}
