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
/// fits an L2-regularised logistic model (the penalty in standard units: every feature shrunk alike, whatever its spread) whose sub-score slopes are kept ≥ 0 and signal slopes ≤ 0 (so the fitted
/// policy stays monotone and valid), and returns a new policy version with the fit and its cross-validated figures in
/// its metadata. The source policy is never changed.
/// </summary>
public static partial class WinProbabilityCalibrator
{
    /// <summary>The prefix of criterion features.</summary>
    public const string CriterionPrefix = "criterion.";

    /// <summary>The prefix of segment features (<c>segment.&lt;value&gt;</c>: 1 for the opportunity's segment).</summary>
    public const string SegmentPrefix = "segment.";

    /// <summary>The prefix of deal-size band features (<c>dealSize.from.&lt;amount&gt;</c>: 1 for deals in the band from that amount).</summary>
    public const string DealSizeBandPrefix = "dealSize.from.";

    /// <summary>The deal-size feature: ln(amount / the history's median amount), 0 when the amount is not known.</summary>
    public const string DealSize = "dealSize";

    private const int InnerFolds = 5;

    // A segment gets its own intercept only with this many closed opportunities; smaller ones share the pooled intercept.
    private const int MinimumSegmentRows = 20;

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
        var amountFree = scorer.Policy.WinProbability.DealSize is null;
        var scoredAs = new Opportunity[history.Count];
        Parallel.For(0, history.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            scoredAs[i] = amountFree ? AmountFree(history[i].Opportunity) : history[i].Opportunity;
            keys[i] = JsonSerializer.Serialize(scoredAs[i], ProfileOptions);
        });
        for (var i = 0; i < history.Count; i++)
        {
            var key = keys[i];
            if (!profiles.TryGetValue(key, out var p))
            {
                p = representatives.Count;
                profiles[key] = p;
                representatives.Add(scoredAs[i]);
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
        // (segment and deal size are appended below, from the history itself)
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

        var extra = ExtraFeatures(history);
        if (extra.Names.Count > 0)
        {
            names.AddRange(extra.Names);
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = [.. rows[i], .. extra.Rows[i]];
            }
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

        var (calibrated, final) = CrossValidate(data, options);
        var dataset = options.Dataset ?? "won/lost history";
        var evaluation = new EvaluationResult(dataset, source.Stamp, data.Rows.Count, won, lost, data.Names, uncalibrated, calibrated);
        var policy = BuildPolicy(source, data.Names, final, evaluation, options, MedianAmount(history));
        return new CalibrationResult(policy, final, evaluation) { Contradicted = ContradictedFeature.Find(data, final, calibrated.Lambda) };
    }

    /// <summary>Cross-validates the fit (λ chosen inside each training fold) and fits it on every row.</summary>
    internal static (CrossValidatedReport Report, LogisticModel Final) CrossValidate(CalibrationData data, CalibrationOptions options)
    {
        var folds = CrossValidation.StratifiedFolds(data.Won, options.Folds, options.Seed);
        var heldOut = CrossValidation.OutOfFold(data.Rows.Count, folds,
            train => FitWithLambda(data, train, options).Model,
            (model, i) => model.Predict(data.Rows[i]));
        var all = Enumerable.Range(0, data.Rows.Count).ToArray();
        var (final, lambda) = FitWithLambda(data, all, options);
        var cv = ClassificationMetrics.Report(heldOut, data.Won);
        return (new CrossValidatedReport(cv.Auc, cv.Brier, cv.LogLoss, options.Folds, options.Seed, lambda, cv.Reliability), final);
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

    // The rules read the contract amount only against a budget amount, a cost, a margin, the overheads or the initiation
    // report's amount: without any of these it changes no sub-score, knock-out or red flag, so the opportunity is scored
    // at amount 1 and opportunities that differ only in their amount share one profile (a history with real deal sizes
    // would otherwise be scored row by row). The deal size still reaches the calibration, from ClosedOpportunity.Amount.
    private static Opportunity AmountFree(Opportunity o) =>
        o.Budget.Amount is null && o.EstimatedCost is null && o.GrossMargin is null && o.SalesExpenseBudget is null && o.BidCost is null
        && o.InitiationReport?.ExpectedContractAmount is null && o.InitiationReport?.SalesExpenseBudget is null && o.ExpectedContractAmount != 1m
            ? o with { ExpectedContractAmount = 1m }
            : o;

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
