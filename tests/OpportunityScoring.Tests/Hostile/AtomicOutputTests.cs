using System.Diagnostics;
using System.Text;
using OpportunityScoring.Cli;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Issue 24, finding 4: outputs were overwritten in place (a previous output at 0 bytes 3 s into a new run; kill -9
/// left torn files and a 212 MB error spill file). Now they are written to a temporary file beside the target and
/// renamed on success; on failure or kill the previous output stays intact; spill files go on every exit path.
/// </summary>
public sealed class AtomicOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("os-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_output_file_disposed_without_commit_leaves_the_target_byte_identical_and_no_temporary_file()
    {
        var target = Path.Combine(_dir, "out.csv");
        File.WriteAllText(target, "previous output\n");

        using (var output = OutputFile.Create(target))
        {
            output.Stream.Write(new byte[3 << 20]); // more than the buffer: the temporary file is really written
            Assert.True(new FileInfo(OutputFile.TemporaryPathFor(target)).Length > 0);
            Assert.Equal("previous output\n", File.ReadAllText(target));
        }

        Assert.Equal("previous output\n", File.ReadAllText(target));
        Assert.Equal(["out.csv"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!));
    }

    [Fact]
    public void A_committed_output_file_replaces_the_target_and_keeps_its_permissions()
    {
        var target = Path.Combine(_dir, "out.csv");
        File.WriteAllText(target, "previous output\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        using (var output = OutputFile.Create(target))
        {
            output.Stream.Write("new output\n"u8);
            output.Commit();
        }

        Assert.Equal("new output\n", File.ReadAllText(target));
        Assert.Equal(["out.csv"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        }
    }

    [Fact]
    public void A_device_or_a_link_is_written_in_place_and_never_replaced()
    {
        var real = Path.Combine(_dir, "real.csv");
        File.WriteAllText(real, "previous output\n");
        var link = Path.Combine(_dir, "link.csv");
        File.CreateSymbolicLink(link, real);

        using (var output = OutputFile.Create(link))
        {
            output.Stream.Write("through the link\n"u8);
            output.Commit();
        }

        Assert.Equal(real, new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName);
        Assert.Equal("through the link\n", File.ReadAllText(real));
        if (!OperatingSystem.IsWindows())
        {
            using (var output = OutputFile.Create("/dev/null"))
            {
                output.Stream.Write("nothing\n"u8);
                output.Commit();
            }

            Assert.Equal(0, new FileInfo("/dev/null").Length);
            Assert.Empty(Directory.GetFiles("/dev", ".null.*"));
        }
    }

    [Fact]
    public void Kill_9_midway_through_score_leaves_the_previous_output_byte_identical()
    {
        var (pipeline, output, previous) = SlowRun();

        using var process = StartWriting(output, null, "score", pipeline, "--input", "jsonl", "--format", "jsonl", "--explain", "--out", output, "--quiet");
        process.Kill(); // SIGKILL on Unix
        process.WaitForExit();

        Assert.Equal(previous, File.ReadAllBytes(output));
        // What a kill -9 can leave: a recognisable .{name}.{pid}.tmp beside the target (docs/cli.md).
        Assert.Equal([$".out.jsonl.{process.Id}.tmp", "out.jsonl", "p.jsonl"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    [InlineData("HUP", 129)]
    public void A_run_stopped_by_a_signal_leaves_the_previous_output_byte_identical_and_no_temporary_file(string signal, int exitCode)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no kill command: the signals are Unix's
        }

        var (pipeline, output, previous) = SlowRun();

        using var process = StartWriting(output, null, "score", pipeline, "--input", "jsonl", "--format", "jsonl", "--explain", "--out", output, "--quiet");
        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        process.WaitForExit();
        if (IgnoredByThisProcess(signal))
        {
            // Started in the background by a shell without job control, this test run ignores SIGINT, and so does the
            // child it starts (an ignored signal is inherited): the run goes on undisturbed and replaces the output
            // whole, as it must when the signal is ignored.
            Assert.Equal(0, process.ExitCode);
            Assert.NotEqual(previous, File.ReadAllBytes(output));
        }
        else
        {
            Assert.Equal(exitCode, process.ExitCode);
            Assert.Equal(previous, File.ReadAllBytes(output));
        }

        Assert.Equal(["out.jsonl", "p.jsonl"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    /// <summary>Whether this process ignores a signal (the <c>SigIgn</c> mask of /proc/self/status), as its children then do.</summary>
    private static bool IgnoredByThisProcess(string signal)
    {
        var number = signal switch { "HUP" => 1, "INT" => 2, "QUIT" => 3, "TERM" => 15, _ => throw new ArgumentOutOfRangeException(nameof(signal)) };
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << (number - 1))) != 0;
    }

    /// <summary>A pipeline whose run with --explain is slow and writes long lines (the output is being written well before the end), and a previous output.</summary>
    private (string Pipeline, string Output, byte[] Previous) SlowRun()
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        using (var stream = File.Create(pipeline))
        {
            new PipelineGenerator(3, new DateOnly(2027, 1, 10)).WriteJsonLines(stream, 3000);
        }

        var output = Path.Combine(_dir, "out.jsonl");
        var previous = Encoding.UTF8.GetBytes("{\"the previous output\": true}\n");
        File.WriteAllBytes(output, previous);
        return (pipeline, output, previous);
    }

    [Fact]
    public void Kill_9_midway_through_score_leaves_no_error_spill_file_in_the_temp_folder()
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        var rejected = string.Concat(Enumerable.Range(0, 5000).Select(i => $$"""{"id":"R{{i}}","stage":"tender"}""" + "\n"));
        File.WriteAllText(pipeline, rejected);
        using (var stream = new FileStream(pipeline, FileMode.Append))
        {
            new PipelineGenerator(3, new DateOnly(2027, 1, 10)).WriteJsonLines(stream, 3000);
        }

        var temp = Directory.CreateDirectory(Path.Combine(_dir, "temp")).FullName;
        var output = Path.Combine(_dir, "out.json");

        // 5,000 errors come first, past the 4,096 the JSON document keeps in memory: they are spilled to a temporary
        // file before the first assessment is written, so the spill file exists when the process is killed.
        using var process = StartWriting(output, temp, "score", pipeline, "--input", "jsonl", "--format", "json", "--explain", "--out", output, "--quiet");
        process.Kill(); // SIGKILL on Unix
        process.WaitForExit();

        Assert.Empty(Directory.GetFiles(temp, "*.tmp"));
    }

    /// <summary>Starts the CLI as a child process and returns it once its output's temporary file holds bytes.</summary>
    private static Process StartWriting(string output, string? tempFolder, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "opportunity-scoring.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_EnableDiagnostics"] = "0"; // no diagnostics socket left in the temp folder by the kill
        if (tempFolder is not null)
        {
            info.Environment["TMPDIR"] = tempFolder;
            info.Environment["TMP"] = tempFolder;
        }

        var process = Process.Start(info)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var temporary = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{process.Id}.tmp");
        var clock = Stopwatch.StartNew();
        try
        {
            while (!(File.Exists(temporary) && new FileInfo(temporary).Length > 0))
            {
                Assert.False(process.HasExited, $"the run ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be stopped: {stderr}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the output was never started");
                Thread.Sleep(20);
            }
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }

        return process;
    }
}
