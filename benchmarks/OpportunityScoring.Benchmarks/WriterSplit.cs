using System.Diagnostics;
using System.Text.Json;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 26's split of an explained JSON Lines run, one thread, Stopwatch and allocation counters (not BenchmarkDotNet):
/// per opportunity, deciding, scoring in full, writing the assessment with the fast writer and with the serializer
/// (both into memory), and writing the decisions as CSV — so that the cost of each step is seen apart from the I/O and
/// the cores. <c>dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- writer-split [count]</c>.
/// </summary>
public static class WriterSplit
{
    /// <summary>Runs the split over the benchmark pipeline's first <paramref name="count"/> opportunities and prints it.</summary>
    /// <param name="count">How many opportunities.</param>
    /// <param name="output">Where to print.</param>
    public static void Run(int count, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pipeline = BenchmarkData.Pipeline(count);
        var scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        var assessments = pipeline.Select(o => scorer.Score(o, BenchmarkData.AsOf)).ToArray(); // warm-up, and the assessments the writers write
        var items = pipeline.Select((o, i) => new BatchItem(i, o, scorer.Decide(o, BenchmarkData.AsOf))).ToArray();
        var full = assessments.Select((a, i) => new BatchItem(i, pipeline[i], a, [])).ToArray();
        for (var round = 0; round < 2; round++) // the first round warms up every path; the second is printed
        {
            var lines = new List<string>
            {
                Step("decide (decisions only)", count, () =>
                {
                    foreach (var o in pipeline)
                    {
                        scorer.Decide(o, BenchmarkData.AsOf);
                    }
                }),
                Step("score in full (explained)", count, () =>
                {
                    foreach (var o in pipeline)
                    {
                        scorer.Score(o, BenchmarkData.AsOf);
                    }
                }),
                Step("write JSONL, fast writer", count, Fresh, batch => Write("jsonl", batch, Stream.Null)),
                Step("write JSONL, JsonSerializer", count, Fresh, batch =>
                {
                    foreach (var item in batch)
                    {
                        JsonSerializer.Serialize(Stream.Null, item.Assessment, ContractJson.Options);
                        Stream.Null.Write("\n"u8);
                    }
                }),
                Step("write CSV decisions", count, () => Write("csv", items, Stream.Null)),
            };
            if (round == 1)
            {
                output.WriteLine($"one thread, {count:N0} opportunities, {Write("jsonl", full, new MemoryStream()) / count:N0} bytes of JSONL per assessment, {Write("csv", items, new MemoryStream()) / count:N0} bytes of CSV per row");
                lines.ForEach(output.WriteLine);
                var fast = new AssessmentJsonWriter(Texts.English);
                using var json = new Utf8JsonWriter(Stream.Null, AssessmentJsonWriter.WriterOptions());
                long messages = 0;
                foreach (var a in assessments)
                {
                    fast.Write(json, a);
                    json.Reset();
                    messages += a.Reasons.Count + a.RedFlags.Count + a.MissingEvidence.Count + a.KnockOuts.Count + a.Gate.Missing.Count + a.Gate.EndedBy.Count
                        + (a.Bid is { } bid ? bid.FatalFactors.Count + bid.ReviewReasons.Count : 0);
                }

                output.WriteLine($"  messages: {messages:N0} written, {fast.MessagesRendered:N0} rendered (distinct within the cache's bound of {MessageTextCache.Capacity:N0}), {fast.FragmentsCopied:N0} list elements copied whole ({fast.MessagesKept:N0} texts and {fast.FragmentsKept:N0} elements kept at the end)");
            }
        }

        // Freshly scored assessments for each writer: the serializer renders each message once per instance (and keeps
        // it), so writing the same assessments twice would hide its rendering.
        BatchItem[] Fresh() => [.. pipeline.Select((o, i) => new BatchItem(i, o, scorer.Score(o, BenchmarkData.AsOf), []))];

        long Write(string format, BatchItem[] batch, Stream memory)
        {
            using (var writer = BatchWriters.Create(format, memory, scorer.Policy.Stamp, BenchmarkData.AsOf))
            {
                foreach (var item in batch)
                {
                    writer.Write(item);
                }

                writer.Complete();
            }

            return memory == Stream.Null ? 0 : memory.Length;
        }
    }

    private static string Step(string name, int count, Func<BatchItem[]> setup, Action<BatchItem[]> action)
    {
        var batch = setup();
        return Step(name, count, () => action(batch));
    }

    private static string Step(string name, int count, Action action)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu; // steadier than the wall time on a shared machine
        return $"  {name,-30} {elapsed.TotalMicroseconds / count,8:F2} µs {(GC.GetAllocatedBytesForCurrentThread() - allocated) / count,10:N0} B per opportunity, {used.TotalMicroseconds / count,8:F2} µs of process CPU";
    }
}
