using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 26: what users run — a pipeline file read, scored on the compiled engine (all cores) and written to a file —
/// in JSON Lines with full explained assessments (the fast writer, and the serializer it replaced) and in CSV
/// (decisions only, the baseline). The input is the generator's JSON Lines (seeded), written once in the global set-up.
/// Each benchmark also reports the process CPU it used per opportunity and how many cores that is (printed in the log
/// as <c>// cpu:</c>), so that it can be set honestly against the single-threaded Reference.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("FileToFile")]
public class FileToFileBenchmarks
{
    private readonly Dictionary<string, (TimeSpan Cpu, TimeSpan Wall, long Opportunities)> _cpu = [];
    private string _input = null!;
    private string _output = null!;
    private BatchScorer _full = null!;
    private BatchScorer _decisions = null!;
    private TimeSpan _cpuAtStart;
    private long _wallAtStart;

    /// <summary>100,000 (200 in a smoke run).</summary>
    [ParamsSource(nameof(Sizes))]
    public int PipelineSize { get; set; }

    /// <summary>The sizes.</summary>
    public static IEnumerable<int> Sizes => BenchmarkData.Smoke ? [200] : [100_000];

    /// <summary>Writes the input file and builds the two batch scorers (full assessments, decisions only).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opportunity-scoring-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        _input = Path.Combine(folder, $"pipeline-{PipelineSize}.jsonl");
        _output = Path.Combine(folder, "output");
        using (var input = File.Create(_input))
        {
            new PipelineGenerator(BenchmarkData.Seed, BenchmarkData.AsOf).WriteJsonLines(input, PipelineSize);
        }

        var scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        _full = new BatchScorer(scorer);
        _decisions = new BatchScorer(scorer, new BatchOptions { Detail = ScoringDetail.Decisions });
    }

    /// <summary>Removes the files and prints the CPU per opportunity of each benchmark.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (method, (cpu, wall, count)) in _cpu)
        {
            Console.WriteLine($"// cpu: {method} ({PipelineSize:N0}): {cpu.TotalMicroseconds / count:F2} µs CPU per opportunity, {wall.TotalMicroseconds / count:F2} µs wall, {cpu / wall:F2} cores");
        }

        Directory.Delete(Path.GetDirectoryName(_input)!, recursive: true);
    }

    /// <summary>Notes the process CPU before an iteration.</summary>
    [IterationSetup]
    public void StartClock()
    {
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _wallAtStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Adds the iteration's process CPU to its benchmark's.</summary>
    [IterationCleanup]
    public void StopClock()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        var wall = Stopwatch.GetElapsedTime(_wallAtStart);
        var method = _last ?? "?";
        var (c, w, n) = _cpu.GetValueOrDefault(method);
        _cpu[method] = (c + cpu, w + wall, n + PipelineSize);
    }

    private string? _last;

    /// <summary>JSONL in, CSV out, decided without explanations: the decisions run users compare with.</summary>
    /// <returns>Records written.</returns>
    [Benchmark(Baseline = true)]
    public long CsvDecisions() => Run(nameof(CsvDecisions), _decisions, "csv", null);

    /// <summary>JSONL in, JSONL out with every assessment explained, through the fast writer (<c>BatchWriters.Create("jsonl")</c>).</summary>
    /// <returns>Records written.</returns>
    [Benchmark]
    public long JsonLinesExplained() => Run(nameof(JsonLinesExplained), _full, "jsonl", null);

    /// <summary>The same through <see cref="JsonSerializer"/> per assessment, as the JSON Lines writer did before issue 26.</summary>
    /// <returns>Records written.</returns>
    [Benchmark]
    public long JsonLinesExplainedSerializer() => Run(nameof(JsonLinesExplainedSerializer), _full, "jsonl", static output => new SerializerJsonLines(output));

    /// <summary>JSONL in, the indented JSON document out (what the CLI writes for <c>--format json</c>).</summary>
    /// <returns>Records written.</returns>
    [Benchmark]
    public long JsonDocumentExplained() => Run(nameof(JsonDocumentExplained), _full, "json", null);

    private long Run(string method, BatchScorer batch, string format, Func<Stream, IBatchWriter>? writerFor)
    {
        _last = method;
        using var source = PipelineSource.Open(PipelineFormat.JsonLines, _input);
        using var output = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = writerFor?.Invoke(output) ?? BatchWriters.Create(format, output, batch.Policy, BenchmarkData.AsOf);
        var run = batch.Score(source.Records, BenchmarkData.AsOf);
        long written = 0;
        foreach (var item in run)
        {
            writer.Write(item);
            written++;
        }

        writer.Complete();
        return written;
    }

    /// <summary>The JSON Lines writer before issue 26: the serializer per assessment, straight to the stream.</summary>
    private sealed class SerializerJsonLines(Stream output) : IBatchWriter
    {
        public void Write(BatchItem item)
        {
            if (item.Assessment is { } assessment)
            {
                JsonSerializer.Serialize(output, assessment, ContractJson.Options);
                output.Write("\n"u8);
            }
        }

        public void Complete() => output.Flush();

        public void Dispose()
        {
        }
    }
}
