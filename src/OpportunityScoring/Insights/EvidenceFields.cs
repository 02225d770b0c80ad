namespace OpportunityScoring.Insights;

/// <summary>An answer on a scale that an opportunity's evidence can be set to: its code, its values and how to set it.</summary>
internal sealed class EvidenceField
{
    public required string Code { get; init; }

    public required Criterion Criterion { get; init; }

    /// <summary>The contract's words for the values, worst to best.</summary>
    public required string[] Words { get; init; }

    /// <summary>The current value's index in <see cref="Words"/>; −1 when unknown.</summary>
    public required Func<Opportunity, int> Current { get; init; }

    /// <summary>The variant with the value at an index of <see cref="Words"/>.</summary>
    public required Func<Opportunity, int, Opportunity> Set { get; init; }

    /// <summary>The text code of the action that confirms the best answer.</summary>
    public required string ActionCode { get; init; }

    /// <summary>Arguments of the action text (a stakeholder's name).</summary>
    public object[] ActionArgs { get; init; } = [];

    /// <summary>Whether an improvement is offered only when the answer is unknown (a fact, not evidence to confirm: the incumbent).</summary>
    public bool ImproveOnlyWhenUnknown { get; init; }

    /// <summary>
    /// What makes fields alike (<see langword="null"/>: the field is like no other): two fields with equal likeness
    /// give variants that score alike at the same value. A stakeholder's field is alike another stakeholder's same
    /// field when the two stakeholders differ in nothing but their name and place: the rules read the stakeholder map
    /// through <see cref="DecisionChain"/>'s summaries, which depend on neither, and never read a name. So N alike
    /// stakeholders cost one re-scoring per value, not N (<see cref="Variants"/>).
    /// </summary>
    public object? Likeness { get; init; }

    public static EvidenceField Of<T>(string code, Criterion criterion, T[] worstToBest, Func<Opportunity, T> get, Func<Opportunity, T, Opportunity> set, bool onlyWhenUnknown = false)
        where T : struct, Enum => new()
        {
            Code = code,
            Criterion = criterion,
            Words = [.. worstToBest.Select(ContractWords.Of)],
            Current = o => Array.IndexOf(worstToBest, get(o)),
            Set = (o, i) => set(o, worstToBest[i]),
            ActionCode = "improve." + code,
            ImproveOnlyWhenUnknown = onlyWhenUnknown,
        };
}

/// <summary>The evidence fields of an opportunity, in the catalogue's order.</summary>
internal static class EvidenceFields
{
    private static readonly Evidence[] Answers = [Evidence.No, Evidence.Partial, Evidence.Yes];

    public static List<EvidenceField> For(Opportunity opportunity)
    {
        var fields = new List<EvidenceField>
        {
            EvidenceField.Of("need.level", Criterion.Need, [NeedLevel.NoNeed, NeedLevel.GoodToHave, NeedLevel.ShouldHave, NeedLevel.MustHave],
                o => o.Need.Level, (o, v) => o with { Need = o.Need with { Level = v } }),
            EvidenceField.Of("need.requirementsDocumented", Criterion.Need, Answers,
                o => o.Need.RequirementsDocumented, (o, v) => o with { Need = o.Need with { RequirementsDocumented = v } }),
            EvidenceField.Of("need.evaluationCriteriaKnown", Criterion.Need, Answers,
                o => o.Need.EvaluationCriteriaKnown, (o, v) => o with { Need = o.Need with { EvaluationCriteriaKnown = v } }),
            EvidenceField.Of("budget.status", Criterion.Budget, [BudgetStatus.NoCommittedBudget, BudgetStatus.MayBuy, BudgetStatus.CanBuy, BudgetStatus.WillBuy],
                o => o.Budget.Status, (o, v) => o with { Budget = o.Budget with { Status = v } }),
            EvidenceField.Of("timeline.purchaseTimeframe", Criterion.Timeline, [PurchaseTimeframe.ThisYear, PurchaseTimeframe.NextQuarter, PurchaseTimeframe.ThisQuarter, PurchaseTimeframe.Immediate],
                o => o.Timeline.PurchaseTimeframe, (o, v) => o with { Timeline = o.Timeline with { PurchaseTimeframe = v } }),
            EvidenceField.Of("competition.position", Criterion.Competition, [CompetitivePosition.Behind, CompetitivePosition.Even, CompetitivePosition.Leading],
                o => o.Competition.Position, (o, v) => o with { Competition = o.Competition with { Position = v } }),
            EvidenceField.Of("competition.buyingCriteriaFavor", Criterion.Competition, [BuyingCriteriaFavor.Competitor, BuyingCriteriaFavor.Neutral, BuyingCriteriaFavor.Us],
                o => o.Competition.BuyingCriteriaFavor, (o, v) => o with { Competition = o.Competition with { BuyingCriteriaFavor = v } }),
            EvidenceField.Of("competition.incumbent", Criterion.Competition, [Incumbent.Competitor, Incumbent.None, Incumbent.Us],
                o => o.Competition.Incumbent, (o, v) => o with { Competition = o.Competition with { Incumbent = v } }, onlyWhenUnknown: true),
            EvidenceField.Of("decisionChain.procurementEngaged", Criterion.DecisionChain, Answers,
                o => o.DecisionChain.ProcurementEngaged, (o, v) => o with { DecisionChain = o.DecisionChain with { ProcurementEngaged = v } }),
        };
        var stakeholders = opportunity.DecisionChain.Stakeholders;
        for (var i = 0; i < stakeholders.Count; i++)
        {
            var index = i;
            var name = stakeholders[i].Name ?? ContractWords.Of(stakeholders[i].Role);
            fields.Add(Stakeholder(opportunity, index, name, "coverage", [Coverage.None, Coverage.Contacted, Coverage.Met, Coverage.InDepth], s => s.Coverage, (s, v) => s with { Coverage = v }));
            fields.Add(Stakeholder(opportunity, index, name, "stance", [Stance.Opponent, Stance.Neutral, Stance.Supporter, Stance.Champion], s => s.Stance, (s, v) => s with { Stance = v }));
        }

        fields.Add(EvidenceField.Of("strategicFit.strategy", Criterion.StrategicFit, Answers,
            o => o.StrategicFit.Strategy, (o, v) => o with { StrategicFit = o.StrategicFit with { Strategy = v } }));
        fields.Add(EvidenceField.Of("strategicFit.marketPositioning", Criterion.StrategicFit, Answers,
            o => o.StrategicFit.MarketPositioning, (o, v) => o with { StrategicFit = o.StrategicFit with { MarketPositioning = v } }));
        fields.Add(EvidenceField.Of("strategicFit.productDirection", Criterion.StrategicFit, Answers,
            o => o.StrategicFit.ProductDirection, (o, v) => o with { StrategicFit = o.StrategicFit with { ProductDirection = v } }));
        fields.Add(EvidenceField.Of("strategicFit.futureInfluence", Criterion.StrategicFit, [FutureInfluence.None, FutureInfluence.Low, FutureInfluence.Medium, FutureInfluence.High],
            o => o.StrategicFit.FutureInfluence, (o, v) => o with { StrategicFit = o.StrategicFit with { FutureInfluence = v } }));
        return fields;
    }

    private static EvidenceField Stakeholder<T>(Opportunity opportunity, int index, string name, string item, T[] worstToBest, Func<Stakeholder, T> get, Func<Stakeholder, T, Stakeholder> set)
        where T : struct, Enum
    {
        var code = $"decisionChain.stakeholders[{index}].{item}";
        return new EvidenceField
        {
            Code = code,
            Criterion = Criterion.DecisionChain,
            Words = [.. worstToBest.Select(ContractWords.Of)],
            Current = o => Array.IndexOf(worstToBest, get(o.DecisionChain.Stakeholders[index])),
            Set = (o, i) =>
            {
                var list = o.DecisionChain.Stakeholders.ToArray();
                list[index] = set(list[index], worstToBest[i]);
                return o with { DecisionChain = o.DecisionChain with { Stakeholders = list } };
            },
            ActionCode = "improve.stakeholder." + item,
            ActionArgs = [name],
            Likeness = (item, opportunity.DecisionChain.Stakeholders[index] with { Name = null }),
        };
    }

    /// <summary>The milestone each gate requirement code reads, and how to confirm it.</summary>
    public static readonly IReadOnlyDictionary<string, (string Code, Func<Opportunity, Opportunity> Confirm)> Milestones =
        new Dictionary<string, (string, Func<Opportunity, Opportunity>)>(StringComparer.Ordinal)
        {
            ["followUpTable"] = ("milestones.followUpTableFilled", o => o with { Milestones = o.Milestones with { FollowUpTableFilled = Evidence.Yes } }),
            ["shortlisted"] = ("milestones.shortlisted", o => o with { Milestones = o.Milestones with { Shortlisted = Evidence.Yes } }),
            ["solutionDemoDone"] = ("milestones.solutionDemoDone", o => o with { Milestones = o.Milestones with { SolutionDemoDone = Evidence.Yes } }),
            ["proposalSubmitted"] = ("milestones.proposalSubmitted", o => o with { Milestones = o.Milestones with { ProposalSubmitted = Evidence.Yes } }),
            ["objectionsResolved"] = ("milestones.objectionsResolved", o => o with { Milestones = o.Milestones with { ObjectionsResolved = Evidence.Yes } }),
            ["tenderDocumentsReceived"] = ("milestones.tenderDocumentsReceived", o => o with { Milestones = o.Milestones with { TenderDocumentsReceived = Evidence.Yes } }),
            ["bidTeamAssigned"] = ("milestones.bidTeamAssigned", o => o with { Milestones = o.Milestones with { BidTeamAssigned = Evidence.Yes } }),
            ["bidPriceApproved"] = ("milestones.bidPriceApproved", o => o with { Milestones = o.Milestones with { BidPriceApproved = Evidence.Yes } }),
            ["handOverDone"] = ("milestones.handOverDone", o => o with { Milestones = o.Milestones with { HandOverDone = Evidence.Yes } }),
            ["projectManagerAppointed"] = ("milestones.projectManagerAppointed", o => o with { Milestones = o.Milestones with { ProjectManagerAppointed = Evidence.Yes } }),
            ["implementationPlanApproved"] = ("milestones.implementationPlanApproved", o => o with { Milestones = o.Milestones with { ImplementationPlanApproved = Evidence.Yes } }),
            ["paymentsOnSchedule"] = ("milestones.paymentsOnSchedule", o => o with { Milestones = o.Milestones with { PaymentsOnSchedule = Evidence.Yes } }),
            ["acceptanceSigned"] = ("milestones.acceptanceSigned", o => o with { Milestones = o.Milestones with { AcceptanceSigned = Evidence.Yes } }),
        };
}
