using OpportunityScoring.Engine;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>
/// The decision slices' explanation messages whose content repeats (issue #26, fifth round) are one shared object per
/// content: two assessments that say the same thing hold the same message, and it renders as a message built afresh.
/// </summary>
public sealed class SharedMessagesTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static readonly string[] SharedCodes =
        ["reason.gate.defer", "reason.gate.end", "reason.gate.ended", "reason.knockOut", "reason.bid.review", "reason.bid.noBid", "reason.review", "reason.fatal", "redFlag.behindCustomer", "redFlag.staleStage"];

    private static readonly Texts[] Languages = [Texts.English, Texts.ForLanguage("zh-Hant"), Texts.ForLanguage("zh-Hans")];

    [Theory]
    [InlineData(ScoringEngine.Compiled)]
    [InlineData(ScoringEngine.Rete)]
    public void Assessments_whose_gate_knock_out_and_bid_reasons_say_the_same_hold_one_message_that_renders_as_one_built_afresh(ScoringEngine engine)
    {
        var scorer = OpportunityRules.CreateScorer(engine: engine);
        var byContent = new Dictionary<(string Code, string English), MessageText>();
        var sharedSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var opportunity in new PipelineGenerator(7, AsOf).Generate(600))
        {
            var assessment = scorer.Score(opportunity, AsOf);
            foreach (var message in assessment.Reasons.Select(static r => r.Text).Concat(assessment.RedFlags.Select(static f => f.Text)))
            {
                if (message.Code is not { } code || !SharedCodes.Contains(code) || !Shareable(message))
                {
                    continue;
                }

                var fresh = MessageText.Of(code, [.. message.Arguments]);
                foreach (var texts in Languages)
                {
                    Assert.Equal(fresh.Render(texts), message.Render(texts));
                }

                var key = (code, message.Render(Texts.English));
                if (byContent.TryGetValue(key, out var first))
                {
                    Assert.Same(first, message);
                    sharedSeen.Add(code);
                }
                else
                {
                    byContent.Add(key, message);
                }
            }
        }

        // the generated pipeline repeats each of these often: a test that found none shared would prove nothing
        Assert.Contains("reason.gate.defer", sharedSeen);
        Assert.Contains("reason.knockOut", sharedSeen);
        Assert.Contains("reason.bid.review", sharedSeen);
        Assert.Contains("reason.bid.noBid", sharedSeen);
        Assert.Contains("reason.review", sharedSeen);
        Assert.Contains("reason.fatal", sharedSeen);
        Assert.Contains("redFlag.behindCustomer", sharedSeen);
        Assert.Contains("redFlag.staleStage", sharedSeen);
    }

    [Fact]
    public void A_message_shared_for_one_code_is_not_given_to_another_code_with_the_same_text()
    {
        var text = AssessmentLog.Catalogue("review.", "costRisk");
        var shared = new SharedMessages();
        var forCostRisk = shared.Named("reason.review", "review.name.", "costRisk", text);
        var forOther = shared.Named("reason.review", "review.name.", "lossRisk", text);

        Assert.Same(forCostRisk, shared.Named("reason.review", "review.name.", "costRisk", text));
        Assert.NotSame(forCostRisk, forOther);
        Assert.Equal(MessageText.Of("reason.review", MessageText.Name("review.name.", "lossRisk"), text).Render(Texts.English), forOther.Render(Texts.English));
    }

    [Fact]
    public void The_tables_of_shared_messages_do_not_grow_past_their_bound()
    {
        // more distinct contents than the bound: texts made up per call (their catalogue entries shared) and code sets
        var shared = new SharedMessages();
        var catalogue = Enumerable.Range(0, 64).Select(static i => "made-up-" + i).ToArray();
        for (var i = 0; i < SharedMessages.MaxEntries + 50; i++)
        {
            var text = AssessmentLog.Catalogue("bound.test.", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var named = shared.Named("reason.review", "review.name.", "x", text);
            Assert.Equal(MessageText.Of("reason.review", MessageText.Name("review.name.", "x"), text).Render(Texts.English), named.Render(Texts.English));
            string[] codes = [catalogue[i % 64], catalogue[((i / 64) + (i % 64) + 1) % 64]];
            if (codes[0] != codes[1])
            {
                var listed = shared.Listed("reason.bid.review", null, "review.name.", codes, catalogue);
                Assert.Equal(MessageText.Of("reason.bid.review", MessageText.Join("review.name.", codes)).Render(Texts.English), listed.Render(Texts.English));
            }
        }

        Assert.True(shared.NamedCount <= SharedMessages.MaxEntries, $"{shared.NamedCount} kept");
        Assert.True(shared.ListedCount <= SharedMessages.MaxEntries, $"{shared.ListedCount} kept");
        Assert.Equal(SharedMessages.MaxEntries, shared.NamedCount);
        Assert.Equal(SharedMessages.MaxEntries, shared.ListedCount);

        var table = SharedMessages.NewStageCountTable();
        Assert.Same(SharedMessages.StageCount("reason.gate.defer", table, Stage.Tender, 3), SharedMessages.StageCount("reason.gate.defer", table, Stage.Tender, 3));
        Assert.NotSame(
            SharedMessages.StageCount("reason.gate.defer", table, Stage.Tender, SharedMessages.CountsPerStage),
            SharedMessages.StageCount("reason.gate.defer", table, Stage.Tender, SharedMessages.CountsPerStage));
        Assert.Equal(ContractEnum<Stage>.Count * SharedMessages.CountsPerStage, table.Length);
    }

    [Fact]
    public void The_staleness_flag_is_shared_only_for_days_within_its_table_and_only_with_the_same_limit()
    {
        var kept = GateFlagTexts.StaleStage(40, Stage.Proposal, 30);
        Assert.Same(kept, GateFlagTexts.StaleStage(40, Stage.Proposal, 30));

        var otherLimit = GateFlagTexts.StaleStage(40, Stage.Proposal, 35);
        Assert.NotSame(kept, otherLimit);
        Assert.Equal(MessageText.Of("redFlag.staleStage", 40, MessageText.Word(Stage.Proposal), 35).Render(Texts.English), otherLimit.Render(Texts.English));

        var days = GateFlagTexts.MaxStaleDays + 7;
        var past = GateFlagTexts.StaleStage(days, Stage.Proposal, 30);
        Assert.NotSame(past, GateFlagTexts.StaleStage(days, Stage.Proposal, 30));
        Assert.Equal(MessageText.Of("redFlag.staleStage", days, MessageText.Word(Stage.Proposal), 30).Render(Texts.English), past.Render(Texts.English));
    }

    /// <summary>
    /// Whether every message the message names is a shared catalogue entry (a list: each of its names), and a fatal
    /// factor's threshold and actual value are words (numbers vary, so they are not shared).
    /// </summary>
    private static bool Shareable(MessageText message)
    {
        foreach (var argument in message.Arguments)
        {
            if (message.Code == "reason.fatal" && argument is not MessageText)
            {
                return false;
            }

            if (argument is MessageText inner && !inner.Shared && !(inner.Code == MessageText.ListCode && Shareable(inner)))
            {
                return false;
            }
        }

        return true;
    }
}
