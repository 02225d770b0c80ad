using System.CommandLine;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary><c>report &lt;file&gt; --id &lt;opportunity&gt;</c>: the Markdown decision record (總結報告) of one opportunity.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The pipeline file (the contract's JSON)." };
        var id = new Option<string>("--id") { Description = "The opportunity's id.", Required = true };
        var policyOption = CommonOptions.Policy();
        var culture = CommonOptions.Culture();
        var store = LedgerOptions.StoreOption(required: false); // with the ledger: the gate record (issue 21)
        var command = new Command("report", "Print the Markdown decision record of one opportunity: decision, fatal factors, cost risk, economics, gate, recommended action, improvements and flip points; with --store, the gate record (the engine's recommendation beside the override and its approver).") { file, id, policyOption, culture, store };
        command.SetAction(parse =>
        {
            var policy = CommonOptions.LoadPolicy(parse.GetValue(policyOption), stderr);
            if (policy is null)
            {
                return CliApp.Unusable;
            }

            var wanted = parse.GetValue(id)!;
            PipelineRecord? record;
            IReadOnlyList<InputError> errors;
            DateOnly? asOfInFile;
            try
            {
                using var source = PipelineSource.Open(PipelineFormat.Json, parse.GetValue(file)!.FullName);
                record = source.Find(wanted, out errors);
                asOfInFile = source.AsOf;
            }
            catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(e.Message);
                return CliApp.Unusable;
            }

            if (record is not null && errors.Count > 0)
            {
                stderr.WriteLine($"{wanted} is ambiguous: " + string.Join("; ", errors.Select(e => $"index {e.Index}, {e.Field}: {e.Message}")));
                return CliApp.SomeRejected;
            }

            if (record?.Opportunity is not { } opportunity)
            {
                stderr.WriteLine(errors.Count > 0
                    ? $"{wanted} cannot be assessed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))
                    : $"no opportunity with id {wanted} in the file");
                return CliApp.SomeRejected;
            }

            var asOf = asOfInFile ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var texts = Texts.For(parse.GetValue(culture));
            var explanation = OpportunityRules.CreateScorer(policy).Explain(opportunity, asOf, texts);
            var markdown = DecisionReport.Create(opportunity, explanation.Assessment, asOf).ToMarkdown(texts);
            if (parse.GetValue(store) is { } ledgerStore)
            {
                var code = LoopOutput.With(ledgerStore, stderr, ledger =>
                {
                    markdown += GateRecord.Markdown(explanation.Assessment, asOf, ledger.OverridesOf(wanted, asOf), texts);
                    return CliApp.Ok;
                });
                if (code != CliApp.Ok)
                {
                    return code;
                }
            }

            stdout.Write(markdown);
            return CliApp.Ok;
        });
        return command;
    }
}
