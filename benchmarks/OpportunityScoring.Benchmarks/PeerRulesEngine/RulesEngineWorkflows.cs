using System.Globalization;
using System.Text.Json.Nodes;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Benchmarks.PeerRulesEngine;

/// <summary>
/// The three rule sets expressed for Microsoft RulesEngine 6.0.1: JSON workflows of lambda-expression rules, generated
/// from a <see cref="ScoringPolicy"/> (its numbers become literals, as a team templating its workflows from a policy
/// would do). RulesEngine has no inference, so the host chains five workflows and computes the decisions from the
/// <c>RuleResultTree</c>s (see <see cref="RulesEngineScorer"/>):
/// <list type="number">
/// <item><c>Grading</c>: 24 points rules (the points are the <c>OutputExpression</c>), 8 red flags, the knock-outs.</item>
/// <item><c>Bands</c>: the grade bands over the total, and the win probability (<c>OutputExpression</c>).</item>
/// <item><c>CostRisk</c>: one rule whose output is <see cref="PeerFunctions.CostRisk"/>, the rules' cost-risk model (a registered custom type).</item>
/// <item><c>BidDecision</c>: fatal factors, review reasons and the economics.</item>
/// <item><c>StageGates</c>: the gate requirements, what ends a pursuit, drift and staleness flags.</item>
/// </list>
/// Every rule's <c>SuccessEvent</c> is <c>kind:code</c> (points, flag, knockOut, band, fatal, review, missing, end,
/// output). Rules are separate workflows rather than one with <c>GlobalParams</c> because RulesEngine evaluates every
/// global param once per rule (measured: 40 params × 90 rules ≈ 200 µs per execution), so derived values are inlined
/// or passed as inputs computed by the earlier workflows.
/// </summary>
public static class RulesEngineWorkflows
{
    /// <summary>The workflow names, in execution order.</summary>
    public const string Grading = "Grading", Bands = "Bands", CostRisk = "CostRisk", BidDecision = "BidDecision", StageGates = "StageGates";

    /// <summary>The workflows as JSON documents (the RulesEngine workflow schema), for <c>new RulesEngine(string[])</c>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>One JSON document per workflow.</returns>
    /// <exception cref="NotSupportedException">The policy has a calibrated win-probability model (criterion or signal slopes).</exception>
    public static string[] Json(ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.WinProbability.CriterionSlopes.Count > 0 || policy.WinProbability.SignalSlopes.Count > 0)
        {
            throw new NotSupportedException("The RulesEngine workflows express the uncalibrated win-probability model only (intercept + score slope).");
        }

        return [GradingWorkflow(policy), BandsWorkflow(policy), CostRiskWorkflow(policy), BidWorkflow(policy), GatesWorkflow(policy)];
    }

    private static string GradingWorkflow(ScoringPolicy p)
    {
        var rules = new JsonArray();
        void Points(Criterion c, string item, string credit, JsonArray? locals = null)
        {
            var criterion = p.Criteria[GradingCodes.NameOf(c)];
            var factor = criterion.Weight * criterion.Items[item];
            rules.Add(Rule($"Grading.{GradingCodes.NameOf(c)}.{item}", "true", $"points:{(int)c}", output: $"{D(factor)} * ({credit})", locals: locals));
        }

        var unknown = D(p.Grading.Credit(Evidence.Unknown));
        Points(Criterion.Need, "level", Scale<NeedLevel>("o.Need.Level", p.Grading.Credit));
        Points(Criterion.Need, "requirementsDocumented", Scale<Evidence>("o.Need.RequirementsDocumented", p.Grading.Credit));
        Points(Criterion.Need, "evaluationCriteriaKnown", Scale<Evidence>("o.Need.EvaluationCriteriaKnown", p.Grading.Credit));
        Points(Criterion.Budget, "status", Scale<BudgetStatus>("o.Budget.Status", p.Grading.Credit));
        Points(Criterion.Budget, "coverage", $"o.Budget.Amount == null ? {unknown} : {Steps(p.BudgetCoverage, "(o.Budget.Amount.Value / o.ExpectedContractAmount)")}");
        Points(Criterion.Timeline, "purchaseTimeframe", Scale<PurchaseTimeframe>("o.Timeline.PurchaseTimeframe", p.Grading.Credit));
        Points(Criterion.Timeline, "schedule",
            $"o.Timeline.DecisionDate != null ? {D(p.Grading.Credit(Evidence.Yes))} : (o.Timeline.TenderDate != null || o.ExpectedSignDate != null || (o.InitiationReport != null && o.InitiationReport.ExpectedSignDate != null)) ? {D(p.Grading.Credit(Evidence.Partial))} : {unknown}");
        Points(Criterion.Competition, "position", Scale<CompetitivePosition>("o.Competition.Position", p.Grading.Credit));
        Points(Criterion.Competition, "buyingCriteriaFavor", Scale<BuyingCriteriaFavor>("o.Competition.BuyingCriteriaFavor", p.Grading.Credit));
        Points(Criterion.Competition, "incumbent", Scale<Incumbent>("o.Competition.Incumbent", p.Grading.Credit));
        Points(Criterion.DecisionChain, "keyBuyerCoverage", $"o.DecisionChain.KeyBuyerCoverage == null ? {unknown} : {Scale<Coverage>("o.DecisionChain.KeyBuyerCoverage.Value", p.Grading.Credit)}");
        Points(Criterion.DecisionChain, "support", Scale<Stance>("o.DecisionChain.BestSupport", p.Grading.Credit));
        Points(Criterion.DecisionChain, "opposition",
            $"int(o.DecisionChain.BestSupport) == 0 ? {unknown} : o.DecisionChain.HighInfluenceOpponents > 0 ? {D(p.Grading.OppositionCredit(1, 0))} : o.DecisionChain.MediumInfluenceOpponents > 0 ? {D(p.Grading.OppositionCredit(0, 1))} : {D(p.Grading.OppositionCredit(0, 0))}");
        Points(Criterion.DecisionChain, "procurementEngaged", Scale<Evidence>("o.DecisionChain.ProcurementEngaged", p.Grading.Credit));
        var weight = $"({Scale<StakeholderRole>("s.Role", r => p.RoleWeights[ContractWords.Of(r)])}) * ({Scale<Influence>("s.Influence", i => p.InfluenceWeights[ContractWords.Of(i)])})";
        Points(Criterion.DecisionChain, "breadth", $"o.DecisionChain.Stakeholders.Count == 0 || total == 0m ? {unknown} : Math.Round(weighted / total, 2, MidpointRounding.ToZero)",
        [
            Param("total", $"o.DecisionChain.Stakeholders.Sum(s => {weight})"),
            Param("weighted", $"o.DecisionChain.Stakeholders.Sum(s => {weight} * ({Scale<Coverage>("s.Coverage", p.Grading.Credit)}))"),
        ]);
        Points(Criterion.StrategicFit, "strategy", Scale<Evidence>("o.StrategicFit.Strategy", p.Grading.Credit));
        Points(Criterion.StrategicFit, "marketPositioning", Scale<Evidence>("o.StrategicFit.MarketPositioning", p.Grading.Credit));
        Points(Criterion.StrategicFit, "productDirection", Scale<Evidence>("o.StrategicFit.ProductDirection", p.Grading.Credit));
        Points(Criterion.StrategicFit, "futureInfluence", Scale<FutureInfluence>("o.StrategicFit.FutureInfluence", p.Grading.Credit));
        Points(Criterion.GrossMargin, "margin", $"o.GrossMargin == null ? {unknown} : {Steps(p.MarginCredit, "o.GrossMargin.Value")}");

        // The pursuit's flags are raised up to the tender, the key buyer's until the project is closed.
        var pursuing = $"int(o.Stage) <= {(int)Stage.Tender}";
        var open = $"int(o.Stage) < {(int)Stage.Closed}";
        rules.Add(Rule("Grading.Flag.BuyingCriteriaAgainstUs", $"{pursuing} && int(o.Competition.BuyingCriteriaFavor) == {(int)BuyingCriteriaFavor.Competitor}", "flag:buyingCriteriaAgainstUs"));
        rules.Add(Rule("Grading.Flag.NoCoach", $"{pursuing} && o.DecisionChain.EveryStanceKnown && int(o.DecisionChain.BestSupport) != {(int)Stance.Champion}", "flag:noCoach"));
        rules.Add(Rule("Grading.Flag.ProcurementNotEngaged", $"{pursuing} && int(o.DecisionChain.ProcurementEngaged) == {(int)Evidence.No}", "flag:procurementNotEngaged"));
        rules.Add(Rule("Grading.Flag.KeyBuyerNotIdentified", $"{open} && o.DecisionChain.Stakeholders.Count > 0 && o.DecisionChain.KeyBuyerCoverage == null", "flag:economicBuyerNotIdentified"));
        rules.Add(Rule("Grading.Flag.KeyBuyerNotCovered",
            $"{open} && o.DecisionChain.KeyBuyerCoverage != null && (int(o.DecisionChain.KeyBuyerCoverage.Value) == {(int)Coverage.None} || int(o.DecisionChain.KeyBuyerCoverage.Value) == {(int)Coverage.Contacted})", "flag:economicBuyerNotCovered"));
        rules.Add(Rule("Grading.Flag.HighInfluenceOpponent", $"{pursuing} && o.DecisionChain.HighInfluenceOpponents > 0", "flag:highInfluenceOpponent"));
        rules.Add(Rule("Grading.Flag.ExpertPanelUncovered", $"{pursuing} && o.DecisionChain.HasUncoveredExpertPanel", "flag:expertPanelUncovered"));
        rules.Add(Rule("Grading.Flag.SingleThreaded", $"{pursuing} && int(o.DecisionChain.PurchaseProcess) == {(int)PurchaseProcess.Committee} && o.DecisionChain.Stakeholders.Count == 1", "flag:singleThreaded"));

        foreach (var (code, condition) in KnockOutConditions)
        {
            if (p.Grading.KnockOut(code) is not null)
            {
                rules.Add(Rule("Grading.KnockOut." + code, condition, "knockOut:" + code));
            }
        }

        return Workflow(Grading, rules);
    }

    internal static readonly (string Code, string Condition)[] KnockOutConditions =
    [
        ("noNeed", $"int(o.Need.Level) == {(int)NeedLevel.NoNeed}"),
        ("outsideStrategy", $"int(o.StrategicFit.Strategy) == {(int)Evidence.No} && int(o.StrategicFit.FutureInfluence) == {(int)FutureInfluence.None}"),
        ("noCommittedBudget", $"int(o.Budget.Status) == {(int)BudgetStatus.NoCommittedBudget}"),
        ("lossMaking", "o.GrossMargin != null && o.GrossMargin.Value < 0m"),
    ];

    private static string BandsWorkflow(ScoringPolicy p)
    {
        var rules = new JsonArray();
        foreach (var band in p.GradeBands)
        {
            var upper = band.Max == 100m ? "g.Score <= 100m" : $"g.Score < {D(band.Max)}";
            rules.Add(Rule("Grading.Band." + band.Grade, $"g.Score >= {D(band.Min)} && {upper}", "band:" + (int)band.Grade));
        }

        // The win probability: stated once the tender's outcome is known (lost 0 from the tender on; won 1 in
        // implementation or closed with the bid won), else the logistic model.
        var model = p.WinProbability;
        var lost = $"int(o.Stage) >= {(int)Stage.Tender} && int(o.Milestones.BidOutcome) == {(int)BidOutcome.Lost}";
        var won = $"int(o.Stage) == {(int)Stage.Implementation} || (int(o.Stage) == {(int)Stage.Closed} && int(o.Milestones.BidOutcome) == {(int)BidOutcome.Won})";
        rules.Add(Rule("Grading.WinProbability", "true", "output:winProbability",
            output: $"{lost} ? 0d : {won} ? 1d : Math.Round(1d / (1d + Math.Exp(-({Dbl(model.Intercept)} + {Dbl(model.ScoreSlope)} * Convert.ToDouble(g.Score)))), 4, MidpointRounding.AwayFromZero)"));
        return Workflow(Bands, rules);
    }

    private static string CostRiskWorkflow(ScoringPolicy p)
    {
        var floor = Floor(p);
        var rules = new JsonArray
        {
            Rule("Bid.CostRisk.Estimate", $"int(o.Stage) <= {(int)Stage.Tender} && o.CostRange != null", "output:costRisk",
                output: "PeerFunctions.CostRisk(o.CostRange.Low, o.EstimatedCost ?? (o.CostRange.Low + o.CostRange.High) / 2m, o.CostRange.High, "
                    + $"o.ExpectedContractAmount * (1m - ({floor})), o.ExpectedContractAmount - ((o.SalesExpenseBudget ?? 0m) + (o.BidCost ?? 0m)), p)"),
        };
        return Workflow(CostRisk, rules);
    }

    private static string BidWorkflow(ScoringPolicy p)
    {
        var floor = $"({Floor(p)})";
        var applies = $"int(o.Stage) <= {(int)Stage.Tender}";
        const string net = "(o.ExpectedContractAmount * o.GrossMargin.Value - (o.SalesExpenseBudget ?? 0m) - (o.BidCost ?? 0m))";
        var noBidAbove = D(p.Bid.CostRisk.NoBidAbove);
        var rules = new JsonArray();
        void Fatal(string code, string rule, string condition)
        {
            if (p.Bid.IsFatal(code))
            {
                rules.Add(Rule(rule, condition, "fatal:" + code));
            }
        }

        Fatal("marginBelowFloor", "Bid.Margin.BelowFloor", $"{applies} && o.GrossMargin != null && o.GrossMargin.Value < {floor}");
        Fatal("loss", "Bid.Margin.Loss", $"{applies} && o.GrossMargin != null && {net} < 0m");
        rules.Add(Rule("Bid.Margin.NearFloor", $"{applies} && o.GrossMargin != null && o.GrossMargin.Value >= {floor} && o.GrossMargin.Value < {floor} + {D(p.Bid.ReviewBand)}", "review:marginNearFloor"));
        rules.Add(Rule("Bid.Margin.Unknown", $"{applies} && o.GrossMargin == null", "review:marginUnknown"));
        Fatal("criteriaAgainstUs", "Bid.Competition.CriteriaAgainstUs",
            $"{applies} && int(o.Competition.BuyingCriteriaFavor) == {(int)BuyingCriteriaFavor.Competitor} && int(o.Competition.Position) == {(int)CompetitivePosition.Behind}");
        if (p.Bid.RelationshipBid is { } relationship && p.Bid.IsFatal("criteriaAgainstUs"))
        {
            var worth = new List<string>();
            if (relationship.KeyAccounts)
            {
                worth.Add("o.Account.KeyAccount == true");
            }

            if (relationship.MinimumFutureInfluence is { } least)
            {
                worth.Add($"(int(o.StrategicFit.FutureInfluence) != {(int)FutureInfluence.Unknown} && int(o.StrategicFit.FutureInfluence) <= {(int)least})");
            }

            rules.Add(Rule("Bid.Competition.RelationshipBid",
                $"{applies} && int(o.Competition.BuyingCriteriaFavor) == {(int)BuyingCriteriaFavor.Competitor} && int(o.Competition.Position) == {(int)CompetitivePosition.Behind}"
                + $" && o.GrossMargin != null && ({(worth.Count == 0 ? "false" : string.Join(" || ", worth))})",
                "relationship:open"));
        }

        Fatal("noCommittedBudget", "Bid.Budget.NoCommittedBudget", $"int(o.Stage) == {(int)Stage.Tender} && int(o.Budget.Status) == {(int)BudgetStatus.NoCommittedBudget}");
        Fatal("noNeed", "Bid.Need.NoNeed", $"{applies} && {KnockOutConditions[0].Condition}");
        Fatal("outsideStrategy", "Bid.Strategy.Outside", $"{applies} && {KnockOutConditions[1].Condition}");
        Fatal("costRisk", "Bid.CostRisk.NoBid", $"r.Has && Convert.ToDecimal(r.ProbabilityBelowFloor) >= {noBidAbove}");
        rules.Add(Rule("Bid.CostRisk.Review",
            $"r.Has && Convert.ToDecimal(r.ProbabilityBelowFloor) >= {D(p.Bid.CostRisk.ReviewAbove)} && (Convert.ToDecimal(r.ProbabilityBelowFloor) < {noBidAbove} || {(p.Bid.IsFatal("costRisk") ? "false" : "true")})",
            "review:costRisk"));
        rules.Add(Rule("Bid.CostRisk.LossReview", $"r.Has && Convert.ToDecimal(r.ProbabilityOfLoss) >= {D(p.Bid.CostRisk.LossReviewAbove)} && r.ProbabilityOfLoss > 0d", "review:lossRisk"));
        rules.Add(Rule("Bid.Economics", $"{applies} && o.GrossMargin != null", "output:expectedValue",
            output: "Math.Round(Convert.ToDecimal(g.WinProbability) * Math.Round(o.ExpectedContractAmount * o.GrossMargin.Value - (o.SalesExpenseBudget ?? 0m), 2, MidpointRounding.AwayFromZero), 2, MidpointRounding.AwayFromZero) - (o.BidCost ?? 0m)"));
        return Workflow(BidDecision, rules);
    }

    private static string GatesWorkflow(ScoringPolicy p)
    {
        var rules = new JsonArray();
        foreach (var (stage, code, unsatisfied) in Requirements)
        {
            if (p.Gates.Requires(stage, code))
            {
                rules.Add(Rule($"Gate.{stage}.{code}", $"int(o.Stage) == {(int)stage} && ({unsatisfied})", "missing:" + code));
            }
        }

        foreach (var stage in Enum.GetValues<Stage>())
        {
            if (p.Gates.Requires(stage, "minimumGrade"))
            {
                rules.Add(Rule($"Gate.{stage}.MinimumGrade", $"int(o.Stage) == {(int)stage} && g.Grade > {(int)p.Gates.For(stage)!.MinimumGrade!.Value}", "missing:minimumGrade"));
            }

            if (p.Gates.Requires(stage, "stageSummaryFiled"))
            {
                rules.Add(Rule($"Gate.{stage}.StageSummaryFiled", $"int(o.Stage) == {(int)stage} && {Not("o.Milestones.StageSummaryFiled")}", "missing:stageSummaryFiled"));
            }
        }

        if (p.Gates.Requires(Stage.Initiation, "initiationReport.marginAtFloor"))
        {
            rules.Add(Rule("Gate.Initiation.MarginAtFloor",
                $"int(o.Stage) == {(int)Stage.Initiation} && o.InitiationReport != null && o.InitiationReport.GrossMarginEstimate != null && o.InitiationReport.GrossMarginEstimate.Value < ({Floor(p)})",
                "missing:initiationReport.marginAtFloor"));
        }

        rules.Add(Rule("Gate.BidOutlook.NoBid", $"int(o.Stage) < {(int)Stage.Tender} && b.NoBid", "missing:noBidOutlook"));
        var behind = Enum.GetValues<BuyingStep>().Where(step => GateCodes.PaceOf[(int)step] > Stage.Development)
            .Select(step => $"(int(o.Timeline.BuyingStep) == {(int)step} && int(o.Stage) < {(int)GateCodes.PaceOf[(int)step]})");
        rules.Add(Rule("Gate.BehindCustomer", $"int(o.Stage) < {(int)Stage.Closed} && ({string.Join(" || ", behind)})", "flag:behindCustomer"));

        rules.Add(Rule("Gate.Initiation.NotShortlisted", $"int(o.Stage) == {(int)Stage.Initiation} && int(o.Milestones.Shortlisted) == {(int)Evidence.No}", "end:notShortlisted"));
        rules.Add(Rule("Gate.Tender.BidLost", $"int(o.Stage) == {(int)Stage.Tender} && int(o.Milestones.BidOutcome) == {(int)BidOutcome.Lost}", "end:bidLost"));
        var ending = p.Gates.EndOnKnockOuts.Select(code => "g.KnockOut" + char.ToUpperInvariant(code[0]) + code[1..]).ToList();
        if (ending.Count > 0)
        {
            rules.Add(Rule("Gate.KnockOut", string.Join(" || ", ending), "end:knockOut"));
        }

        rules.Add(Rule("Gate.Tender.NoBid", $"int(o.Stage) == {(int)Stage.Tender} && b.NoBid", "end:noBid"));
        var afterInitiation = $"int(o.Stage) > {(int)Stage.Initiation} && int(o.Stage) < {(int)Stage.Closed}";
        // Against the report's amount plus the change orders (合同變更), as a local parameter.
        rules.Add(Rule("Gate.InitiationReport.AmountDrift",
            $"{afterInitiation} && o.InitiationReport != null && o.InitiationReport.ExpectedContractAmount != null && o.InitiationReport.ExpectedContractAmount.Value > 0m"
            + $" && baseline > 0m && Math.Abs(o.ExpectedContractAmount - baseline) / baseline > {D(p.Gates.Drift.AmountTolerance)}",
            "flag:initiationReportAmountDrift",
            locals: [Param("baseline", "(o.InitiationReport == null || o.InitiationReport.ExpectedContractAmount == null ? 0m : o.InitiationReport.ExpectedContractAmount.Value) + o.ChangeOrders.Sum(c => c.Amount)")]));
        rules.Add(Rule("Gate.InitiationReport.MarginDrift",
            $"{afterInitiation} && o.EstimatedCost != null && o.InitiationReport != null && o.InitiationReport.GrossMarginEstimate != null"
            + $" && Math.Abs(o.GrossMargin.Value - o.InitiationReport.GrossMarginEstimate.Value) > {D(p.Gates.Drift.MarginTolerance)}",
            "flag:initiationReportMarginDrift"));
        var stale = Enum.GetValues<Stage>().Where(s => s != Stage.Closed && p.Gates.StaleAfterDays(s) is not null)
            .Select(s => $"(int(o.Stage) == {(int)s} && asOf.DayNumber - o.StageEnteredOn.Value.DayNumber > {p.Gates.StaleAfterDays(s)})").ToList();
        if (stale.Count > 0)
        {
            rules.Add(Rule("Gate.StaleStage", $"o.StageEnteredOn != null && ({string.Join(" || ", stale)})", "flag:staleStage"));
        }

        return Workflow(StageGates, rules);
    }

    private static readonly (Stage Stage, string Code, string Unsatisfied)[] Requirements =
    [
        (Stage.Development, "needAssessed", $"int(o.Need.Level) == {(int)NeedLevel.Unknown}"),
        (Stage.Development, "budgetAssessed", $"int(o.Budget.Status) == {(int)BudgetStatus.Unknown}"),
        (Stage.Development, "timelineAssessed", $"int(o.Timeline.PurchaseTimeframe) == {(int)PurchaseTimeframe.Unknown} && o.Timeline.DecisionDate == null"),
        (Stage.Development, "competitionAssessed", $"int(o.Competition.Position) == {(int)CompetitivePosition.Unknown}"),
        (Stage.Development, "decisionChainAssessed", "o.DecisionChain.Stakeholders.Count == 0"),
        (Stage.Development, "strategicFitAssessed", $"int(o.StrategicFit.Strategy) == {(int)Evidence.Unknown} && int(o.StrategicFit.FutureInfluence) == {(int)FutureInfluence.Unknown}"),
        (Stage.Development, "grossMarginAssessed", "o.GrossMargin == null"),
        (Stage.Development, "followUpTable", $"o.Account.KeyAccount == true && int(o.Milestones.FollowUpTableFilled) != {(int)Evidence.Yes}"),
        (Stage.Initiation, "initiationReport.projectName", "o.InitiationReport == null || String.IsNullOrWhiteSpace(o.InitiationReport.ProjectName)"),
        (Stage.Initiation, "initiationReport.projectNumber", "o.InitiationReport == null || String.IsNullOrWhiteSpace(o.InitiationReport.ProjectNumber)"),
        (Stage.Initiation, "initiationReport.customerOwner", "o.InitiationReport == null || String.IsNullOrWhiteSpace(o.InitiationReport.CustomerOwner)"),
        (Stage.Initiation, "initiationReport.expectedContractAmount", "o.InitiationReport == null || o.InitiationReport.ExpectedContractAmount == null"),
        (Stage.Initiation, "initiationReport.grossMarginEstimate", "o.InitiationReport == null || o.InitiationReport.GrossMarginEstimate == null"),
        (Stage.Initiation, "initiationReport.salesExpenseBudget", "o.InitiationReport == null || o.InitiationReport.SalesExpenseBudget == null"),
        (Stage.Initiation, "initiationReport.classification", "o.InitiationReport == null || String.IsNullOrWhiteSpace(o.InitiationReport.Classification)"),
        (Stage.Initiation, "initiationReport.expectedSignDate", "o.InitiationReport == null || o.InitiationReport.ExpectedSignDate == null"),
        (Stage.Initiation, "shortlisted", Not("o.Milestones.Shortlisted")),
        (Stage.Proposal, "solutionDemoDone", Not("o.Milestones.SolutionDemoDone")),
        (Stage.Proposal, "proposalSubmitted", Not("o.Milestones.ProposalSubmitted")),
        (Stage.Proposal, "objectionsResolved", Not("o.Milestones.ObjectionsResolved")),
        (Stage.Proposal, "keyBuyerCovered",
            $"o.DecisionChain.KeyBuyerCoverage == null || (int(o.DecisionChain.KeyBuyerCoverage.Value) != {(int)Coverage.Met} && int(o.DecisionChain.KeyBuyerCoverage.Value) != {(int)Coverage.InDepth})"),
        (Stage.Proposal, "tenderDocumentsReceived", Not("o.Milestones.TenderDocumentsReceived")),
        (Stage.Proposal, "companyVisitDone", Not("o.Milestones.CompanyVisitDone")),
        (Stage.Proposal, "referenceVisitDone", Not("o.Milestones.ReferenceVisitDone")),
        (Stage.Proposal, "initiationReportReviewed", Not("o.Milestones.InitiationReportReviewed")),
        (Stage.Proposal, "valueAddedServiceOffered", Not("o.Milestones.ValueAddedServiceOffered")),
        (Stage.Tender, "tenderDocumentsReceived", Not("o.Milestones.TenderDocumentsReceived")),
        (Stage.Tender, "bidTeamAssigned", Not("o.Milestones.BidTeamAssigned")),
        (Stage.Tender, "bidPriceApproved", Not("o.Milestones.BidPriceApproved")),
        (Stage.Tender, "bidOutcome", $"int(o.Milestones.BidOutcome) != {(int)BidOutcome.Won}"),
        (Stage.Tender, "initiationReportReviewed", Not("o.Milestones.InitiationReportReviewed")),
        (Stage.Tender, "bidStrategyMeetingHeld", Not("o.Milestones.BidStrategyMeetingHeld")),
        (Stage.Tender, "bidDocumentReviewed", string.Join(" || ", new[] { "SolutionSound", "TechnicallyFeasible", "MeetsRequirements", "PriceBreakdownChecked", "QualificationsCompliant", "CommercialDocumentsComplete", "OnSchedule" }
            .Select(check => Not("o.Milestones.BidDocumentReview." + check)))),
        (Stage.Tender, "requirementsCommunicated", Not("o.Milestones.RequirementsCommunicated")),
        (Stage.Tender, "competitiveStrategySet", Not("o.Milestones.CompetitiveStrategySet")),
        (Stage.Tender, "presentersAssigned", Not("o.Milestones.PresentersAssigned")),
        (Stage.Tender, "statementOfWorkReviewed", Not("o.Milestones.StatementOfWorkReviewed")),
        (Stage.Tender, "contractSigned", Not("o.Milestones.ContractSigned")),
        (Stage.Implementation, "handOverDone", Not("o.Milestones.HandOverDone")),
        (Stage.Implementation, "projectManagerAppointed", Not("o.Milestones.ProjectManagerAppointed")),
        (Stage.Implementation, "implementationPlanApproved", Not("o.Milestones.ImplementationPlanApproved")),
        (Stage.Implementation, "paymentsOnSchedule", Not("o.Milestones.PaymentsOnSchedule")),
        (Stage.Implementation, "acceptanceSigned", Not("o.Milestones.AcceptanceSigned")),
        (Stage.Implementation, "projectTeamFormed", Not("o.Milestones.ProjectTeamFormed")),
        (Stage.Implementation, "customerProjectTeamFormed", Not("o.Milestones.CustomerProjectTeamFormed")),
        (Stage.Implementation, "implementationPlanComplete", string.Join(" || ", new[] { "WorkScope", "RisksAndRemedies", "ProjectManagement", "FollowOnOrders", "RelationshipUpkeep" }
            .Select(part => Not("o.Milestones.ImplementationPlan." + part)))),
        (Stage.Implementation, "deliveryCompleted", Not("o.Milestones.DeliveryCompleted")),
        (Stage.Implementation, "stageReviewsHeld", Not("o.Milestones.StageReviewsHeld")),
        (Stage.Implementation, "projectClosedOut", Not("o.Milestones.ProjectClosedOut")),
    ];

    private static string Not(string evidence) => $"int({evidence}) != {(int)Evidence.Yes}";

    /// <summary>The margin floor: per classification when the policy has such floors, else the policy's floor.</summary>
    private static string Floor(ScoringPolicy p)
    {
        var floor = D(p.Bid.MarginFloor);
        foreach (var (classification, value) in p.Bid.FloorsByClassification.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            floor = $"(o.InitiationReport != null && o.InitiationReport.Classification == \"{classification}\" ? {D(value)} : {floor})";
        }

        return floor;
    }

    /// <summary>A credit scale as a chain of ternaries over the enum's integer value.</summary>
    private static string Scale<TEnum>(string value, Func<TEnum, decimal> credit) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var text = D(credit(values[^1]));
        for (var i = values.Length - 2; i >= 0; i--)
        {
            text = $"int({value}) == {Convert.ToInt32(values[i], CultureInfo.InvariantCulture)} ? {D(credit(values[i]))} : {text}";
        }

        return "(" + text + ")";
    }

    private static string Steps(StepCredit steps, string value)
    {
        var text = D(steps.Otherwise);
        for (var i = steps.Steps.Count - 1; i >= 0; i--)
        {
            text = $"{value} >= {D(steps.Steps[i].AtLeast)} ? {D(steps.Steps[i].Credit)} : {text}";
        }

        return "(" + text + ")";
    }

    private static string D(decimal d) => d.ToString(CultureInfo.InvariantCulture) + "m";

    private static string Dbl(decimal d) => ((double)d).ToString("R", CultureInfo.InvariantCulture) + "d";

    private static JsonObject Param(string name, string expression) => new() { ["Name"] = name, ["Expression"] = expression };

    private static JsonObject Rule(string name, string expression, string successEvent, string? output = null, JsonArray? locals = null)
    {
        var rule = new JsonObject
        {
            ["RuleName"] = name,
            ["RuleExpressionType"] = "LambdaExpression",
            ["Expression"] = expression,
            ["SuccessEvent"] = successEvent,
        };
        if (locals is not null)
        {
            rule["LocalParams"] = locals;
        }

        if (output is not null)
        {
            rule["Actions"] = new JsonObject
            {
                ["OnSuccess"] = new JsonObject { ["Name"] = "OutputExpression", ["Context"] = new JsonObject { ["expression"] = output } },
            };
        }

        return rule;
    }

    private static string Workflow(string name, JsonArray rules) =>
        new JsonObject { ["WorkflowName"] = name, ["Rules"] = rules }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
