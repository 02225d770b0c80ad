using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>The company's initiation requirement (source: "如果客戶/專案符合公司的立項要求,提交立項報告"): a minimum grade.</summary>
[Name("Gate.MinimumGrade")]
[Description("Defers the gate when the grade is worse than the policy's minimum grade for the stage (the company's initiation requirement).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class MinimumGradeRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        GradeAssigned grade = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp)
            .Match(() => policy, p => p.Requires(opp.Stage, "minimumGrade"))
            .Match(() => grade, g => g.Grade > policy.Gates.For(opp.Stage)!.MinimumGrade!.Value);
        Then().Do(ctx => card.GateMissing(ctx.Rule.Name, "minimumGrade",
            MessageText.Of("gate.missing.minimumGrade", grade.Grade.ToString(), policy.Gates.For(opp.Stage)!.MinimumGrade!.Value.ToString())));
    }
}

/// <summary>Not short-listed: the project is closed (source: "沒有入圍,專案結項").</summary>
[Name("Gate.Initiation.NotShortlisted")]
[Description("Ends the pursuit at initiation when we are known not to be short-listed (沒有入圍,專案結項).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class NotShortlistedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Stage == Stage.Initiation && o.Milestones.Shortlisted == Evidence.No);
        Then().Do(ctx => card.EndPursuit(ctx.Rule.Name, "notShortlisted"));
    }
}

/// <summary>Bid lost: the project is closed (source: "投標失敗,專案結項").</summary>
[Name("Gate.Tender.BidLost")]
[Description("Ends the pursuit at the tender when the bid is lost (投標失敗,專案結項).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class BidLostRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Stage == Stage.Tender && o.Milestones.BidOutcome == BidOutcome.Lost);
        Then().Do(ctx => card.EndPursuit(ctx.Rule.Name, "bidLost"));
    }
}

/// <summary>A knock-out the policy lists as ending the pursuit.</summary>
[Name("Gate.KnockOut")]
[Description("Ends the pursuit when a knock-out listed in the policy's gates.endOnKnockOuts fired (e.g. no need, outside strategy with no future influence).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class KnockOutEndsPursuitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        ScoringPolicy policy = default!;
        GradeAssigned grade = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => policy)
            .Match(() => grade, g => policy.EndsPursuit(g.KnockOuts));
        Then().Do(ctx => card.EndPursuit(ctx.Rule.Name, "knockOut",
            MessageText.Of("gate.end.knockOut", Derive.PursuitEnders(grade.KnockOuts, policy))));
    }
}

/// <summary>Re-evaluate the initiation report (source: "重新評估立項報告中的內容"): the amount drifted.</summary>
[Name("Gate.InitiationReport.AmountDrift")]
[Description("Flags an expected contract amount that drifted from the initiation report by more than the policy's tolerance, after initiation.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class AmountDriftRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp, o => o.Stage > Stage.Initiation && o.Stage < Stage.Closed && o.InitiationReport != null && o.InitiationReport.ExpectedContractAmount > 0)
            .Match(() => policy, p => Math.Abs(opp.ExpectedContractAmount - opp.InitiationReport!.ExpectedContractAmount!.Value) / opp.InitiationReport!.ExpectedContractAmount!.Value > p.Gates.Drift.AmountTolerance);
        Then().Do(ctx => card.Flag(ctx.Rule.Name, null, "initiationReportAmountDrift",
            MessageText.Of("redFlag.initiationReportAmountDrift", Derive.Amount(opp.ExpectedContractAmount), Derive.Amount(opp.InitiationReport!.ExpectedContractAmount!.Value),
                Derive.Percent((opp.ExpectedContractAmount - opp.InitiationReport!.ExpectedContractAmount!.Value) / opp.InitiationReport!.ExpectedContractAmount!.Value),
                Derive.Percent(policy.Gates.Drift.AmountTolerance))));
    }
}

/// <summary>Re-evaluate the initiation report: the margin drifted.</summary>
[Name("Gate.InitiationReport.MarginDrift")]
[Description("Flags a gross margin (from the current cost estimate) that drifted from the initiation report's estimate by more than the policy's tolerance, after initiation.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class MarginDriftRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp, o => o.Stage > Stage.Initiation && o.Stage < Stage.Closed && o.EstimatedCost != null && o.InitiationReport != null && o.InitiationReport.GrossMarginEstimate != null)
            .Match(() => policy, p => Math.Abs(opp.GrossMargin!.Value - opp.InitiationReport!.GrossMarginEstimate!.Value) > p.Gates.Drift.MarginTolerance);
        Then().Do(ctx => card.Flag(ctx.Rule.Name, Criterion.GrossMargin, "initiationReportMarginDrift",
            MessageText.Of("redFlag.initiationReportMarginDrift", Derive.Percent(opp.GrossMargin!.Value), Derive.Percent(opp.InitiationReport!.GrossMarginEstimate!.Value),
                Derive.Percent(policy.Gates.Drift.MarginTolerance))));
    }
}

/// <summary>Staleness: too long in the stage (Miller Heiman funnel: stage days run too long).</summary>
[Name("Gate.StaleStage")]
[Description("Flags an opportunity that has been in its stage longer than the policy's staleAfterDays for that stage (asOf − stageEnteredOn).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class StaleStageRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        AssessmentDate day = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp, o => o.StageEnteredOn != null && o.Stage != Stage.Closed)
            .Match(() => policy, p => p.StaleAfterDays(opp.Stage) != null)
            .Match(() => day, d => d.AsOf.DayNumber - opp.StageEnteredOn!.Value.DayNumber > policy.StaleAfterDays(opp.Stage)!.Value);
        Then().Do(ctx => card.Flag(ctx.Rule.Name, null, "staleStage",
            MessageText.Of("redFlag.staleStage", day.AsOf.DayNumber - opp.StageEnteredOn!.Value.DayNumber, PolicyCatalog.Word(opp.Stage), policy.StaleAfterDays(opp.Stage)!.Value)));
    }
}

/// <summary>Decides the gate once every gate rule has fired: end, else defer, else advance.</summary>
[Name("Gate.Decide")]
[Description("Decides the gate of the current stage: end when a rule ended the pursuit (or the project is closed), defer when evidence is missing, else advance.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.GateDecision)]
public sealed class GateDecisionRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        GradeAssigned grade = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => grade);
        Then().Do(ctx => card.DecideGate(ctx.Rule.Name));
    }
}

/// <summary>No-bid at the tender: the project is closed (source: "可專案結項,總結不投標的致命因素,提交總結報告").</summary>
[Name("Gate.Tender.NoBid")]
[Description("Ends the pursuit at the tender when the bid decision is no-bid: close the project, summarise the fatal factors and file the summary report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.GateAfterBid)]
public sealed class NoBidEndsTenderRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidDecided bid = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Stage == Stage.Tender).Match(() => bid, b => b.Decision == OpportunityScoring.BidDecision.NoBid);
        Then().Do(ctx => card.EndPursuit(ctx.Rule.Name, "noBid"));
    }
}
