using System.CommandLine;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Policy() => new("--policy")
    {
        Description = "A policy file (JSON) to score under; the embedded default policy when absent.",
    };

    /// <summary>Loads the policy named on the command line, or the default; reports why it cannot be used.</summary>
    public static ScoringPolicy? LoadPolicy(FileInfo? file, TextWriter stderr)
    {
        if (file is null)
        {
            return OpportunityRules.DefaultPolicy;
        }

        try
        {
            return PolicyLoader.LoadFile(file.FullName);
        }
        catch (PolicyValidationException e)
        {
            stderr.WriteLine(e.Message);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"Cannot read the policy file {file.FullName}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"Cannot read the policy file {file.FullName}: {e.Message}");
        }

        return null;
    }
}
