namespace OpportunityScoring;

/// <summary>
/// 決策鏈: the customer's buying organisation — its purchase process, procurement, and the stakeholder map.
/// The derived properties summarise the map for the rules; none depends on the stakeholders' order, and each is
/// <see cref="DerivedAttribute">derived</see>: the fused engine computes each once per opportunity, however many rules read it.
/// </summary>
public sealed record DecisionChain
{
    internal static readonly DecisionChain None = new();

    /// <summary>How the customer decides.</summary>
    public PurchaseProcess PurchaseProcess { get; init; }

    /// <summary>Whether the purchasing department is engaged (never bypass procurement).</summary>
    public Evidence ProcurementEngaged { get; init; }

    /// <summary>The stakeholders (order carries no meaning).</summary>
    public IReadOnlyList<Stakeholder> Stakeholders { get; init => field = value ?? []; } = [];

    /// <summary>Whether any stakeholder is known at all; an empty map means the chain is unknown.</summary>
    [Derived]
    public bool IsMapped => Stakeholders.Count > 0;

    /// <summary>
    /// Whether every stakeholder's stance is known: a map in which someone's stance is unknown cannot show that nobody
    /// is a champion (unknown is not no). <see langword="false"/> for an empty map.
    /// </summary>
    [Derived]
    public bool EveryStanceKnown
    {
        get
        {
            var stakeholders = People;
            for (var i = 0; i < stakeholders.Length; i++)
            {
                if (stakeholders[i].Stance == Stance.Unknown)
                {
                    return false;
                }
            }

            return stakeholders.Length > 0;
        }
    }

    /// <summary>
    /// The best coverage we have of an economic buyer or decision maker;
    /// <see langword="null"/> when none is identified.
    /// </summary>
    [Derived]
    public Coverage? KeyBuyerCoverage
    {
        get
        {
            Coverage? best = null;
            var stakeholders = People;
            for (var i = 0; i < stakeholders.Length; i++) // an index loop: foreach over the interface would box the enumerator on every call
            {
                var s = stakeholders[i];
                if (s.Role is StakeholderRole.EconomicBuyer or StakeholderRole.DecisionMaker && (best is null || s.Coverage > best))
                {
                    best = s.Coverage;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// The strongest support we have: <see cref="Stance.Champion"/> when a champion (or a supportive coach) exists,
    /// else the best stance present; <see cref="Stance.Unknown"/> when no stance is known.
    /// </summary>
    [Derived]
    public Stance BestSupport
    {
        get
        {
            var rank = 0; // 0 unknown, 1 opponent, 2 neutral, 3 supporter, 4 champion
            var stakeholders = People;
            for (var i = 0; i < stakeholders.Length; i++) // an index loop: foreach over the interface would box the enumerator on every call
            {
                var s = stakeholders[i];
                var r = s.Stance switch
                {
                    Stance.Champion => 4,
                    Stance.Supporter when s.Role == StakeholderRole.Coach => 4,
                    Stance.Supporter => 3,
                    Stance.Neutral => 2,
                    Stance.Opponent => 1,
                    _ => 0,
                };
                if (r > rank)
                {
                    rank = r;
                }
            }

            return rank switch { 4 => Stance.Champion, 3 => Stance.Supporter, 2 => Stance.Neutral, 1 => Stance.Opponent, _ => Stance.Unknown };
        }
    }

    /// <summary>The number of high-influence stakeholders who oppose us.</summary>
    [Derived]
    public int HighInfluenceOpponents => Count(static s => s.Influence == Influence.High && s.Stance == Stance.Opponent);

    /// <summary>The number of medium-influence stakeholders who oppose us.</summary>
    [Derived]
    public int MediumInfluenceOpponents => Count(static s => s.Influence == Influence.Medium && s.Stance == Stance.Opponent);

    /// <summary>Whether an expert panel (專家小組) is in the map with no contact at all.</summary>
    [Derived]
    public bool HasUncoveredExpertPanel => Count(static s => s.Role == StakeholderRole.ExpertPanel && s.Coverage == Coverage.None) > 0;

    /// <summary>Whether a procurement stakeholder is in the map.</summary>
    [Derived]
    public bool HasProcurementStakeholder => Count(static s => s.Role == StakeholderRole.Procurement) > 0;

    /// <summary>
    /// The stakeholders as a span: an array's or a list's own elements (the readers and the generator give one of them),
    /// read without an interface call per element; any other list copied.
    /// </summary>
    internal ReadOnlySpan<Stakeholder> People => Stakeholders switch
    {
        Stakeholder[] array => array,
        List<Stakeholder> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        var other => other.ToArray(),
    };

    private int Count(Func<Stakeholder, bool> predicate)
    {
        var n = 0;
        var stakeholders = People;
        for (var i = 0; i < stakeholders.Length; i++)
        {
            var s = stakeholders[i];
            if (predicate(s))
            {
                n++;
            }
        }

        return n;
    }
}
