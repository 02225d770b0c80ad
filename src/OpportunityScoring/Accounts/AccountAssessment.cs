namespace OpportunityScoring.Accounts;

/// <summary>
/// An account graded (a line of the 大客戶名單, the head of its 大客戶客戶跟進表): the A–D grade and why, its type and
/// owner, the pipeline figures, the service health and the targets missed, and what would raise the grade most.
/// </summary>
internal sealed record AccountAssessment
{
    /// <summary>The account's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name (from its record, else from an opportunity).</summary>
    public string? Name { get; init; }

    /// <summary>Its type (客戶的型別).</summary>
    public AccountType Type { get; init; }

    /// <summary>The key-account manager it is assigned to.</summary>
    public string? Owner { get; init; }

    /// <summary>Whether it has a record (else it is graded from its opportunities alone).</summary>
    public bool HasRecord { get; init; }

    /// <summary>The grade.</summary>
    public required Grade Grade { get; init; }

    /// <summary>The total, 0–100: the sum of the credits.</summary>
    public required decimal Score { get; init; }

    /// <summary>The points per dimension (value, potential, relationship, strategic fit, service).</summary>
    public required IReadOnlyDictionary<string, decimal> Dimensions { get; init; }

    /// <summary>The figures graded.</summary>
    public required AccountFacts Facts { get; init; }

    /// <summary>How many opportunities it has, and how many are open.</summary>
    public int Opportunities { get; init; }

    /// <summary>Its service health.</summary>
    public ServiceHealth Health { get; init; }

    /// <summary>Every credit, adding up to <see cref="Score"/>.</summary>
    public required IReadOnlyList<AccountCredit> Credits { get; init; }

    /// <summary>The service targets missed.</summary>
    public required IReadOnlyList<AccountFlag> RedFlags { get; init; }

    /// <summary>The knock-outs that cap the grade.</summary>
    public required IReadOnlyList<AccountKnock> KnockOuts { get; init; }

    /// <summary>Its largest deals.</summary>
    public IReadOnlyList<AccountDeal> Deals { get; init; } = [];

    /// <summary>
    /// The items with the most points still to win, most first (at most three): what would raise the grade most. An
    /// unknown item's improvement is to find out.
    /// </summary>
    /// <remarks>A stable sort of the few credits with points to win (each list format asks once per account): the order of
    /// <c>OrderByDescending(gap).ThenBy(item)</c>, without its iterators and key buffers.</remarks>
    public IReadOnlyList<AccountCredit> TopImprovements
    {
        get
        {
            var open = new List<AccountCredit>(Credits.Count);
            foreach (var c in Credits)
            {
                if (c.Max - c.Points > 0)
                {
                    open.Add(c);
                }
            }

            var sorted = StableSort.ToSortedArray(open, static (x, y) => (y.Max - y.Points).CompareTo(x.Max - x.Points) is var byGap and not 0 ? byGap : string.CompareOrdinal(x.Item, y.Item));
            return sorted.Length <= 3 ? sorted : sorted[..3];
        }
    }
}
