using System.Collections.Frozen;

namespace OpportunityScoring;

/// <summary>A validated policy compiled into arrays indexed by enumeration value, for the hot path.</summary>
internal sealed class PolicyTables
{
    public required PolicyStamp Stamp { get; init; }
    public required decimal[] Weights { get; init; }
    public required FrozenDictionary<string, decimal>[] Shares { get; init; }
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
