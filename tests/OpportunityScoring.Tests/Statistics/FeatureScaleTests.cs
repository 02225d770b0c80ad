using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using OpportunityScoring.Calibration;

namespace OpportunityScoring.Tests.Statistics;

/// <summary>The calibration's L2 penalty is in standard units: a feature's units or spread do not change what it is shrunk to.</summary>
public sealed class FeatureScaleTests
{
    private static (Matrix<double> X, List<bool> Y) Data(int n, int seed)
    {
        // Two signals of equal strength per standard deviation; the first varies little (as a sub-score that moves by 0.1).
        var random = new MersenneTwister(seed);
        var x = Matrix<double>.Build.Dense(n, 2);
        var y = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = 0.1 * (random.NextDouble() * 2 - 1);
            x[i, 1] = random.NextDouble() * 2 - 1;
            y.Add(random.NextDouble() < LogisticRegression.Sigmoid((10 * x[i, 0]) + x[i, 1]));
        }

        return (x, y);
    }

    [Fact]
    public void Rescaling_a_feature_rescales_its_slope_and_leaves_every_prediction_as_it_was()
    {
        var (x, y) = Data(400, seed: 3);
        var stretched = x.Clone();
        stretched.SetColumn(0, x.Column(0) * 100);
        var options = new LogisticRegressionOptions { Lambda = 30 };

        var a = FeatureScale.Fit(x, y, options);
        var b = FeatureScale.Fit(stretched, y, options);

        Assert.Equal(a.Coefficients[0] / 100, b.Coefficients[0], 9);
        Assert.Equal(a.Coefficients[1], b.Coefficients[1], 9);
        for (var i = 0; i < x.RowCount; i++)
        {
            Assert.Equal(a.Predict([x[i, 0], x[i, 1]]), b.Predict([stretched[i, 0], stretched[i, 1]]), 9);
        }

        // Without the scale the same λ shrinks the narrow feature far more: the plain fit is not invariant.
        var plain = LogisticRegression.Fit(x, y, options);
        var plainStretched = LogisticRegression.Fit(stretched, y, options);
        Assert.NotEqual(plain.Coefficients[0] / 100, plainStretched.Coefficients[0], 3);
    }

    [Fact]
    public void Features_equally_strong_per_standard_deviation_are_shrunk_alike()
    {
        var (x, y) = Data(4000, seed: 11);

        var model = FeatureScale.Fit(x, y, new LogisticRegressionOptions { Lambda = 300 });

        // The same effect per standard deviation, so the same standardised slope (within sampling noise).
        var scale = FeatureScale.Of(x);
        Assert.Equal(model.Coefficients[1] * scale[1], model.Coefficients[0] * scale[0], 0.15);
    }

    [Fact]
    public void A_sign_constraint_holds_through_the_scale()
    {
        var (x, y) = Data(400, seed: 5);
        var signs = new[] { CoefficientSign.NonPositive, CoefficientSign.Free };

        var model = FeatureScale.Fit(x, y, new LogisticRegressionOptions { Lambda = 1, Signs = signs });

        Assert.Equal(0d, model.Coefficients[0]);
        Assert.True(model.Coefficients[1] > 0);
    }
}
