using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Reference;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Benchmarks;

/// <summary>The benchmark pipeline: a fixed seed and day, so every run and every engine scores the same opportunities.</summary>
public static class BenchmarkData
{
    /// <summary>The generator's seed.</summary>
    public const int Seed = 20270110;

    /// <summary>The environment variable that selects the tiny smoke sizes (<c>.ci/bench-smoke.sh</c> sets it to 1).</summary>
    public const string SmokeVariable = "OPPORTUNITY_BENCH_SMOKE";

    /// <summary>The day of the assessment.</summary>
    public static readonly DateOnly AsOf = new(2027, 1, 10);

    /// <summary>Whether this is a smoke run (tiny pipelines).</summary>
    public static bool Smoke => Environment.GetEnvironmentVariable(SmokeVariable) == "1";

    /// <summary>The bulk pipeline sizes: 10,000 and 100,000, or 200 in a smoke run.</summary>
    public static IEnumerable<int> PipelineSizes => Smoke ? [200] : [10_000, 100_000];

    /// <summary>How many opportunities the single-opportunity benchmarks cycle through: 1,024, or 64 in a smoke run (a power of two).</summary>
    public static int MixSize => Smoke ? 64 : 1024;

    /// <summary>The hand-written evaluator over a pipeline, one thread.</summary>
    /// <param name="reference">The evaluator.</param>
    /// <param name="pipeline">The opportunities.</param>
    /// <returns>A checksum (grades A + bids).</returns>
    public static int ReferenceChecksum(ReferenceEvaluator reference, Opportunity[] pipeline)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pipeline);
        var sum = 0;
        foreach (var o in pipeline)
        {
            var r = reference.Evaluate(o, AsOf);
            sum += (r.Grade == Grade.A ? 1 : 0) + (r.HasBid && r.Bid == BidRecommendation.Bid ? 1 : 0);
        }

        return sum;
    }

    /// <summary>A pipeline through the bulk API.</summary>
    /// <param name="batch">The batch scorer.</param>
    /// <param name="pipeline">The opportunities.</param>
    /// <returns>A checksum (grades A + bids).</returns>
    public static int Checksum(BatchScorer batch, Opportunity[] pipeline)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sum = 0;
        foreach (var item in batch.Score(pipeline, AsOf))
        {
            var a = item.Assessment ?? throw new InvalidOperationException(item.Errors[0].Message);
            sum += (a.Grade == Grade.A ? 1 : 0) + (a.Bid?.Decision == BidRecommendation.Bid ? 1 : 0);
        }

        return sum;
    }

    /// <summary>A pipeline through the bulk API, decided without explanations (<see cref="ScoringDetail.Decisions"/>).</summary>
    /// <param name="batch">A batch scorer whose options ask for decisions.</param>
    /// <param name="pipeline">The opportunities.</param>
    /// <returns>A checksum (grades A + bids), the same as <see cref="Checksum"/>'s.</returns>
    public static int DecisionsChecksum(BatchScorer batch, Opportunity[] pipeline)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sum = 0;
        foreach (var item in batch.Score(pipeline, AsOf))
        {
            var d = item.Decisions ?? throw new InvalidOperationException(item.Errors[0].Message);
            sum += (d.Grade == Grade.A ? 1 : 0) + (d.Bid == BidRecommendation.Bid ? 1 : 0);
        }

        return sum;
    }

    /// <summary>The pipeline of a size (the first n opportunities of the seeded generator).</summary>
    /// <param name="size">How many.</param>
    /// <returns>The opportunities.</returns>
    public static Opportunity[] Pipeline(int size) => [.. new PipelineGenerator(Seed, AsOf).Generate(size)];

    /// <summary>
    /// Checks that an engine decides like the reference: grade, score, sub-scores, win probability, knock-outs, red
    /// flags, gate (outcome, next stage, missing and ending codes), bid decision, fatal factors, review reasons and cost
    /// risk. Throws with the first disagreements.
    /// </summary>
    /// <param name="scorer">The engine.</param>
    /// <param name="opportunities">The opportunities.</param>
    /// <param name="ignoredFields">Field prefixes the engine does not produce (e.g. the economics).</param>
    /// <returns>How many opportunities were checked.</returns>
    public static int Verify(IOpportunityScorer scorer, IReadOnlyList<Opportunity> opportunities, params string[] ignoredFields)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(opportunities);
        var reference = new ReferenceEvaluator(scorer.Policy);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.ForEach(opportunities, o =>
        {
            var differences = ReferenceComparison.Differences(scorer.Score(o, AsOf), reference.Evaluate(o, AsOf))
                .Where(d => !ignoredFields.Any(f => d.StartsWith(f, StringComparison.Ordinal))).ToList();
            if (differences.Count > 0)
            {
                failures.Enqueue($"{o.Id} ({o.Stage}): {string.Join("; ", differences)}");
            }
        });
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException($"{scorer.GetType().Name} disagrees with the reference on {failures.Count} of {opportunities.Count} opportunities:\n"
                + string.Join("\n", failures.Take(10)));
        }

        return opportunities.Count;
    }

    /// <summary>
    /// The default policy as the RulesEngine peer can express it: the same, without the win-probability model's signal
    /// slopes (the peer's workflows carry the uncalibrated model only, intercept + score slope; the default policy 1.2.0
    /// added signal slopes). The peer's cost per opportunity does not depend on the slopes.
    /// </summary>
    public static OpportunityScoring.Policy.ScoringPolicy PeerPolicy => PeerPolicyValue.Value;

    private static readonly Lazy<OpportunityScoring.Policy.ScoringPolicy> PeerPolicyValue = new(() =>
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(OpportunityScoring.Rules.OpportunityRules.DefaultPolicyJson, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        json["winProbability"]!["signalSlopes"] = new System.Text.Json.Nodes.JsonObject();
        json["winProbability"]!["criterionSlopes"] = new System.Text.Json.Nodes.JsonObject();
        return OpportunityScoring.Policy.PolicyLoader.Parse(json.ToJsonString(), "default policy without signal slopes (RulesEngine peer)");
    });

    /// <summary>What the RulesEngine scorer leaves out: the rounded margins and the economics beyond the expected value.</summary>
    public static readonly string[] RulesEngineIgnores = ["bid.grossMargin", "bid.netMargin", "bid.economics"];
}
