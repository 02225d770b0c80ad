using OpportunityScoring.Policy;

namespace OpportunityScoring.Calibration;

/// <summary>A calibrated policy and how it was obtained.</summary>
/// <param name="Policy">The new policy version (validated, stamped): same rules and weights, fitted win-probability model.</param>
/// <param name="Model">The model fitted on every row.</param>
/// <param name="Evaluation">The uncalibrated and cross-validated figures.</param>
public sealed record CalibrationResult(ScoringPolicy Policy, LogisticModel Model, EvaluationResult Evaluation)
{
    /// <summary>The criteria and signals the history contradicts (constrained slope 0, the unconstrained one of the other sign).</summary>
    public IReadOnlyList<ContradictedFeature> Contradicted { get; init; } = [];
}
