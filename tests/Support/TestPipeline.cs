using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.TestSupport;

/// <summary>
/// A pipeline read whole, for tests that compare records or documents: the library's one streaming path (the
/// streaming reader, the batch, the writers), materialised. Linked into every test project.
/// </summary>
/// <param name="AsOf">The day the input gives.</param>
/// <param name="Records">Every record, valid or not, in input order.</param>
public sealed record TestPipeline(DateOnly? AsOf, IReadOnlyList<PipelineRecord> Records)
{
    /// <summary>Reads the contract's JSON from a stream.</summary>
    public static TestPipeline Read(Stream stream)
    {
        using var source = PipelineSource.Open(PipelineFormat.Json, stream);
        var records = source.Records.ToList();
        return new TestPipeline(source.AsOf, records);
    }

    /// <summary>Reads the contract's JSON from a file.</summary>
    public static TestPipeline ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Wraps opportunities built in code.</summary>
    public static TestPipeline From(IEnumerable<Opportunity> opportunities, DateOnly? asOf = null) =>
        new(asOf, [.. opportunities.Select((o, i) => new PipelineRecord(i, o, []))]);
}

/// <summary>A pipeline's result, whole: the policy, the day, the assessments in input order and the errors.</summary>
/// <param name="Policy">The policy of the assessments.</param>
/// <param name="AsOf">The day of the assessment.</param>
/// <param name="Assessments">The assessments, in input order.</param>
/// <param name="Errors">The records that could not be assessed.</param>
public sealed record TestResult(PolicyStamp Policy, DateOnly AsOf, IReadOnlyList<Assessment> Assessments, IReadOnlyList<InputError> Errors)
{
    internal IReadOnlyList<BatchItem> Items { get; init; } = [];

    /// <summary>The document <c>{policy, asOf, assessments, errors}</c>, as the JSON document writer writes it (indented by default).</summary>
    public void WriteDocument(Stream output, Texts? texts = null, bool indented = true)
    {
        using var writer = BatchWriters.Create("json", output, Policy, AsOf, texts, indented);
        foreach (var item in Items)
        {
            writer.Write(item);
        }

        writer.Complete();
    }

    /// <summary>The document as text.</summary>
    public string ToDocumentJson(Texts? texts = null, bool indented = true)
    {
        using var buffer = new MemoryStream();
        WriteDocument(buffer, texts, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>JSON Lines: one assessment per line, then one <c>{"error": …}</c> line per error, as the JSON Lines writer writes them.</summary>
    public void WriteLines(Stream output)
    {
        using var writer = BatchWriters.Create("jsonl", output, Policy, AsOf);
        foreach (var item in Items)
        {
            writer.Write(item);
        }

        writer.Complete();
    }
}

/// <summary>Scores a whole test pipeline through the batch.</summary>
public static class TestScoring
{
    /// <summary>Scores every record (the batch's full assessments) and gathers the result.</summary>
    public static TestResult ScoreAll(this IOpportunityScorer scorer, TestPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(pipeline);
        var run = new BatchScorer(scorer).Score(pipeline.Records, pipeline.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
        var items = run.ToList();
        return new TestResult(run.Policy, run.AsOf, [.. items.Where(i => i.Assessment is not null).Select(i => i.Assessment!)], [.. items.SelectMany(i => i.Errors)])
        {
            Items = items,
        };
    }
}
