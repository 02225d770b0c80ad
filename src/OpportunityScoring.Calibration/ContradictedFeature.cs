using MathNet.Numerics.LinearAlgebra;

namespace OpportunityScoring.Calibration;

/// <summary>
/// A criterion or signal that the history contradicts: its constrained slope hit 0 (better evidence may not lower the
/// win probability, a red flag may not raise it), and the same fit without the sign constraint finds the other sign.
/// "In your history, documented requirements did not raise the win rate."
/// </summary>
/// <param name="Feature">The feature (<c>criterion.&lt;name&gt;</c>, <c>knockOut</c>, <c>flag.&lt;code&gt;</c>…).</param>
/// <param name="Estimate">The unconstrained slope (same λ, every row).</param>
/// <param name="Low">The lower end of its approximate 95% interval (± 1.96 standard errors of the penalised fit).</param>
/// <param name="High">The upper end.</param>
public sealed record ContradictedFeature(string Feature, double Estimate, double Low, double High)
{
    internal static List<ContradictedFeature> Find(CalibrationData data, LogisticModel constrained, double lambda)
    {
        var signs = data.Signs;
        var zero = Enumerable.Range(0, data.Names.Count)
            .Where(j => signs[j] != CoefficientSign.Free && constrained.Coefficients[j] == 0d).ToList();
        var result = new List<ContradictedFeature>();
        if (zero.Count == 0 || data.Rows.Count == 0)
        {
            return result;
        }

        // The same penalty as the constrained fit: in standard units (FeatureScale), so the interval is computed there
        // and carried back to the feature's own units.
        var x = Matrix<double>.Build.DenseOfRowArrays(data.Rows);
        var scale = FeatureScale.Of(x);
        var free = FeatureScale.Fit(x, data.Won, new LogisticRegressionOptions { Lambda = lambda });

        // Fisher information of the penalised fit on the standardised columns: X̃ᵀ W X̃ + λ I (intercept unpenalised), X̃ = [1, x / s].
        var k = data.Names.Count + 1;
        var h = Matrix<double>.Build.Dense(k, k);
        var row = new double[k];
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var p = free.Predict(data.Rows[i]);
            var w = p * (1 - p);
            row[0] = 1;
            for (var c = 1; c < k; c++)
            {
                row[c] = data.Rows[i][c - 1] / scale[c - 1];
            }

            for (var a = 0; a < k; a++)
            {
                if (row[a] == 0)
                {
                    continue;
                }

                for (var b = 0; b < k; b++)
                {
                    h[a, b] += w * row[a] * row[b];
                }
            }
        }

        for (var a = 1; a < k; a++)
        {
            h[a, a] += lambda;
        }

        var covariance = h.Inverse();
        foreach (var j in zero)
        {
            var estimate = free.Coefficients[j];
            var against = signs[j] == CoefficientSign.NonNegative ? estimate < 0 : estimate > 0;
            if (!against)
            {
                continue;
            }

            var se = Math.Sqrt(Math.Max(0, covariance[j + 1, j + 1])) / scale[j];
            result.Add(new ContradictedFeature(data.Names[j], estimate, estimate - (1.96 * se), estimate + (1.96 * se)));
        }

        return result;
    }
}
