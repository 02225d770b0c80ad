using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Pipelines;

/// <summary>A rule whose points differ between the two policies.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Criterion">Its criterion, if any.</param>
/// <param name="PointsBefore">Its points under the current policy.</param>
/// <param name="PointsAfter">Its points under the proposed policy.</param>
public sealed record WhatIfReason(string Rule, Criterion? Criterion, decimal PointsBefore, decimal PointsAfter);

/// <summary>One opportunity whose grade, gate outcome or bid decision changes under the proposed policy, and why.</summary>
public sealed record WhatIfChange
{
    /// <summary>The opportunity's id.</summary>
    public required string Id { get; init; }

    /// <summary>What changes: <c>grade</c>, <c>gate</c>, <c>bid</c> (in that order).</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>The grade under the current policy.</summary>
    public required Grade GradeBefore { get; init; }

    /// <summary>The grade under the proposed policy.</summary>
    public required Grade GradeAfter { get; init; }

    /// <summary>The score under the current policy.</summary>
    public required decimal ScoreBefore { get; init; }

    /// <summary>The score under the proposed policy.</summary>
    public required decimal ScoreAfter { get; init; }

    /// <summary>The gate outcome under the current policy.</summary>
    public required GateOutcome GateBefore { get; init; }

    /// <summary>The gate outcome under the proposed policy.</summary>
    public required GateOutcome GateAfter { get; init; }

    /// <summary>The bid decision under the current policy (absent after the tender).</summary>
    public BidRecommendation? BidBefore { get; init; }

    /// <summary>The bid decision under the proposed policy.</summary>
    public BidRecommendation? BidAfter { get; init; }

    /// <summary>The rules whose points differ.</summary>
    public IReadOnlyList<WhatIfReason> Reasons { get; init; } = [];

    /// <summary>Fatal factors the proposed policy adds.</summary>
    public IReadOnlyList<string> FatalAdded { get; init; } = [];

    /// <summary>Fatal factors the proposed policy removes.</summary>
    public IReadOnlyList<string> FatalRemoved { get; init; } = [];

    /// <summary>Bid review reasons the proposed policy adds.</summary>
    public IReadOnlyList<string> ReviewAdded { get; init; } = [];

    /// <summary>Bid review reasons the proposed policy removes.</summary>
    public IReadOnlyList<string> ReviewRemoved { get; init; } = [];

    /// <summary>Knock-outs the proposed policy adds.</summary>
    public IReadOnlyList<string> KnockOutsAdded { get; init; } = [];

    /// <summary>Knock-outs the proposed policy removes.</summary>
    public IReadOnlyList<string> KnockOutsRemoved { get; init; } = [];

    /// <summary>Gate requirements missing under the proposed policy only.</summary>
    public IReadOnlyList<string> GateMissingAdded { get; init; } = [];

    /// <summary>Gate requirements missing under the current policy only.</summary>
    public IReadOnlyList<string> GateMissingRemoved { get; init; } = [];
}

/// <summary>The result of scoring a pipeline under the current and a proposed policy.</summary>
public sealed class WhatIfResult
{
    /// <summary>The current policy.</summary>
    public required PolicyStamp Current { get; init; }

    /// <summary>The proposed policy.</summary>
    public required PolicyStamp Proposed { get; init; }

    /// <summary>The day of the assessments.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>How many opportunities were scored under both.</summary>
    public required int Compared { get; init; }

    /// <summary>Counts per change kind: <c>changed</c> (any), <c>grade</c>, <c>gate</c>, <c>bid</c>, and per transition (<c>grade C → B</c>, <c>bid review → bid</c>, …).</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Every opportunity whose grade, gate or bid decision changes, in input order.</summary>
    public required IReadOnlyList<WhatIfChange> Changes { get; init; }

    /// <summary>Records that could not be scored under one of the policies.</summary>
    public IReadOnlyList<InputError> Errors { get; init; } = [];
}

/// <summary>Policy what-if: how a proposed policy would change a pipeline's grades, gates and bid decisions, and why.</summary>
public static class PolicyWhatIf
{
    /// <summary>Scores opportunities under both policies and lists what changes.</summary>
    /// <param name="current">A scorer under the current policy.</param>
    /// <param name="proposed">A scorer under the proposed policy.</param>
    /// <param name="opportunities">The opportunities.</param>
    /// <param name="asOf">The day of the assessments.</param>
    /// <returns>The changes and their counts.</returns>
    public static WhatIfResult Compare(IOpportunityScorer current, IOpportunityScorer proposed, IEnumerable<Opportunity> opportunities, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        return Compare(current, proposed, opportunities.Select((o, i) => new PipelineRecord(i, o, [])), asOf);
    }

    /// <summary>Scores a streamed pipeline (any size, read once) under both policies and lists what changes.</summary>
    /// <param name="current">A scorer under the current policy.</param>
    /// <param name="proposed">A scorer under the proposed policy.</param>
    /// <param name="source">The pipeline, e.g. from <see cref="PipelineStreamReader.OpenJsonFile"/>.</param>
    /// <returns>The changes and their counts.</returns>
    /// <exception cref="PipelineFormatException">The file cannot be read any further (the message names the line).</exception>
    public static WhatIfResult Compare(IOpportunityScorer current, IOpportunityScorer proposed, PipelineSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Compare(current, proposed, source.Records, source.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
    }

    internal static WhatIfResult Compare(IOpportunityScorer current, IOpportunityScorer proposed, IEnumerable<PipelineRecord> records, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var changes = new List<WhatIfChange>();
        var errors = new List<InputError>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["changed"] = 0, ["grade"] = 0, ["gate"] = 0, ["bid"] = 0 };
        var compared = 0;
        // Both scorings of a record are independent of every other record: run them on all cores, then tally in input
        // order so that the changes, the errors and the counts are exactly those of a sequential pass.
        var outcomes = records
            .AsParallel()
            .AsOrdered()
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(record => Evaluate(current, proposed, record, asOf));
        try
        {
            Tally(outcomes, changes, errors, counts, ref compared);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); // e.g. the file's syntax error, as a sequential pass throws it
        }

        return new WhatIfResult { Current = current.Policy.Stamp, Proposed = proposed.Policy.Stamp, AsOf = asOf, Compared = compared, Counts = counts, Changes = changes, Errors = errors };
    }

    private static void Tally(IEnumerable<(IReadOnlyList<InputError>? Errors, WhatIfChange? Change, bool Compared)> outcomes, List<WhatIfChange> changes, List<InputError> errors, SortedDictionary<string, int> counts, ref int compared)
    {
        foreach (var (recordErrors, change, assessed) in outcomes)
        {
            if (recordErrors is not null)
            {
                errors.AddRange(recordErrors);
                continue;
            }

            if (assessed)
            {
                compared++;
            }

            if (change is not null)
            {
                changes.Add(change);
                counts["changed"]++;
                foreach (var kind in change.Kinds)
                {
                    counts[kind]++;
                    var transition = kind switch
                    {
                        "grade" => $"grade {change.GradeBefore} → {change.GradeAfter}",
                        "gate" => $"gate {ContractWords.Of(change.GateBefore)} → {ContractWords.Of(change.GateAfter)}",
                        _ => $"bid {Word(change.BidBefore)} → {Word(change.BidAfter)}",
                    };
                    counts[transition] = counts.GetValueOrDefault(transition) + 1;
                }
            }
        }
    }

    /// <summary>One record under both policies: its errors (invalid, or a rule failed), or whether it was compared and what changed.</summary>
    private static (IReadOnlyList<InputError>? Errors, WhatIfChange? Change, bool Compared) Evaluate(IOpportunityScorer current, IOpportunityScorer proposed, PipelineRecord record, DateOnly asOf)
    {
        if (record.Opportunity is not { } o)
        {
            return (record.Errors, null, false);
        }

        try
        {
            // Decisions first (no reasons or messages built); only an opportunity whose grade, gate or bid changes is
            // assessed in full under both policies, for the points and codes that explain the change.
            var before = current.Decide(o, asOf);
            var after = proposed.Decide(o, asOf);
            if (Kinds(before.Grade, after.Grade, before.GateOutcome, after.GateOutcome, before.Bid, after.Bid) is null)
            {
                return (null, null, true);
            }

            return (null, Diff(current.Score(o, asOf), proposed.Score(o, asOf)), true);
        }
        catch (ScoringException e)
        {
            return ([new InputError(o.Id, record.Index, e.Rule is null ? "(rules)" : "(rule " + e.Rule + ")", e.Message)], null, false);
        }
    }

    /// <summary>The change between two assessments of the same opportunity, or <see langword="null"/> when grade, gate and bid are the same.</summary>
    /// <param name="before">Under the current policy.</param>
    /// <param name="after">Under the proposed policy.</param>
    /// <returns>The change.</returns>
    public static WhatIfChange? Diff(Assessment before, Assessment after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (Kinds(before.Grade, after.Grade, before.Gate.Outcome, after.Gate.Outcome, before.Bid?.Decision, after.Bid?.Decision) is not { } kinds)
        {
            return null;
        }

        var pointsBefore = Points(before);
        var pointsAfter = Points(after);
        var reasons = pointsBefore.Keys.Union(pointsAfter.Keys)
            .Select(rule => (rule, b: pointsBefore.GetValueOrDefault(rule), a: pointsAfter.GetValueOrDefault(rule)))
            .Where(x => x.b.Points != x.a.Points)
            .Select(x => new WhatIfReason(x.rule, x.b.Criterion ?? x.a.Criterion, Numbers.Normalize(x.b.Points), Numbers.Normalize(x.a.Points)))
            .OrderBy(r => r.Criterion is { } c ? (int)c : int.MaxValue).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .ToList();
        var fatalBefore = before.Bid?.FatalFactors.Select(f => f.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        var fatalAfter = after.Bid?.FatalFactors.Select(f => f.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        var reviewBefore = before.Bid?.ReviewReasons.Select(f => f.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        var reviewAfter = after.Bid?.ReviewReasons.Select(f => f.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        var koBefore = before.KnockOuts.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        var koAfter = after.KnockOuts.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        var gateBefore = before.Gate.Missing.Select(m => m.Code).Concat(before.Gate.EndedBy.Select(m => m.Code)).ToHashSet(StringComparer.Ordinal);
        var gateAfter = after.Gate.Missing.Select(m => m.Code).Concat(after.Gate.EndedBy.Select(m => m.Code)).ToHashSet(StringComparer.Ordinal);
        return new WhatIfChange
        {
            Id = before.Id,
            Kinds = kinds,
            GradeBefore = before.Grade,
            GradeAfter = after.Grade,
            ScoreBefore = before.Score,
            ScoreAfter = after.Score,
            GateBefore = before.Gate.Outcome,
            GateAfter = after.Gate.Outcome,
            BidBefore = before.Bid?.Decision,
            BidAfter = after.Bid?.Decision,
            Reasons = reasons,
            FatalAdded = [.. fatalAfter.Except(fatalBefore).Order(StringComparer.Ordinal)],
            FatalRemoved = [.. fatalBefore.Except(fatalAfter).Order(StringComparer.Ordinal)],
            ReviewAdded = [.. reviewAfter.Except(reviewBefore).Order(StringComparer.Ordinal)],
            ReviewRemoved = [.. reviewBefore.Except(reviewAfter).Order(StringComparer.Ordinal)],
            KnockOutsAdded = [.. koAfter.Except(koBefore).Order(StringComparer.Ordinal)],
            KnockOutsRemoved = [.. koBefore.Except(koAfter).Order(StringComparer.Ordinal)],
            GateMissingAdded = [.. gateAfter.Except(gateBefore).Order(StringComparer.Ordinal)],
            GateMissingRemoved = [.. gateBefore.Except(gateAfter).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>What changed — grade, gate, bid — or <see langword="null"/> when none did: the one definition of a change, for the decisions and the full assessments alike.</summary>
    private static List<string>? Kinds(Grade gradeBefore, Grade gradeAfter, GateOutcome gateBefore, GateOutcome gateAfter, BidRecommendation? bidBefore, BidRecommendation? bidAfter)
    {
        if (gradeBefore == gradeAfter && gateBefore == gateAfter && bidBefore == bidAfter)
        {
            return null;
        }

        var kinds = new List<string>(3);
        if (gradeBefore != gradeAfter)
        {
            kinds.Add("grade");
        }

        if (gateBefore != gateAfter)
        {
            kinds.Add("gate");
        }

        if (bidBefore != bidAfter)
        {
            kinds.Add("bid");
        }

        return kinds;
    }

    private static Dictionary<string, (decimal Points, Criterion? Criterion)> Points(Assessment a)
    {
        var points = new Dictionary<string, (decimal, Criterion?)>(StringComparer.Ordinal);
        foreach (var r in a.Reasons)
        {
            var (p, c) = points.GetValueOrDefault(r.Rule);
            points[r.Rule] = (p + r.Points, c ?? r.Criterion);
        }

        return points;
    }

    /// <summary>The contract's word for a bid decision, <c>none</c> when there is none (after the tender).</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The word.</returns>
    public static string Word(BidRecommendation? decision) => decision is { } d ? ContractWords.Of(d) : "none";
}
