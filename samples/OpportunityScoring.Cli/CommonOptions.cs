using System.CommandLine;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Policy() => new("--policy")
    {
        Description = "A policy file (JSON) to score under; the embedded default policy when absent.",
    };

    public static Option<string?> Culture() => new("--culture")
    {
        Description = "The language of the texts: en (default), zh-Hant (Traditional Chinese) or zh-Hans (Simplified Chinese); any culture name (zh-TW, zh-CN, …) maps to one of them. Codes never change.",
    };

    public static Option<ScoringEngine> Engine()
    {
        var option = new Option<ScoringEngine>("--engine")
        {
            Description = "compiled (default: the rule definitions compiled flat, where the rule sets allow it), fused (the same, generated into one method per policy) or rete (one NRules session per opportunity, the reference semantics).",
            DefaultValueFactory = _ => ScoringEngine.Compiled,
            CustomParser = r => r.Tokens.Single().Value switch
            {
                "compiled" => ScoringEngine.Compiled,
                "rete" => ScoringEngine.Rete,
                "fused" => ScoringEngine.Fused,
                var other => Fail(r, other),
            },
        };
        option.AcceptOnlyFromAmong("compiled", "rete", "fused");
        return option;

        static ScoringEngine Fail(System.CommandLine.Parsing.ArgumentResult r, string word)
        {
            r.AddError($"'{word}' is not an engine; use compiled, fused or rete");
            return ScoringEngine.Rete;
        }
    }

    /// <summary>Says on standard error when the compiled engine was asked for but refused, and why.</summary>
    public static void ReportFallback(OpportunityScorer scorer, ScoringEngine wanted, TextWriter stderr)
    {
        if (wanted is ScoringEngine.Compiled or ScoringEngine.Fused && scorer.Engine == ScoringEngine.Rete)
        {
            stderr.WriteLine("The compiled engine refused these rules; scoring with Rete sessions instead:");
            foreach (var reason in scorer.FallbackReasons)
            {
                stderr.WriteLine("  - " + reason);
            }
        }

        if (wanted == ScoringEngine.Fused && scorer.FusedFallbacks.Count > 0)
        {
            stderr.WriteLine("The fused engine could not inline these rules; they run on the flat engine inside the fused method:");
            foreach (var reason in scorer.FusedFallbacks)
            {
                stderr.WriteLine("  - " + reason);
            }
        }
    }

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
