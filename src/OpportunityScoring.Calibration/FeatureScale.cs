using MathNet.Numerics.LinearAlgebra;

namespace OpportunityScoring.Calibration;

/// <summary>
/// The L2 penalty in standard units: each feature column is divided by its (weighted) standard deviation before the
/// fit and each slope by the same afterwards, so the penalty λ/2 · Σ(βⱼ sⱼ)² does not depend on a feature's units or
/// spread. Without it a criterion whose sub-score moves little across the history (Salvirt's competition: 0.1–0.5) needs
/// a large slope and is shrunk far more than one that moves a lot, and an indicator of a rare value far less than a
/// common one. Signs are kept (sⱼ &gt; 0), so the constraints hold as they are.
/// </summary>
internal static class FeatureScale
{
    /// <summary>The standard deviation of each column (1 for a column that does not vary), weighted by the row weights.</summary>
    internal static double[] Of(Matrix<double> x, IReadOnlyList<double>? weights = null)
    {
        var scale = new double[x.ColumnCount];
        var total = 0d;
        for (var i = 0; i < x.RowCount; i++)
        {
            total += weights?[i] ?? 1d;
        }

        for (var j = 0; j < x.ColumnCount; j++)
        {
            var mean = 0d;
            for (var i = 0; i < x.RowCount; i++)
            {
                mean += (weights?[i] ?? 1d) * x[i, j];
            }

            mean /= total;
            var variance = 0d;
            for (var i = 0; i < x.RowCount; i++)
            {
                var d = x[i, j] - mean;
                variance += (weights?[i] ?? 1d) * d * d;
            }

            var sd = total > 0 ? Math.Sqrt(variance / total) : 0d;
            scale[j] = sd > 1e-9 ? sd : 1d;
        }

        return scale;
    }

    /// <summary>The columns divided by their scale (a new matrix).</summary>
    internal static Matrix<double> Apply(Matrix<double> x, double[] scale) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] / scale[j]);

    /// <summary>Fits on standardised columns and returns the model on the original ones (each slope divided by its column's scale).</summary>
    internal static LogisticModel Fit(Matrix<double> x, IReadOnlyList<bool> outcomes, LogisticRegressionOptions options, IReadOnlyList<double>? weights = null)
    {
        var scale = Of(x, weights);
        var model = LogisticRegression.Fit(Apply(x, scale), outcomes, options, weights);
        return new LogisticModel(model.Intercept, [.. model.Coefficients.Select((b, j) => b / scale[j])], model.Iterations, model.Converged);
    }
}
