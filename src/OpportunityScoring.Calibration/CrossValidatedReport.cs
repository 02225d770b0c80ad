namespace OpportunityScoring.Calibration;

/// <summary>Cross-validated metrics of the calibration procedure.</summary>
/// <param name="Auc">ROC AUC over every held-out prediction.</param>
/// <param name="Brier">The Brier score over every held-out prediction.</param>
/// <param name="LogLoss">The log loss over every held-out prediction.</param>
/// <param name="Folds">The number of folds.</param>
/// <param name="Seed">The folds' seed.</param>
/// <param name="Lambda">The penalty of the final fit on all rows.</param>
/// <param name="Reliability">The reliability table of the held-out predictions.</param>
public sealed record CrossValidatedReport(double Auc, double Brier, double LogLoss, int Folds, int Seed, double Lambda, IReadOnlyList<ReliabilityBin> Reliability);
