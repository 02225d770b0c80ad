using FsCheck.Fluent;
using MathNet.Numerics.Random;
using OpportunityScoring.Calibration;

namespace OpportunityScoring.Tests.Statistics;

public sealed class LogisticRegressionTests
{
    private static (List<double[]> X, List<bool> Y) Synthetic(int n, double intercept, double[] beta, int seed)
    {
        var random = new MersenneTwister(seed);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var row = beta.Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var z = intercept + row.Select((v, j) => v * beta[j]).Sum();
            x.Add(row);
            y.Add(random.NextDouble() < LogisticRegression.Sigmoid(z));
        }

        return (x, y);
    }

    [Fact]
    public void Irls_recovers_known_coefficients_on_synthetic_data()
    {
        var (x, y) = Synthetic(20_000, -0.5, [2.0, -1.0, 0.5], seed: 7);

        var model = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Lambda = 1e-6 });

        Assert.True(model.Converged);
        Assert.Equal(-0.5, model.Intercept, 0.1);
        Assert.Equal(2.0, model.Coefficients[0], 0.1);
        Assert.Equal(-1.0, model.Coefficients[1], 0.1);
        Assert.Equal(0.5, model.Coefficients[2], 0.1);
    }

    [Fact]
    public void A_coefficient_constrained_non_negative_is_dropped_to_zero_when_the_data_want_it_negative()
    {
        var (x, y) = Synthetic(5_000, 0, [1.5, -1.0], seed: 11);

        var model = LogisticRegression.Fit(x, y, new LogisticRegressionOptions
        {
            Lambda = 0.1,
            Signs = [CoefficientSign.NonNegative, CoefficientSign.NonNegative],
        });

        Assert.Equal(0d, model.Coefficients[1]);
        Assert.True(model.Coefficients[0] > 1.0);
    }

    [Fact]
    public void A_coefficient_constrained_non_positive_is_kept_when_its_sign_is_right()
    {
        var (x, y) = Synthetic(5_000, 0, [1.5, -1.0], seed: 11);

        var model = LogisticRegression.Fit(x, y, new LogisticRegressionOptions
        {
            Lambda = 0.1,
            Signs = [CoefficientSign.Free, CoefficientSign.NonPositive],
        });

        Assert.True(model.Coefficients[1] < -0.7);
    }

    [Fact]
    public void The_penalty_shrinks_coefficients_but_not_the_intercept()
    {
        var (x, y) = Synthetic(2_000, 1.0, [1.0], seed: 3);

        var loose = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Lambda = 0.001 });
        var tight = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Lambda = 10_000 });

        Assert.True(Math.Abs(tight.Coefficients[0]) < 0.1 * Math.Abs(loose.Coefficients[0]));
        var rate = y.Count(o => o) / (double)y.Count;
        Assert.Equal(rate, LogisticRegression.Sigmoid(tight.Intercept), 0.02);
    }

    [Fact]
    public void Weights_act_as_repeated_rows()
    {
        List<double[]> x = [[0.0], [1.0], [1.0], [0.0], [1.0]];
        List<bool> y = [false, true, false, true, true];
        var repeated = LogisticRegression.Fit([.. x, .. x, .. x], [.. y, .. y, .. y], new LogisticRegressionOptions { Lambda = 0.5 });

        var weighted = LogisticRegression.Fit(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(x), y, new LogisticRegressionOptions { Lambda = 0.5 }, [3, 3, 3, 3, 3]);

        Assert.Equal(repeated.Intercept, weighted.Intercept, 1e-6);
        Assert.Equal(repeated.Coefficients[0], weighted.Coefficients[0], 1e-6);
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public bool Constrained_coefficients_always_respect_their_sign(int seed)
    {
        var (x, y) = Synthetic(300, 0.2, [1.0, -1.0, 0.3, -0.3], seed);
        var signs = new[] { CoefficientSign.NonPositive, CoefficientSign.NonNegative, CoefficientSign.NonNegative, CoefficientSign.NonPositive };

        var model = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Lambda = 0.3, Signs = signs });

        return model.Coefficients[0] <= 0 && model.Coefficients[1] >= 0 && model.Coefficients[2] >= 0 && model.Coefficients[3] <= 0;
    }
}
