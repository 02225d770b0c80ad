using System.Globalization;
using System.Text;

namespace OpportunityScoring.Insights;

/// <summary>A recommended action on a bid decision.</summary>
/// <param name="Code">A stable code: <c>bid</c>, <c>withdraw</c>, <c>relationshipBid</c>, <c>reprice</c>, <c>cutCost</c>, <c>estimateCost</c>, <c>tightenEstimate</c>, <c>reviewPrice</c>.</param>
/// <param name="Message">What to do, with the figures.</param>
public sealed record RecommendedAction(string Code, string Message);

/// <summary>A fatal factor with how far the actual value is from its threshold.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Gap">threshold − actual for numeric factors (how much must change); absent for factors in words.</param>
public sealed record FatalFactorGap(FatalFactor Factor, decimal? Gap);

/// <summary>
/// The bid decision and summary report the source asks for at the tender (投標決策與總結報告: "總結不投標的致命因素,提交總結報告"):
/// the decision (before the tender, the outlook), each fatal factor with threshold, actual and gap, the cost risk, the
/// economics, the gate and the recommended actions. Hosts render it their way;
/// <see cref="ToMarkdown()"/> is one rendering.
/// </summary>
public sealed class DecisionReport
{
    /// <summary>The opportunity.</summary>
    public required Opportunity Opportunity { get; init; }

    /// <summary>Its assessment.</summary>
    public required Assessment Assessment { get; init; }

    /// <summary>The day of the assessment.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The fatal factors with their gaps.</summary>
    public required IReadOnlyList<FatalFactorGap> FatalFactors { get; init; }

    /// <summary>What to do.</summary>
    public required IReadOnlyList<RecommendedAction> Actions { get; init; }

    /// <summary>Builds the record for an assessed opportunity.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="assessment">Its assessment.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <returns>The record.</returns>
    public static DecisionReport Create(Opportunity opportunity, Assessment assessment, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(assessment);
        var bid = assessment.Bid;
        var gaps = (bid?.FatalFactors ?? []).Select(f => new FatalFactorGap(f,
            f.Threshold.Number is { } t && f.Actual.Number is { } a ? Numbers.Normalize(t - a) : null)).ToList();
        return new DecisionReport { Opportunity = opportunity, Assessment = assessment, AsOf = asOf, FatalFactors = gaps, Actions = Recommend(opportunity, bid) };
    }

    private static List<RecommendedAction> Recommend(Opportunity o, BidResult? bid) => Recommend(o, bid, Texts.English);

    // The actions in a language: the English catalogue's templates are the English messages, figures as arguments.
    private static List<RecommendedAction> Recommend(Opportunity o, BidResult? bid, Texts t)
    {
        var actions = new List<RecommendedAction>();
        if (bid is null)
        {
            actions.Add(new RecommendedAction("none", t.Get("action.none", MessageText.Word(o.Stage).Render(t))));
            return actions;
        }

        var codes = bid.FatalFactors.Select(f => f.Code).Concat(bid.ReviewReasons.Select(r => r.Code)).ToHashSet(StringComparer.Ordinal);
        if (bid.Decision == BidRecommendation.RelationshipBid)
        {
            actions.Add(new RecommendedAction("relationshipBid", t.Get("action.relationshipBid.decided")));
        }
        else if (codes.Contains("criteriaAgainstUs"))
        {
            actions.Add(new RecommendedAction("withdraw", t.Get("action.withdraw.criteriaAgainstUs")));
            actions.Add(new RecommendedAction("relationshipBid", t.Get("action.relationshipBid")));
        }

        if (codes.Overlaps(["noNeed", "outsideStrategy", "noCommittedBudget"]))
        {
            var closing = bid.FatalFactors.Select(f => f.Code).Where(c => c is "noNeed" or "outsideStrategy" or "noCommittedBudget").ToList();
            actions.Add(new RecommendedAction("withdraw", t.Get("action.withdraw.close", MessageText.Join("fatal.name.", closing).Render(t))));
        }

        if ((codes.Contains("marginBelowFloor") || codes.Contains("loss") || codes.Contains("marginNearFloor")) && o.GrossMargin is { } margin && bid.GrossMargin is not null)
        {
            var cost = o.EstimatedCost ?? (o.ExpectedContractAmount * (1m - margin)); // without a cost estimate, the cost the margin estimate implies
            var floor = bid.MarginFloor;
            var overheads = (o.SalesExpenseBudget ?? 0m) + (o.BidCost ?? 0m);
            var priceForFloor = Math.Max(cost / (1m - floor), cost + overheads);
            var costForFloor = Math.Min(o.ExpectedContractAmount * (1m - floor), o.ExpectedContractAmount - overheads);
            actions.Add(new RecommendedAction("reprice", t.Get("action.reprice", Money(priceForFloor), Money(priceForFloor - o.ExpectedContractAmount), Percent(floor))));
            actions.Add(new RecommendedAction("cutCost", t.Get("action.cutCost", Money(costForFloor), Money(cost - costForFloor))));
        }

        if (codes.Contains("marginUnknown"))
        {
            actions.Add(new RecommendedAction("estimateCost", t.Get("action.estimateCost")));
        }

        if (codes.Contains("costRisk") || codes.Contains("lossRisk"))
        {
            actions.Add(new RecommendedAction("tightenEstimate", t.Get("action.tightenEstimate", Money(bid.CostRisk?.Low ?? 0), Money(bid.CostRisk?.High ?? 0))));
        }

        if (bid.Decision == BidRecommendation.Bid)
        {
            actions.Add(new RecommendedAction("bid", t.Get(bid.Kind == BidKind.Outlook ? "action.bid.outlook" : "action.bid")));
        }

        return actions;
    }

    /// <summary>The recommended actions in a language: the catalogue's words when they are the ones this record recommends, else as given.</summary>
    /// <param name="t">The language.</param>
    /// <returns>The actions.</returns>
    public IReadOnlyList<RecommendedAction> ActionsIn(Texts t) =>
        t.IsEnglish || !Recommend(Opportunity, Assessment.Bid).SequenceEqual(Actions) ? Actions : Recommend(Opportunity, Assessment.Bid, t);

    /// <summary>The record as Markdown, in English.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown() => ToMarkdown(Texts.English);

    /// <summary>
    /// The record as Markdown in a language: headings, labels and the texts the catalogue has by code (red flags, gate
    /// items, fatal factors, review reasons) in that language; codes, numbers and contract words unchanged. Includes the
    /// improvements and flip points when the assessment was explained.
    /// </summary>
    /// <param name="texts">The language.</param>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown(Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var t = texts;
        var a = Assessment;
        var o = Opportunity;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"# {t.Get("report.title", o.Id)}{(o.Name is null ? "" : " — " + o.Name)}\n\n");
        sb.Append(inv, $"- {t.Get("report.asOf", AsOf.ToString("yyyy-MM-dd", inv))}\n- {t.Get("report.stage", Say(o.Stage, t))}\n- {t.Get("report.grade", a.Grade, a.Score.ToString("0.##", inv), a.WinProbability.ToString("0.00", inv))}\n");
        sb.Append(inv, $"- {t.Get("report.policy", a.Policy.Name, a.Policy.Version, a.Policy.Sha256)}\n\n");
        var bid = a.Bid;
        if (bid is null)
        {
            sb.Append(inv, $"## {t.Get("report.decision.none.section")}\n\n{t.Get("report.decision.none")}\n\n");
        }
        else
        {
            sb.Append(inv, $"## {t.Get(bid.Kind == BidKind.Outlook ? "report.outlook" : "report.decision", Say(bid.Decision, t))}\n\n");
            if (bid.Kind == BidKind.Outlook)
            {
                sb.Append(inv, $"{t.Get("report.outlook.note")}\n\n");
            }

            sb.Append(inv, $"- {t.Get("report.grossMargin", bid.GrossMargin is { } g ? Percent(g) : t.Get("word.unknown"), Percent(bid.MarginFloor))}\n");
            sb.Append(inv, $"- {t.Get("report.netMargin", bid.NetMargin is { } n ? Percent(n) : t.Get("word.unknown"))}\n\n");
            if (FatalFactors.Count > 0)
            {
                var section = bid.Decision == BidRecommendation.RelationshipBid ? "report.fatal.section.relationshipBid" : "report.fatal.section";
                sb.Append(inv, $"## {t.Get(section)}\n\n{t.Get("report.fatal.header")}\n| --- | --- | --- | --- | --- |\n");
                foreach (var f in FatalFactors)
                {
                    var code = f.Factor.Code;
                    sb.Append(inv, $"| {Name("fatal.name.", code, t)} | {Shown(code, "threshold", f.Factor.Threshold, t)} | {Shown(code, "actual", f.Factor.Actual, t)} | {(f.Gap is { } gap ? Figure(code, gap) : "—")} | {f.Factor.Text.Render(t)} |\n");
                }

                sb.Append('\n');
            }

            if (bid.ReviewReasons.Count > 0)
            {
                sb.Append(inv, $"## {t.Get("report.review.section")}\n\n");
                foreach (var r in bid.ReviewReasons)
                {
                    sb.Append(inv, $"- {t.Get("report.review", Name("review.name.", r.Code, t), r.Text.Render(t))}\n");
                }

                sb.Append('\n');
            }

            if (bid.CostRisk is { } risk)
            {
                sb.Append(inv, $"## {t.Get("report.costRisk.section")}\n\n{t.Get("report.costRisk.model", Name("word.distribution.", risk.Distribution, t), Money(risk.Low), Money(risk.Mode), Money(risk.High), Name("word.method.", risk.Method, t))}\n\n");
                sb.Append(inv, $"- {t.Get("report.costRisk.floor", Money(risk.CostAtFloor), risk.ProbabilityBelowFloor.ToString("0.####", inv))}\n");
                sb.Append(inv, $"- {t.Get("report.costRisk.loss", Money(risk.CostAtLoss), risk.ProbabilityOfLoss.ToString("0.####", inv))}\n\n");
            }

            if (bid.Economics is { } e)
            {
                sb.Append(inv, $"## {t.Get("report.economics.section")}\n\n- {t.Get("report.economics.margin", Money(e.MarginAmount))}\n- {t.Get("report.economics.bidCost", Money(e.BidCost))}\n- {t.Get("report.economics.expectedValue", Money(e.ExpectedValue), e.WinProbability.ToString("0.####", inv), Money(e.MarginAmount), Money(e.BidCost))}\n");
                sb.Append(inv, $"- {t.Get("report.economics.breakEven", e.BreakEvenWinProbability is { } b ? b.ToString("0.####", inv) : t.Get("report.economics.noMargin"))}\n- {t.Get("report.economics.maxBidCost", Money(e.MaxBidCost))}\n\n");
            }
        }

        var gate = a.Gate;
        sb.Append(inv, $"## {t.Get("report.gate", Say(gate.Stage, t), Say(gate.Outcome, t), Say(gate.NextStage, t))}\n\n");
        foreach (var m in gate.Outcome == GateOutcome.End ? [] : gate.Missing) // once the pursuit ends, what the gate still lacked no longer matters
        {
            sb.Append(inv, $"- {t.Get("report.gate.missing", Name("gate.name.", m.Code, t), GateTexts.Missing(t, m))}\n");
        }

        foreach (var m in gate.EndedBy)
        {
            sb.Append(inv, $"- {t.Get("report.gate.ended", Name("gate.end.name.", m.Code, t), m.Text.Render(t))}\n");
        }

        sb.Append(inv, $"\n## {t.Get("report.actions.section")}\n\n");
        foreach (var act in ActionsIn(t))
        {
            sb.Append(inv, $"- {t.Get("report.item", Name("action.name.", act.Code, t), act.Message)}\n");
        }

        if (a.RedFlags.Count > 0)
        {
            sb.Append(inv, $"\n## {t.Get("report.redFlags.section")}\n\n");
            foreach (var f in a.RedFlags)
            {
                sb.Append(inv, $"- {t.Get("report.redFlag", Name("redFlag.name.", f.Code, t), f.Text.Render(t))}\n");
            }
        }

        if (a.Improvements is { Count: > 0 } improvements)
        {
            sb.Append(inv, $"\n## {t.Get("report.improvements.section")}\n\n| {t.Get("report.improvements.header")} |\n| --- | --- | --- | --- |\n");
            foreach (var i in improvements)
            {
                sb.Append(inv, $"| {EvidenceFields.NameOf(i.Code, o, t)} | {ImprovementFinder.Signed(i.Points)} | {i.GradeAfter} | {i.Message} |\n");
            }
        }

        if (a.FlipPoints is { Count: > 0 } flips)
        {
            sb.Append(inv, $"\n## {t.Get("report.flipPoints.section")}\n\n");
            foreach (var f in flips)
            {
                var kind = t.Get(f.Kind == FlipKind.Bid ? "report.flipPoints.bid" : "report.flipPoints.grade");
                sb.Append(inv, $"- {t.Get("report.flipPoint", EvidenceFields.NameOf(f.Code, o, t), f.Verified ? kind : t.Get("report.flipPoints.unverified", kind), f.Message)}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>An enumeration value in the language's words (the contract's word in English).</summary>
    private static string Say<T>(T value, Texts t) where T : struct, Enum => MessageText.Word(value).Render(t);

    /// <summary>A code's catalogued name in the language (the code itself in English).</summary>
    private static string Name(string prefix, string code, Texts t) => MessageText.Name(prefix, code).Render(t);

    /// <summary>A fatal factor's threshold or actual value: numbers as <see cref="Figure"/>, words in the language.</summary>
    private static string Shown(string code, string which, FactorValue value, Texts t) => value.Number is { } n
        ? Figure(code, n)
        : BidDecision.BidLedger.Shown(code, which, value) is MessageText m ? m.Render(t) : value.ToString();

    /// <summary>A fatal factor's figure: a margin as a percentage, an amount with thousands separators, a probability as it is.</summary>
    private static string Figure(string code, decimal value) => code switch
    {
        "marginBelowFloor" => Percent(value),
        "loss" => Money(value),
        _ => Numbers.Normalize(value).ToString("#,0.####", CultureInfo.InvariantCulture),
    };

    private static string Money(decimal d) => Numbers.Normalize(Math.Round(d, 0, MidpointRounding.AwayFromZero)).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => Numbers.Normalize(Math.Round(fraction * 100m, 2, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";
}
