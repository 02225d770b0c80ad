using OpportunityScoring.Calibration;

namespace OpportunityScoring.Tests.Statistics;

public sealed class AhpTests
{
    private static readonly string[] Seven = ["need", "budget", "timeline", "competition", "decisionChain", "strategicFit", "grossMargin"];

    private static double[,] Consistent(double[] w)
    {
        var n = w.Length;
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = w[i] / w[j];
            }
        }

        return m;
    }

    [Fact]
    public void A_consistent_matrix_gives_the_exact_weights_and_consistency_ratio_zero()
    {
        double[] w = [0.20, 0.15, 0.10, 0.15, 0.20, 0.10, 0.10];

        var result = Ahp.Weights(Seven, Consistent(w));

        for (var i = 0; i < w.Length; i++)
        {
            Assert.Equal(w[i], result.Weights[i], 9);
        }

        Assert.Equal(7, result.LambdaMax, 9);
        Assert.Equal(0, result.ConsistencyRatio);
        Assert.Equal(
            new Dictionary<string, decimal> { ["need"] = 20, ["budget"] = 15, ["timeline"] = 10, ["competition"] = 15, ["decisionChain"] = 20, ["strategicFit"] = 10, ["grossMargin"] = 10 },
            result.PolicyWeights());
    }

    [Fact]
    public void Policy_weights_are_rounded_to_two_decimals_and_sum_to_exactly_100()
    {
        double[] w = [1, 1, 1, 1, 1, 1, 1]; // 100 / 7 = 14.2857…

        var weights = Ahp.Weights(Seven, Consistent(w)).PolicyWeights();

        Assert.Equal(100m, weights.Values.Sum());
        Assert.All(weights.Values, v => Assert.Equal(v, Math.Round(v, 2)));
        Assert.All(weights.Values, v => Assert.InRange(v, 14.28m, 14.29m));
    }

    [Fact]
    public void An_inconsistent_matrix_is_refused_with_a_message_naming_the_most_inconsistent_pair()
    {
        // need ≫ budget ≫ timeline, yet timeline ≫ need: a cycle.
        string[] labels = ["need", "budget", "timeline"];
        double[,] m = { { 1, 5, 1.0 / 7 }, { 1.0 / 5, 1, 5 }, { 7, 1.0 / 5, 1 } };

        var e = Assert.Throws<AhpInconsistencyException>(() => Ahp.Weights(labels, m));

        Assert.True(e.Result!.ConsistencyRatio >= 0.1);
        Assert.Contains("consistency ratio", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{e.First} vs {e.Second}", e.Message, StringComparison.Ordinal);
        Assert.NotEqual(e.First, e.Second);
    }

    [Fact]
    public void A_matrix_that_is_not_reciprocal_is_refused()
    {
        double[,] m = { { 1, 3 }, { 3, 1 } };

        Assert.Throws<ArgumentException>(() => Ahp.Weights(["a", "b"], m));
    }

    [Fact]
    public void Random_index_follows_saaty()
    {
        Assert.Equal(1.32, Ahp.RandomIndex[7]);
        Assert.Equal(0.58, Ahp.RandomIndex[3]);
    }
}
