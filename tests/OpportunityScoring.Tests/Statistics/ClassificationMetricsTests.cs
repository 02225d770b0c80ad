using OpportunityScoring.Calibration;

namespace OpportunityScoring.Tests.Statistics;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Auc_of_a_perfect_ranking_is_one()
    {
        Assert.Equal(1.0, ClassificationMetrics.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
    }

    [Fact]
    public void Auc_of_a_reversed_ranking_is_zero()
    {
        Assert.Equal(0.0, ClassificationMetrics.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
    }

    [Fact]
    public void Auc_of_all_tied_predictions_is_one_half()
    {
        Assert.Equal(0.5, ClassificationMetrics.Auc([0.4, 0.4, 0.4, 0.4, 0.4], [false, true, true, false, true]));
    }

    [Fact]
    public void Auc_counts_a_tie_between_a_positive_and_a_negative_as_one_half()
    {
        // Pairs (pos, neg): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.1) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1 → 3.5 / 4.
        Assert.Equal(0.875, ClassificationMetrics.Auc([0.5, 0.9, 0.5, 0.1], [true, true, false, false]), 12);
    }

    [Fact]
    public void Auc_with_one_class_only_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Auc([0.1, 0.2], [true, true]));
    }

    [Fact]
    public void Brier_score_is_the_mean_squared_error_of_the_probabilities()
    {
        // (0.8 − 1)² + (0.3 − 0)² + (0.6 − 1)² = 0.04 + 0.09 + 0.16 = 0.29; / 3.
        Assert.Equal(0.29 / 3, ClassificationMetrics.Brier([0.8, 0.3, 0.6], [true, false, true]), 12);
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_likelihood()
    {
        var expected = -(Math.Log(0.8) + Math.Log(0.7)) / 2;
        Assert.Equal(expected, ClassificationMetrics.LogLoss([0.8, 0.3], [true, false]), 12);
    }

    [Fact]
    public void Log_loss_clips_certain_wrong_predictions_instead_of_returning_infinity()
    {
        var loss = ClassificationMetrics.LogLoss([0.0, 1.0], [true, false]);

        Assert.Equal(-Math.Log(ClassificationMetrics.Epsilon), loss, 2); // 1 − 1e-15 is not exact in double
    }

    [Fact]
    public void Reliability_puts_each_prediction_in_its_tenth_and_reports_mean_prediction_and_observed_rate()
    {
        var table = ClassificationMetrics.Reliability([0.05, 0.15, 0.12, 0.95, 1.0, 0.99], [false, true, false, true, true, false]);

        Assert.Equal(10, table.Count);
        Assert.Equal(1, table[0].Count);
        Assert.Equal(0.05, table[0].MeanPredicted!.Value, 12);
        Assert.Equal(0.0, table[0].ObservedRate);
        Assert.Equal(2, table[1].Count);
        Assert.Equal(0.135, table[1].MeanPredicted!.Value, 12);
        Assert.Equal(0.5, table[1].ObservedRate);
        Assert.Equal(0, table[5].Count);
        Assert.Null(table[5].MeanPredicted);
        Assert.Equal(3, table[9].Count); // 1.0 belongs to the last bin
        Assert.Equal(2.0 / 3, table[9].ObservedRate!.Value, 12);
        Assert.Equal(6, table.Sum(b => b.Count));
    }
}
