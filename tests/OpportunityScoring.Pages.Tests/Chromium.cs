using System.Diagnostics;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The browser: Debian's <c>chromium</c> package, installed with apt when it is missing (the CI machine is root and
/// reaches Debian's archive), never a browser downloaded by Playwright. <c>OPPORTUNITYSCORING_CHROMIUM</c> names another.
/// </summary>
internal static class Chromium
{
    private static readonly Lock Installing = new();

    public static string Path => Environment.GetEnvironmentVariable("OPPORTUNITYSCORING_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>The browser's path, after installing it with apt if it is not there.</summary>
    public static string Ensure()
    {
        lock (Installing)
        {
            if (File.Exists(Path))
            {
                return Path;
            }

            // A fresh machine may have no package lists yet: install, and when that fails, update the lists and try again.
            if (Run("apt-get", "install -y --no-install-recommends chromium") != 0)
            {
                Run("apt-get", "update");
                Run("apt-get", "install -y --no-install-recommends chromium");
            }

            return File.Exists(Path)
                ? Path
                : throw new InvalidOperationException($"Chromium is not at {Path} and `apt-get install -y chromium` did not install it: the page tests need Debian's chromium (or OPPORTUNITYSCORING_CHROMIUM).");
        }
    }

    private static int Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} cannot be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Console.Error.WriteLine($"{file} {arguments}: exit {process.ExitCode}{Environment.NewLine}{error.Result}");
        _ = output.Result;
        return process.ExitCode;
    }
}
