using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Calibration;

/// <summary>
/// Calibrates a policy's win probability on won/lost history: scores every closed opportunity under the policy, takes
/// the seven criterion sub-scores (/ 100) and the rule signals (knock-out, red-flag count, each red flag) as features,
/// fits an L2-regularised logistic model whose sub-score slopes are kept ≥ 0 and signal slopes ≤ 0 (so the fitted
/// policy stays monotone and valid), and returns a new policy version with the fit and its cross-validated figures in
/// its metadata. The source policy is never changed.
/// </summary>
public static class WinProbabilityCalibrator
{
    /// <summary>The prefix of criterion features.</summary>
    public const string CriterionPrefix = "criterion.";

    private const int InnerFolds = 5;

    // The contract JSON without the id and name: the key of an opportunity's evidence profile.
    private static readonly JsonSerializerOptions ProfileOptions = CreateProfileOptions();

    /// <summary>Scores a history and builds the features.</summary>
    /// <param name="scorer">The scorer, under the policy to calibrate.</param>
    /// <param name="history">The closed opportunities.</param>
    /// <param name="asOf">The day to assess on.</param>
    /// <returns>The features, outcomes and the policy's own predictions.</returns>
    /// <exception cref="ScoringException">A rule failed for an opportunity.</exception>
    public static CalibrationData Score(IOpportunityScorer scorer, IReadOnlyList<ClosedOpportunity> history, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(history);
        // Score each distinct evidence profile once: the rules see the opportunity, not its id, so opportunities that
        // differ only in their id get the same assessment (a history of categorical answers has few distinct profiles).
        var profileOf = new int[history.Count];
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var representatives = new List<Opportunity>();
        var keys = new string[history.Count];
        Parallel.For(0, history.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            keys[i] = JsonSerializer.Serialize(history[i].Opportunity, ProfileOptions));
        for (var i = 0; i < history.Count; i++)
        {
            var key = keys[i];
            if (!profiles.TryGetValue(key, out var p))
            {
                p = representatives.Count;
                profiles[key] = p;
                representatives.Add(history[i].Opportunity);
            }

            profileOf[i] = p;
        }

        var scored = new Assessment[representatives.Count];
        Parallel.For(0, representatives.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            scored[i] = scorer.Score(representatives[i], asOf));
        var assessments = profileOf.Select(p => scored[p]).ToArray();

        var codes = assessments.SelectMany(a => a.RedFlags.Select(f => f.Code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var names = new List<string>();
        names.AddRange(GradingCodes.CriterionNames.Select(c => CriterionPrefix + c));
        names.Add("knockOut");
        names.Add("redFlags");
        names.AddRange(codes.Select(c => "flag." + c));
        var rows = new double[assessments.Length][];
        for (var i = 0; i < assessments.Length; i++)
        {
            var a = assessments[i];
            var row = new double[names.Count];
            for (var c = 0; c < 7; c++)
            {
                row[c] = (double)a.Criteria[(Criterion)c] / 100d;
            }

            row[7] = a.KnockOuts.Count > 0 ? 1 : 0;
            row[8] = a.RedFlags.Count;
            foreach (var f in a.RedFlags)
            {
                row[9 + codes.IndexOf(f.Code)] = 1;
            }

            rows[i] = row;
        }

        // Leave out what never varies: it cannot be fitted and would only clutter the policy.
        var keep = Enumerable.Range(0, names.Count).Where(j => rows.Any(r => r[j] != rows[0][j])).ToArray();
        return new CalibrationData(
            [.. keep.Select(j => names[j])],
            [.. rows.Select(r => keep.Select(j => r[j]).ToArray())],
            [.. history.Select(h => h.Won)],
            [.. assessments.Select(a => a.WinProbability)]);
    }

    /// <summary>Evaluates a policy's win probability on a history, as it stands and calibrated (cross-validated).</summary>
    /// <param name="scorer">The scorer, under the policy to evaluate.</param>
    /// <param name="history">The closed opportunities (both outcomes present).</param>
    /// <param name="options">Folds, seed, penalty.</param>
    /// <returns>The figures.</returns>
    public static EvaluationResult Evaluate(IOpportunityScorer scorer, IReadOnlyList<ClosedOpportunity> history, CalibrationOptions? options = null) =>
        Calibrate(scorer, history, options).Evaluation;

    /// <summary>Calibrates a policy's win probability on a history and returns the new policy version.</summary>
    /// <param name="scorer">The scorer, under the policy to calibrate.</param>
    /// <param name="history">The closed opportunities (both outcomes present, at least as many of each as folds).</param>
    /// <param name="options">Folds, seed, penalty, version, data-set name.</param>
    /// <returns>The new policy, the model and the figures.</returns>
    /// <exception cref="ArgumentException">The history is too small or has one outcome only.</exception>
    /// <exception cref="PolicyValidationException">The calibrated policy does not validate (a defect: the constraints keep it valid).</exception>
    public static CalibrationResult Calibrate(IOpportunityScorer scorer, IReadOnlyList<ClosedOpportunity> history, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(history);
        options ??= new CalibrationOptions();
        var won = history.Count(h => h.Won);
        var lost = history.Count - won;
        if (won < options.Folds || lost < options.Folds)
        {
            throw new ArgumentException($"calibration needs at least {options.Folds} won and {options.Folds} lost opportunities ({options.Folds} folds); the history has {won} won and {lost} lost", nameof(history));
        }

        var data = Score(scorer, history, options.AsOf);
        var source = scorer.Policy;
        var uncalibrated = ClassificationMetrics.Report(data.PolicyProbability, data.Won);

        // Outer cross-validation of the whole procedure (λ chosen inside each training fold).
        var folds = CrossValidation.StratifiedFolds(data.Won, options.Folds, options.Seed);
        var heldOut = CrossValidation.OutOfFold(data.Rows.Count, folds,
            train => FitWithLambda(data, train, options).Model,
            (model, i) => model.Predict(data.Rows[i]));
        var all = Enumerable.Range(0, data.Rows.Count).ToArray();
        var (final, lambda) = FitWithLambda(data, all, options);
        var cv = ClassificationMetrics.Report(heldOut, data.Won);
        var calibrated = new CrossValidatedReport(cv.Auc, cv.Brier, cv.LogLoss, options.Folds, options.Seed, lambda, cv.Reliability);
        var dataset = options.Dataset ?? "won/lost history";
        var evaluation = new EvaluationResult(dataset, source.Stamp, data.Rows.Count, won, lost, data.Names, uncalibrated, calibrated);
        var policy = BuildPolicy(source, data.Names, final, evaluation, options);
        return new CalibrationResult(policy, final, evaluation);
    }

    /// <summary>The next minor version: 1.4.2 → 1.5.0 (a pre-release suffix is dropped).</summary>
    /// <param name="version">A semantic version.</param>
    /// <returns>The bumped version.</returns>
    public static string NextMinorVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var core = version.Split('-', 2)[0].Split('.');
        return core.Length == 3 && int.TryParse(core[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) && int.TryParse(core[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? string.Create(CultureInfo.InvariantCulture, $"{major}.{minor + 1}.0")
            : throw new ArgumentException($"'{version}' is not a semantic version", nameof(version));
    }

    private static (LogisticModel Model, double Lambda) FitWithLambda(CalibrationData data, IReadOnlyList<int> rows, CalibrationOptions options)
    {
        var lambda = options.Lambda ?? ChooseLambda(data, rows, options);
        return (Fit(data, rows, lambda), lambda);
    }

    private static double ChooseLambda(CalibrationData data, IReadOnlyList<int> rows, CalibrationOptions options)
    {
        var outcomes = rows.Select(i => data.Won[i]).ToArray();
        var k = Math.Min(InnerFolds, Math.Min(outcomes.Count(o => o), outcomes.Count(o => !o)));
        if (k < 2 || options.LambdaGrid.Count == 0)
        {
            return options.LambdaGrid.Count > 0 ? options.LambdaGrid[options.LambdaGrid.Count / 2] : 1d;
        }

        var folds = CrossValidation.StratifiedFolds(outcomes, k, options.Seed + 1);
        var best = options.LambdaGrid[0];
        var bestLoss = double.PositiveInfinity;
        foreach (var lambda in options.LambdaGrid)
        {
            var predictions = CrossValidation.OutOfFold(rows.Count, folds,
                train => Fit(data, [.. train.Select(t => rows[t])], lambda),
                (model, i) => model.Predict(data.Rows[rows[i]]));
            var loss = ClassificationMetrics.LogLoss(predictions, outcomes);
            if (loss < bestLoss - 1e-12)
            {
                best = lambda;
                bestLoss = loss;
            }
        }

        return best;
    }

    // Identical feature vectors are pooled into one won row and one lost row weighted by their counts: the same fit,
    // far fewer rows (a history of categorical answers has few distinct profiles).
    private static LogisticModel Fit(CalibrationData data, IReadOnlyList<int> rows, double lambda)
    {
        var count = data.Profiles.Count == 0 ? 0 : data.Profiles.Max() + 1;
        var wonCount = new double[count];
        var lostCount = new double[count];
        var rowOf = new int[count];
        foreach (var i in rows)
        {
            var p = data.Profiles[i];
            rowOf[p] = i;
            if (data.Won[i])
            {
                wonCount[p]++;
            }
            else
            {
                lostCount[p]++;
            }
        }

        var features = new List<double[]>();
        var outcomes = new List<bool>();
        var weights = new List<double>();
        for (var p = 0; p < count; p++)
        {
            if (wonCount[p] > 0)
            {
                features.Add(data.Rows[rowOf[p]]);
                outcomes.Add(true);
                weights.Add(wonCount[p]);
            }

            if (lostCount[p] > 0)
            {
                features.Add(data.Rows[rowOf[p]]);
                outcomes.Add(false);
                weights.Add(lostCount[p]);
            }
        }

        var matrix = Matrix<double>.Build.DenseOfRowArrays(features);
        return LogisticRegression.Fit(matrix, outcomes, new LogisticRegressionOptions { Lambda = lambda, Signs = data.Signs }, weights);
    }

    private static ScoringPolicy BuildPolicy(ScoringPolicy source, IReadOnlyList<string> names, LogisticModel model, EvaluationResult evaluation, CalibrationOptions options)
    {
        // Round-trip through the policy's JSON so every other setting (rules' weights, scales, bands…) is kept as is.
        var node = JsonSerializer.SerializeToNode(source, ContractJson.Options)!.AsObject();
        var criterionSlopes = new JsonObject();
        var signalSlopes = new JsonObject();
        for (var j = 0; j < names.Count; j++)
        {
            var slope = Round(model.Coefficients[j]);
            if (slope == 0m)
            {
                continue;
            }

            if (names[j].StartsWith(CriterionPrefix, StringComparison.Ordinal))
            {
                criterionSlopes[names[j][CriterionPrefix.Length..]] = slope;
            }
            else
            {
                signalSlopes[names[j]] = slope;
            }
        }

        node["version"] = options.Version ?? NextMinorVersion(source.Version);
        node["winProbability"] = new JsonObject
        {
            ["intercept"] = Round(model.Intercept),
            ["scoreSlope"] = 0,
            ["criterionSlopes"] = criterionSlopes,
            ["signalSlopes"] = signalSlopes,
        };
        var cv = evaluation.Calibrated;
        node["metadata"] = new JsonObject
        {
            ["calibrated"] = true,
            ["source"] = string.Create(CultureInfo.InvariantCulture,
                $"Win probability fitted on won/lost history: L2-regularised logistic regression (IRLS, λ = {cv.Lambda}) on the criterion sub-scores and rule signals, sub-score slopes ≥ 0 and signal slopes ≤ 0; figures are {cv.Folds}-fold cross-validated (seed {cv.Seed}). Rules, weights and scales are those of the policy it is based on."),
            ["dataset"] = evaluation.Dataset,
            ["basedOn"] = JsonSerializer.SerializeToNode(source.Stamp, ContractJson.Options),
            ["figures"] = new JsonObject
            {
                ["auc"] = Round(cv.Auc),
                ["brier"] = Round(cv.Brier),
                ["logLoss"] = Round(cv.LogLoss),
                ["samples"] = evaluation.Samples,
                ["won"] = evaluation.Won,
                ["lost"] = evaluation.Lost,
                ["folds"] = cv.Folds,
                ["lambda"] = Round(cv.Lambda),
            },
        };
        return PolicyLoader.Parse(node.ToJsonString(ContractJson.Options), $"{source.Name} {node["version"]} (calibrated)");
    }

    private static JsonSerializerOptions CreateProfileOptions()
    {
        var options = new JsonSerializerOptions(ContractJson.Options);
        var resolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(static info =>
        {
            if (info.Type == typeof(Opportunity))
            {
                foreach (var property in info.Properties.Where(p => p.Name is "id" or "name").ToList())
                {
                    info.Properties.Remove(property);
                }
            }
        });
        options.TypeInfoResolver = resolver;
        options.MakeReadOnly();
        return options;
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero);
}
