using MathNet.Numerics.LinearAlgebra;

namespace OpportunityScoring.Calibration;

/// <summary>The sign a fitted coefficient is allowed to take.</summary>
public enum CoefficientSign
{
    /// <summary>Any sign.</summary>
    Free = 0,
    /// <summary>Zero or more (e.g. a criterion sub-score: better evidence never lowers the probability).</summary>
    NonNegative,
    /// <summary>Zero or less (e.g. a red flag or knock-out never raises the probability).</summary>
    NonPositive,
}

/// <summary>Settings of a <see cref="LogisticRegression"/> fit.</summary>
public sealed class LogisticRegressionOptions
{
    /// <summary>The L2 penalty λ on the coefficients (never on the intercept): the fit minimises −log-likelihood + λ/2 · Σβ². The default is 1.</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>The largest number of Newton (IRLS) steps per fit. The default is 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Convergence: the fit stops when no parameter moves by more than this. The default is 1e-8.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>The allowed sign of each coefficient (one per feature column); all free when <see langword="null"/>.</summary>
    public IReadOnlyList<CoefficientSign>? Signs { get; init; }
}

/// <summary>A fitted logistic model: p = 1 / (1 + e^−(intercept + Σ βᵢ xᵢ)).</summary>
public sealed class LogisticModel
{
    internal LogisticModel(double intercept, double[] coefficients, int iterations, bool converged)
    {
        Intercept = intercept;
        Coefficients = coefficients;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The intercept (never penalised).</summary>
    public double Intercept { get; }

    /// <summary>The coefficients, one per feature column; a coefficient the sign constraints removed is exactly 0.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The total number of Newton steps taken (over every active-set refit).</summary>
    public int Iterations { get; }

    /// <summary>Whether the last fit converged within the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>The linear predictor z = intercept + Σ βᵢ xᵢ.</summary>
    /// <param name="features">One value per coefficient.</param>
    /// <returns>z.</returns>
    public double LinearPredictor(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Coefficients.Count)
        {
            throw new ArgumentException($"expected {Coefficients.Count} features, got {features.Count}", nameof(features));
        }

        var z = Intercept;
        for (var i = 0; i < features.Count; i++)
        {
            z += Coefficients[i] * features[i];
        }

        return z;
    }

    /// <summary>The probability of the positive class.</summary>
    /// <param name="features">One value per coefficient.</param>
    /// <returns>p, 0–1.</returns>
    public double Predict(IReadOnlyList<double> features) => LogisticRegression.Sigmoid(LinearPredictor(features));
}

/// <summary>
/// L2-regularised logistic regression by iteratively reweighted least squares (Newton's method) on MathNet
/// matrices, with optional sign constraints kept by an active set: a coefficient with the wrong sign is fixed at 0
/// and the rest refitted, until every sign holds and no fixed coefficient would improve the fit by re-entering.
/// </summary>
public static class LogisticRegression
{
    /// <summary>The logistic function 1 / (1 + e^−z), computed stably for large |z|.</summary>
    /// <param name="z">The linear predictor.</param>
    /// <returns>The probability.</returns>
    public static double Sigmoid(double z) => z >= 0 ? 1d / (1d + Math.Exp(-z)) : Math.Exp(z) / (1d + Math.Exp(z));

    /// <summary>Fits the model.</summary>
    /// <param name="features">One row per sample, one column per feature (no intercept column: it is added).</param>
    /// <param name="outcomes">The outcome of each row (<see langword="true"/> = positive class, e.g. won).</param>
    /// <param name="options">The penalty, limits and sign constraints; defaults when <see langword="null"/>.</param>
    /// <param name="weights">
    /// A non-negative weight per row (e.g. how many identical samples the row stands for); all 1 when <see langword="null"/>.
    /// </param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">The sizes do not agree, there are no rows, a weight is negative, or λ is negative.</exception>
    public static LogisticModel Fit(Matrix<double> features, IReadOnlyList<bool> outcomes, LogisticRegressionOptions? options = null, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new LogisticRegressionOptions();
        var n = features.RowCount;
        var k = features.ColumnCount;
        if (n == 0 || outcomes.Count != n)
        {
            throw new ArgumentException($"need one outcome per row: {n} rows, {outcomes.Count} outcomes", nameof(outcomes));
        }

        if (options.Lambda < 0 || double.IsNaN(options.Lambda))
        {
            throw new ArgumentException("lambda must be 0 or more", nameof(options));
        }

        if (weights is not null && (weights.Count != n || weights.Any(w => !(w >= 0) || double.IsInfinity(w))))
        {
            throw new ArgumentException($"need one finite, non-negative weight per row: {n} rows, {weights.Count} weights", nameof(weights));
        }

        var signs = options.Signs ?? Enumerable.Repeat(CoefficientSign.Free, k).ToArray();
        if (signs.Count != k)
        {
            throw new ArgumentException($"need one sign per feature column: {k} columns, {signs.Count} signs", nameof(options));
        }

        // Design matrix with the intercept in column 0.
        var x = Matrix<double>.Build.Dense(n, k + 1, (i, j) => j == 0 ? 1d : features[i, j - 1]);
        var y = Vector<double>.Build.Dense(n, i => outcomes[i] ? 1d : 0d);
        var w = Vector<double>.Build.Dense(n, i => weights?[i] ?? 1d);
        var active = new bool[k + 1];
        Array.Fill(active, true);
        var beta = Vector<double>.Build.Dense(k + 1);
        var iterations = 0;
        var converged = false;
        for (var round = 0; round <= 2 * (k + 1); round++)
        {
            (beta, var steps, converged) = Newton(x, y, w, active, beta, options);
            iterations += steps;

            // Drop the active coefficient that breaks its sign the most, then refit.
            var worst = -1;
            var worstValue = 0d;
            for (var j = 1; j <= k; j++)
            {
                var violation = !active[j] ? 0d : signs[j - 1] switch
                {
                    CoefficientSign.NonNegative => -beta[j],
                    CoefficientSign.NonPositive => beta[j],
                    _ => 0d,
                };
                if (violation > worstValue)
                {
                    worst = j;
                    worstValue = violation;
                }
            }

            if (worst >= 0)
            {
                active[worst] = false;
                beta[worst] = 0;
                continue;
            }

            // KKT check: may a fixed coefficient re-enter in its allowed direction and lower the objective?
            var gradient = Gradient(x, y, w, beta, options.Lambda);
            var enter = -1;
            var enterValue = 1e-6 * w.Sum();
            for (var j = 1; j <= k; j++)
            {
                if (active[j])
                {
                    continue;
                }

                var gain = signs[j - 1] switch
                {
                    CoefficientSign.NonNegative => -gradient[j],
                    CoefficientSign.NonPositive => gradient[j],
                    _ => Math.Abs(gradient[j]),
                };
                if (gain > enterValue)
                {
                    enter = j;
                    enterValue = gain;
                }
            }

            if (enter < 0)
            {
                break;
            }

            active[enter] = true;
        }

        var coefficients = new double[k];
        for (var j = 0; j < k; j++)
        {
            coefficients[j] = active[j + 1] ? beta[j + 1] : 0d;
        }

        return new LogisticModel(beta[0], coefficients, iterations, converged);
    }

    /// <summary>Fits the model on rows given as arrays.</summary>
    /// <param name="features">One array of feature values per sample.</param>
    /// <param name="outcomes">The outcome of each sample.</param>
    /// <param name="options">The penalty, limits and sign constraints.</param>
    /// <returns>The fitted model.</returns>
    public static LogisticModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> outcomes, LogisticRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            throw new ArgumentException("need at least one row", nameof(features));
        }

        return Fit(Matrix<double>.Build.DenseOfRowArrays(features), outcomes, options, null);
    }

    // Gradient of the penalised, weighted negative log-likelihood: Xᵀ(w ∘ (p − y)) + λβ (intercept unpenalised).
    private static Vector<double> Gradient(Matrix<double> x, Vector<double> y, Vector<double> w, Vector<double> beta, double lambda)
    {
        var p = (x * beta).Map(Sigmoid);
        var g = x.TransposeThisAndMultiply((p - y).PointwiseMultiply(w));
        for (var j = 1; j < beta.Count; j++)
        {
            g[j] += lambda * beta[j];
        }

        return g;
    }

    // Newton (IRLS) on the active columns. The hot loops run on plain arrays (row-major, active columns only): MathNet's
    // element indexers and general products cost more than the arithmetic at these sizes (a few hundred pooled rows,
    // a score of columns), and a calibration makes hundreds of fits. MathNet solves the small k × k system.
    private static (Vector<double> Beta, int Steps, bool Converged) Newton(Matrix<double> xFull, Vector<double> y, Vector<double> sampleWeights, bool[] active, Vector<double> start, LogisticRegressionOptions options)
    {
        var columns = Enumerable.Range(0, active.Length).Where(j => active[j]).ToArray();
        var n = xFull.RowCount;
        var m = columns.Length;
        var x = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < m; c++)
            {
                x[(i * m) + c] = xFull[i, columns[c]];
            }
        }

        var yy = y.ToArray();
        var ww = sampleWeights.ToArray();
        var beta = new double[m];
        for (var c = 0; c < m; c++)
        {
            beta[c] = start[columns[c]];
        }

        var lambda = Math.Max(options.Lambda, 1e-9); // a whisper of ridge keeps constant columns solvable
        var objective = ArrayObjective(x, n, m, yy, ww, beta, lambda);
        var steps = 0;
        var converged = false;
        var gradient = Vector<double>.Build.Dense(m);
        var hessian = Matrix<double>.Build.Dense(m, m);
        var next = new double[m];
        while (steps < options.MaxIterations)
        {
            steps++;
            gradient.Clear();
            hessian.Clear();
            var g = new double[m];
            var h = new double[m * m];
            for (var i = 0; i < n; i++)
            {
                var p = Sigmoid(Dot(x, i * m, beta, m));
                var r = (p - yy[i]) * ww[i];
                var w = ww[i] * Math.Max(p * (1 - p), 1e-12);
                var o = i * m;
                for (var a = 0; a < m; a++)
                {
                    var xa = x[o + a];
                    if (xa == 0)
                    {
                        continue;
                    }

                    g[a] += r * xa;
                    var wa = w * xa;
                    var ha = a * m;
                    for (var b = a; b < m; b++)
                    {
                        h[ha + b] += wa * x[o + b];
                    }
                }
            }

            for (var a = 0; a < m; a++)
            {
                gradient[a] = g[a] + (columns[a] != 0 ? lambda * beta[a] : 0d);
                for (var b = a; b < m; b++)
                {
                    hessian[a, b] = h[(a * m) + b];
                    hessian[b, a] = h[(a * m) + b];
                }

                if (columns[a] != 0)
                {
                    hessian[a, a] += lambda;
                }
            }

            var delta = hessian.Cholesky().Solve(gradient);

            // Step halving keeps every step downhill (plain Newton can overshoot on separable data).
            var t = 1d;
            double nextObjective;
            while (true)
            {
                for (var c = 0; c < m; c++)
                {
                    next[c] = beta[c] - (t * delta[c]);
                }

                nextObjective = ArrayObjective(x, n, m, yy, ww, next, lambda);
                if (nextObjective <= objective + 1e-12 || t < 1e-6)
                {
                    break;
                }

                t /= 2;
            }

            var moved = 0d;
            for (var c = 0; c < m; c++)
            {
                moved = Math.Max(moved, Math.Abs(next[c] - beta[c]));
                beta[c] = next[c];
            }

            objective = nextObjective;
            if (moved < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        var result = Vector<double>.Build.Dense(active.Length);
        for (var c = 0; c < m; c++)
        {
            result[columns[c]] = beta[c];
        }

        return (result, steps, converged);
    }

    private static double Dot(double[] x, int offset, double[] beta, int m)
    {
        var s = 0d;
        for (var c = 0; c < m; c++)
        {
            s += x[offset + c] * beta[c];
        }

        return s;
    }

    // The penalised, weighted negative log-likelihood on the array form (column 0 is the unpenalised intercept).
    private static double ArrayObjective(double[] x, int n, int m, double[] y, double[] w, double[] beta, double lambda)
    {
        var loss = 0d;
        for (var i = 0; i < n; i++)
        {
            var zi = Dot(x, i * m, beta, m);
            loss += w[i] * ((zi > 0 ? zi + Math.Log(1 + Math.Exp(-zi)) : Math.Log(1 + Math.Exp(zi))) - (y[i] * zi));
        }

        var penalty = 0d;
        for (var j = 1; j < m; j++)
        {
            penalty += beta[j] * beta[j];
        }

        return loss + (lambda / 2 * penalty);
    }
}
