namespace OpportunityScoring.Cli;

/// <summary>The <c>opportunity-scoring</c> command-line program.</summary>
public static class Program
{
    /// <summary>Runs the program.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 when every record was assessed, 1 when some were rejected, 2 when the input or policy cannot be used.</returns>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
