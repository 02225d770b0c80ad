namespace OpportunityScoring.Accounts;

/// <summary>
/// The figures the account rules match, from the account's record (when it has one) and its opportunities, over the
/// twelve months up to the assessment day. A figure is <see langword="null"/> when nothing says: unknown, never zero.
/// </summary>
internal sealed record AccountFacts
{
    /// <summary>The account's id.</summary>
    public required string Id { get; init; }

    /// <summary>The assessment day.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The year the targets are for (the assessment day's).</summary>
    public int Year => AsOf.Year;

    /// <summary>Whether the account has a record of its own (else it is graded from its opportunities).</summary>
    public bool HasRecord { get; init; }

    /// <summary>The annual revenue: the larger of the latest booked year and the revenue of its won deals.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Σ amount of its open deals.</summary>
    public decimal OpenPipeline { get; init; }

    /// <summary>Σ amount × win probability of its open deals.</summary>
    public decimal WeightedPipeline { get; init; }

    /// <summary>Σ follow-on orders (續單) in the twelve months, when they are recorded.</summary>
    public decimal? FollowOnOrders { get; init; }

    /// <summary>Our share of the customer's spend, when known.</summary>
    public decimal? ShareOfWallet { get; init; }

    /// <summary>The senior-level relationship plan.</summary>
    public Evidence SeniorPlan { get; init; }

    /// <summary>Whole months since the last senior visit, when one is recorded.</summary>
    public int? MonthsSinceSeniorVisit { get; init; }

    /// <summary>How the relationship stands.</summary>
    public RelationshipStatus Status { get; init; }

    /// <summary>Champions across its open deals.</summary>
    public int Champions { get; init; }

    /// <summary>The mean strategic-fit share of its deals (0–1), when it has deals.</summary>
    public decimal? StrategicFit { get; init; }

    /// <summary>Acceptances in the twelve months, when any is recorded.</summary>
    public int? Acceptances { get; init; }

    /// <summary>Of which passed.</summary>
    public int AcceptancesPassed { get; init; }

    /// <summary>The mean satisfaction score in the twelve months, when any survey is recorded.</summary>
    public decimal? Satisfaction { get; init; }

    /// <summary>Complaints in the twelve months, when complaints are recorded (an empty list is 0).</summary>
    public int? Complaints { get; init; }

    /// <summary>Serious complaints not closed (any date).</summary>
    public int OpenSeriousComplaints { get; init; }

    /// <summary>Payments due in the twelve months, when any is recorded.</summary>
    public int? PaymentsDue { get; init; }

    /// <summary>Of which paid on schedule (within the grace days).</summary>
    public int PaymentsOnTime { get; init; }

    /// <summary>The most days any payment is or was late (an unpaid one counts until the assessment day).</summary>
    public int MaxDaysLate { get; init; }

    /// <summary>The acceptance pass rate, when there were acceptances.</summary>
    public decimal? AcceptanceRate => Acceptances is > 0 ? (decimal)AcceptancesPassed / Acceptances.Value : null;

    /// <summary>The share of payments on schedule, when payments were due.</summary>
    public decimal? OnTimeRate => PaymentsDue is > 0 ? (decimal)PaymentsOnTime / PaymentsDue.Value : null;

    /// <summary>Whether no service figure is known at all (then nothing about service is graded as missed).</summary>
    public bool ServiceUnknown => Acceptances is null && Satisfaction is null && Complaints is null && PaymentsDue is null;

    /// <summary>The figures of an account from its record and its tally.</summary>
    /// <param name="id">The account's id.</param>
    /// <param name="account">Its record, when it has one.</param>
    /// <param name="tally">What its opportunities say, when it has any.</param>
    /// <param name="asOf">The assessment day.</param>
    /// <param name="targets">The service targets (grace days).</param>
    /// <returns>The facts.</returns>
    public static AccountFacts Of(string id, KeyAccount? account, AccountTally? tally, DateOnly asOf, ServiceTargets targets)
    {
        // Loops, not LINQ: twenty thousand accounts graded at the end of a run, each once (the same figures, in the same
        // order of addition: the mean is the sum divided by the count, as Enumerable.Average computes it).
        var from = asOf.AddYears(-1);
        var s = account?.Service ?? ServiceRecords.None;
        var booked = 0m;
        var bookedYear = int.MinValue;
        foreach (var r in account?.Revenue ?? [])
        {
            if (r.Year < asOf.Year && r.Year > bookedYear)
            {
                (booked, bookedYear) = (r.Amount, r.Year); // the latest year before this one
            }
        }

        var visit = account?.Relationship.LastSeniorVisit;
        var (acceptances, passed) = s.Acceptances is { } a ? CountInYear(a, from, asOf) : (null, 0);
        var (payments, onTime, maxLate) = s.Payments is { } p ? PaymentFigures(p, from, asOf, targets.PaymentGraceDays) : (null, 0, 0);
        return new AccountFacts
        {
            Id = id,
            AsOf = asOf,
            HasRecord = account is not null,
            Revenue = Math.Max(booked, tally?.WonRevenue ?? 0m),
            OpenPipeline = tally?.OpenPipeline ?? 0m,
            WeightedPipeline = tally?.WeightedPipeline ?? 0m,
            FollowOnOrders = s.FollowOnOrders is { } orders ? SumInYear(orders, from, asOf) : null,
            ShareOfWallet = account?.ShareOfWallet,
            SeniorPlan = account?.Relationship.SeniorPlan ?? Evidence.Unknown,
            MonthsSinceSeniorVisit = visit is { } v ? ((asOf.Year - v.Year) * 12) + asOf.Month - v.Month - (asOf.Day < v.Day ? 1 : 0) : null,
            Status = account?.Relationship.Status ?? RelationshipStatus.Unknown,
            Champions = tally?.Champions ?? 0,
            StrategicFit = tally?.StrategicFit,
            Acceptances = acceptances,
            AcceptancesPassed = passed,
            Satisfaction = s.Surveys is { } surveys ? MeanInYear(surveys, from, asOf) : null,
            Complaints = s.Complaints is { } complaints ? ComplaintsInYear(complaints, from, asOf) : null,
            OpenSeriousComplaints = s.Complaints is { } all ? OpenSerious(all) : 0,
            PaymentsDue = payments,
            PaymentsOnTime = onTime,
            MaxDaysLate = maxLate,
        };
    }

    /// <summary>Whether a day is in the twelve months up to the assessment day.</summary>
    private static bool InYear(DateOnly day, DateOnly from, DateOnly asOf) => day > from && day <= asOf;

    /// <summary>The acceptances of the twelve months (none: <see langword="null"/>) and how many passed.</summary>
    private static (int? Count, int Passed) CountInYear(IReadOnlyList<AcceptanceResult> acceptances, DateOnly from, DateOnly asOf)
    {
        var (count, passed) = (0, 0);
        foreach (var a in acceptances)
        {
            if (InYear(a.Date, from, asOf))
            {
                count++;
                passed += a.Passed ? 1 : 0;
            }
        }

        return (count > 0 ? count : null, passed);
    }

    /// <summary>The mean score of the surveys of the twelve months, two decimals; none: <see langword="null"/>.</summary>
    private static decimal? MeanInYear(IReadOnlyList<SatisfactionSurvey> surveys, DateOnly from, DateOnly asOf)
    {
        var sum = 0m;
        long count = 0;
        foreach (var survey in surveys)
        {
            if (InYear(survey.Date, from, asOf))
            {
                sum = count == 0 ? survey.Score : sum + survey.Score;
                count++;
            }
        }

        return count > 0 ? Math.Round(sum / count, 2) : null;
    }

    /// <summary>Σ the follow-on orders of the twelve months (0 when none).</summary>
    private static decimal SumInYear(IReadOnlyList<FollowOnOrder> orders, DateOnly from, DateOnly asOf)
    {
        var sum = 0m;
        foreach (var o in orders)
        {
            if (InYear(o.Date, from, asOf))
            {
                sum += o.Amount;
            }
        }

        return sum;
    }

    private static int ComplaintsInYear(IReadOnlyList<Complaint> complaints, DateOnly from, DateOnly asOf)
    {
        var count = 0;
        foreach (var c in complaints)
        {
            count += InYear(c.Date, from, asOf) ? 1 : 0;
        }

        return count;
    }

    private static int OpenSerious(IReadOnlyList<Complaint> complaints)
    {
        var count = 0;
        foreach (var c in complaints)
        {
            count += c.Severity == ComplaintSeverity.High && c.Closed != true ? 1 : 0;
        }

        return count;
    }

    /// <summary>The payments due in the twelve months (none: <see langword="null"/>), how many of them on schedule, and the most days late of all.</summary>
    private static (int? Due, int OnTime, int MaxLate) PaymentFigures(IReadOnlyList<Payment> payments, DateOnly from, DateOnly asOf, int graceDays)
    {
        var (due, onTime, maxLate) = (0, 0, 0);
        for (var i = 0; i < payments.Count; i++)
        {
            var p = payments[i];
            var late = p.DaysLate ?? Math.Max(0, (p.Paid ?? asOf).DayNumber - p.Due.DayNumber);
            maxLate = i == 0 ? late : Math.Max(maxLate, late);
            if (p.Due > from && p.Due <= asOf)
            {
                due++;
                onTime += late <= graceDays ? 1 : 0;
            }
        }

        return (due > 0 ? due : null, onTime, maxLate);
    }
}
