using OpportunityScoring.Insights;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.StageGates;

/// <summary>
/// The source's scenarios stage by stage (issue 23), as a key-account sales director reads them: one coherent decision
/// per stage, outputs that follow the stage, the tender's real work, change orders and the customer's buying process.
/// </summary>
public sealed class SourceStageScenarioTests
{
    private static Assessment Score(Opportunity o) => Build.Score(o);

    [Fact]
    public void A_four_percent_margin_at_initiation_does_not_meet_the_company_s_initiation_requirement()
    {
        // 立項: 如果客戶/專案符合公司的立項要求 — the margin the company accepts is one of them.
        var o = Build.Strong(stage: Stage.Initiation) with { EstimatedCost = null, InitiationReport = Build.Strong().InitiationReport! with { GrossMarginEstimate = 0.04m } };

        var a = Score(o);

        Assert.Equal(BidKind.Outlook, a.Bid!.Kind);
        Assert.Equal(BidRecommendation.NoBid, a.Bid.Decision);
        Assert.Equal(GateOutcome.Defer, a.Gate.Outcome);
        Assert.Equal(["initiationReport.marginAtFloor", "noBidOutlook"], a.Gate.Missing.Select(m => m.Code));
        Assert.Contains("4%", a.Gate.Missing[0].Message, StringComparison.Ordinal);
        Assert.Contains("marginBelowFloor", a.Gate.Missing[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Criteria_against_us_at_the_proposal_defer_the_gate_rather_than_advance_it_beside_a_no_bid()
    {
        var o = Build.Strong(stage: Stage.Proposal) with
        {
            Account = new Account { KeyAccount = false },
            StrategicFit = Build.Strong().StrategicFit with { FutureInfluence = FutureInfluence.Low },
            Competition = new CompetitionEvidence { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Behind },
        };

        var a = Score(o);

        Assert.Equal(BidRecommendation.NoBid, a.Bid!.Decision);
        Assert.Equal(GateOutcome.Defer, a.Gate.Outcome);
        Assert.Equal("noBidOutlook", Assert.Single(a.Gate.Missing).Code);
        Assert.Empty(a.Gate.EndedBy); // before the tender a no-bid outlook never ends the pursuit
    }

    [Fact]
    public void A_raw_development_lead_gets_an_outlook_not_a_bid_decision()
    {
        var a = Score(Build.EarlyLead());

        Assert.Equal(BidKind.Outlook, a.Bid!.Kind);
        Assert.Equal(BidRecommendation.Review, a.Bid.Decision);
        Assert.Contains("## Bid outlook: **review**", DecisionReport.Create(Build.EarlyLead(), a, Build.AsOf).ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_win_the_deal_is_won_and_the_pursuit_s_red_flags_are_gone()
    {
        var o = Build.Delivered() with
        {
            DecisionChain = Build.Strong().DecisionChain with
            {
                Stakeholders = [.. Build.Strong().DecisionChain.Stakeholders, new Stakeholder { Name = "Panel", Role = StakeholderRole.ExpertPanel, Coverage = Coverage.None }],
            },
            Competition = Build.Strong().Competition with { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor },
        };

        var a = Score(o);

        Assert.Equal(1d, a.WinProbability);
        Assert.Contains(a.Reasons, r => r.Rule == "Grading.WinProbability" && r.Message.Contains("won", StringComparison.Ordinal));
        Assert.DoesNotContain(a.RedFlags, f => f.Code is "expertPanelUncovered" or "buyingCriteriaAgainstUs");
        Assert.Null(a.Bid);
        Assert.Equal(GateOutcome.Advance, a.Gate.Outcome); // every piece of the implementation's work is done
        Assert.Equal(Stage.Closed, a.Gate.NextStage);
    }

    [Theory]
    [InlineData(Stage.Tender, BidOutcome.Lost, 0d)]
    [InlineData(Stage.Closed, BidOutcome.Lost, 0d)]
    [InlineData(Stage.Closed, BidOutcome.Won, 1d)]
    public void Once_the_tender_is_decided_the_win_probability_says_so(Stage stage, BidOutcome outcome, double p)
    {
        var a = Score(Build.Strong(stage: stage) with { Milestones = Build.Strong().Milestones with { BidOutcome = outcome } });

        Assert.Equal(p, a.WinProbability);
        if (stage == Stage.Closed)
        {
            Assert.Empty(a.RedFlags);
        }
    }

    [Fact]
    public void The_tender_s_real_work_is_what_the_gate_asks_for_until_the_contract_is_signed()
    {
        var pending = Build.Strong(stage: Stage.Tender) with { Milestones = new Milestones { TenderDocumentsReceived = Evidence.Yes, BidTeamAssigned = Evidence.Yes } };

        var codes = Score(pending).Gate.Missing.Select(m => m.Code).ToList();

        Assert.Equal(
            ["initiationReportReviewed", "bidStrategyMeetingHeld", "bidDocumentReviewed", "competitiveStrategySet", "presentersAssigned", "bidPriceApproved",
             "statementOfWorkReviewed", "bidOutcome", "contractSigned", "stageSummaryFiled"],
            codes);
        var review = Score(pending with { Milestones = pending.Milestones with { BidDocumentReview = Build.BidDocumentReviewed with { OnSchedule = Evidence.No } } })
            .Gate.Missing.Single(m => m.Code == "bidDocumentReviewed");
        Assert.Contains("onSchedule", review.Message, StringComparison.Ordinal); // the one check not a yes, by name
        Assert.DoesNotContain("solutionSound", review.Message, StringComparison.Ordinal);
        Assert.Contains("能否按時完成標書", review.Text.Render(Texts.ForLanguage("zh-Hant")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_change_order_explains_the_contract_s_growth_since_the_initiation_report()
    {
        var grown = Build.Strong(stage: Stage.Implementation) with { ExpectedContractAmount = 12_000_000m, EstimatedCost = 7_800_000m };
        var explained = grown with { ChangeOrders = [new ChangeOrder { Date = new DateOnly(2026, 12, 1), Amount = 2_000_000m, Reason = "因需求變更增加工程實施工作量" }] };
        var partly = grown with { ChangeOrders = [new ChangeOrder { Amount = 500_000m }] };

        Assert.Contains(Score(grown).RedFlags, f => f.Code == "initiationReportAmountDrift");
        Assert.DoesNotContain(Score(explained).RedFlags, f => f.Code == "initiationReportAmountDrift");
        var flag = Assert.Single(Score(partly).RedFlags, f => f.Code == "initiationReportAmountDrift");
        Assert.Contains("10,500,000 with 1 change order(s) of 500,000", flag.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Stage.Proposal, BuyingStep.TenderIssued, true)]
    [InlineData(Stage.Tender, BuyingStep.TenderIssued, false)]
    [InlineData(Stage.Initiation, BuyingStep.SolutionsEvaluated, true)]
    [InlineData(Stage.Tender, BuyingStep.Contracted, true)]
    [InlineData(Stage.Development, BuyingStep.NeedsIdentified, false)]
    [InlineData(Stage.Development, BuyingStep.Unknown, false)]
    [InlineData(Stage.Closed, BuyingStep.Contracted, false)]
    public void We_are_told_when_the_customer_s_buying_process_is_ahead_of_our_stage(Stage stage, BuyingStep step, bool behind)
    {
        var a = Score(Build.Strong(stage: stage) with { Timeline = Build.Strong().Timeline with { BuyingStep = step } });

        Assert.Equal(behind, a.RedFlags.Any(f => f.Code == "behindCustomer"));
    }
}
