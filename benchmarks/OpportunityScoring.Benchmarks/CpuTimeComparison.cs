using System.Globalization;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Engine;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 26's goals are ratios of CPU per opportunity on one thread. On a machine shared with other work, wall-clock
/// benchmarks carry the neighbours' load; this check measures the CPU time the process spends (one thread scores,
/// <see cref="Environment.CpuUsage"/>: user + system, so the garbage collector's work counts) in interleaved rounds over the same 1,024 opportunities and reports, per engine,
/// the median and the minimum over the rounds, the ratios of the medians to the Reference's, and the bytes the scoring
/// thread allocated per opportunity (<see cref="GC.GetAllocatedBytesForCurrentThread"/>: exact, unlike a sampled profile).
/// <c>dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- cpu [rounds]</c>.
/// </summary>
public static class CpuTimeComparison
{
    /// <summary>Runs the comparison and writes a Markdown table.</summary>
    /// <param name="rounds">How many interleaved rounds.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="only">
    /// When given, only the engines named (e.g. <c>FusedDecisions</c>) run, and the Reference for the ratios: a profile
    /// (<c>perf record</c>) of one engine without the others' samples.
    /// </param>
    public static void Run(int rounds, TextWriter output, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pipeline = BenchmarkData.Pipeline(1024);
        var asOf = BenchmarkData.AsOf;
        var reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
        var compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        var fused = OpportunityRules.CreateScorer(engine: ScoringEngine.Fused);
        var peer = new RulesEngineScorer(BenchmarkData.PeerPolicy);
        var engines = new (string Name, Action<Opportunity> Score, int Every)[]
        {
            ("Reference", o => reference.Evaluate(o, asOf), 1),
            ("CompiledDecisions", o => compiled.Decide(o, asOf), 1),
            ("FusedDecisions", o => fused.Decide(o, asOf), 1),
            ("CompiledExplained", o => compiled.Score(o, asOf), 1),
            ("FusedExplained", o => fused.Score(o, asOf), 1),
            ("MicrosoftRulesEngine", o => peer.Score(o, asOf), 8), // every 8th opportunity: it is 20–50× slower
        };
        if (only is { Count: > 0 })
        {
            engines = [.. engines.Where(e => e.Name == "Reference" || only.Contains(e.Name, StringComparer.OrdinalIgnoreCase))];
        }

        var samples = engines.Select(_ => new List<double>()).ToArray();
        var allocated = new long[engines.Length];
        var scored = new long[engines.Length];
        for (var round = -2; round < rounds; round++) // two warm-up rounds
        {
            for (var e = 0; e < engines.Length; e++)
            {
                var (_, score, every) = engines[e];
                var count = 0;
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = CpuNanoseconds();
                for (var i = 0; i < pipeline.Length; i += every)
                {
                    score(pipeline[i]);
                    count++;
                }

                var perOpportunity = (CpuNanoseconds() - start) / (double)count;
                if (round >= 0)
                {
                    samples[e].Add(perOpportunity);
                    allocated[e] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                    scored[e] += count;
                }
            }
        }

        var referenceMedian = Median(samples[0]);
        var peerMedian = engines[^1].Name == "MicrosoftRulesEngine" ? Median(samples[^1]) : double.NaN;
        output.WriteLine($"| engine (one thread, {rounds} rounds × {pipeline.Length} opportunities) | median CPU per opportunity | min | × Reference (medians) | × MicrosoftRulesEngine | allocated per opportunity |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var e = 0; e < engines.Length; e++)
        {
            var median = Median(samples[e]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {engines[e].Name} | {median / 1000:F2} µs | {samples[e].Min() / 1000:F2} µs | {median / referenceMedian:F2} | {median / peerMedian:F3} | {allocated[e] / Math.Max(1, scored[e]):N0} B |"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The process's CPU time (user + system, getrusage: microseconds) in nanoseconds; one thread works, so it is that thread's.</summary>
    private static long CpuNanoseconds() => Environment.CpuUsage.TotalTime.Ticks * 100;
}
