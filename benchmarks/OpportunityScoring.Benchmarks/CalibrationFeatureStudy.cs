using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Calibration;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 4's feature study (<c>dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- calibration-features [csv]</c>):
/// which features of a scored won/lost history could lift the calibrated win probability. Every candidate is fitted
/// exactly as <see cref="WinProbabilityCalibrator"/> fits (L2 logistic regression, λ from {0.1 … 30} by an inner
/// stratified 5-fold CV with seed + 1, lowest log loss) and judged on the same outer stratified 10 folds (seed 42), so
/// the first line reproduces <c>evaluate --mapping salvirt</c>. Rule-derived candidates keep the calibrator's signs
/// (evidence never lowers, a rule signal never raises the probability). The last lines are ceilings, not candidates:
/// free one-hot logistic regressions over the mapped contract fields and over raw columns of the file.
/// </summary>
public static class CalibrationFeatureStudy
{
    private static readonly double[] LambdaGrid = [0.1, 0.3, 1, 3, 10, 30];

    private static readonly string[] ScoredSalvirtColumns =
        ["Needs_def", "Scope", "Budgt_alloc", "Competitors", "Up_sale", "Client", "Deal_type", "Purch_dept", "Forml_tend", "Authority", "Posit_statm", "Source", "Strat_deal", "Att_t_client"];

    /// <summary>Runs the study on a Salvirt CSV and prints one line per feature set.</summary>
    /// <param name="csv">The Salvirt CSV.</param>
    /// <param name="output">Where to print.</param>
    public static void Run(string csv, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var history = HistoryReader.ReadFile(csv, HistoryMapping.Resolve("salvirt"));
        var scorer = OpportunityRules.CreateScorer(OpportunityRules.DefaultPolicy);
        var asOf = new DateOnly(2000, 1, 1);
        var assessments = history.Select(h => scorer.Score(h.Opportunity, asOf)).ToArray();
        var won = history.Select(h => h.Won).ToArray();
        var folds = CrossValidation.StratifiedFolds(won, 10, CrossValidation.DefaultSeed);

        var flagCodes = assessments.SelectMany(a => a.RedFlags.Select(f => f.Code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var knockOutCodes = assessments.SelectMany(a => a.KnockOuts.Select(k => k.Code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var itemRules = assessments.SelectMany(a => a.Reasons.Where(r => r.Criterion is not null && r.Rule.StartsWith("Grading.", StringComparison.Ordinal) && !r.Rule.Contains("KnockOut", StringComparison.Ordinal)).Select(r => r.Rule))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var levels = Enumerable.Range(0, 7).Select(c => assessments.Select(a => Sub(a, c)).Distinct().Order().ToArray()).ToArray();
        var varying = Enumerable.Range(0, 7).Where(c => levels[c].Length > 1).ToArray();
        string[] criterionPrefixes = ["need.", "budget.", "timeline.", "competition.", "decisionChain.", "strategicFit.", "grossMargin."];

        void Signals(Assessment a, Features f, bool knockOutCodesToo = false)
        {
            f.Add(a.KnockOuts.Count > 0 ? 1 : 0, CoefficientSign.NonPositive);
            f.Add(a.RedFlags.Count, CoefficientSign.NonPositive);
            foreach (var code in flagCodes)
            {
                f.Add(a.RedFlags.Any(r => r.Code == code) ? 1 : 0, CoefficientSign.NonPositive);
            }

            if (knockOutCodesToo)
            {
                foreach (var code in knockOutCodes)
                {
                    f.Add(a.KnockOuts.Any(k => k.Code == code) ? 1 : 0, CoefficientSign.NonPositive);
                }
            }
        }

        void SubScores(Assessment a, Features f)
        {
            for (var c = 0; c < 7; c++)
            {
                f.Add(Sub(a, c), CoefficientSign.NonNegative);
            }
        }

        void Items(Assessment a, Features f)
        {
            foreach (var rule in itemRules)
            {
                f.Add((double)(a.Reasons.FirstOrDefault(r => r.Rule == rule)?.Points ?? 0m) / 10d, CoefficientSign.NonNegative);
            }
        }

        var sets = new List<(string Name, Func<Assessment, Features> Build)>
        {
            ("sub-scores + signals (the calibrator today)", a => { var f = new Features(); SubScores(a, f); Signals(a, f); return f; }),
            ("per-item credits + signals", a => { var f = new Features(); Items(a, f); Signals(a, f); return f; }),
            ("per-item credits + signals + unknown count per criterion", a =>
            {
                var f = new Features();
                Items(a, f);
                Signals(a, f);
                foreach (var prefix in criterionPrefixes)
                {
                    f.Add(a.MissingEvidence.Count(m => m.Field.StartsWith(prefix, StringComparison.Ordinal)), CoefficientSign.Free);
                }

                return f;
            }),
            ("sub-scores + signals + knock-out codes + gate end + bid noBid/review", a =>
            {
                var f = new Features();
                SubScores(a, f);
                Signals(a, f, knockOutCodesToo: true);
                f.Add(a.Gate.Outcome == GateOutcome.End ? 1 : 0, CoefficientSign.NonPositive);
                f.Add(a.Bid?.Decision == BidRecommendation.NoBid ? 1 : 0, CoefficientSign.NonPositive);
                f.Add(a.Bid?.Decision == BidRecommendation.Review ? 1 : 0, CoefficientSign.NonPositive);
                return f;
            }),
            ("monotone steps of each sub-score + signals", a =>
            {
                var f = new Features();
                for (var c = 0; c < 7; c++)
                {
                    foreach (var level in levels[c].Skip(1))
                    {
                        f.Add(Sub(a, c) >= level ? 1 : 0, CoefficientSign.NonNegative);
                    }
                }

                Signals(a, f);
                return f;
            }),
            ("sub-scores + pairwise products + signals", a =>
            {
                var f = new Features();
                SubScores(a, f);
                for (var i = 0; i < varying.Length; i++)
                {
                    for (var j = i + 1; j < varying.Length; j++)
                    {
                        f.Add(Sub(a, varying[i]) * Sub(a, varying[j]), CoefficientSign.NonNegative);
                    }
                }

                Signals(a, f);
                return f;
            }),
        };

        foreach (var (name, build) in sets)
        {
            var built = assessments.Select(build).ToArray();
            Report(output, name, [.. built.Select(b => b.Values.ToArray())], built[0].Signs, won, folds);
        }

        // Ceilings: what the mapped evidence itself carries (every contract field = value, free signs) and the raw file.
        var leaves = history.Select(h => Leaves(JsonSerializer.SerializeToElement(h.Opportunity, ContractJson.Options), string.Empty)
            .Where(l => l.Path is not ".id" and not ".name").ToDictionary(l => l.Path, l => l.Value, StringComparer.Ordinal)).ToArray();
        var keys = leaves.SelectMany(d => d.Select(kv => (kv.Key, kv.Value))).Distinct().OrderBy(k => k.Key, StringComparer.Ordinal).ThenBy(k => k.Value, StringComparer.Ordinal).ToArray();
        var contract = leaves.Select(d => keys.Select(k => d.TryGetValue(k.Key, out var v) && v == k.Value ? 1d : 0d).ToArray()).ToArray();
        Report(output, "ceiling: one-hot of every mapped contract field (free)", contract, Free(keys.Length), won, folds);

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(';');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(';')).ToArray();
        var all = header.Where(h => h != "Status").ToArray();
        RawOneHot(output, "ceiling: one-hot of the 14 mapped, scored raw columns (free)", ScoredSalvirtColumns, header, rows, won, folds);
        RawOneHot(output, "ceiling: one-hot of 20 raw columns, no Seller/Product (free)", [.. all.Where(c => c is not "Seller" and not "Product")], header, rows, won, folds);
        RawOneHot(output, "ceiling: one-hot of all 22 raw columns (free)", all, header, rows, won, folds);
    }

    private static double Sub(Assessment a, int criterion) => (double)a.Criteria[(Criterion)criterion] / 100d;

    private static CoefficientSign[] Free(int count) => [.. Enumerable.Repeat(CoefficientSign.Free, count)];

    private static void RawOneHot(TextWriter output, string name, string[] columns, string[] header, string[][] rows, bool[] won, int[] folds)
    {
        var index = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        var values = index.Select(j => rows.Select(r => r[j]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Skip(1).ToArray()).ToArray();
        var x = rows.Select(r => index.SelectMany((j, k) => values[k].Select(v => r[j] == v ? 1d : 0d)).ToArray()).ToArray();
        Report(output, name, x, Free(x[0].Length), won, folds);
    }

    private static IEnumerable<(string Path, string Value)> Leaves(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var leaf in Leaves(property.Value, path + "." + property.Name))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var leaf in Leaves(item, path + "." + i.ToString(CultureInfo.InvariantCulture)))
                    {
                        yield return leaf;
                    }

                    i++;
                }

                break;
            default:
                yield return (path, element.ToString());
                break;
        }
    }

    private static void Report(TextWriter output, string name, double[][] features, IReadOnlyList<CoefficientSign> signs, bool[] won, int[] folds)
    {
        // Constant columns cannot be fitted (the calibrator leaves them out too).
        var keep = Enumerable.Range(0, features[0].Length).Where(j => features.Any(r => r[j] != features[0][j])).ToArray();
        var x = features.Select(r => keep.Select(j => r[j]).ToArray()).ToArray();
        var s = keep.Select(j => signs[j]).ToArray();

        LogisticModel Fit(IReadOnlyList<int> rows, double lambda) =>
            LogisticRegression.Fit([.. rows.Select(i => x[i])], [.. rows.Select(i => won[i])], new LogisticRegressionOptions { Lambda = lambda, Signs = s });

        double ChooseLambda(IReadOnlyList<int> rows)
        {
            var outcomes = rows.Select(i => won[i]).ToArray();
            var inner = CrossValidation.StratifiedFolds(outcomes, 5, CrossValidation.DefaultSeed + 1);
            var best = LambdaGrid[0];
            var bestLoss = double.PositiveInfinity;
            foreach (var lambda in LambdaGrid)
            {
                var p = CrossValidation.OutOfFold(rows.Count, inner, train => Fit([.. train.Select(t => rows[t])], lambda), (m, i) => m.Predict(x[rows[i]]));
                var loss = ClassificationMetrics.LogLoss(p, outcomes);
                if (loss < bestLoss - 1e-12)
                {
                    best = lambda;
                    bestLoss = loss;
                }
            }

            return best;
        }

        var heldOut = CrossValidation.OutOfFold(x.Length, folds, train => Fit(train, ChooseLambda(train)), (m, i) => m.Predict(x[i]));
        var r = ClassificationMetrics.Report(heldOut, won);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-72} {keep.Length,3} features  AUC {r.Auc:0.0000}  Brier {r.Brier:0.0000}  log loss {r.LogLoss:0.0000}"));
    }

    private sealed class Features
    {
        public List<double> Values { get; } = [];

        public List<CoefficientSign> Signs { get; } = [];

        public void Add(double value, CoefficientSign sign)
        {
            Values.Add(value);
            Signs.Add(sign);
        }
    }
}
