namespace OpportunityScoring.Accounts;

/// <summary>A credit of the account grade: which rule gave how many of an item's points for which figure.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Dimension">The dimension (<see cref="AccountCodes.Dimension"/>).</param>
/// <param name="Item">The item (<see cref="AccountCodes.Item"/>).</param>
/// <param name="Figure">The figure, as shown (unknown when <see langword="null"/>).</param>
/// <param name="Points">The points given.</param>
/// <param name="Max">The item's most points.</param>
internal sealed record AccountCredit(string Rule, string Dimension, string Item, MessageText? Figure, decimal Points, decimal Max)
{
    /// <summary>The message: the item, its figure (or unknown) and the points.</summary>
    public MessageText Text => Figure is null
        ? MessageText.Of("account.credit.unknown", MessageText.Name("account.item.", Item), Points, Max)
        : MessageText.Of("account.credit", MessageText.Name("account.item.", Item), Figure, Points, Max);
}

/// <summary>A missed service target: the figure, the target and the gap (e.g. satisfaction 93.5, target 95.5 for 2027: −2.0).</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Target">The target (<see cref="AccountCodes.Targets"/>).</param>
/// <param name="Year">The year the target is for.</param>
/// <param name="Figure">The figure, as shown.</param>
/// <param name="Goal">The target, as shown.</param>
/// <param name="Gap">The gap, as shown (signed).</param>
internal sealed record AccountFlag(string Rule, string Target, int Year, string Figure, string Goal, string Gap)
{
    /// <summary>The message.</summary>
    public MessageText Text => MessageText.Of("account.flag." + Target, Figure, Goal, Year, Gap);
}

/// <summary>A knock-out of the account grade: its code and the grade it caps at.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Code">The code (<see cref="AccountCodes.KnockOuts"/>).</param>
/// <param name="Cap">The best grade while it applies.</param>
internal sealed record AccountKnock(string Rule, string Code, Grade Cap)
{
    /// <summary>The message.</summary>
    public MessageText Text => MessageText.Of("account.knockOut." + Code, MessageText.Word(Cap));
}

/// <summary>
/// The account's scorecard, one per account and session: the rules write credits, flags and knock-outs into it, the
/// total and the grade (the band, capped by the knock-outs). Each item is credited once (the rules are one per item).
/// </summary>
internal sealed class AccountLedger(AccountFacts facts)
{
    private readonly List<AccountCredit> _credits = [];
    private readonly List<AccountFlag> _flags = [];
    private readonly List<AccountKnock> _knocks = [];

    /// <summary>The facts graded.</summary>
    public AccountFacts Facts { get; } = facts;

    /// <summary>The total, once closed.</summary>
    public decimal? Total { get; private set; }

    /// <summary>The grade, once assigned.</summary>
    public Grade? Grade { get; private set; }

    /// <summary>The band's grade before the knock-outs.</summary>
    public Grade? Band { get; private set; }

    public IReadOnlyList<AccountCredit> Credits => _credits;

    public IReadOnlyList<AccountFlag> Flags => _flags;

    public IReadOnlyList<AccountKnock> KnockOuts => _knocks;

    /// <summary>The credits by dimension, then item (each item is credited once: no two are equal).</summary>
    public AccountCredit[] SortedCredits() => StableSort.ToSortedArray(_credits, static (x, y) => string.CompareOrdinal(x.Dimension, y.Dimension) is var d and not 0 ? d : string.CompareOrdinal(x.Item, y.Item));

    /// <summary>The flags by target, those of one target in the order the rules gave them.</summary>
    public AccountFlag[] SortedFlags() => StableSort.ToSortedArray(_flags, static (x, y) => string.CompareOrdinal(x.Target, y.Target));

    /// <summary>The knock-outs by code, those of one code in the order the rules gave them.</summary>
    public AccountKnock[] SortedKnockOuts() => StableSort.ToSortedArray(_knocks, static (x, y) => string.CompareOrdinal(x.Code, y.Code));

    /// <summary>The points per dimension: the five dimensions, each the sum of its credits in the order given.</summary>
    public DimensionPoints Dimensions()
    {
        var points = new decimal[DimensionPoints.Keys.Length];
        foreach (var c in _credits)
        {
            points[DimensionPoints.IndexOf(c.Dimension)] += c.Points;
        }

        return new DimensionPoints(points);
    }

    public void Credit(string rule, string dimension, string item, MessageText? figure, decimal points, decimal max)
    {
        if (_credits.Exists(c => c.Item == item))
        {
            throw new InvalidOperationException($"{rule}: the item {item} is credited twice");
        }

        _credits.Add(new AccountCredit(rule, dimension, item, figure, Math.Clamp(points, 0, max), max));
    }

    public void Flag(string rule, string target, string figure, string goal, string gap) => _flags.Add(new AccountFlag(rule, target, Facts.Year, figure, goal, gap));

    public void KnockOut(string rule, string code, Grade cap) => _knocks.Add(new AccountKnock(rule, code, cap));

    public decimal CloseTotal()
    {
        Total = _credits.Sum(c => c.Points);
        return Total.Value;
    }

    public void AssignGrade(Grade band)
    {
        if (Grade is not null)
        {
            throw new InvalidOperationException($"account {Facts.Id}: a second grade band matched (the bands overlap)");
        }

        Band = band;
        var grade = band;
        foreach (var k in _knocks)
        {
            grade = (Grade)Math.Max((int)grade, (int)k.Cap);
        }

        Grade = grade;
    }

    /// <summary>The service health: unknown when no service figure is known; missed when a service target is.</summary>
    public ServiceHealth Health =>
        Facts.ServiceUnknown ? ServiceHealth.Unknown
        : _flags.Exists(f => f.Target != AccountCodes.Item.SeniorVisit) ? ServiceHealth.Missed
        : ServiceHealth.OnTarget;
}
