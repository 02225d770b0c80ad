using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Calibration;

// Fitting: λ by inner cross-validation, identical feature vectors pooled; and the features beyond the rules' outputs.
public static partial class WinProbabilityCalibrator
{
    private static (LogisticModel Model, double Lambda) FitWithLambda(CalibrationData data, IReadOnlyList<int> rows, CalibrationOptions options)
    {
        var lambda = options.Lambda ?? ChooseLambda(data, rows, options);
        return (Fit(data, rows, lambda), lambda);
    }

    private static double ChooseLambda(CalibrationData data, IReadOnlyList<int> rows, CalibrationOptions options)
    {
        var outcomes = rows.Select(i => data.Won[i]).ToArray();
        var k = Math.Min(InnerFolds, Math.Min(outcomes.Count(o => o), outcomes.Count(o => !o)));
        if (k < 2 || options.LambdaGrid.Count == 0)
        {
            return options.LambdaGrid.Count > 0 ? options.LambdaGrid[options.LambdaGrid.Count / 2] : 1d;
        }

        var folds = CrossValidation.StratifiedFolds(outcomes, k, options.Seed + 1);
        // The grid's λs are independent fits: evaluated in parallel, then compared in grid order (the same choice as in sequence).
        var losses = new double[options.LambdaGrid.Count];
        Parallel.For(0, options.LambdaGrid.Count, g =>
        {
            var lambda = options.LambdaGrid[g];
            // Rows with equal features get equal predictions: each model predicts every distinct feature vector once.
            var predictions = CrossValidation.OutOfFold(rows.Count, folds,
                train => ByProfile(data, Fit(data, [.. train.Select(t => rows[t])], lambda)),
                (byProfile, i) => byProfile[data.Profiles[rows[i]]]);
            losses[g] = ClassificationMetrics.LogLoss(predictions, outcomes);
        });
        var best = options.LambdaGrid[0];
        var bestLoss = double.PositiveInfinity;
        for (var g = 0; g < losses.Length; g++)
        {
            if (losses[g] < bestLoss - 1e-12)
            {
                best = options.LambdaGrid[g];
                bestLoss = losses[g];
            }
        }

        return best;
    }

    // A model's prediction for each distinct feature vector (CalibrationData.Profiles).
    private static double[] ByProfile(CalibrationData data, LogisticModel model) =>
        [.. data.Representatives.Select(i => model.Predict(data.Rows[i]))];

    // Identical feature vectors are pooled into one won row and one lost row weighted by their counts: the same fit,
    // far fewer rows (a history of categorical answers has few distinct profiles).
    private static LogisticModel Fit(CalibrationData data, IReadOnlyList<int> rows, double lambda)
    {
        var count = data.Representatives.Length;
        var wonCount = new double[count];
        var lostCount = new double[count];
        var rowOf = new int[count];
        foreach (var i in rows)
        {
            var p = data.Profiles[i];
            rowOf[p] = i;
            if (data.Won[i])
            {
                wonCount[p]++;
            }
            else
            {
                lostCount[p]++;
            }
        }

        var features = new List<double[]>();
        var outcomes = new List<bool>();
        var weights = new List<double>();
        for (var p = 0; p < count; p++)
        {
            if (wonCount[p] > 0)
            {
                features.Add(data.Rows[rowOf[p]]);
                outcomes.Add(true);
                weights.Add(wonCount[p]);
            }

            if (lostCount[p] > 0)
            {
                features.Add(data.Rows[rowOf[p]]);
                outcomes.Add(false);
                weights.Add(lostCount[p]);
            }
        }

        // The penalty in standard units (FeatureScale): the same λ shrinks every feature alike, whatever its spread.
        var matrix = Matrix<double>.Build.DenseOfRowArrays(features);
        return FeatureScale.Fit(matrix, outcomes, new LogisticRegressionOptions { Lambda = lambda, Signs = data.Signs }, weights);
    }

    // Segment (one indicator per segment with enough history, the rest pooled) and deal size (ln amount / median).
    private static (List<string> Names, double[][] Rows) ExtraFeatures(IReadOnlyList<ClosedOpportunity> history)
    {
        var names = new List<string>();
        var segments = history.Where(h => h.Segment is not null).GroupBy(h => h.Segment!, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinimumSegmentRows).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var segmentStart = names.Count;
        names.AddRange(segments.Select(s => SegmentPrefix + s));
        var amounts = history.Where(h => h.Amount is > 0).Select(h => Math.Log(h.Amount!.Value)).Order().ToArray();
        var center = amounts.Length == 0 ? 0 : amounts[amounts.Length / 2];
        var sized = amounts.Length > 0;
        // Deal-size bands: the history's deciles (a lower bound each, from the second decile on), as in the baseline.
        var cuts = sized ? DealSizeCuts(amounts) : [];
        if (sized)
        {
            names.AddRange(cuts.Select(c => DealSizeBandPrefix + Math.Round(Math.Exp(c), 2).ToString(CultureInfo.InvariantCulture)));
            names.Add(DealSize);
        }

        var rows = new double[history.Count][];
        for (var i = 0; i < history.Count; i++)
        {
            var row = new double[names.Count];
            if (history[i].Segment is { } segment && segments.BinarySearch(segment, StringComparer.Ordinal) is var j && j >= 0)
            {
                row[segmentStart + j] = 1;
            }

            if (sized && history[i].Amount is > 0)
            {
                // Rounded to half a unit of ln amount (a factor of about 1.65): rows keep pooling (a fit stays fast on 78,000 deals), and the bands carry the finer shape.
                var log = Math.Log(history[i].Amount!.Value);
                row[^1] = Math.Round((log - center) * 2, MidpointRounding.AwayFromZero) / 2;
                var band = cuts.Count(c => log >= c);
                if (band > 0)
                {
                    row[^(cuts.Length - band + 2)] = 1;
                }
            }

            rows[i] = row;
        }

        return (names, rows);
    }

    internal static double[] DealSizeCuts(double[] sortedLogAmounts) =>
        [.. Enumerable.Range(1, 9).Select(q => sortedLogAmounts[(int)((long)q * (sortedLogAmounts.Length - 1) / 10)]).Distinct().Where(c => c > sortedLogAmounts[0])];

    /// <summary>The median deal of the history (the deal-size term's center), when it has amounts.</summary>
    internal static double? MedianAmount(IReadOnlyList<ClosedOpportunity> history)
    {
        var amounts = history.Where(h => h.Amount is > 0).Select(h => Math.Log(h.Amount!.Value)).Order().ToArray();
        return amounts.Length == 0 ? null : Math.Exp(amounts[amounts.Length / 2]);
    }
}
