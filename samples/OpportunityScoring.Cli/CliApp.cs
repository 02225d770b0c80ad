using System.CommandLine;

namespace OpportunityScoring.Cli;

/// <summary>The command tree; <see cref="Run"/> is callable in-process (the tests drive it).</summary>
public static class CliApp
{
    /// <summary>Exit code: every record was assessed.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: some records were rejected (see <c>errors</c>); the rest were assessed.</summary>
    public const int SomeRejected = 1;

    /// <summary>Exit code: the input or the policy cannot be read or used at all.</summary>
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
        };
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
