using System.CommandLine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Cli;

/// <summary><c>export --store … --format dynamics|salesforce</c>: the ledger's latest assessments for a CRM (docs/ledger.md).</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = LedgerOptions.StoreOption(required: true);
        var format = new Option<string>("--format") { Description = "dynamics (Dynamics 365 msdyn_predictivescore records, JSON) or salesforce (a CSV keyed by Id for Data Loader).", Required = true };
        format.AcceptOnlyFromAmong([.. CrmExport.Formats]);
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "The latest assessment of every opportunity in the ledger's complete runs, with its trend and top reasons, for Dynamics 365 or Salesforce.")
        {
            store, format, output,
        };
        command.SetAction(parse => Run(parse.GetValue(store)!, parse.GetValue(format)!, parse.GetValue(output), stdout, stderr));
        return command;
    }

    private static int Run(string store, string format, FileInfo? file, TextWriter stdout, TextWriter stderr)
    {
        using var ledger = LedgerOptions.Open(store, stderr);
        if (ledger is null)
        {
            return CliApp.Unusable;
        }

        try
        {
            using var target = file is null ? (Stream)new BufferedStream(new TextWriterStream(stdout), 1 << 16) : DirectFileStream.Open(file.FullName, FileMode.Create, FileShare.None, 1 << 16);
            var count = CrmExport.Write(format, ledger.Latest(), target);
            target.Flush();
            stderr.WriteLine($"export: {count:N0} opportunities ({format}) from {ledger.Target}.");
            return CliApp.Ok;
        }
        catch (LedgerException e)
        {
            stderr.WriteLine(e.Message);
            return CliApp.Unusable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Cannot write {file?.FullName}: {e.Message}");
            return CliApp.Unusable;
        }
    }
}
