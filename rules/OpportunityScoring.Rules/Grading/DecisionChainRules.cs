using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;

namespace OpportunityScoring.Rules.Grading;

/// <summary>決策鏈: our reach to the economic buyer or decision maker (source: "與決策者建立一定的聯絡").</summary>
[Name("Grading.DecisionChain.KeyBuyerCoverage")]
[Description("決策鏈: credits our best coverage of an economic buyer or decision maker on the policy's coverage scale; none identified is unknown.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class KeyBuyerCoverageRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.DecisionChain, "keyBuyerCoverage",
            opp.DecisionChain.KeyBuyerCoverage == null ? MessageText.Of("answer.noneIdentified") : MessageText.Word(opp.DecisionChain.KeyBuyerCoverage.Value),
            opp.DecisionChain.KeyBuyerCoverage == null ? policy.Credit(Evidence.Unknown) : policy.Credit(opp.DecisionChain.KeyBuyerCoverage.Value),
            opp.DecisionChain.KeyBuyerCoverage == null || opp.DecisionChain.KeyBuyerCoverage == Coverage.Unknown));
    }
}

/// <summary>決策鏈: a coach or champion inside the customer.</summary>
[Name("Grading.DecisionChain.Support")]
[Description("決策鏈: credits the strongest support we have (champion or supportive coach most) on the policy's stance scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class SupportRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.DecisionChain, "support", opp.DecisionChain.BestSupport));
    }
}

/// <summary>決策鏈: opposition among the stakeholders (source: "各關鍵人所佔的比重 相互之間的政治關係").</summary>
[Name("Grading.DecisionChain.Opposition")]
[Description("決策鏈: credits the opposition we face — none, medium-influence or high-influence opponents — on the policy's opposition scale; unknown while no stance is known.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class OppositionRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.DecisionChain, "opposition",
            opp.DecisionChain.BestSupport == Stance.Unknown ? MessageText.Literal("unknown")
                : opp.DecisionChain.HighInfluenceOpponents > 0 ? MessageText.Of("answer.opponents.high")
                : opp.DecisionChain.MediumInfluenceOpponents > 0 ? MessageText.Of("answer.opponents.medium") : MessageText.Of("answer.opponents.none"),
            opp.DecisionChain.BestSupport == Stance.Unknown ? policy.Credit(Evidence.Unknown)
                : policy.OppositionCredit(opp.DecisionChain.HighInfluenceOpponents, opp.DecisionChain.MediumInfluenceOpponents),
            opp.DecisionChain.BestSupport == Stance.Unknown));
    }
}

/// <summary>決策鏈: procurement engaged (source: "千萬不要繞過採購部").</summary>
[Name("Grading.DecisionChain.ProcurementEngaged")]
[Description("決策鏈: credits procurement's engagement on the policy's answer scale — never bypass procurement.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class ProcurementEngagedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.DecisionChain, "procurementEngaged", opp.DecisionChain.ProcurementEngaged));
    }
}

/// <summary>決策鏈: breadth of coverage, small people included (source: "往往忽視有些關鍵人和關係或者小人物,導致出現致命性失誤").</summary>
[Name("Grading.DecisionChain.Breadth")]
[Description("決策鏈: credits how well we cover the whole stakeholder map, weighted by the policy's role and influence weights; an empty map is unknown.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class BreadthRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.DecisionChain, "breadth",
            opp.DecisionChain.IsMapped ? MessageText.Of("answer.stakeholdersMapped", opp.DecisionChain.Stakeholders.Count) : MessageText.Of("answer.noStakeholdersMapped"),
            opp.DecisionChain.IsMapped ? Figures.Breadth(opp.DecisionChain, policy) : policy.Credit(Evidence.Unknown),
            !opp.DecisionChain.IsMapped));
    }
}

/// <summary>Red flag: no coach or champion in a decision chain whose stances are all known (Miller Heiman: no coach is a red flag).</summary>
[Name("Grading.DecisionChain.NoCoach")]
[Description("決策鏈: flags a mapped decision chain with no champion and no supportive coach, when every stakeholder's stance is known (someone of unknown stance could be the coach: unknown is not no). Raised up to the tender only: after it, the deal is decided.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class NoCoachRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.DecisionChain.EveryStanceKnown && o.DecisionChain.BestSupport != Stance.Champion);
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "noCoach"));
    }
}

/// <summary>Red flag: procurement known not to be engaged (source: "千萬不要繞過採購部").</summary>
[Name("Grading.DecisionChain.ProcurementNotEngaged")]
[Description("決策鏈: flags procurement known not to be engaged — never bypass procurement. Unknown engagement is not flagged. Raised up to the tender only.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class ProcurementNotEngagedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.DecisionChain.ProcurementEngaged == Evidence.No);
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "procurementNotEngaged"));
    }
}

/// <summary>Red flag: the decision chain is mapped but nobody in it is an economic buyer or decision maker.</summary>
[Name("Grading.DecisionChain.KeyBuyerNotIdentified")]
[Description("決策鏈: flags a mapped decision chain with no economic buyer or decision maker identified. Raised until the project is closed (after the win the relationship with the customer's top management matters most).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class KeyBuyerNotIdentifiedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage < Stage.Closed && (o.DecisionChain.IsMapped && o.DecisionChain.KeyBuyerCoverage == null));
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "economicBuyerNotIdentified"));
    }
}

/// <summary>Red flag: the economic buyer or decision maker is identified but not met.</summary>
[Name("Grading.DecisionChain.KeyBuyerNotCovered")]
[Description("決策鏈: flags an economic buyer or decision maker we have at best contacted, not met. Raised until the project is closed (after the win the relationship with the customer's top management matters most).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class KeyBuyerNotCoveredRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage < Stage.Closed && (o.DecisionChain.KeyBuyerCoverage == Coverage.None || o.DecisionChain.KeyBuyerCoverage == Coverage.Contacted));
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "economicBuyerNotCovered"));
    }
}

/// <summary>Red flag: a high-influence stakeholder opposes us.</summary>
[Name("Grading.DecisionChain.HighInfluenceOpponent")]
[Description("決策鏈: flags a high-influence stakeholder who opposes us. Raised up to the tender only.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class HighInfluenceOpponentRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.DecisionChain.HighInfluenceOpponents > 0);
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "highInfluenceOpponent"));
    }
}

/// <summary>Red flag: the expert panel is not covered at all (source: "對客戶主要決策人、專家小組進一步展開必要的影響工作").</summary>
[Name("Grading.DecisionChain.ExpertPanelUncovered")]
[Description("決策鏈: flags an expert panel (專家小組) in the map with no contact. Raised up to the tender only: after it there is no evaluation left to influence.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class ExpertPanelUncoveredRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.DecisionChain.HasUncoveredExpertPanel);
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "expertPanelUncovered"));
    }
}

/// <summary>Red flag: a committee decides but we know only one person.</summary>
[Name("Grading.DecisionChain.SingleThreaded")]
[Description("決策鏈: flags a committee purchase where we know only one stakeholder (do not overlook the small people). Raised up to the tender only.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class SingleThreadedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.DecisionChain.PurchaseProcess == PurchaseProcess.Committee && o.DecisionChain.Stakeholders.Count == 1);
        Then().Do(ctx => ctx.Flag(Criterion.DecisionChain, "singleThreaded"));
    }
}
