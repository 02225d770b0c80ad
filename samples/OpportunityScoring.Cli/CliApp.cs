using System.CommandLine;

namespace OpportunityScoring.Cli;

/// <summary>The command tree; <see cref="Run"/> is callable in-process (the tests drive it).</summary>
public static class CliApp
{
    /// <summary>Exit code: every record was assessed.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: some records were rejected (see <c>errors</c>); the rest were assessed.</summary>
    public const int SomeRejected = 1;

    /// <summary>
    /// Exit code: the input or the policy cannot be read or used at all, the command line cannot be parsed, or the run
    /// stopped on an unforeseen error.
    /// </summary>
    public const int Unusable = 2;

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("OpportunityScoring: grade, score and decide key-account sales opportunities with declarative rule sets.")
        {
            ScoreCommand.Create(stdout, stderr),
            ValidatePolicyCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
            EvaluateCommand.Create(stdout, stderr),
            AhpCommand.Create(stdout, stderr),
            WhatIfCommand.Create(stdout, stderr),
            HistoryCommand.Create(stdout, stderr),   // the decision ledger (docs/ledger.md)
            ExportCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout, stderr),      // the review loop (issue 21): plan, act, review
            OverrideCommand.Create(stdout, stderr),
            OutcomeCommand.Create(stdout, stderr),
            ReviewCommand.Create(stdout, stderr),
            AccountsCommand.Create(stdout, stderr),  // the key-account list (issue 19, docs/accounts.md)
        };
        var parse = root.Parse(args);
        try
        {
            var code = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });

            // System.CommandLine reports a usage error (unknown option, missing argument, value not among those listed)
            // with exit code 1, which means "some records were rejected" here: a command line that cannot run is unusable.
            return parse.Errors.Count > 0 ? Unusable : code;
        }
        catch (Exception e)
        {
            // The last handler: no exception escapes a verb. One line, exit 2; the verbs that write files replace them only
            // on success (OutputFile), so whatever failed leaves the previous outputs as they were.
            try
            {
                stderr.WriteLine($"{parse.CommandResult.Command.Name}: unexpected error ({e.GetType().Name}): {OneLine(e.Message)}");
            }
            catch (Exception)
            {
                // Standard error itself is what failed: the exit code still says it.
            }

            return Unusable;
        }
    }

    /// <summary>A message on one line (a wrapped exception's message can span several).</summary>
    /// <param name="message">The message.</param>
    /// <returns>Its lines joined by spaces.</returns>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
