using System.Globalization;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Insights;

/// <summary>
/// Finds what would improve an assessment: for every piece of evidence that is unknown, no or partial, the variant of
/// the opportunity with that evidence confirmed at its best answer, re-scored with the same scorer.
/// </summary>
internal static class ImprovementFinder
{
    /// <summary>The improvements of an assessed opportunity, ranked: most points first, then the largest grade gain, then a gate or bid change.</summary>
    /// <param name="variants">The re-scorings of this explanation (the scorer that made the assessment, the day).</param>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="assessment">Its assessment.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <returns>The improvements (those that change nothing, not even the gate's missing items, are left out).</returns>
    public static IReadOnlyList<Improvement> Find(Variants variants, Opportunity opportunity, Assessment assessment, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(assessment);
        texts ??= Texts.English;
        var found = new List<(Improvement Improvement, int GradeGain, bool GateChanged, bool BidChanged)>();
        foreach (var (code, action, candidate) in Candidates(opportunity, assessment, variants.AsOf, texts))
        {
            if (candidate.Score(variants, opportunity) is not { } after)
            {
                continue;
            }

            var points = Numbers.Normalize(after.Score - assessment.Score);
            var gateChanged = after.Gate.Outcome != assessment.Gate.Outcome;
            var bidChanged = after.Bid?.Decision != assessment.Bid?.Decision;
            var gateCloser = after.Gate.Missing.Count < assessment.Gate.Missing.Count;
            if (points <= 0m && after.Grade >= assessment.Grade && !gateChanged && !bidChanged && !gateCloser)
            {
                continue;
            }

            var message = after.Grade != assessment.Grade
                ? texts.Get("improve.result.gradeChange", action, Signed(points), assessment.Grade, after.Grade)
                : texts.Get("improve.result.gradeSame", action, Signed(points), assessment.Grade);
            if (gateChanged)
            {
                message += texts.Get("improve.result.gate", MessageText.Word(assessment.Gate.Outcome).Render(texts), MessageText.Word(after.Gate.Outcome).Render(texts));
            }

            if (bidChanged)
            {
                message += texts.Get("improve.result.bid", Local(assessment.Bid?.Decision, texts), Local(after.Bid?.Decision, texts));
            }

            found.Add((new Improvement(code, message, points, after.Score, after.Grade, gateChanged ? after.Gate.Outcome : null, bidChanged ? after.Bid?.Decision : null),
                (int)assessment.Grade - (int)after.Grade, gateChanged, bidChanged));
        }

        return [.. found
            .OrderByDescending(f => f.Improvement.Points)
            .ThenByDescending(f => f.GradeGain)
            .ThenByDescending(f => f.GateChanged)
            .ThenByDescending(f => f.BidChanged)
            .ThenBy(f => f.Improvement.Code, StringComparer.Ordinal)
            .Select(f => f.Improvement)];
    }

    /// <summary>The variant of an opportunity with one piece of evidence confirmed, as an improvement with that code promises.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="assessment">Its assessment (for the gate's missing milestones).</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="code">The improvement's code.</param>
    /// <returns>The variant, or <see langword="null"/> when there is nothing to confirm under that code.</returns>
    public static Opportunity? Apply(Opportunity opportunity, Assessment assessment, DateOnly asOf, string code)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(assessment);
        return Candidates(opportunity, assessment, asOf, Texts.English).FirstOrDefault(c => c.Code == code).Variant?.Build(opportunity);
    }

    private static IEnumerable<(string Code, string Action, Variant Variant)> Candidates(Opportunity o, Assessment assessment, DateOnly asOf, Texts texts) =>
        assessment.Gate.Outcome == GateOutcome.End ? Evidence(o, asOf, texts) // an ended pursuit has no gate work left to do
        : o.Stage >= Stage.Implementation ? Milestones(o, assessment, texts)
        : Evidence(o, asOf, texts).Concat(Milestones(o, assessment, texts));

    // The evidence of the pursuit: worth confirming up to the tender (after the win it no longer decides anything).
    private static IEnumerable<(string Code, string Action, Variant Variant)> Evidence(Opportunity o, DateOnly asOf, Texts texts)
    {
        foreach (var field in EvidenceFields.For(o))
        {
            var current = field.Current(o);
            var best = field.Words.Length - 1;
            if (current == best || (field.ImproveOnlyWhenUnknown && current >= 0))
            {
                continue;
            }

            yield return (field.Code, texts.Get(field.ActionCode, field.ActionArgs(texts)), new Variant(null, field, best));

            if (field.Code == "budget.status" && (o.Budget.Amount is null || o.Budget.Amount < o.ExpectedContractAmount))
            {
                yield return BudgetAmount(o, texts);
            }
        }

        if (o.Budget.Status == BudgetStatus.WillBuy && (o.Budget.Amount is null || o.Budget.Amount < o.ExpectedContractAmount))
        {
            yield return BudgetAmount(o, texts);
        }

        if (o.Timeline.DecisionDate is null)
        {
            var date = o.Timeline.TenderDate ?? o.ExpectedSignDate ?? o.InitiationReport?.ExpectedSignDate ?? MonthAhead(asOf);
            yield return ("timeline.decisionDate", texts.Get("improve.timeline.decisionDate"), new Variant(o with { Timeline = o.Timeline with { DecisionDate = date } }));
        }
    }

    // The stage's work the gate still lacks.
    private static IEnumerable<(string Code, string Action, Variant Variant)> Milestones(Opportunity o, Assessment assessment, Texts texts)
    {
        foreach (var missing in assessment.Gate.Missing)
        {
            if (EvidenceFields.Milestones.TryGetValue(missing.Code, out var milestone))
            {
                yield return (milestone.Code, texts.Get("improve.milestone", GateTexts.Missing(texts, missing)), new Variant(milestone.Confirm(o)));
            }
        }
    }

    /// <summary>
    /// The decision date an improvement proposes when the opportunity names no date at all: 30 days after the day of
    /// the assessment — a date still ahead — or, within 30 days of the calendar's end, its last day (a date that
    /// cannot be written is no date to confirm; the last day is still not before the assessment).
    /// </summary>
    internal static DateOnly MonthAhead(DateOnly asOf) =>
        asOf.DayNumber <= DateOnly.MaxValue.DayNumber - 30 ? asOf.AddDays(30) : DateOnly.MaxValue;

    private static (string, string, Variant) BudgetAmount(Opportunity o, Texts texts) =>
        ("budget.amount", texts.Get("improve.budget.amount", Money(o.ExpectedContractAmount)), new Variant(o with { Budget = o.Budget with { Amount = o.ExpectedContractAmount } }));

    /// <summary>
    /// A candidate's variant: built (an opportunity changed in one place), or a field at a value, built only when it
    /// must be scored (setting a stakeholder's field copies the stakeholders) and scored once for all alike fields.
    /// </summary>
    private sealed record Variant(Opportunity? Built, EvidenceField? Field = null, int Value = 0)
    {
        public Opportunity Build(Opportunity o) => Built ?? Field!.Set(o, Value);

        public Assessment? Score(Variants variants, Opportunity o) => Field is { } field ? variants.Score(o, field, Value) : variants.Score(Built!);
    }

    /// <summary>Re-scores a variant; <see langword="null"/> when the rules refuse it (the variant is then not offered).</summary>
    internal static Assessment? Rescore(IOpportunityScorer scorer, Opportunity variant, DateOnly asOf)
    {
        try
        {
            return scorer.Score(variant, asOf);
        }
        catch (ScoringException)
        {
            return null;
        }
    }

    internal static string Word(BidRecommendation? decision, Texts texts) => decision is { } d ? ContractWords.Of(d) : texts.Get("word.none");

    /// <summary>A bid decision in a language's words, for messages (the contract's word in English).</summary>
    internal static string Local(BidRecommendation? decision, Texts texts) => decision is { } d ? MessageText.Word(d).Render(texts) : texts.Get("word.none");

    internal static string Signed(decimal points) => (points >= 0 ? "+" : "−") + Numbers.Normalize(Math.Round(Math.Abs(points), 2, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    internal static string Money(decimal d) => Numbers.Normalize(Math.Round(d, 0, MidpointRounding.AwayFromZero)).ToString("#,0", CultureInfo.InvariantCulture);

    internal static string Percent(decimal fraction) => Numbers.Normalize(Math.Round(fraction * 100m, 2, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";
}

/// <summary>Rule-written texts by code, in the catalogue's language (the rules' English text otherwise).</summary>
internal static class GateTexts
{
    public static string Missing(Texts texts, GateItem item) => item.Text.Render(texts);
}
