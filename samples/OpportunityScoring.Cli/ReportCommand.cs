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
        var id = new Option<string>("--id") { Description = "The opportunity's id." };
        var account = new Option<string?>("--account") { Description = "Instead of --id: an account's id, for its key-account follow-up table (大客戶客戶跟進表)." };
        var accounts = AccountsCommand.AccountsFile();
        var policyOption = CommonOptions.Policy();
        var culture = CommonOptions.Culture();
        var store = LedgerOptions.StoreOption(required: false); // with the ledger: the gate record (issue 21)
        var command = new Command("report", "Print the Markdown decision record of one opportunity: decision, fatal factors, cost risk, economics, gate, recommended action, improvements and flip points; with --account, the key-account record; with --store, the gate record (the engine's recommendation beside the override and its approver).") { file, id, policyOption, culture, account, accounts, store };
        command.SetAction(parse =>
        {
            if (parse.GetValue(account) is { } accountId)
            {
                return AccountReport(parse.GetValue(file)!, accountId, parse.GetValue(accounts), parse.GetValue(policyOption), Texts.For(parse.GetValue(culture)), stdout, stderr);
            }

            if (parse.GetValue(id) is null)
            {
                stderr.WriteLine("report: give --id (an opportunity) or --account (a key account).");
                return CliApp.Unusable;
            }

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

    /// <summary>The follow-up table of one account: the pipeline's opportunities of every account are tallied, the account's all kept.</summary>
    private static int AccountReport(FileInfo file, string accountId, FileInfo? accounts, FileInfo? policy, Texts texts, TextWriter stdout, TextWriter stderr)
    {
        var list = AccountsCommand.Grade(file, "json", accounts, policy, null, stderr, out _, dealsKept: 50);
        if (list is null)
        {
            return CliApp.Unusable;
        }

        foreach (var e in list.Errors.Where(e => e.Id == accountId || e.Id is null))
        {
            stderr.WriteLine($"rejected account {e.Id ?? "#" + e.Index} (index {e.Index}), {e.Field}: {e.Message}");
        }

        if (!list.WriteReport(accountId, stdout, texts))
        {
            stderr.WriteLine($"no account with id {accountId} in the pipeline or the accounts file");
            return CliApp.SomeRejected;
        }

        return CliApp.Ok;
    }
}
