using OpportunityScoring.Cli;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;
using Xunit;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Explanations;

public sealed class WhatIfTests
{
    private static ScoringPolicy Proposed() => PolicyLoader.Parse(
        OpportunityRules.DefaultPolicyJson.Replace("\"version\": \"1.2.0\"", "\"version\": \"1.2.0-whatif\"", StringComparison.Ordinal)
            .Replace("\"marginFloor\": 0.15", "\"marginFloor\": 0.2", StringComparison.Ordinal), "proposed.json");

    [Fact]
    public void A_higher_floor_changes_the_bid_of_a_thin_margin_and_says_why()
    {
        var thin = Build.Strong("T") with { EstimatedCost = 8_200_000m }; // 18%: bid under 15% + 3, no-bid under 20%
        var result = PolicyWhatIf.Compare(Build.Scorer, OpportunityRules.CreateScorer(Proposed()), [thin, Build.Strong()], Build.AsOf);
        Assert.Equal(2, result.Compared);
        var change = Assert.Single(result.Changes);
        Assert.Equal("T", change.Id);
        Assert.Contains("bid", change.Kinds);
        Assert.Equal(BidRecommendation.NoBid, change.BidAfter);
        Assert.Contains("marginBelowFloor", change.FatalAdded);
        Assert.Equal(1, result.Counts["bid"]);
        Assert.Equal(1, result.Counts["changed"]);
    }

    [Fact]
    public void A_streamed_pipeline_compared_on_all_cores_gives_the_changes_errors_and_counts_of_the_whole_file_in_input_order()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(OpportunityScoring.Tests.Batch.TestData.GeneratedPipelineJson(700))!;
        var list = root["opportunities"]!.AsArray();
        list.Insert(100, System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "BAD-1", "stage": "nowhere", "expectedContractAmount": 5 }"""));
        list.Insert(400, System.Text.Json.Nodes.JsonNode.Parse("""{ "stage": "tender" }"""));
        list.Insert(650, list[3]!.DeepClone()); // a duplicate id
        var text = root.ToJsonString();
        var proposed = OpportunityRules.CreateScorer(Proposed());

        var read = TestPipeline.Read(OpportunityScoring.Tests.Batch.TestData.Utf8(text));
        var whole = PolicyWhatIf.Compare(Build.Scorer, proposed, read.Records, read.AsOf ?? Build.AsOf);
        using var source = PipelineStreamReader.OpenJson(OpportunityScoring.Tests.Batch.TestData.Utf8(text));
        var streamed = PolicyWhatIf.Compare(Build.Scorer, proposed, source);

        Assert.NotEmpty(whole.Changes);
        Assert.Equal(3, whole.Errors.Select(e => e.Index).Distinct().Count()); // three bad records (one of them with two errors)
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole, OpportunityScoring.ContractJson.Options), System.Text.Json.JsonSerializer.Serialize(streamed, OpportunityScoring.ContractJson.Options));
    }

    [Fact]
    public void The_same_policy_changes_nothing()
    {
        var result = PolicyWhatIf.Compare(Build.Scorer, Build.Scorer, [Build.Strong(), Build.Weak(), Build.EarlyLead()], Build.AsOf);
        Assert.Empty(result.Changes);
        Assert.Equal(0, result.Counts["changed"]);
    }

    [Fact]
    public void The_whatif_verb_lists_the_changes_with_counts()
    {
        var policy = Path.GetTempFileName();
        try
        {
            File.WriteAllText(policy, OpportunityRules.DefaultPolicyJson.Replace("\"marginFloor\": 0.15", "\"marginFloor\": 0.2", StringComparison.Ordinal));
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = CliApp.Run(["whatif", Repo.Path("samples", "pipeline.json"), "--policy", policy], stdout, stderr);
            Assert.Equal(CliApp.Ok, code);
            Assert.Contains("opportunities compared", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("bid: ", stdout.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
