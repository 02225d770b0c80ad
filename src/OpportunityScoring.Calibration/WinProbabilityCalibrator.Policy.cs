using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Calibration;

// The calibrated policy: the source policy with the fitted win-probability model and the figures in its metadata.
public static partial class WinProbabilityCalibrator
{
    private static ScoringPolicy BuildPolicy(ScoringPolicy source, IReadOnlyList<string> names, LogisticModel model, EvaluationResult evaluation, CalibrationOptions options, double? medianAmount)
    {
        // Round-trip through the policy's JSON so every other setting (rules' weights, scales, bands…) is kept as is.
        var node = JsonSerializer.SerializeToNode(source, ContractJson.Options)!.AsObject();
        var criterionSlopes = new JsonObject();
        var signalSlopes = new JsonObject();
        var segmentIntercepts = new JsonObject();
        JsonObject? dealSize = null;
        var bands = new JsonArray();
        for (var j = 0; j < names.Count; j++)
        {
            var slope = Round(model.Coefficients[j]);
            if (slope == 0m)
            {
                continue;
            }

            if (names[j].StartsWith(DealSizeBandPrefix, StringComparison.Ordinal))
            {
                bands.Add(new JsonObject { ["from"] = decimal.Parse(names[j][DealSizeBandPrefix.Length..], CultureInfo.InvariantCulture), ["offset"] = slope });
            }
            else if (names[j].StartsWith(SegmentPrefix, StringComparison.Ordinal))
            {
                segmentIntercepts[names[j][SegmentPrefix.Length..]] = slope;
            }
            else if (names[j] == DealSize)
            {
                dealSize = new JsonObject { ["slope"] = slope, ["center"] = Math.Round((decimal)(medianAmount ?? 1), 2) };
            }
            else if (names[j].StartsWith(CriterionPrefix, StringComparison.Ordinal))
            {
                criterionSlopes[names[j][CriterionPrefix.Length..]] = slope;
            }
            else
            {
                signalSlopes[names[j]] = slope;
            }
        }

        node["version"] = options.Version ?? NextMinorVersion(source.Version);
        node["winProbability"] = new JsonObject
        {
            ["intercept"] = Round(model.Intercept),
            ["scoreSlope"] = 0,
            ["criterionSlopes"] = criterionSlopes,
            ["signalSlopes"] = signalSlopes,
        };
        if (segmentIntercepts.Count > 0)
        {
            node["winProbability"]!["segmentIntercepts"] = segmentIntercepts;
        }

        if (bands.Count > 0)
        {
            dealSize ??= new JsonObject { ["slope"] = 0, ["center"] = Math.Round((decimal)(medianAmount ?? 1), 2) };
            dealSize["bands"] = bands;
        }

        if (dealSize is not null)
        {
            node["winProbability"]!["dealSize"] = dealSize;
        }
        var cv = evaluation.Calibrated;
        node["metadata"] = new JsonObject
        {
            ["calibrated"] = true,
            ["source"] = string.Create(CultureInfo.InvariantCulture,
                $"Win probability fitted on won/lost history: L2-regularised logistic regression (IRLS, λ = {cv.Lambda}, the penalty in standard units) on the criterion sub-scores and rule signals (and, where the history has them, a per-segment intercept and the deal size, free in sign), sub-score slopes ≥ 0 and signal slopes ≤ 0; figures are {cv.Folds}-fold cross-validated (seed {cv.Seed}). Rules, weights and scales are those of the policy it is based on."),
            ["dataset"] = evaluation.Dataset,
            ["basedOn"] = JsonSerializer.SerializeToNode(source.Stamp, ContractJson.Options),
            ["figures"] = new JsonObject
            {
                ["auc"] = Round(cv.Auc),
                ["brier"] = Round(cv.Brier),
                ["logLoss"] = Round(cv.LogLoss),
                ["samples"] = evaluation.Samples,
                ["won"] = evaluation.Won,
                ["lost"] = evaluation.Lost,
                ["folds"] = cv.Folds,
                ["lambda"] = Round(cv.Lambda),
            },
        };
        return PolicyLoader.Parse(node.ToJsonString(ContractJson.Options), $"{source.Name} {node["version"]} (calibrated)");
    }
}
