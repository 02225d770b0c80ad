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

    /// <summary>Arguments of the action text in a language (a stakeholder's name, or their role's word when they have none).</summary>
    public Func<Texts, object[]> ActionArgs { get; init; } = static _ => [];

    /// <summary>Whether an improvement is offered only when the answer is unknown (a fact, not evidence to confirm: the incumbent).</summary>
    public bool ImproveOnlyWhenUnknown { get; init; }

    /// <summary>The value at an index of <see cref="Words"/> in a language (the contract's word in English).</summary>
    public required Func<int, Texts, string> WordIn { get; init; }

    /// <summary>The field's name in a language: its code in English, its catalogue name (<c>item.{code}</c>, or a stakeholder's) otherwise.</summary>
    public required Func<Texts, string> NameIn { get; init; }

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
            WordIn = (i, t) => MessageText.Word(worstToBest[i]).Render(t),
            NameIn = t => t.IsEnglish ? code : t.Get("item." + code),
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
            var name = StakeholderName(stakeholders[i]);
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

    /// <summary>A stakeholder as a message's argument: their name, or their role's word in the language when they have none.</summary>
    private static Func<Texts, string> StakeholderName(Stakeholder s) => t => Spaced(s.Name ?? MessageText.Word(s.Role).Render(t), t);

    /// <summary>
    /// A name set into a Chinese sentence: a space between it and the Chinese text where it begins or ends in Latin letters
    /// or digits (與 Director Wang 建立…), none where it is Chinese (與王總建立…); as it is in English.
    /// </summary>
    internal static string Spaced(string name, Texts t)
    {
        if (t.IsEnglish || name.Length == 0)
        {
            return name;
        }

        static bool Latin(char c) => c < 0x2E80;
        return (Latin(name[0]) ? " " : "") + name + (Latin(name[^1]) ? " " : "");
    }

    private static EvidenceField Stakeholder<T>(Opportunity opportunity, int index, Func<Texts, string> name, string item, T[] worstToBest, Func<Stakeholder, T> get, Func<Stakeholder, T, Stakeholder> set)
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
            ActionArgs = t => [name(t)],
            WordIn = (i, t) => MessageText.Word(worstToBest[i]).Render(t),
            NameIn = t => t.IsEnglish ? code : t.Get("field.stakeholder." + item, name(t)).Trim(),
            Likeness = (item, opportunity.DecisionChain.Stakeholders[index] with { Name = null }),
        };
    }

    /// <summary>
    /// The name of an improvement's or a flip point's code in a language: the code itself in English; otherwise the
    /// evidence item's name (<c>item.{code}</c>), a stakeholder's coverage or stance by the stakeholder's name, a milestone by
    /// its gate requirement's name, or <c>field.{code}</c> (margin, cost, budget amount, decision date).
    /// </summary>
    public static string NameOf(string code, Opportunity opportunity, Texts texts)
    {
        if (texts.IsEnglish)
        {
            return code;
        }

        const string stakeholders = "decisionChain.stakeholders[";
        if (code.StartsWith(stakeholders, StringComparison.Ordinal))
        {
            var close = code.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && int.TryParse(code.AsSpan(stakeholders.Length, close - stakeholders.Length), System.Globalization.CultureInfo.InvariantCulture, out var i)
                && i >= 0 && i < opportunity.DecisionChain.Stakeholders.Count)
            {
                var s = opportunity.DecisionChain.Stakeholders[i];
                return texts.Get("field.stakeholder." + code[(close + 2)..], StakeholderName(s)(texts)).Trim();
            }
        }

        foreach (var (requirement, milestone) in Milestones)
        {
            if (milestone.Code == code)
            {
                return texts.Get("gate.name." + requirement);
            }
        }

        return texts.Has("item." + code) ? texts.Get("item." + code) : texts.Has("field." + code) ? texts.Get("field." + code) : code;
    }

    private static (string Code, Func<Opportunity, Opportunity> Confirm) Confirm(string milestone, Func<OpportunityScoring.Milestones, OpportunityScoring.Milestones> confirm) =>
        ("milestones." + milestone, o => o with { Milestones = confirm(o.Milestones) });

    /// <summary>The milestone each gate requirement code reads, and how to confirm it.</summary>
    public static readonly IReadOnlyDictionary<string, (string Code, Func<Opportunity, Opportunity> Confirm)> Milestones =
        new Dictionary<string, (string, Func<Opportunity, Opportunity>)>(StringComparer.Ordinal)
        {
            ["followUpTable"] = Confirm("followUpTableFilled", static m => m with { FollowUpTableFilled = Evidence.Yes }),
            ["shortlisted"] = Confirm("shortlisted", static m => m with { Shortlisted = Evidence.Yes }),
            ["stageSummaryFiled"] = Confirm("stageSummaryFiled", static m => m with { StageSummaryFiled = Evidence.Yes }),
            ["solutionDemoDone"] = Confirm("solutionDemoDone", static m => m with { SolutionDemoDone = Evidence.Yes }),
            ["companyVisitDone"] = Confirm("companyVisitDone", static m => m with { CompanyVisitDone = Evidence.Yes }),
            ["referenceVisitDone"] = Confirm("referenceVisitDone", static m => m with { ReferenceVisitDone = Evidence.Yes }),
            ["proposalSubmitted"] = Confirm("proposalSubmitted", static m => m with { ProposalSubmitted = Evidence.Yes }),
            ["initiationReportReviewed"] = Confirm("initiationReportReviewed", static m => m with { InitiationReportReviewed = Evidence.Yes }),
            ["objectionsResolved"] = Confirm("objectionsResolved", static m => m with { ObjectionsResolved = Evidence.Yes }),
            ["valueAddedServiceOffered"] = Confirm("valueAddedServiceOffered", static m => m with { ValueAddedServiceOffered = Evidence.Yes }),
            ["tenderDocumentsReceived"] = Confirm("tenderDocumentsReceived", static m => m with { TenderDocumentsReceived = Evidence.Yes }),
            ["bidStrategyMeetingHeld"] = Confirm("bidStrategyMeetingHeld", static m => m with { BidStrategyMeetingHeld = Evidence.Yes }),
            ["bidTeamAssigned"] = Confirm("bidTeamAssigned", static m => m with { BidTeamAssigned = Evidence.Yes }),
            ["bidDocumentReviewed"] = Confirm("bidDocumentReview", static m => m with
            {
                BidDocumentReview = new BidDocumentReview
                {
                    SolutionSound = Evidence.Yes, TechnicallyFeasible = Evidence.Yes, MeetsRequirements = Evidence.Yes, PriceBreakdownChecked = Evidence.Yes,
                    QualificationsCompliant = Evidence.Yes, CommercialDocumentsComplete = Evidence.Yes, OnSchedule = Evidence.Yes,
                },
            }),
            ["requirementsCommunicated"] = Confirm("requirementsCommunicated", static m => m with { RequirementsCommunicated = Evidence.Yes }),
            ["competitiveStrategySet"] = Confirm("competitiveStrategySet", static m => m with { CompetitiveStrategySet = Evidence.Yes }),
            ["presentersAssigned"] = Confirm("presentersAssigned", static m => m with { PresentersAssigned = Evidence.Yes }),
            ["bidPriceApproved"] = Confirm("bidPriceApproved", static m => m with { BidPriceApproved = Evidence.Yes }),
            ["statementOfWorkReviewed"] = Confirm("statementOfWorkReviewed", static m => m with { StatementOfWorkReviewed = Evidence.Yes }),
            ["contractSigned"] = Confirm("contractSigned", static m => m with { ContractSigned = Evidence.Yes }),
            ["handOverDone"] = Confirm("handOverDone", static m => m with { HandOverDone = Evidence.Yes }),
            ["projectTeamFormed"] = Confirm("projectTeamFormed", static m => m with { ProjectTeamFormed = Evidence.Yes }),
            ["projectManagerAppointed"] = Confirm("projectManagerAppointed", static m => m with { ProjectManagerAppointed = Evidence.Yes }),
            ["customerProjectTeamFormed"] = Confirm("customerProjectTeamFormed", static m => m with { CustomerProjectTeamFormed = Evidence.Yes }),
            ["implementationPlanApproved"] = Confirm("implementationPlanApproved", static m => m with { ImplementationPlanApproved = Evidence.Yes }),
            ["implementationPlanComplete"] = Confirm("implementationPlan", static m => m with
            {
                ImplementationPlan = new ImplementationPlan
                {
                    WorkScope = Evidence.Yes, RisksAndRemedies = Evidence.Yes, ProjectManagement = Evidence.Yes, FollowOnOrders = Evidence.Yes, RelationshipUpkeep = Evidence.Yes,
                },
            }),
            ["paymentsOnSchedule"] = Confirm("paymentsOnSchedule", static m => m with { PaymentsOnSchedule = Evidence.Yes }),
            ["deliveryCompleted"] = Confirm("deliveryCompleted", static m => m with { DeliveryCompleted = Evidence.Yes }),
            ["stageReviewsHeld"] = Confirm("stageReviewsHeld", static m => m with { StageReviewsHeld = Evidence.Yes }),
            ["acceptanceSigned"] = Confirm("acceptanceSigned", static m => m with { AcceptanceSigned = Evidence.Yes }),
            ["projectClosedOut"] = Confirm("projectClosedOut", static m => m with { ProjectClosedOut = Evidence.Yes }),
        };
}
