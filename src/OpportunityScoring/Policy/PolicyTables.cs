using System.Collections.Frozen;

namespace OpportunityScoring;

/// <summary>A validated policy compiled into arrays indexed by enumeration value, for the hot path.</summary>
internal sealed class PolicyTables
{
    public required PolicyStamp Stamp { get; init; }

    public required decimal[] Weights { get; init; }

    /// <summary>Per criterion, each evidence item with what crediting it needs, looked up once per answer.</summary>
    public required EvidenceItems[] Items { get; init; }
    public required decimal[] Answer { get; init; }
    public required decimal[] NeedLevel { get; init; }
    public required decimal[] BudgetStatus { get; init; }
    public required decimal[] PurchaseTimeframe { get; init; }
    public required decimal[] CompetitivePosition { get; init; }
    public required decimal[] BuyingCriteriaFavor { get; init; }
    public required decimal[] Incumbent { get; init; }
    public required decimal[] FutureInfluence { get; init; }
    public required decimal[] Coverage { get; init; }
    public required decimal[] Stance { get; init; }

    /// <summary>Credits for no opponents, medium-influence opponents, high-influence opponents.</summary>
    public required decimal[] Opposition { get; init; }
    public required decimal[] RoleWeights { get; init; }
    public required decimal[] InfluenceWeights { get; init; }
    public required GradeBand?[] Bands { get; init; }
    public required FrozenDictionary<string, KnockOutPolicy> KnockOuts { get; init; }
    public required FrozenSet<string>[] GateRequirements { get; init; }
    public required FrozenSet<string> EndOnKnockOuts { get; init; }
    public required FrozenSet<string> FatalFactors { get; init; }
}

/// <summary>
/// A criterion's evidence items by name: a handful, so a scan beats hashing. The names are interned, so a rule that
/// names its item with a literal (interned too) is found by reference, without comparing characters.
/// </summary>
internal sealed class EvidenceItems
{
    private readonly string[] _names;
    private readonly EvidenceItem[] _items;

    public EvidenceItems(IEnumerable<KeyValuePair<string, EvidenceItem>> items)
    {
        var list = items.ToList();
        _names = [.. list.Select(kv => string.Intern(kv.Key))];
        _items = [.. list.Select(kv => kv.Value)];
    }

    /// <summary>The item; <see cref="KeyNotFoundException"/> when the policy has no item of that name.</summary>
    public EvidenceItem this[string name]
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (ReferenceEquals(_names[i], name))
                {
                    return _items[i];
                }
            }

            for (var i = 0; i < _names.Length; i++)
            {
                if (string.Equals(_names[i], name, StringComparison.Ordinal))
                {
                    return _items[i];
                }
            }

            throw new KeyNotFoundException($"The policy has no evidence item '{name}' under this criterion.");
        }
    }
}

/// <summary>An evidence item of a criterion under a policy: its contract field, its name as a message, and its weight.</summary>
/// <param name="Field">The contract field, e.g. <c>budget.status</c>.</param>
/// <param name="Name">The item's name in messages (<c>item.{field}</c>).</param>
/// <param name="Share">The item's share of its criterion.</param>
/// <param name="Max">The points it can earn: criterion weight × share.</param>
internal sealed record EvidenceItem(string Field, MessageText Name, decimal Share, decimal Max)
{
    /// <summary>Share × 100: what a credit of 1 adds to the criterion's 0–100 sub-score.</summary>
    public decimal SubScoreShare { get; } = Share * 100m;

    /// <summary>The find-out message when the item is unknown.</summary>
    public MessageText FindOut { get; } = MessageText.Of("missing.findOut", Name);
}
