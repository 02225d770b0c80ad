namespace OpportunityScoring.Accounts;

/// <summary>
/// What one assessed opportunity adds to its account's tally, worked out from the opportunity and its decisions in
/// one place (<see cref="Of"/>), so that it can be done on the core that scored the opportunity, while both are still in
/// that core's cache, and <see cref="AccountTally.Add(in AccountContribution)"/> only adds figures on the thread that
/// tallies in stream order. The sums are added in the same order either way, so the tally is the same to the last digit.
/// </summary>
internal readonly struct AccountContribution
{
    private AccountContribution(Opportunity opportunity, AssessmentDecisions decisions, string? name, AccountStanding standing, decimal weighted, int champions, decimal fitShare)
    {
        Opportunity = opportunity;
        Decisions = decisions;
        Name = name;
        Standing = standing;
        Amount = opportunity.ExpectedContractAmount;
        Weighted = weighted;
        Champions = champions;
        FitShare = fitShare;
        InImplementation = opportunity.Stage == Stage.Implementation;
        DealId = opportunity.Id;
    }

    /// <summary>The opportunity (read again only when it makes the account's list of largest deals).</summary>
    public Opportunity Opportunity { get; }

    /// <summary>Its decisions (read again only when it makes the list of largest deals).</summary>
    public AssessmentDecisions Decisions { get; }

    /// <summary>The account name the opportunity gives.</summary>
    public string? Name { get; }

    /// <summary>Won, open or neither, as the account's grading reads a deal.</summary>
    public AccountStanding Standing { get; }

    /// <summary>The expected contract amount.</summary>
    public decimal Amount { get; }

    /// <summary>Amount × win probability, rounded to cents (added when open).</summary>
    public decimal Weighted { get; }

    /// <summary>Champions (倡導者) in its decision chain (added when open).</summary>
    public int Champions { get; }

    /// <summary>Its strategic-fit share, 0–1.</summary>
    public decimal FitShare { get; }

    /// <summary>Whether it is in implementation.</summary>
    public bool InImplementation { get; }

    /// <summary>The opportunity's id (the list of largest deals breaks ties on it).</summary>
    public string DealId { get; }

    /// <summary>What an assessed opportunity adds to its account.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="decisions">Its assessment's decisions.</param>
    /// <param name="strategicFitMax">The grading policy's most strategic-fit points.</param>
    /// <returns>The contribution.</returns>
    public static AccountContribution Of(Opportunity opportunity, AssessmentDecisions decisions, decimal strategicFitMax)
    {
        var standing = Decided(opportunity) switch
        {
            true => AccountStanding.Won,
            null when opportunity.Stage != Stage.Closed => AccountStanding.Open,
            _ => AccountStanding.Neither,
        };
        var weighted = 0m;
        var champions = 0;
        if (standing == AccountStanding.Open)
        {
            weighted = Math.Round(opportunity.ExpectedContractAmount * (decimal)decisions.WinProbability, 2);
            var stakeholders = opportunity.DecisionChain.Stakeholders;
            for (var i = 0; i < stakeholders.Count; i++)
            {
                champions += stakeholders[i].Stance == Stance.Champion ? 1 : 0;
            }
        }

        var fitShare = strategicFitMax > 0 ? Math.Clamp(decisions.Criteria.StrategicFit / strategicFitMax, 0, 1) : 0;
        return new AccountContribution(opportunity, decisions, opportunity.Account.Name, standing, weighted, champions, fitShare);
    }

    /// <summary>Won (implementation, or closed with the bid won), lost (from the tender on), or open (<see langword="null"/>), as the grading reads a deal.</summary>
    private static bool? Decided(Opportunity opportunity) => opportunity switch
    {
        { Stage: >= Stage.Tender, Milestones.BidOutcome: BidOutcome.Lost } => false,
        { Stage: Stage.Implementation } => true,
        { Stage: Stage.Closed, Milestones.BidOutcome: BidOutcome.Won } => true,
        _ => null,
    };
}

/// <summary>How a deal counts for its account.</summary>
internal enum AccountStanding : byte
{
    /// <summary>Lost, or closed without a win: counted, not in the pipeline.</summary>
    Neither,

    /// <summary>Open: in the open and weighted pipeline.</summary>
    Open,

    /// <summary>Won (implementation, or closed with the bid won): in the won revenue.</summary>
    Won,
}
