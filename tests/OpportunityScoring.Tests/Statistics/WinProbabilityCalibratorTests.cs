using OpportunityScoring.Calibration;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Statistics;

public sealed class WinProbabilityCalibratorTests
{
    private static readonly Lazy<CalibrationResult> Result = new(() =>
    {
        var history = HistoryReader.Read(new StringReader(History.SalvirtFixture.Generated(80)), HistoryMapping.Builtin("salvirt"));
        return WinProbabilityCalibrator.Calibrate(OpportunityRules.CreateScorer(), history, new CalibrationOptions { Folds = 4, Dataset = "fixture" });
    });

    [Fact]
    public void A_criterion_the_history_contradicts_is_reported_with_its_unconstrained_estimate_and_interval()
    {
        // The evidence's outcomes turned around: strong deals lose 9 times in 10. Every constrained slope that hits 0 and
        // whose free estimate takes the other sign must be reported, never dropped without a word.
        var history = HistoryReader.Read(new StringReader(History.SalvirtFixture.Generated(200)), HistoryMapping.Builtin("salvirt"))
            .Select(h => h with { Won = !h.Won }).ToList();

        var result = WinProbabilityCalibrator.Calibrate(OpportunityRules.CreateScorer(), history, new CalibrationOptions { Folds = 3, Lambda = 1 });

        Assert.NotEmpty(result.Contradicted);
        foreach (var c in result.Contradicted)
        {
            var j = result.Evaluation.Features.ToList().IndexOf(c.Feature);
            Assert.Equal(0d, result.Model.Coefficients[j]);
            Assert.True(c.Feature.StartsWith(WinProbabilityCalibrator.CriterionPrefix, StringComparison.Ordinal) ? c.Estimate < 0 : c.Estimate > 0, c.ToString());
            Assert.True(c.Low <= c.Estimate && c.Estimate <= c.High, c.ToString());
        }
    }

    [Fact]
    public void The_calibrated_policy_is_a_new_validated_version_based_on_the_source()
    {
        var source = OpportunityRules.DefaultPolicy;
        var policy = Result.Value.Policy;

        Assert.Empty(PolicyLoader.Validate(policy));
        Assert.Equal("1.3.0", policy.Version);
        Assert.Equal(source.Name, policy.Name);
        Assert.NotEqual(source.Stamp.Sha256, policy.Stamp.Sha256);
        Assert.True(policy.Metadata.Calibrated);
        Assert.Equal(source.Stamp, policy.Metadata.BasedOn);
        Assert.Equal("fixture", policy.Metadata.Dataset);
        Assert.False(source.Metadata.Calibrated); // the source policy is never changed
    }

    [Fact]
    public void The_calibrated_policy_keeps_the_rules_weights_and_replaces_only_the_win_probability()
    {
        var source = OpportunityRules.DefaultPolicy;
        var policy = Result.Value.Policy;

        foreach (var c in Enum.GetValues<Criterion>())
        {
            Assert.Equal(source.Grading.Weight(c), policy.Grading.Weight(c));
        }

        Assert.Equal(0m, policy.WinProbability.ScoreSlope);
        Assert.All(policy.WinProbability.CriterionSlopes.Values, s => Assert.True(s >= 0));
        Assert.All(policy.WinProbability.SignalSlopes.Values, s => Assert.True(s <= 0));
        Assert.NotEmpty(policy.WinProbability.CriterionSlopes);
    }

    [Fact]
    public void The_figures_are_stored_in_the_policy_and_round_trip_through_its_json()
    {
        var policy = Result.Value.Policy;
        var figures = policy.Metadata.Figures!;

        foreach (var key in new[] { "auc", "brier", "logLoss", "samples", "won", "lost", "folds", "lambda" })
        {
            Assert.True(figures.ContainsKey(key), key);
        }

        Assert.Equal(80m, figures["samples"]);
        Assert.Equal(4m, figures["folds"]);
        var reloaded = PolicyLoader.Parse(PolicyLoader.ToJson(policy));
        Assert.Equal(policy.Stamp, reloaded.Stamp);
    }

    [Fact]
    public void The_evaluation_separates_the_fixture_and_serialises_to_the_documented_shape()
    {
        var evaluation = Result.Value.Evaluation;

        Assert.True(evaluation.Calibrated.Auc > 0.7);
        Assert.Equal(10, evaluation.Calibrated.Reliability.Count);
        Assert.Equal(80, evaluation.Calibrated.Reliability.Sum(b => b.Count));
        var json = System.Text.Json.JsonDocument.Parse(evaluation.ToJson()).RootElement;
        foreach (var key in new[] { "auc", "brier", "logLoss", "reliability" })
        {
            Assert.True(json.GetProperty("uncalibrated").TryGetProperty(key, out _), key);
        }

        foreach (var key in new[] { "auc", "brier", "logLoss", "folds", "reliability" })
        {
            Assert.True(json.GetProperty("calibrated").TryGetProperty(key, out _), key);
        }
    }

    [Fact]
    public void Scoring_the_calibrated_policy_uses_the_fitted_model()
    {
        var history = HistoryReader.Read(new StringReader(History.SalvirtFixture.ThreeRows), HistoryMapping.Builtin("salvirt"));
        var scorer = OpportunityRules.CreateScorer(Result.Value.Policy);

        var strong = scorer.Score(history[0].Opportunity, new DateOnly(2000, 1, 1));
        var weak = scorer.Score(history[2].Opportunity, new DateOnly(2000, 1, 1));

        Assert.True(strong.WinProbability > weak.WinProbability);
        Assert.Equal(Result.Value.Policy.Stamp, strong.Policy);
    }

    [Fact]
    public void Too_small_a_history_is_refused()
    {
        var history = HistoryReader.Read(new StringReader(History.SalvirtFixture.ThreeRows), HistoryMapping.Builtin("salvirt"));

        Assert.Throws<ArgumentException>(() => WinProbabilityCalibrator.Calibrate(OpportunityRules.CreateScorer(), history));
    }

    [Theory]
    [InlineData("1.0.0", "1.1.0")]
    [InlineData("2.9.4", "2.10.0")]
    [InlineData("1.2.3-beta", "1.3.0")]
    public void The_next_version_bumps_the_minor(string version, string next)
    {
        Assert.Equal(next, WinProbabilityCalibrator.NextMinorVersion(version));
    }
}
