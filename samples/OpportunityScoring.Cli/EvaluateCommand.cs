using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OpportunityScoring.Calibration;
using OpportunityScoring.Calibration.History;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>evaluate &lt;csv&gt; --mapping salvirt|ibm|&lt;file&gt;</c>: how good the policy's win probability is on a won/lost
/// history, as it stands and calibrated (k-fold cross-validated); <c>--write-policy</c> writes the calibrated policy.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("history") { Description = "The won/lost history: a CSV file, or a .zip holding one CSV file." };
        var mapping = new Option<string>("--mapping")
        {
            Description = "How the history maps onto the contract: a built-in mapping (salvirt, ibm) or a mapping file (JSON).",
            Required = true,
        };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the stratified folds.", DefaultValueFactory = _ => CrossValidation.DefaultSeed };
        var lambda = new Option<double?>("--lambda") { Description = "A fixed L2 penalty; chosen by inner 5-fold cross-validation when absent." };
        var format = new Option<string>("--format") { Description = "table (for people) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var policyOption = CommonOptions.Policy();
        var writePolicy = new Option<FileInfo?>("--write-policy") { Description = "Write the calibrated policy (a new version; JSON) to this file." };
        var version = new Option<string?>("--version-as") { Description = "The calibrated policy's version (default: the source's minor version + 1)." };
        var baseline = new Option<bool>("--baseline") { Description = "Also cross-validate a plain L2 logistic regression, one-hot over the source columns the mapping reads (the same folds): the model-free ceiling beside the policy's figures." };
        var command = new Command("evaluate", "Evaluate and calibrate the win probability on a won/lost history (ROC AUC, Brier, log loss, reliability; k-fold cross-validated).")
        {
            file, mapping, folds, seed, lambda, format, policyOption, writePolicy, version, baseline,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(mapping)!, parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(lambda),
            parse.GetValue(format)!, parse.GetValue(policyOption), parse.GetValue(writePolicy), parse.GetValue(version), parse.GetValue(baseline), stdout, stderr));
        return command;
    }

    private static int Run(FileInfo file, string mappingName, int folds, int seed, double? lambda, string format, FileInfo? policyFile, FileInfo? writePolicy, string? version, bool withBaseline, TextWriter stdout, TextWriter stderr)
    {
        var policy = CommonOptions.LoadPolicy(policyFile, stderr);
        if (policy is null)
        {
            return CliApp.Unusable;
        }

        HistoryMapping mapping;
        HistoryReadResult read;
        var clock = Stopwatch.StartNew();
        try
        {
            mapping = HistoryMapping.Resolve(mappingName);
            read = HistoryReader.ReadFileWithReport(file.FullName, mapping);
        }
        catch (Exception e) when (e is HistoryMappingException or HistoryFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }

        var history = read.Opportunities;
        var readTime = clock.Elapsed;
        EvaluateReport.WriteRead(read, stderr);
        CalibrationResult result;
        CrossValidatedReport? baselineReport = null;
        try
        {
            var scorer = OpportunityRules.CreateScorer(policy);
            var coverage = MappingCoverage.Of(mapping, scorer, history);
            if (!EvaluateReport.WriteCoverage(coverage, stderr))
            {
                stderr.WriteLine($"{file.Name}: nothing the policy scores is mapped: every mapped field ({string.Join(", ", coverage.Select(c => c.Field).Distinct())}) is read but unscored, so the win probability would be the same for every row. Map a column onto a scored field (docs/mappings.md).");
                return CliApp.Unusable;
            }

            var options = new CalibrationOptions
            {
                Folds = folds,
                Seed = seed,
                Lambda = lambda,
                Version = version,
                Dataset = EvaluateReport.Dataset(mapping, file.Name, read),
            };
            result = WinProbabilityCalibrator.Calibrate(scorer, history, options);
            if (withBaseline || writePolicy is not null)
            {
                baselineReport = withBaseline ? LogisticBaseline.Evaluate(read, options) : null;
            }
        }
        catch (Exception e) when (e is ArgumentException or PolicyValidationException or ScoringException)
        {
            stderr.WriteLine($"{file.Name}: cannot calibrate: {e.Message}");
            return CliApp.Unusable;
        }

        var total = clock.Elapsed;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{history.Count} closed opportunities read in {readTime.TotalSeconds:0.00} s; scored, cross-validated and calibrated in {(total - readTime).TotalSeconds:0.00} s."));
        if (format == "json")
        {
            stdout.WriteLine(EvaluateReport.Json(result.Evaluation, read, baselineReport));
        }
        else
        {
            Render(result, baselineReport, stdout);
        }

        if (writePolicy is not null)
        {
            // Safe retraining (Dynamics 365's rule): a new version only when its cross-validated AUC on this history is at
            // least 95% of the current policy's AUC on the same history.
            var current = result.Evaluation.Uncalibrated.Auc;
            var candidate = result.Evaluation.Calibrated.Auc;
            if (candidate < EvaluateReport.RetrainShare * current)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"not ready: the calibrated policy's cross-validated ROC AUC {candidate:0.0000} is below 95% of the current policy's {current:0.0000} on the same history ({EvaluateReport.RetrainShare * current:0.0000} needed); {writePolicy.FullName} was not written."));
                return CliApp.SomeRejected;
            }

            try
            {
                // Written beside the target and renamed over it: a failure never leaves half a policy.
                using var target = OutputFile.Create(writePolicy.FullName);
                using (var text = new StreamWriter(target.Stream, leaveOpen: true))
                {
                    text.Write(PolicyLoader.ToJson(result.Policy) + Environment.NewLine);
                }

                target.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot write {writePolicy.FullName}: {e.Message}");
                return CliApp.Unusable;
            }

            stderr.WriteLine($"Calibrated policy '{result.Policy.Stamp.Name}' {result.Policy.Stamp.Version} (sha256 {result.Policy.Stamp.Sha256}) written to {writePolicy.FullName}; based on {policy.Stamp.Version} ({policy.Stamp.Sha256[..12]}).");
        }

        return CliApp.Ok;
    }

    private static void Render(CalibrationResult result, CrossValidatedReport? baseline, TextWriter output)
    {
        var e = result.Evaluation;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var summary = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{e.Dataset} — policy {e.Policy.Name} {e.Policy.Version} ({e.Policy.Sha256[..12]})"))
            .AddColumn("").AddColumn(new TableColumn("ROC AUC").RightAligned()).AddColumn(new TableColumn("Brier").RightAligned()).AddColumn(new TableColumn("Log loss").RightAligned()).AddColumn("How");
        summary.AddRow("uncalibrated", F(e.Uncalibrated.Auc), F(e.Uncalibrated.Brier), F(e.Uncalibrated.LogLoss), "the policy's own win probability, every row");
        summary.AddRow("calibrated", F(e.Calibrated.Auc), F(e.Calibrated.Brier), F(e.Calibrated.LogLoss),
            Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{e.Calibrated.Folds}-fold cross-validated (seed {e.Calibrated.Seed}), λ {e.Calibrated.Lambda}")));
        var p = (double)e.Won / e.Samples;
        summary.AddRow("base rate", "0.500", F(p * (1 - p)), F(-(p * Math.Log(p) + (1 - p) * Math.Log(1 - p))), "always the history's win rate");
        if (baseline is not null)
        {
            summary.AddRow("baseline", F(baseline.Auc), F(baseline.Brier), F(baseline.LogLoss),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"plain logistic regression, one-hot over the source columns read, same folds, λ {baseline.Lambda}")));
        }

        console.Write(summary);

        var reliability = new Table().Border(TableBorder.Rounded).Title("Reliability (predicted vs observed win rate)")
            .AddColumn("Bin").AddColumn(new TableColumn("n").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned()).AddColumn(new TableColumn("observed").RightAligned())
            .AddColumn(new TableColumn("n (cal.)").RightAligned()).AddColumn(new TableColumn("predicted (cal.)").RightAligned()).AddColumn(new TableColumn("observed (cal.)").RightAligned());
        for (var b = 0; b < e.Uncalibrated.Reliability.Count; b++)
        {
            var u = e.Uncalibrated.Reliability[b];
            var c = e.Calibrated.Reliability[b];
            static string O(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            reliability.AddRow(
                string.Create(CultureInfo.InvariantCulture, $"{u.Lower:0.0}–{u.Upper:0.0}"),
                u.Count.ToString(CultureInfo.InvariantCulture), O(u.MeanPredicted), O(u.ObservedRate),
                c.Count.ToString(CultureInfo.InvariantCulture), O(c.MeanPredicted), O(c.ObservedRate));
        }

        console.Write(reliability);

        var model = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Calibrated model (fitted on all rows) → policy {result.Policy.Stamp.Version} ({result.Policy.Stamp.Sha256[..12]})"))
            .AddColumn("Feature").AddColumn(new TableColumn("Slope").RightAligned());
        model.AddRow("intercept", result.Model.Intercept.ToString("0.0000", CultureInfo.InvariantCulture));
        for (var j = 0; j < e.Features.Count; j++)
        {
            model.AddRow(Markup.Escape(e.Features[j]), result.Model.Coefficients[j].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        console.Write(model);
        foreach (var c in result.Contradicted)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in your history, {c.Feature} ran against the policy: its slope is held at 0; unconstrained {c.Estimate:0.000} (95% interval {c.Low:0.000} to {c.High:0.000})"));
        }
    }
}
