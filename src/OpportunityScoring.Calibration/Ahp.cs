using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace OpportunityScoring.Calibration;

/// <summary>The weights an AHP pairwise-comparison matrix gives, and how consistent the judgements were.</summary>
/// <param name="Labels">The compared items (criteria), in matrix order.</param>
/// <param name="Weights">The normalised principal eigenvector (sums to 1), one weight per label.</param>
/// <param name="LambdaMax">The principal eigenvalue (n for a perfectly consistent matrix).</param>
/// <param name="ConsistencyIndex">Saaty's CI = (λmax − n) / (n − 1).</param>
/// <param name="ConsistencyRatio">Saaty's CR = CI / RI(n); 0 for n ≤ 2. Accepted below 0.1.</param>
public sealed record AhpResult(IReadOnlyList<string> Labels, IReadOnlyList<double> Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio)
{
    /// <summary>
    /// The weights as percentages rounded to 2 decimals that sum to exactly 100 (the rounding remainder goes to the
    /// largest fractional remainders), by label: ready for a policy's <c>criteria.&lt;name&gt;.weight</c>.
    /// </summary>
    /// <returns>The weight of each label, summing to 100.</returns>
    public IReadOnlyDictionary<string, decimal> PolicyWeights()
    {
        // Work in hundredths of a percent: floor each, then hand out the missing hundredths by largest remainder.
        var scaled = Weights.Select(w => (decimal)w * 10_000m).ToArray();
        var floors = scaled.Select(decimal.Floor).ToArray();
        var missing = 10_000m - floors.Sum();
        var order = Enumerable.Range(0, scaled.Length).OrderByDescending(i => scaled[i] - floors[i]).ThenBy(i => i).ToArray();
        for (var r = 0; r < missing && r < order.Length; r++)
        {
            floors[order[r]] += 1;
        }

        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < Labels.Count; i++)
        {
            result[Labels[i]] = floors[i] / 100m;
        }

        return result;
    }
}

/// <summary>The judgements are too inconsistent to derive weights from (Saaty's CR ≥ 0.1).</summary>
public sealed class AhpInconsistencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AhpInconsistencyException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public AhpInconsistencyException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AhpInconsistencyException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a refused matrix.</summary>
    /// <param name="result">The (refused) result.</param>
    /// <param name="first">The first item of the most inconsistent pair.</param>
    /// <param name="second">The second item of the most inconsistent pair.</param>
    /// <param name="judged">The judgement a[first, second] given.</param>
    /// <param name="implied">The ratio w[first] / w[second] the weights imply.</param>
    public AhpInconsistencyException(AhpResult result, string first, string second, double judged, double implied)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"The pairwise comparisons are too inconsistent: consistency ratio {result?.ConsistencyRatio:0.###} ≥ 0.1. " +
            $"The most inconsistent pair is {first} vs {second}: judged {judged:0.###}, while the other judgements imply about {implied:0.###}; revisit that comparison."))
    {
        Result = result;
        First = first;
        Second = second;
    }

    /// <summary>The refused result (weights and consistency figures).</summary>
    public AhpResult? Result { get; }

    /// <summary>The first item of the most inconsistent pair.</summary>
    public string? First { get; }

    /// <summary>The second item of the most inconsistent pair.</summary>
    public string? Second { get; }
}

/// <summary>
/// The Analytic Hierarchy Process (Saaty): criterion weights from a reciprocal pairwise-comparison matrix
/// (a[i, j] = how much more important i is than j, on 1–9), as the principal eigenvector (MathNet EVD), with the
/// consistency ratio CR = CI / RI. Matrices with CR ≥ 0.1 are refused.
/// </summary>
public static class Ahp
{
    /// <summary>The largest accepted consistency ratio (exclusive).</summary>
    public const double MaxConsistencyRatio = 0.1;

    /// <summary>Saaty's random consistency index RI by matrix size n (index n; 0 for n ≤ 2).</summary>
    public static IReadOnlyList<double> RandomIndex { get; } = [0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

    /// <summary>Computes the weights and consistency and refuses inconsistent judgements.</summary>
    /// <param name="labels">The compared items, in matrix order.</param>
    /// <param name="matrix">The square, positive, reciprocal comparison matrix (a[j, i] = 1 / a[i, j], a[i, i] = 1).</param>
    /// <returns>The weights and consistency figures.</returns>
    /// <exception cref="ArgumentException">The matrix is not square, positive and reciprocal, or the labels do not match it.</exception>
    /// <exception cref="AhpInconsistencyException">CR ≥ 0.1; the message names the most inconsistent pair.</exception>
    public static AhpResult Weights(IReadOnlyList<string> labels, double[,] matrix)
    {
        var result = Analyse(labels, matrix);
        if (result.ConsistencyRatio >= MaxConsistencyRatio)
        {
            var (i, j) = MostInconsistentPair(result, matrix);
            throw new AhpInconsistencyException(result, labels[i], labels[j], matrix[i, j], result.Weights[i] / result.Weights[j]);
        }

        return result;
    }

    /// <summary>Computes the weights and consistency without refusing (for reporting).</summary>
    /// <param name="labels">The compared items, in matrix order.</param>
    /// <param name="matrix">The square, positive, reciprocal comparison matrix.</param>
    /// <returns>The weights and consistency figures.</returns>
    /// <exception cref="ArgumentException">The matrix is not square, positive and reciprocal, or the labels do not match it.</exception>
    public static AhpResult Analyse(IReadOnlyList<string> labels, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
        {
            throw new ArgumentException($"the comparison matrix must be square and not empty; it is {matrix.GetLength(0)}×{matrix.GetLength(1)}", nameof(matrix));
        }

        if (labels.Count != n)
        {
            throw new ArgumentException($"need one label per row: {n} rows, {labels.Count} labels", nameof(labels));
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = matrix[i, j];
                if (!(a > 0) || double.IsInfinity(a))
                {
                    throw new ArgumentException($"comparison {labels[i]} vs {labels[j]} is {a}; every judgement must be a positive number", nameof(matrix));
                }

                if (Math.Abs(a * matrix[j, i] - 1) > 1e-3)
                {
                    throw new ArgumentException($"the matrix is not reciprocal: {labels[i]} vs {labels[j]} is {a} but {labels[j]} vs {labels[i]} is {matrix[j, i]} (should be {1 / a:0.####})", nameof(matrix));
                }
            }
        }

        var m = Matrix<double>.Build.DenseOfArray(matrix);
        var evd = m.Evd();
        var best = 0;
        for (var c = 1; c < n; c++)
        {
            if (evd.EigenValues[c].Real > evd.EigenValues[best].Real)
            {
                best = c;
            }
        }

        var lambdaMax = evd.EigenValues[best].Real;
        var vector = evd.EigenVectors.Column(best);
        var sum = vector.Sum();
        var weights = vector.Select(v => v / sum).ToArray(); // Perron vector: one sign, normalised to sum 1
        var ci = n <= 2 ? 0d : Math.Max(0d, (lambdaMax - n) / (n - 1));
        var ri = n < RandomIndex.Count ? RandomIndex[n] : RandomIndex[^1];
        var cr = n <= 2 || ri == 0 ? 0d : ci / ri;
        if (cr < 1e-12)
        {
            ci = 0;
            cr = 0;
        }

        return new AhpResult([.. labels], weights, lambdaMax, ci, cr);
    }

    /// <summary>The pair whose judgement departs most from the ratio of the derived weights: max |ln(a[i, j] · w[j] / w[i])|.</summary>
    /// <param name="result">The analysed result.</param>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The row and column of the pair (row judged more important in the matrix's terms).</returns>
    public static (int Row, int Column) MostInconsistentPair(AhpResult result, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(matrix);
        var n = result.Weights.Count;
        (int, int) pair = (0, Math.Min(1, n - 1));
        var worst = -1d;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var e = Math.Abs(Math.Log(matrix[i, j] * result.Weights[j] / result.Weights[i]));
                if (e > worst)
                {
                    worst = e;
                    pair = (i, j);
                }
            }
        }

        return pair;
    }
}
