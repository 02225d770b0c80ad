using NRules.Fluent.Dsl;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>The company's initiation requirement (source: "如果客戶/專案符合公司的立項要求,提交立項報告"): a minimum grade.</summary>
[Name("Gate.MinimumGrade")]
[Description("Defers the gate when the grade is worse than the policy's minimum grade for the stage (the company's initiation requirement).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class MinimumGradeRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy policy = default!;
        GradeAssigned grade = default!;
        When()
            .Match(() => opp)
            .Match(() => policy, p => p.Requires(opp.Stage, "minimumGrade"))
            .Match(() => grade, g => g.Grade > policy.For(opp.Stage)!.MinimumGrade!.Value);
        Then().Do(ctx => ctx.GateMissing("minimumGrade",
            MessageText.Of("gate.missing.minimumGrade", grade.Grade.ToString(), policy.For(opp.Stage)!.MinimumGrade!.Value.ToString())));
    }
}

/// <summary>Not short-listed: the project is closed (source: "沒有入圍,專案結項").</summary>
[Name("Gate.Initiation.NotShortlisted")]
[Description("Ends the pursuit at initiation when we are known not to be short-listed (沒有入圍,專案結項).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class NotShortlistedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage == Stage.Initiation && o.Milestones.Shortlisted == Evidence.No);
        Then().Do(ctx => ctx.EndPursuit("notShortlisted"));
    }
}

/// <summary>Bid lost: the project is closed (source: "投標失敗,專案結項").</summary>
[Name("Gate.Tender.BidLost")]
[Description("Ends the pursuit at the tender when the bid is lost (投標失敗,專案結項).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class BidLostRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage == Stage.Tender && o.Milestones.BidOutcome == BidOutcome.Lost);
        Then().Do(ctx => ctx.EndPursuit("bidLost"));
    }
}

/// <summary>A knock-out the policy lists as ending the pursuit.</summary>
[Name("Gate.KnockOut")]
[Description("Ends the pursuit when a knock-out listed in the policy's gates.endOnKnockOuts fired (e.g. no need, outside strategy with no future influence).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class KnockOutEndsPursuitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        GatePolicy policy = default!;
        GradeAssigned grade = default!;
        When()
            .Match(() => policy)
            .Match(() => grade, g => policy.EndsPursuit(g.KnockOuts));
        Then().Do(ctx => ctx.EndPursuit("knockOut",
            MessageText.Of("gate.end.knockOut", Wording.PursuitEnders(grade.KnockOuts, policy))));
    }
}

/// <summary>
/// Re-evaluate the initiation report (source: "重新評估立項報告中的內容"): the amount drifted from the report's, once the
/// recorded contract changes are counted (source: "因需求變更而導致的工程實施工作量增加,要及時處理合同變更").
/// </summary>
[Name("Gate.InitiationReport.AmountDrift")]
[Description("Flags an expected contract amount that drifted by more than the policy's tolerance, after initiation, from the initiation report's amount plus the recorded change orders (合同變更): a change order explains the drift it records.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class AmountDriftRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy policy = default!;
        When()
            .Match(() => opp, o => o.Stage > Stage.Initiation && o.Stage < Stage.Closed && o.InitiationReport != null && o.InitiationReport.ExpectedContractAmount > 0
                && Figures.ContractBaseline(o) > 0)
            .Match(() => policy, p => Math.Abs(opp.ExpectedContractAmount - Figures.ContractBaseline(opp)!.Value) / Figures.ContractBaseline(opp)!.Value > p.Drift.AmountTolerance);
        Then().Do(ctx => ctx.Flag(null, "initiationReportAmountDrift", Wording.AmountDrift(opp, policy.Drift.AmountTolerance)));
    }
}

/// <summary>The company's initiation requirement on the margin (source: "如果客戶/專案符合公司的立項要求,提交立項報告"; "利潤達不到公司要求").</summary>
[Name("Gate.Initiation.MarginAtFloor")]
[Description("Initiation gate requirement 'initiationReport.marginAtFloor' (when the policy lists it): the initiation report's margin estimate meets the company's margin floor for its classification (the bid policy's floor); an unknown estimate is left to the requirement 'initiationReport.grossMarginEstimate' (unknown is not no).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class MarginAtFloorRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy gates = default!;
        BidPolicy bid = default!;
        When()
            .Match(() => opp, o => o.Stage == Stage.Initiation && o.InitiationReport != null && o.InitiationReport.GrossMarginEstimate != null)
            .Match(() => gates, g => g.Requires(Stage.Initiation, "initiationReport.marginAtFloor"))
            .Match(() => bid, b => opp.InitiationReport!.GrossMarginEstimate!.Value < b.FloorFor(opp));
        Then().Do(ctx => ctx.GateMissing("initiationReport.marginAtFloor",
            MessageText.Of("gate.missing.initiationReport.marginAtFloor", Wording.Percent(opp.InitiationReport!.GrossMarginEstimate!.Value), Wording.Percent(bid.FloorFor(opp)))));
    }
}

/// <summary>
/// A no-bid outlook before the tender defers the gate (the gate and the bid never disagree): the fatal factors are to be
/// cleared before the opportunity moves on; at the tender a no-bid ends the pursuit instead (<see cref="NoBidEndsTenderRule"/>).
/// </summary>
[Name("Gate.BidOutlook.NoBid")]
[Description("Defers the gate before the tender when the bid outlook is no-bid: the item noBidOutlook names the fatal factors to clear (at the tender a no-bid ends the pursuit).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.GateAfterBid)]
internal sealed class NoBidOutlookDefersRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidDecided bid = default!;
        When().Match(() => opp, o => o.Stage < Stage.Tender).Match(() => bid, b => b.Decision == BidRecommendation.NoBid);
        Then().Do(ctx => ctx.GateMissing("noBidOutlook", MessageText.Of("gate.missing.noBidOutlook", Wording.FatalFactors(bid.FatalFactors))));
    }
}

/// <summary>
/// Behind the customer (source: "銷售流程…對外應該緊密對應與配合大客戶的購買管理流程"): the customer's buying process is further along
/// than our stage allows.
/// </summary>
[Name("Gate.BehindCustomer")]
[Description("Flags an opportunity whose stage is earlier than the one the customer's buying step calls for (timeline.buyingStep: solutions evaluated or project approved → proposal, tender issued, bids evaluated or awarded → tender, contracted → implementation).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class BehindCustomerRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => GateCodes.BehindCustomer(o.Stage, o.Timeline.BuyingStep));
        Then().Do(ctx => ctx.Flag(Criterion.Timeline, "behindCustomer",
            GateFlagTexts.BehindCustomer(opp.Timeline.BuyingStep, opp.Stage)));
    }
}

/// <summary>Re-evaluate the initiation report: the margin drifted.</summary>
[Name("Gate.InitiationReport.MarginDrift")]
[Description("Flags a gross margin (from the current cost estimate) that drifted from the initiation report's estimate by more than the policy's tolerance, after initiation.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class MarginDriftRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy policy = default!;
        When()
            .Match(() => opp, o => o.Stage > Stage.Initiation && o.Stage < Stage.Closed && o.EstimatedCost != null && o.InitiationReport != null && o.InitiationReport.GrossMarginEstimate != null)
            .Match(() => policy, p => Math.Abs(opp.GrossMargin!.Value - opp.InitiationReport!.GrossMarginEstimate!.Value) > p.Drift.MarginTolerance);
        Then().Do(ctx => ctx.Flag(Criterion.GrossMargin, "initiationReportMarginDrift",
            MessageText.Of("redFlag.initiationReportMarginDrift", Wording.Percent(opp.GrossMargin!.Value), Wording.Percent(opp.InitiationReport!.GrossMarginEstimate!.Value),
                Wording.Percent(policy.Drift.MarginTolerance))));
    }
}

/// <summary>Staleness: too long in the stage (Miller Heiman funnel: stage days run too long).</summary>
[Name("Gate.StaleStage")]
[Description("Flags an opportunity that has been in its stage longer than the policy's staleAfterDays for that stage (asOf − stageEnteredOn).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class StaleStageRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy policy = default!;
        AssessmentDate day = default!;
        When()
            .Match(() => opp, o => o.StageEnteredOn != null && o.Stage != Stage.Closed)
            .Match(() => policy, p => p.StaleAfterDays(opp.Stage) != null)
            .Match(() => day, d => d.AsOf.DayNumber - opp.StageEnteredOn!.Value.DayNumber > policy.StaleAfterDays(opp.Stage)!.Value);
        Then().Do(ctx => ctx.Flag(null, "staleStage",
            GateFlagTexts.StaleStage(day.AsOf.DayNumber - opp.StageEnteredOn!.Value.DayNumber, opp.Stage, policy.StaleAfterDays(opp.Stage)!.Value)));
    }
}

/// <summary>Decides the gate once every gate rule has fired: end, else defer, else advance.</summary>
[Name("Gate.Decide")]
[Description("Decides the gate of the current stage: end when a rule ended the pursuit (or the project is closed), defer when evidence is missing, else advance.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.GateDecision)]
internal sealed class GateDecisionRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        GradeAssigned grade = default!;
        When().Match(() => grade);
        Then().Do(ctx => ctx.DecideGate());
    }
}

/// <summary>No-bid at the tender: the project is closed (source: "可專案結項,總結不投標的致命因素,提交總結報告").</summary>
[Name("Gate.Tender.NoBid")]
[Description("Ends the pursuit at the tender when the bid decision is no-bid: close the project, summarise the fatal factors and file the summary report (a relationship bid does not end it).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.GateAfterBid)]
internal sealed class NoBidEndsTenderRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidDecided bid = default!;
        When().Match(() => opp, o => o.Stage == Stage.Tender).Match(() => bid, b => b.Decision == BidRecommendation.NoBid);
        Then().Do(ctx => ctx.EndPursuit("noBid"));
    }
}
