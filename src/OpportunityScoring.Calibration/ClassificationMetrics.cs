using MathNet.Numerics.Statistics;

namespace OpportunityScoring.Calibration;

/// <summary>One bin of a reliability table: the predictions that fell in [<see cref="Lower"/>, <see cref="Upper"/>).</summary>
/// <param name="Lower">The bin's lower bound (inclusive).</param>
/// <param name="Upper">The bin's upper bound (exclusive; the last bin includes 1).</param>
/// <param name="Count">How many predictions fell in the bin.</param>
/// <param name="MeanPredicted">The mean predicted probability in the bin; <see langword="null"/> when the bin is empty.</param>
/// <param name="ObservedRate">The observed rate of positives (won) in the bin; <see langword="null"/> when the bin is empty.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double? MeanPredicted, double? ObservedRate);

/// <summary>How well predicted probabilities rank and fit binary outcomes.</summary>
/// <param name="Auc">ROC AUC (0.5 = chance, 1 = perfect ranking).</param>
/// <param name="Brier">The Brier score: mean squared error of the probabilities (lower is better).</param>
/// <param name="LogLoss">The mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15] (lower is better).</param>
/// <param name="Reliability">The 10-bin reliability table.</param>
public sealed record ClassificationReport(double Auc, double Brier, double LogLoss, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>Metrics of predicted probabilities against binary outcomes: ROC AUC, Brier score, log loss, reliability.</summary>
public static class ClassificationMetrics
{
    /// <summary>The clipping bound of <see cref="LogLoss"/>.</summary>
    public const double Epsilon = 1e-15;

    /// <summary>
    /// ROC AUC by ranks (the Mann–Whitney U statistic): the probability that a random positive scores above a random
    /// negative, ties counting one half (tied scores get their average rank, via MathNet's <c>Statistics.Ranks</c>).
    /// </summary>
    /// <param name="scores">The scores or probabilities.</param>
    /// <param name="outcomes">The outcomes (<see langword="true"/> = positive).</param>
    /// <returns>The AUC, 0–1.</returns>
    /// <exception cref="ArgumentException">The lengths differ or one class is absent (the AUC is undefined).</exception>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        Check(scores, outcomes);
        var ranks = scores.Ranks(RankDefinition.Average);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i])
            {
                positives++;
                rankSum += ranks[i];
            }
        }

        var negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("the AUC needs both classes among the outcomes", nameof(outcomes));
        }

        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>The Brier score: mean of (p − y)².</summary>
    /// <param name="probabilities">The predicted probabilities.</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns>The score, 0–1.</returns>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        Check(probabilities, outcomes);
        var sum = 0d;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var d = probabilities[i] - (outcomes[i] ? 1d : 0d);
            sum += d * d;
        }

        return sum / outcomes.Count;
    }

    /// <summary>The log loss: mean of −[y ln p + (1 − y) ln(1 − p)], with p clipped to [<see cref="Epsilon"/>, 1 − <see cref="Epsilon"/>].</summary>
    /// <param name="probabilities">The predicted probabilities.</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns>The loss (0 is perfect).</returns>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        Check(probabilities, outcomes);
        var sum = 0d;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            sum -= outcomes[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / outcomes.Count;
    }

    /// <summary>
    /// The reliability table: equal-width bins over [0, 1] ([0, 0.1), [0.1, 0.2), …, [0.9, 1]) with the count, the
    /// mean prediction and the observed rate in each. A calibrated model has mean prediction ≈ observed rate.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities.</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="bins">The number of bins (10 by default).</param>
    /// <returns>One row per bin, empty bins included.</returns>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 10)
    {
        Check(probabilities, outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var predicted = new double[bins];
        var observed = new double[bins];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 0d, 1d);
            var b = Math.Min((int)Math.Floor(p * bins), bins - 1);
            count[b]++;
            predicted[b] += p;
            observed[b] += outcomes[i] ? 1 : 0;
        }

        var table = new ReliabilityBin[bins];
        for (var b = 0; b < bins; b++)
        {
            table[b] = new ReliabilityBin(
                Math.Round((double)b / bins, 10),
                Math.Round((double)(b + 1) / bins, 10),
                count[b],
                count[b] == 0 ? null : predicted[b] / count[b],
                count[b] == 0 ? null : observed[b] / count[b]);
        }

        return table;
    }

    /// <summary>Every metric at once.</summary>
    /// <param name="probabilities">The predicted probabilities.</param>
    /// <param name="outcomes">The outcomes (both classes present).</param>
    /// <returns>AUC, Brier score, log loss and the 10-bin reliability table.</returns>
    public static ClassificationReport Report(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes) =>
        new(Auc(probabilities, outcomes), Brier(probabilities, outcomes), LogLoss(probabilities, outcomes), Reliability(probabilities, outcomes));

    private static void Check(IReadOnlyList<double> values, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (values.Count != outcomes.Count)
        {
            throw new ArgumentException($"need one outcome per prediction: {values.Count} predictions, {outcomes.Count} outcomes", nameof(outcomes));
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("need at least one prediction", nameof(values));
        }
    }
}
