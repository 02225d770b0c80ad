using System.Text.Json;

namespace OpportunityScoring.Calibration;

/// <summary>
/// How good a policy's win probability is on a won/lost history: as it stands (<see cref="Uncalibrated"/>: no fitting)
/// and once calibrated (<see cref="Calibrated"/>: k-fold cross-validated, every prediction from a model that never saw
/// the row).
/// </summary>
/// <param name="Dataset">The history.</param>
/// <param name="Policy">The policy evaluated.</param>
/// <param name="Samples">The number of closed opportunities.</param>
/// <param name="Won">How many were won.</param>
/// <param name="Lost">How many were lost.</param>
/// <param name="Features">The features the calibrated model used.</param>
/// <param name="Uncalibrated">The metrics of the policy's own win probability on every row.</param>
/// <param name="Calibrated">The cross-validated metrics of the calibrated model.</param>
public sealed record EvaluationResult(string Dataset, PolicyStamp Policy, int Samples, int Won, int Lost, IReadOnlyList<string> Features, ClassificationReport Uncalibrated, CrossValidatedReport Calibrated)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The result as indented JSON: <c>{"dataset", "policy", "samples", "won", "lost", "features", "uncalibrated": {"auc", "brier", "logLoss", "reliability"}, "calibrated": {"auc", "brier", "logLoss", "folds", "seed", "lambda", "reliability"}}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
