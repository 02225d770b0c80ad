using System.CommandLine;

namespace OpportunityScoring.Cli;

/// <summary><c>validate-policy &lt;file&gt;</c>: checks a policy and says what to fix.</summary>
internal static class ValidatePolicyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy file (JSON)." };
        var command = new Command("validate-policy", "Check a policy file: weights, scales, grade bands without gaps or overlaps, knock-outs.") { file };
        command.SetAction(parse =>
        {
            var policy = CommonOptions.LoadPolicy(parse.GetValue(file), stderr);
            if (policy is null)
            {
                return CliApp.Unusable;
            }

            stdout.WriteLine($"Policy '{policy.Stamp.Name}' {policy.Stamp.Version} is valid (sha256 {policy.Stamp.Sha256}).");
            return CliApp.Ok;
        });
        return command;
    }
}
