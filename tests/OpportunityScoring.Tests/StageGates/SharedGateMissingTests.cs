using OpportunityScoring.StageGates;

namespace OpportunityScoring.Tests.StageGates;

/// <summary>
/// A gate requirement not met with a shared catalogue text is recorded as one item and one reason per stage and text,
/// shared by every assessment (issue 26, eighth round: found by a scan of the stage's texts by reference, not a
/// concurrent dictionary): the same rule gets the same item and reason from any thread, another rule or stage its own.
/// </summary>
public sealed class SharedGateMissingTests
{
    private static (GateItem Item, Reason Reason) Record(Stage stage, string rule, string code, MessageText message)
    {
        var log = new AssessmentLog(explains: true);
        var gate = new GateLedger(stage, log);
        gate.Missing(rule, code, message);
        gate.Decide("Gate.Decide");
        return (Assert.Single(gate.Result!.Missing), log.SortedReasons().Single(r => r.Rule == rule));
    }

    [Fact]
    public void Four_threads_recording_the_same_shared_text_get_one_item_and_one_reason_per_stage()
    {
        var text = MessageText.Name("gate.missing.", "proposalSubmitted");
        Assert.True(text.Shared);
        var first = Record(Stage.Proposal, "Gate.Proposal.Submitted", "proposalSubmitted", text);
        var items = new System.Collections.Concurrent.ConcurrentBag<(GateItem Item, Reason Reason)>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                items.Add(Record(Stage.Proposal, "Gate.Proposal.Submitted", "proposalSubmitted", text));
            }
        });

        Assert.All(items, r => Assert.Same(first.Item, r.Item));
        Assert.All(items, r => Assert.Same(first.Reason, r.Reason));

        var otherStage = Record(Stage.Tender, "Gate.Proposal.Submitted", "proposalSubmitted", text);
        Assert.NotSame(first.Item, otherStage.Item);
        Assert.NotEqual(first.Reason.Message, otherStage.Reason.Message);

        var otherRule = Record(Stage.Proposal, "Gate.Proposal.Other", "proposalSubmitted", text);
        Assert.NotSame(first.Item, otherRule.Item);
        Assert.Equal("Gate.Proposal.Other", otherRule.Reason.Rule);
        Assert.Equal(first.Reason.Message, otherRule.Reason.Message);
        Assert.Equal(first.Item, otherRule.Item);
    }
}
