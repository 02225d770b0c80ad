namespace OpportunityScoring.Accounts;

/// <summary>
/// The key-account policy (the policy's <c>accounts</c> section): the points of the customer's A–D grade (source:
/// "如果是大客戶或大專案,判斷屬於a級、b級、c級、d級客戶的哪一級別") per dimension — value, potential, relationship,
/// strategic fit, service health — the bands, the knock-outs, and the service targets of a business relationship
/// ("提供服務的產品合格率100%、顧客滿意度達95%、每年遞增0.5%、年度投訴數量&lt;1"). The maxima add up to 100.
/// </summary>
internal sealed class AccountPolicy
{
    /// <summary>Value: points by the account's annual revenue (the larger of last year's booked revenue and the revenue of its won deals).</summary>
    public required IReadOnlyList<PointStep> Revenue { get; init; }

    /// <summary>Value: points by the weighted open pipeline (Σ amount × win probability of its open opportunities).</summary>
    public required IReadOnlyList<PointStep> WeightedPipeline { get; init; }

    /// <summary>Potential: points by the follow-on orders (續單) of the twelve months, when they are recorded.</summary>
    public required IReadOnlyList<PointStep> FollowOnOrders { get; init; }

    /// <summary>Potential: points by our share of the customer's spend (0–1), when known.</summary>
    public required IReadOnlyList<PointStep> ShareOfWallet { get; init; }

    /// <summary>Relationship: points by the senior-level relationship plan (yes, partial, no, unknown).</summary>
    public required IReadOnlyDictionary<string, decimal> SeniorPlan { get; init; }

    /// <summary>Relationship: the points of a senior visit within <see cref="ServiceTargets.SeniorVisitMonths"/>.</summary>
    public decimal SeniorVisitPoints { get; init; }

    /// <summary>Relationship: points by the number of champions (倡導者) across the account's open deals.</summary>
    public required IReadOnlyList<PointStep> Champions { get; init; }

    /// <summary>Strategic fit: the points of an account whose deals fit the strategy fully (scaled by their mean strategic-fit share).</summary>
    public decimal StrategicFitPoints { get; init; }

    /// <summary>The share (0–1) of an item's points credited when its figure is unknown: unknown is not no, nor yes.</summary>
    public decimal UnknownCredit { get; init; }

    /// <summary>The service targets and their points.</summary>
    public required ServiceTargets Service { get; init; }

    /// <summary>The grade bands: each grade's lowest total, A highest, D at 0.</summary>
    public required IReadOnlyList<AccountGradeBand> GradeBands { get; init; }

    /// <summary>The knock-outs in force: each a known negative that caps the grade.</summary>
    public required IReadOnlyList<AccountKnockOut> KnockOuts { get; init; }

    /// <summary>The most points of a step table.</summary>
    internal static decimal MaxOf(IReadOnlyList<PointStep> steps) => steps.Count == 0 ? 0 : steps.Max(s => s.Points);

    /// <summary>The points of a figure on a step table: the highest step at or below it (monotone: steps rise).</summary>
    internal static decimal PointsOf(IReadOnlyList<PointStep> steps, decimal figure)
    {
        var points = 0m;
        foreach (var step in steps)
        {
            if (figure >= step.AtLeast)
            {
                points = Math.Max(points, step.Points);
            }
        }

        return points;
    }

    /// <summary>The credit of an unknown figure on an item worth <paramref name="max"/> points.</summary>
    internal decimal Unknown(decimal max) => Math.Round(max * UnknownCredit, 2, MidpointRounding.ToZero);

    /// <summary>The grade of a total.</summary>
    internal Grade GradeOf(decimal total)
    {
        foreach (var band in GradeBands.OrderBy(b => b.Grade))
        {
            if (total >= band.Min)
            {
                return band.Grade;
            }
        }

        return Grade.D;
    }

    /// <summary>The cap of a knock-out code, when it is in force.</summary>
    internal Grade? CapOf(string code) => KnockOuts.FirstOrDefault(k => k.Code == code)?.Cap;

    /// <summary>The most points of all items together (validated to be 100).</summary>
    internal decimal MaxTotal =>
        MaxOf(Revenue) + MaxOf(WeightedPipeline) + MaxOf(FollowOnOrders) + MaxOf(ShareOfWallet)
        + (SeniorPlan.Count == 0 ? 0 : SeniorPlan.Values.Max()) + SeniorVisitPoints + MaxOf(Champions) + StrategicFitPoints
        + Service.AcceptancePoints + Service.SatisfactionPoints + Service.ComplaintPoints + Service.PaymentPoints;
}

/// <summary>A step of a points table: a figure at or above <see cref="AtLeast"/> earns <see cref="Points"/>.</summary>
internal sealed class PointStep
{
    /// <summary>The lowest figure of the step.</summary>
    public decimal AtLeast { get; init; }

    /// <summary>The points.</summary>
    public decimal Points { get; init; }
}

/// <summary>An account grade band.</summary>
internal sealed class AccountGradeBand
{
    /// <summary>The grade.</summary>
    public Grade Grade { get; init; }

    /// <summary>The lowest total of the band (inclusive).</summary>
    public decimal Min { get; init; }
}

/// <summary>An account knock-out in force: its code (<see cref="AccountCodes.KnockOuts"/>) and the grade it caps at.</summary>
internal sealed class AccountKnockOut
{
    /// <summary>The code.</summary>
    public required string Code { get; init; }

    /// <summary>The best grade the account can have while it applies.</summary>
    public Grade Cap { get; init; }
}

/// <summary>
/// The service targets of a business relationship (source: "提供服務的產品合格率100%、顧客滿意度達95%、每年遞增0.5%、
/// 年度投訴數量&lt;1"), payments on schedule and a senior visit within so many months, and the points of each.
/// </summary>
internal sealed class ServiceTargets
{
    /// <summary>The acceptance pass rate target (1 = 100%).</summary>
    public decimal AcceptancePassRate { get; init; }

    /// <summary>The satisfaction target (0–100) in <see cref="SatisfactionBaseYear"/>.</summary>
    public decimal Satisfaction { get; init; }

    /// <summary>The year the satisfaction target is <see cref="Satisfaction"/>.</summary>
    public int SatisfactionBaseYear { get; init; }

    /// <summary>How much the satisfaction target rises each year after the base year (0.5 point).</summary>
    public decimal SatisfactionRisePerYear { get; init; }

    /// <summary>The complaints a year must stay below (1: none).</summary>
    public decimal ComplaintsBelow { get; init; }

    /// <summary>The share of payments due that are paid on schedule (1 = all).</summary>
    public decimal PaymentsOnTimeRate { get; init; }

    /// <summary>Days after the due day a payment still counts as on schedule.</summary>
    public int PaymentGraceDays { get; init; }

    /// <summary>Days a payment may be overdue before the <c>paymentsOverdue</c> knock-out applies.</summary>
    public int OverdueKnockOutDays { get; init; }

    /// <summary>A senior visit within this many months is on target.</summary>
    public int SeniorVisitMonths { get; init; }

    /// <summary>The points of the acceptance target met.</summary>
    public decimal AcceptancePoints { get; init; }

    /// <summary>The points of the satisfaction target met.</summary>
    public decimal SatisfactionPoints { get; init; }

    /// <summary>The points of the complaints target met.</summary>
    public decimal ComplaintPoints { get; init; }

    /// <summary>The points of the payments target met.</summary>
    public decimal PaymentPoints { get; init; }

    /// <summary>Whether the acceptance target is met (<see langword="null"/>: no acceptance in the twelve months, unknown).</summary>
    public bool? AcceptanceMet(AccountFacts f) => f.AcceptanceRate is { } r ? r >= AcceptancePassRate : null;

    /// <summary>Whether the satisfaction target of the facts' year is met (<see langword="null"/>: no survey, unknown).</summary>
    public bool? SatisfactionMet(AccountFacts f) => f.Satisfaction is { } s ? s >= SatisfactionTarget(f.Year) : null;

    /// <summary>Whether the complaints stay below the target (<see langword="null"/>: complaints not recorded, unknown).</summary>
    public bool? ComplaintsMet(AccountFacts f) => f.Complaints is { } c ? c < ComplaintsBelow : null;

    /// <summary>Whether payments were on schedule (<see langword="null"/>: no payment due in the twelve months, unknown).</summary>
    public bool? PaymentsMet(AccountFacts f) => f.OnTimeRate is { } r ? r >= PaymentsOnTimeRate : null;

    /// <summary>Whether a senior visit was made within the months (<see langword="null"/>: no visit recorded, unknown).</summary>
    public bool? SeniorVisitMet(AccountFacts f) => f.MonthsSinceSeniorVisit is { } m ? m <= SeniorVisitMonths : null;

    /// <summary>The satisfaction target of a year: the base target, rising each year after the base year.</summary>
    public decimal SatisfactionTarget(int year) => Satisfaction + (SatisfactionRisePerYear * Math.Max(0, year - SatisfactionBaseYear));
}
