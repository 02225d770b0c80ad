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
        var command = new Command("evaluate", "Evaluate and calibrate the win probability on a won/lost history (ROC AUC, Brier, log loss, reliability; k-fold cross-validated).")
        {
            file, mapping, folds, seed, lambda, format, policyOption, writePolicy, version,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(mapping)!, parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(lambda),
            parse.GetValue(format)!, parse.GetValue(policyOption), parse.GetValue(writePolicy), parse.GetValue(version), stdout, stderr));
        return command;
    }

    private static int Run(FileInfo file, string mappingName, int folds, int seed, double? lambda, string format, FileInfo? policyFile, FileInfo? writePolicy, string? version, TextWriter stdout, TextWriter stderr)
    {
        var policy = CommonOptions.LoadPolicy(policyFile, stderr);
        if (policy is null)
        {
            return CliApp.Unusable;
        }

        HistoryMapping mapping;
        IReadOnlyList<ClosedOpportunity> history;
        var clock = Stopwatch.StartNew();
        try
        {
            mapping = HistoryMapping.Resolve(mappingName);
            history = HistoryReader.ReadFile(file.FullName, mapping);
        }
        catch (Exception e) when (e is HistoryMappingException or HistoryFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }

        var read = clock.Elapsed;
        CalibrationResult result;
        try
        {
            result = WinProbabilityCalibrator.Calibrate(OpportunityRules.CreateScorer(policy), history, new CalibrationOptions
            {
                Folds = folds,
                Seed = seed,
                Lambda = lambda,
                Version = version,
                Dataset = $"{mapping.Name}: {file.Name}",
            });
        }
        catch (Exception e) when (e is ArgumentException or PolicyValidationException or ScoringException)
        {
            stderr.WriteLine($"{file.Name}: cannot calibrate: {e.Message}");
            return CliApp.Unusable;
        }

        var total = clock.Elapsed;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{history.Count} closed opportunities read in {read.TotalSeconds:0.00} s; scored, cross-validated and calibrated in {(total - read).TotalSeconds:0.00} s."));
        if (format == "json")
        {
            stdout.WriteLine(result.Evaluation.ToJson());
        }
        else
        {
            Render(result, stdout);
        }

        if (writePolicy is not null)
        {
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

    private static void Render(CalibrationResult result, TextWriter output)
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
            .Title(Markup.Escape($"{e.Dataset}: {e.Samples} closed ({e.Won} won, {e.Lost} lost) — policy {e.Policy.Name} {e.Policy.Version} ({e.Policy.Sha256[..12]})"))
            .AddColumn("").AddColumn(new TableColumn("ROC AUC").RightAligned()).AddColumn(new TableColumn("Brier").RightAligned()).AddColumn(new TableColumn("Log loss").RightAligned()).AddColumn("How");
        summary.AddRow("uncalibrated", F(e.Uncalibrated.Auc), F(e.Uncalibrated.Brier), F(e.Uncalibrated.LogLoss), "the policy's own win probability, every row");
        summary.AddRow("calibrated", F(e.Calibrated.Auc), F(e.Calibrated.Brier), F(e.Calibrated.LogLoss),
            Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{e.Calibrated.Folds}-fold cross-validated (seed {e.Calibrated.Seed}), λ {e.Calibrated.Lambda}")));
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
    }
}
