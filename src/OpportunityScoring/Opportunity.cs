namespace OpportunityScoring;

/// <summary>
/// One sales opportunity of a key-account business, as the contract (<c>pipeline.example.json</c>) describes it.
/// Only <see cref="Id"/>, <see cref="Stage"/> and <see cref="ExpectedContractAmount"/> are required; every other
/// field may be absent, which means unknown.
/// </summary>
/// <remarks>Instances are immutable once built and may be shared between threads.</remarks>
public sealed record Opportunity
{
    /// <summary>The opportunity's id.</summary>
    public required string Id { get; init; }

    /// <summary>A name for people.</summary>
    public string? Name { get; init; }

    /// <summary>The customer account.</summary>
    public Account Account { get; init => field = value ?? new Account(); } = new();

    /// <summary>The current sales stage.</summary>
    public required Stage Stage { get; init; }

    /// <summary>The day the opportunity entered its current stage.</summary>
    public DateOnly? StageEnteredOn { get; init; }

    /// <summary>The currency of every amount (ISO 4217 code).</summary>
    public string? Currency { get; init; }

    /// <summary>The expected contract amount (預計簽約金額); positive.</summary>
    public required decimal ExpectedContractAmount
    {
        get;
        init
        {
            field = value;
            _costMargin = CostMargin(value, EstimatedCost);
        }
    }

    /// <summary>The estimated engineering cost (工程成本) of delivering the project.</summary>
    public decimal? EstimatedCost
    {
        get;
        init
        {
            field = value;
            _costMargin = CostMargin(ExpectedContractAmount, value);
        }
    }

    /// <summary>
    /// (amount − cost) / amount, computed whenever either is set (also by <c>with</c>), so that the rules, which read
    /// <see cref="GrossMargin"/> a dozen times per assessment, do not divide a dozen times. A function of the two
    /// properties, so it never makes two equal opportunities unequal.
    /// </summary>
    private readonly decimal? _costMargin;

    /// <summary>The cost's low and high estimates, when the cost is uncertain.</summary>
    public CostRange? CostRange { get; init; }

    /// <summary>The sales expense budget (銷售費用預算).</summary>
    public decimal? SalesExpenseBudget { get; init; }

    /// <summary>What preparing the bid costs.</summary>
    public decimal? BidCost { get; init; }

    /// <summary>The expected signing date (預計簽約時間).</summary>
    public DateOnly? ExpectedSignDate { get; init; }

    /// <summary>The initiation report (立項報告), once submitted.</summary>
    public InitiationReport? InitiationReport { get; init; }

    /// <summary>
    /// The contract changes recorded since the initiation report (合同變更: "對因需求變更而導致的工程實施工作量增加,要及時處理合同變更"),
    /// in any order. Their amounts explain a contract amount that moved away from the initiation report's.
    /// </summary>
    public IReadOnlyList<ChangeOrder> ChangeOrders { get; init => field = value ?? []; } = [];

    /// <summary>需求: the customer's need.</summary>
    public NeedEvidence Need { get; init => field = value ?? NeedEvidence.None; } = NeedEvidence.None;

    /// <summary>預算: the budget.</summary>
    public BudgetEvidence Budget { get; init => field = value ?? BudgetEvidence.None; } = BudgetEvidence.None;

    /// <summary>進度: the purchase schedule.</summary>
    public TimelineEvidence Timeline { get; init => field = value ?? TimelineEvidence.None; } = TimelineEvidence.None;

    /// <summary>競爭: the competition.</summary>
    public CompetitionEvidence Competition { get; init => field = value ?? CompetitionEvidence.None; } = CompetitionEvidence.None;

    /// <summary>決策鏈: the decision chain.</summary>
    public DecisionChain DecisionChain { get; init => field = value ?? DecisionChain.None; } = DecisionChain.None;

    /// <summary>戰略符合: strategic fit.</summary>
    public StrategicFit StrategicFit { get; init => field = value ?? StrategicFit.None; } = StrategicFit.None;

    /// <summary>The stage milestones reached.</summary>
    public Milestones Milestones { get; init => field = value ?? Milestones.None; } = Milestones.None;

    /// <summary>What the source CRM said beyond the contract's evidence (not scored); <see langword="null"/> when not from a CRM.</summary>
    public CrmReference? Crm { get; init; }

    /// <summary>
    /// The gross margin used for scoring: (amount − estimated cost) / amount when the cost is known,
    /// else the initiation report's estimate, else <see langword="null"/> (unknown).
    /// </summary>
    [Derived]
    public decimal? GrossMargin => _costMargin ?? InitiationReport?.GrossMarginEstimate;

    private static decimal? CostMargin(decimal amount, decimal? cost)
    {
        if (cost is not { } c || amount <= 0)
        {
            return null;
        }

        try
        {
            return (amount - c) / amount;
        }
        catch (OverflowException)
        {
            return null; // amounts beyond decimal's range as a ratio: the record's checks reject them (10^18 at most, a contract of 0.001 at least)
        }
    }
}

/// <summary>The customer account.</summary>
public sealed record Account
{
    /// <summary>The account's id.</summary>
    public string? Id { get; init; }

    /// <summary>The account's name.</summary>
    public string? Name { get; init; }

    /// <summary>Whether this is a key account (大客戶); <see langword="null"/> when not stated.</summary>
    public bool? KeyAccount { get; init; }

    /// <summary>Our relationship with the account.</summary>
    public Relationship Relationship { get; init; }

    /// <summary>
    /// The service targets its key-account record misses (合格率, 滿意度, 投訴, 回款, 高層拜訪: the account slice's
    /// target codes), set by a batch that reads the accounts; <see langword="null"/> when no account record says
    /// (unknown, never a miss). Not part of the opportunity's JSON: it comes from the account.
    /// </summary>
    internal IReadOnlyList<string>? ServiceTargetsMissed { get; init; }
}

/// <summary>Low and high estimates of the engineering cost.</summary>
public sealed record CostRange
{
    /// <summary>The lowest plausible cost (required: a missing bound is not zero).</summary>
    public required decimal Low { get; init; }

    /// <summary>The highest plausible cost (required).</summary>
    public required decimal High { get; init; }
}

/// <summary>The initiation report (立項報告) the source requires to enter the initiation stage.</summary>
public sealed record InitiationReport
{
    /// <summary>專案名稱: project name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>專案編號: project number.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>客戶方負責人: the customer-side owner.</summary>
    public string? CustomerOwner { get; init; }

    /// <summary>預計簽約金額: expected contract amount at initiation.</summary>
    public decimal? ExpectedContractAmount { get; init; }

    /// <summary>專案毛利率估計: estimated gross margin as a fraction (0.22 = 22%).</summary>
    public decimal? GrossMarginEstimate { get; init; }

    /// <summary>銷售費用預算: sales expense budget.</summary>
    public decimal? SalesExpenseBudget { get; init; }

    /// <summary>專案分類: project classification.</summary>
    public string? Classification { get; init; }

    /// <summary>預計簽約時間: expected signing date.</summary>
    public DateOnly? ExpectedSignDate { get; init; }
}

/// <summary>需求: what we know of the customer's need.</summary>
public sealed record NeedEvidence
{
    internal static readonly NeedEvidence None = new();

    /// <summary>How much the customer needs it.</summary>
    public NeedLevel Level { get; init; }

    /// <summary>Whether the requirements are documented.</summary>
    public Evidence RequirementsDocumented { get; init; }

    /// <summary>Whether we know the customer's priority evaluation items (優先評估項) and buying criteria.</summary>
    public Evidence EvaluationCriteriaKnown { get; init; }
}

/// <summary>預算: what we know of the budget.</summary>
public sealed record BudgetEvidence
{
    internal static readonly BudgetEvidence None = new();

    /// <summary>The budget's status.</summary>
    public BudgetStatus Status { get; init; }

    /// <summary>The budget amount, when known.</summary>
    public decimal? Amount { get; init; }
}

/// <summary>專案/購買進度表: the project and purchase schedule.</summary>
public sealed record TimelineEvidence
{
    internal static readonly TimelineEvidence None = new();

    /// <summary>When the customer intends to buy.</summary>
    public PurchaseTimeframe PurchaseTimeframe { get; init; }

    /// <summary>The customer's decision date.</summary>
    public DateOnly? DecisionDate { get; init; }

    /// <summary>The tender date.</summary>
    public DateOnly? TenderDate { get; init; }

    /// <summary>Where the customer's own buying process stands (購買管理流程).</summary>
    public BuyingStep BuyingStep { get; init; }
}

/// <summary>競爭: the competition.</summary>
public sealed record CompetitionEvidence
{
    internal static readonly CompetitionEvidence None = new();

    /// <summary>The competitors' names (order carries no meaning).</summary>
    public IReadOnlyList<string> Competitors { get; init => field = value ?? []; } = [];

    /// <summary>Who holds the account today.</summary>
    public Incumbent Incumbent { get; init; }

    /// <summary>Our position against the competitors.</summary>
    public CompetitivePosition Position { get; init; }

    /// <summary>Whom the buying criteria favour.</summary>
    public BuyingCriteriaFavor BuyingCriteriaFavor { get; init; }
}

/// <summary>A person in the customer's decision chain.</summary>
public sealed record Stakeholder
{
    /// <summary>The person's name or title.</summary>
    public string? Name { get; init; }

    /// <summary>The role in the decision.</summary>
    public StakeholderRole Role { get; init; }

    /// <summary>The weight of this person in the decision.</summary>
    public Influence Influence { get; init; }

    /// <summary>The person's stance towards us.</summary>
    public Stance Stance { get; init; }

    /// <summary>How well we reach the person.</summary>
    public Coverage Coverage { get; init; }
}

/// <summary>戰略符合: fit with the company's strategic plan, market positioning and product direction.</summary>
public sealed record StrategicFit
{
    internal static readonly StrategicFit None = new();

    /// <summary>Fits the company's strategic plan (戰略規劃).</summary>
    public Evidence Strategy { get; init; }

    /// <summary>Fits the company's market positioning (市場定位).</summary>
    public Evidence MarketPositioning { get; init; }

    /// <summary>Fits the product and technology direction (產品和技術的經營方向).</summary>
    public Evidence ProductDirection { get; init; }

    /// <summary>Relevance to future direction or market influence when the fit is not direct.</summary>
    public FutureInfluence FutureInfluence { get; init; }
}

/// <summary>A whole pipeline file: the opportunities and the day they are assessed on.</summary>
public sealed class Pipeline
{
    /// <summary>The contract's schema version (1).</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The day the pipeline is assessed on; today when absent.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The opportunities, in input order.</summary>
    public IReadOnlyList<Opportunity> Opportunities { get; init => field = value ?? []; } = [];
}
