using System.Collections.Frozen;

namespace OpportunityScoring.StageGates;

/// <summary>
/// The stage gates (source: the five stages and their gates): for each stage, the evidence required to leave it
/// (codes from the slice's catalogue of requirements), how long it may last before it is stale, and the
/// company's minimum grade; which knock-outs end the pursuit; and the tolerance for drift from the initiation report.
/// </summary>
internal sealed class GatePolicy
{
    /// <summary>客戶開發.</summary>
    public required StageGatePolicy Development { get; init; }

    /// <summary>立項.</summary>
    public required StageGatePolicy Initiation { get; init; }

    /// <summary>提案.</summary>
    public required StageGatePolicy Proposal { get; init; }

    /// <summary>招投標.</summary>
    public required StageGatePolicy Tender { get; init; }

    /// <summary>工程實施.</summary>
    public required StageGatePolicy Implementation { get; init; }

    /// <summary>The knock-out codes that end the pursuit at any stage (the others only cap the grade).</summary>
    public IReadOnlyList<string> EndOnKnockOuts { get; init => field = value ?? []; } = [];

    /// <summary>How far the current figures may drift from the initiation report before a red flag.</summary>
    public required DriftPolicy Drift { get; init; }

    /// <summary>The requirements of each stage's gate, compiled once the policy is valid (indexed by stage).</summary>
    private FrozenSet<string>[]? _requires;

    /// <summary>The knock-outs that end a pursuit, compiled.</summary>
    private FrozenSet<string>? _endOn;

    /// <summary>Compiles the lookups the rules use; called once the policy is valid.</summary>
    internal void Compile()
    {
        _requires = Enum.GetValues<Stage>().Select(s => (For(s)?.Requires ?? []).ToFrozenSet(StringComparer.Ordinal)).ToArray();
        _endOn = EndOnKnockOuts.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the policy requires a piece of evidence at a stage's gate.</summary>
    internal bool Requires(Stage stage, string requirement) => Compiled(_requires)[(int)stage].Contains(requirement);

    /// <summary>Whether a knock-out ends the pursuit.</summary>
    internal bool EndsPursuit(string knockOutCode) => Compiled(_endOn).Contains(knockOutCode);

    /// <summary>Whether any of the knock-outs ends the pursuit.</summary>
    internal bool EndsPursuit(IReadOnlyList<string> knockOutCodes)
    {
        for (var i = 0; i < knockOutCodes.Count; i++)
        {
            if (EndsPursuit(knockOutCodes[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many days a stage may last before it is stale, when the policy says.</summary>
    internal int? StaleAfterDays(Stage stage) => For(stage)?.StaleAfterDays;

    private static T Compiled<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("This policy was not loaded through PolicyLoader, so it was never validated.");

    /// <summary>The gate of a stage, or <see langword="null"/> for <see cref="Stage.Closed"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The stage's gate.</returns>
    public StageGatePolicy? For(Stage stage) => stage switch
    {
        Stage.Development => Development,
        Stage.Initiation => Initiation,
        Stage.Proposal => Proposal,
        Stage.Tender => Tender,
        Stage.Implementation => Implementation,
        _ => null,
    };
}

/// <summary>One stage's gate.</summary>
internal sealed class StageGatePolicy
{
    /// <summary>The evidence required to leave the stage (requirement codes of this stage).</summary>
    public IReadOnlyList<string> Requires { get; init => field = value ?? []; } = [];

    /// <summary>Days in the stage after which it is stale (a red flag); <see langword="null"/> for no limit.</summary>
    public int? StaleAfterDays { get; init; }

    /// <summary>The worst grade that meets the company's requirement, for the <c>minimumGrade</c> requirement.</summary>
    public Grade? MinimumGrade { get; init; }
}

/// <summary>Tolerances for re-evaluating the initiation report (source: "重新評估立項報告中的內容").</summary>
internal sealed class DriftPolicy
{
    /// <summary>The largest relative change of the expected contract amount (0.1 = 10%).</summary>
    public decimal AmountTolerance { get; init; }

    /// <summary>The largest change of the gross margin, in fraction points (0.05 = 5 points).</summary>
    public decimal MarginTolerance { get; init; }
}
