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
        var from = asOf.AddYears(-1);
        bool InYear(DateOnly d) => d > from && d <= asOf;
        var s = account?.Service ?? ServiceRecords.None;
        var booked = account?.Revenue.Where(r => r.Year < asOf.Year).OrderByDescending(r => r.Year).FirstOrDefault()?.Amount ?? 0m;
        var acceptances = s.Acceptances?.Where(a => InYear(a.Date)).ToList();
        var surveys = s.Surveys?.Where(a => InYear(a.Date)).ToList();
        var payments = s.Payments?.Where(p => p.Due > from && p.Due <= asOf).ToList();
        int Late(Payment p) => p.DaysLate ?? Math.Max(0, (p.Paid ?? asOf).DayNumber - p.Due.DayNumber);
        var visit = account?.Relationship.LastSeniorVisit;
        return new AccountFacts
        {
            Id = id,
            AsOf = asOf,
            HasRecord = account is not null,
            Revenue = Math.Max(booked, tally?.WonRevenue ?? 0m),
            OpenPipeline = tally?.OpenPipeline ?? 0m,
            WeightedPipeline = tally?.WeightedPipeline ?? 0m,
            FollowOnOrders = s.FollowOnOrders?.Where(o => InYear(o.Date)).Sum(o => o.Amount),
            ShareOfWallet = account?.ShareOfWallet,
            SeniorPlan = account?.Relationship.SeniorPlan ?? Evidence.Unknown,
            MonthsSinceSeniorVisit = visit is { } v ? ((asOf.Year - v.Year) * 12) + asOf.Month - v.Month - (asOf.Day < v.Day ? 1 : 0) : null,
            Status = account?.Relationship.Status ?? RelationshipStatus.Unknown,
            Champions = tally?.Champions ?? 0,
            StrategicFit = tally?.StrategicFit,
            Acceptances = acceptances is { Count: > 0 } ? acceptances.Count : null,
            AcceptancesPassed = acceptances?.Count(a => a.Passed) ?? 0,
            Satisfaction = surveys is { Count: > 0 } ? Math.Round(surveys.Average(x => x.Score), 2) : null,
            Complaints = s.Complaints?.Count(c => InYear(c.Date)),
            OpenSeriousComplaints = s.Complaints?.Count(c => c.Severity == ComplaintSeverity.High && c.Closed != true) ?? 0,
            PaymentsDue = payments is { Count: > 0 } ? payments.Count : null,
            PaymentsOnTime = payments?.Count(p => Late(p) <= targets.PaymentGraceDays) ?? 0,
            MaxDaysLate = s.Payments is { Count: > 0 } all ? all.Max(Late) : 0,
        };
    }
}
