namespace OpportunityScoring.Accounts;

/// <summary>One of an account's opportunities as the follow-up table lists it (a few figures, never the opportunity).</summary>
/// <param name="Id">The opportunity's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Stage">Its stage.</param>
/// <param name="Grade">Its grade.</param>
/// <param name="Score">Its score.</param>
/// <param name="Gate">Its gate's outcome.</param>
/// <param name="Amount">The expected contract amount.</param>
/// <param name="WinProbability">The win probability.</param>
internal sealed record AccountDeal(string Id, string? Name, Stage Stage, Grade Grade, decimal Score, GateOutcome Gate, decimal Amount, double WinProbability);

/// <summary>
/// What an account's opportunities say, added up as they stream past: sums and counts (order does not matter), and a
/// bounded list of its largest deals. An account is a few hundred bytes however many opportunities it has.
/// </summary>
/// <remarks>
/// <see cref="Add(in AccountContribution)"/> runs once per opportunity on one of tens of thousands of tallies, on the one
/// thread that tallies in stream order, so it reads this object's own fields and the contribution only (worked out on
/// the core that scored the opportunity: <see cref="AccountContribution.Of"/>): whether a deal makes the list is decided
/// against the smallest kept deal's amount and id held here, not by walking the list (a few memory loads that miss the
/// cache, a large share of the cost of a tally).
/// </remarks>
internal sealed class AccountTally(string id, int dealsKept)
{
    private List<AccountDeal>? _deals; // made on the first deal kept: none for a tally that keeps none
    private int _kept;
    private decimal _floorAmount;
    private string _floorId = string.Empty;

    /// <summary>Whether the tally counts for its account (a book lists an account's tally on its first opportunity, up to its cap).</summary>
    public bool Listed { get; set; }

    /// <summary>The account's id.</summary>
    public string Id { get; } = id;

    /// <summary>A name an opportunity gave the account (the smallest, so the order does not matter).</summary>
    public string? Name { get; private set; }

    /// <summary>How many opportunities the account has.</summary>
    public int Opportunities { get; private set; }

    /// <summary>How many are open (neither won nor lost).</summary>
    public int Open { get; private set; }

    /// <summary>Σ expected contract amount of the open ones.</summary>
    public decimal OpenPipeline { get; private set; }

    /// <summary>Σ amount × win probability of the open ones.</summary>
    public decimal WeightedPipeline { get; private set; }

    /// <summary>Σ amount of the won ones (implementation, or closed with the bid won).</summary>
    public decimal WonRevenue { get; private set; }

    /// <summary>Champions (倡導者) across the open deals.</summary>
    public int Champions { get; private set; }

    /// <summary>Σ of the deals' strategic-fit shares (0–1 each).</summary>
    public decimal StrategicFitSum { get; private set; }

    /// <summary>Opportunities in implementation.</summary>
    public int InImplementation { get; private set; }

    /// <summary>The largest deals (amount, then id), at most as many as asked.</summary>
    public IReadOnlyList<AccountDeal> Deals => _deals ?? (IReadOnlyList<AccountDeal>)[];

    /// <summary>Adds one assessed opportunity.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="decisions">Its assessment's decisions.</param>
    /// <param name="strategicFitMax">The grading policy's most strategic-fit points.</param>
    public void Add(Opportunity opportunity, AssessmentDecisions decisions, decimal strategicFitMax) =>
        Add(AccountContribution.Of(opportunity, decisions, strategicFitMax));

    /// <summary>Adds one assessed opportunity's contribution (worked out where it was scored): only sums, counts and the list of largest deals.</summary>
    /// <param name="deal">The contribution.</param>
    public void Add(in AccountContribution deal)
    {
        Opportunities++;
        if (deal.Name is { } name && !ReferenceEquals(name, Name) && (Name is null || string.CompareOrdinal(name, Name) < 0))
        {
            Name = name;
        }

        switch (deal.Standing)
        {
            case AccountStanding.Won:
                WonRevenue += deal.Amount;
                break;
            case AccountStanding.Open:
                Open++;
                OpenPipeline += deal.Amount;
                WeightedPipeline += deal.Weighted;
                Champions += deal.Champions;
                break;
        }

        InImplementation += deal.InImplementation ? 1 : 0;
        StrategicFitSum += deal.FitShare;
        if (dealsKept > 0 && Kept(deal.Amount, deal.DealId))
        {
            var (opportunity, decisions) = (deal.Opportunity, deal.Decisions);
            Keep(new AccountDeal(opportunity.Id, opportunity.Name, opportunity.Stage, decisions.Grade, decisions.Score, decisions.GateOutcome, deal.Amount, decisions.WinProbability));
        }
    }

    /// <summary>The mean strategic-fit share of its deals, when it has any.</summary>
    public decimal? StrategicFit => Opportunities == 0 ? null : Math.Round(StrategicFitSum / Opportunities, 4);

    /// <summary>Whether a deal would make the list: checked before it is built, so the many deals of a large account that do not cost nothing.</summary>
    private bool Kept(decimal amount, string id)
    {
        if (_kept < dealsKept)
        {
            return true;
        }

        var byAmount = _floorAmount.CompareTo(amount);
        return byAmount != 0 ? byAmount < 0 : string.CompareOrdinal(id, _floorId) < 0;
    }

    private void Keep(AccountDeal deal)
    {
        // Sorted by amount (descending), then id: the same list whatever order the deals come in.
        _deals ??= new List<AccountDeal>(dealsKept + 1);
        var at = _deals.BinarySearch(deal, DealOrder.Instance);
        at = at < 0 ? ~at : at;
        if (at >= dealsKept)
        {
            return;
        }

        _deals.Insert(at, deal);
        if (_deals.Count > dealsKept)
        {
            _deals.RemoveAt(_deals.Count - 1);
        }

        _kept = _deals.Count;
        _floorAmount = _deals[^1].Amount;
        _floorId = _deals[^1].Id;
    }

    private sealed class DealOrder : IComparer<AccountDeal>
    {
        public static readonly DealOrder Instance = new();

        public int Compare(AccountDeal? x, AccountDeal? y)
        {
            var byAmount = y!.Amount.CompareTo(x!.Amount);
            return byAmount != 0 ? byAmount : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
