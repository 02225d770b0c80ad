using System.Text.Json.Nodes;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.StageGates;

/// <summary>The source's five stages and their gates (DIGEST: "The five stages and their gates").</summary>
public sealed class StageGateTests
{
    private static GateResult Gate(Opportunity o) => Build.Score(o).Gate;

    private static Opportunity At(Stage stage, Milestones? milestones = null) => Build.Strong() with { Stage = stage, Milestones = milestones ?? Build.Strong().Milestones };

    [Fact]
    public void Development_with_every_criterion_assessed_and_the_follow_up_table_filled_advances_to_initiation()
    {
        var gate = Gate(At(Stage.Development));

        Assert.Equal(GateOutcome.Advance, gate.Outcome);
        Assert.Equal(Stage.Initiation, gate.NextStage);
        Assert.Empty(gate.Missing);
    }

    [Fact]
    public void Development_of_a_key_account_without_the_follow_up_table_defers_asking_for_it()
    {
        var gate = Gate(At(Stage.Development, Build.Strong().Milestones with { FollowUpTableFilled = Evidence.Unknown }));

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Equal(Stage.Development, gate.NextStage);
        var item = Assert.Single(gate.Missing);
        Assert.Equal("followUpTable", item.Code);
        Assert.Contains("大客戶客戶跟進表", item.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_early_lead_defers_at_development_naming_every_criterion_still_to_assess()
    {
        var gate = Gate(Build.EarlyLead());

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Superset(
            new HashSet<string> { "needAssessed", "budgetAssessed", "timelineAssessed", "competitionAssessed", "decisionChainAssessed", "strategicFitAssessed", "grossMarginAssessed" },
            gate.Missing.Select(m => m.Code).ToHashSet());
    }

    [Fact]
    public void Initiation_not_short_listed_ends_the_pursuit()
    {
        var gate = Gate(At(Stage.Initiation, Build.Strong().Milestones with { Shortlisted = Evidence.No }));

        Assert.Equal(GateOutcome.End, gate.Outcome);
        Assert.Equal(Stage.Closed, gate.NextStage);
        Assert.Equal("notShortlisted", Assert.Single(gate.EndedBy).Code);
    }

    [Fact]
    public void Initiation_with_short_listing_unknown_defers_rather_than_ends()
    {
        var gate = Gate(At(Stage.Initiation, Build.Strong().Milestones with { Shortlisted = Evidence.Unknown }));

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Equal("shortlisted", Assert.Single(gate.Missing).Code);
    }

    [Fact]
    public void An_incomplete_initiation_report_defers_naming_each_missing_field()
    {
        var opp = At(Stage.Initiation) with { InitiationReport = new InitiationReport { ProjectName = "Only a name", ExpectedContractAmount = 10_000_000m } };

        var gate = Gate(opp);

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Equal(
            new[] { "customerOwner", "classification", "expectedSignDate", "grossMarginEstimate", "projectNumber", "salesExpenseBudget" }.Select(f => "initiationReport." + f).Order(),
            gate.Missing.Select(m => m.Code).Order());
        Assert.Contains(gate.Missing, m => m.Message.Contains("專案編號", StringComparison.Ordinal));
    }

    [Fact]
    public void Initiation_below_the_company_minimum_grade_defers_on_the_initiation_requirement()
    {
        var weakAtInitiation = Build.Weak() with { Stage = Stage.Initiation, InitiationReport = Build.Strong().InitiationReport, Milestones = Build.Strong().Milestones };

        var gate = Gate(weakAtInitiation);

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        var item = Assert.Single(gate.Missing, m => m.Code == "minimumGrade");
        Assert.Contains("grade D", item.Message, StringComparison.Ordinal);
        Assert.Equal(["minimumGrade", "noBidOutlook"], gate.Missing.Select(m => m.Code)); // and its bid outlook is a no-bid: a loss, criteria against us
    }

    [Fact]
    public void A_proposal_missing_tender_documents_defers_and_never_ends()
    {
        var gate = Gate(At(Stage.Proposal, Build.Strong().Milestones with { TenderDocumentsReceived = Evidence.No }));

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Equal("tenderDocumentsReceived", Assert.Single(gate.Missing).Code);
        Assert.Empty(gate.EndedBy);
    }

    [Fact]
    public void A_proposal_without_the_decision_maker_met_defers()
    {
        var opp = At(Stage.Proposal) with
        {
            DecisionChain = Build.Strong().DecisionChain with
            {
                Stakeholders = [new Stakeholder { Role = StakeholderRole.DecisionMaker, Influence = Influence.High, Stance = Stance.Champion, Coverage = Coverage.Contacted }],
            },
        };

        Assert.Contains(Gate(opp).Missing, m => m.Code == "keyBuyerCovered");
    }

    [Fact]
    public void A_tender_won_advances_to_implementation()
    {
        var gate = Gate(At(Stage.Tender, Build.Strong().Milestones with { BidOutcome = BidOutcome.Won, Negotiation = CommercialNegotiation.Sole, ContractSigned = Evidence.Yes }));

        Assert.Equal(GateOutcome.Advance, gate.Outcome);
        Assert.Equal(Stage.Implementation, gate.NextStage);
    }

    [Fact]
    public void A_tender_lost_ends_the_pursuit()
    {
        var gate = Gate(At(Stage.Tender, Build.Strong().Milestones with { BidOutcome = BidOutcome.Lost }));

        Assert.Equal(GateOutcome.End, gate.Outcome);
        Assert.Equal("bidLost", Assert.Single(gate.EndedBy).Code);
    }

    [Fact]
    public void A_pending_tender_defers_awaiting_the_result()
    {
        var gate = Gate(At(Stage.Tender));

        Assert.Equal(GateOutcome.Defer, gate.Outcome);
        Assert.Equal(["bidOutcome", "contractSigned"], gate.Missing.Select(m => m.Code)); // win, then negotiate and sign (中標。進入…商務談判階段)
    }

    [Fact]
    public void Implementation_with_acceptance_signed_advances_to_closed()
    {
        var gate = Gate(At(Stage.Implementation, Build.Delivered().Milestones));

        Assert.Equal(GateOutcome.Advance, gate.Outcome);
        Assert.Equal(Stage.Closed, gate.NextStage);
    }

    [Fact]
    public void Implementation_with_payments_late_defers_naming_them()
    {
        var milestones = Build.Delivered().Milestones with { PaymentsOnSchedule = Evidence.No };

        Assert.Equal("paymentsOnSchedule", Assert.Single(Gate(At(Stage.Implementation, milestones)).Missing).Code);
    }

    [Fact]
    public void A_closed_project_ends()
    {
        Assert.Equal(GateOutcome.End, Gate(At(Stage.Closed)).Outcome);
    }

    [Fact]
    public void A_knock_out_the_policy_lists_ends_the_pursuit_at_any_stage()
    {
        var gate = Gate(At(Stage.Proposal) with { Need = new NeedEvidence { Level = NeedLevel.NoNeed } });

        Assert.Equal(GateOutcome.End, gate.Outcome);
        Assert.Contains("noNeed", Assert.Single(gate.EndedBy).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knock_out_the_policy_does_not_list_only_caps_the_grade()
    {
        var a = Build.Score(At(Stage.Proposal) with { Budget = new BudgetEvidence { Status = BudgetStatus.NoCommittedBudget } });

        Assert.Contains(a.KnockOuts, k => k.Code == "noCommittedBudget");
        Assert.NotEqual(GateOutcome.End, a.Gate.Outcome);
    }

    [Fact]
    public void Too_many_days_in_a_stage_raise_a_stale_red_flag_with_the_figures()
    {
        var a = Build.Score(At(Stage.Tender) with { StageEnteredOn = Build.AsOf.AddDays(-75) });

        var flag = Assert.Single(a.RedFlags, f => f.Code == "staleStage");
        Assert.Contains("75 days", flag.Message, StringComparison.Ordinal);
        Assert.Contains("limit 60", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_amount_that_drifted_from_the_initiation_report_raises_a_red_flag()
    {
        var a = Build.Score(At(Stage.Tender) with { ExpectedContractAmount = 8_000_000m, EstimatedCost = 5_200_000m });

        var flag = Assert.Single(a.RedFlags, f => f.Code == "initiationReportAmountDrift");
        Assert.Contains("-20%", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_margin_that_drifted_from_the_initiation_report_raises_a_red_flag()
    {
        var a = Build.Score(At(Stage.Proposal) with { EstimatedCost = 8_000_000m }); // 20% now, 35% estimated

        Assert.Contains(a.RedFlags, f => f.Code == "initiationReportMarginDrift" && f.Message.Contains("20%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_company_can_relax_a_gate_in_the_policy_without_code()
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["gates"]!["proposal"]!["requires"] = new JsonArray("solutionDemoDone", "proposalSubmitted", "tenderDocumentsReceived");
        var relaxed = OpportunityRules.CreateScorer(PolicyLoader.Parse(json.ToJsonString()));
        var opp = At(Stage.Proposal, Build.Strong().Milestones with { ObjectionsResolved = Evidence.Partial });

        Assert.Equal(GateOutcome.Defer, Gate(opp).Outcome);
        Assert.Equal(GateOutcome.Advance, relaxed.Score(opp, Build.AsOf).Gate.Outcome);
    }

    [Fact]
    public void A_gate_requiring_evidence_that_does_not_exist_is_rejected()
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["gates"]!["tender"]!["requires"]!.AsArray().Add("customerHappy");

        var e = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(json.ToJsonString()));

        Assert.Contains(e.Issues, i => i.Code == "unknownGateRequirement" && i.Path == "gates.tender.requires[12]");
    }

    [Fact]
    public void Gate_rules_are_explained_among_the_reasons_without_points()
    {
        var a = Build.Score(At(Stage.Tender));

        Assert.Contains(a.Reasons, r => r.Rule == "Gate.Tender.BidOutcome" && r.Points == 0);
        Assert.Contains(a.Reasons, r => r.Rule == "Gate.Decide");
        Assert.Equal(a.Score, a.Reasons.Sum(r => r.Points));
    }
}
