namespace OpportunityScoring.Accounts;

/// <summary>
/// A key account (大客戶) as its record says: the source's "明確客戶的型別，填寫大客戶客戶跟進表". Every part is
/// optional except the id; an absent part is unknown, never "no" (a list that is absent was not recorded; a list that
/// is present, even empty, was).
/// </summary>
internal sealed record KeyAccount
{
    /// <summary>The account's id: opportunities link to it by <c>account.id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The customer's name.</summary>
    public string? Name { get; init; }

    /// <summary>客戶的型別: how the company treats the customer (strategic, key, regular).</summary>
    public AccountType Type { get; init; }

    /// <summary>Whether the customer is new, current or former.</summary>
    public Relationship Standing { get; init; }

    /// <summary>The key-account manager it is assigned to (客戶分配), when it is.</summary>
    public string? Owner { get; init; }

    /// <summary>Revenue per year (the customer's purchases from us), at most one entry a year.</summary>
    public IReadOnlyList<YearRevenue> Revenue { get; init => field = value ?? []; } = [];

    /// <summary>Our share of the customer's spend in our field (0–1), when known.</summary>
    public decimal? ShareOfWallet { get; init; }

    /// <summary>The senior-level relationship: the plan, the last visit, the status.</summary>
    public AccountRelationship Relationship { get; init => field = value ?? AccountRelationship.None; } = AccountRelationship.None;

    /// <summary>The service records after the win (服務): acceptance, satisfaction, complaints, payments, follow-on orders.</summary>
    public ServiceRecords Service { get; init => field = value ?? ServiceRecords.None; } = ServiceRecords.None;
}

/// <summary>The customer's purchases from us in one year.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Amount">The amount (the pipeline's currency).</param>
internal sealed record YearRevenue(int Year, decimal Amount);

/// <summary>The senior-level relationship (拜訪客戶的高層主管).</summary>
internal sealed record AccountRelationship
{
    /// <summary>Nothing recorded.</summary>
    public static AccountRelationship None { get; } = new();

    /// <summary>Whether there is a senior-level relationship plan.</summary>
    public Evidence SeniorPlan { get; init; }

    /// <summary>The last visit to the customer's senior management.</summary>
    public DateOnly? LastSeniorVisit { get; init; }

    /// <summary>How the relationship stands.</summary>
    public RelationshipStatus Status { get; init; }
}

/// <summary>
/// The service records of a business relationship: each list is <see langword="null"/> when it was not recorded
/// (unknown), empty when it was recorded and nothing happened.
/// </summary>
internal sealed record ServiceRecords
{
    /// <summary>Nothing recorded.</summary>
    public static ServiceRecords None { get; } = new();

    /// <summary>Acceptance results (驗收).</summary>
    public IReadOnlyList<AcceptanceResult>? Acceptances { get; init; }

    /// <summary>Satisfaction surveys (顧客滿意度), scores 0–100.</summary>
    public IReadOnlyList<SatisfactionSurvey>? Surveys { get; init; }

    /// <summary>Complaints (投訴).</summary>
    public IReadOnlyList<Complaint>? Complaints { get; init; }

    /// <summary>Payments (回款).</summary>
    public IReadOnlyList<Payment>? Payments { get; init; }

    /// <summary>Follow-on orders (續單).</summary>
    public IReadOnlyList<FollowOnOrder>? FollowOnOrders { get; init; }

    /// <summary>Whether any service record was kept at all.</summary>
    public bool IsEmpty => Acceptances is null && Surveys is null && Complaints is null && Payments is null && FollowOnOrders is null;
}

/// <summary>One acceptance (驗收): passed or failed.</summary>
/// <param name="Date">The day of the acceptance.</param>
/// <param name="Passed">Whether it passed.</param>
internal sealed record AcceptanceResult(DateOnly Date, bool Passed);

/// <summary>One satisfaction survey.</summary>
/// <param name="Date">The day.</param>
/// <param name="Score">The score, 0–100.</param>
internal sealed record SatisfactionSurvey(DateOnly Date, decimal Score);

/// <summary>One complaint.</summary>
/// <param name="Date">The day it was made.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Closed">Whether it is closed, when known.</param>
internal sealed record Complaint(DateOnly Date, ComplaintSeverity Severity, bool? Closed);

/// <summary>One payment due from the customer.</summary>
/// <param name="Due">The day it was due.</param>
/// <param name="Paid">The day it was paid, when it was.</param>
/// <param name="DaysLate">Days late as the record states (else counted from the days).</param>
internal sealed record Payment(DateOnly Due, DateOnly? Paid, int? DaysLate);

/// <summary>A follow-on order (續單).</summary>
/// <param name="Date">The day.</param>
/// <param name="Amount">The amount.</param>
internal sealed record FollowOnOrder(DateOnly Date, decimal Amount);

/// <summary>客戶的型別: how the company treats the customer.</summary>
internal enum AccountType
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>戰略客戶: a customer the company's strategy depends on.</summary>
    Strategic,
    /// <summary>重點客戶: a key account managed by the key-account department.</summary>
    Key,
    /// <summary>一般客戶: a regular customer.</summary>
    Regular,
}

/// <summary>How the relationship with the customer stands.</summary>
internal enum RelationshipStatus
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>Strong: trusted at senior level.</summary>
    Strong,
    /// <summary>Steady.</summary>
    Steady,
    /// <summary>Strained: at risk.</summary>
    Strained,
}

/// <summary>How serious a complaint is.</summary>
internal enum ComplaintSeverity
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>Minor.</summary>
    Low,
    /// <summary>Material.</summary>
    Medium,
    /// <summary>Serious.</summary>
    High,
}
