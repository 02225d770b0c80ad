using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Properties;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26: the fast writer (<see cref="AssessmentJsonWriter"/>, the JSON Lines and document writers built on it, and
/// <see cref="ContractJson.SerializeToUtf8Bytes"/>) writes exactly the bytes of <see cref="JsonSerializer"/> with the
/// contract's options — the reference it replaced — on generated opportunities and pipelines, in every language, from
/// both engines, with and without the insights' improvements and flip points.
/// </summary>
[Properties(Arbitrary = [typeof(ScoringArbitraries)], MaxTest = 300, QuietOnSuccess = true)]
public sealed class AssessmentJsonWriterTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
    private static readonly OpportunityScorer Rete = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);

    public static TheoryData<string, ScoringEngine> CulturesAndEngines()
    {
        var data = new TheoryData<string, ScoringEngine>();
        foreach (var language in Texts.Languages)
        {
            data.Add(language, ScoringEngine.Compiled);
            data.Add(language, ScoringEngine.Rete);
        }

        return data;
    }

    private static byte[] Reference(Assessment a, Texts texts) => JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.For(texts));

    [Property]
    public Property The_fast_bytes_of_an_assessment_are_the_serializers_bytes_in_every_language_from_both_engines(Opportunity o)
    {
        var failures = new List<string>();
        foreach (var scorer in new[] { Compiled, Rete })
        {
            var a = scorer.Score(o, AsOf);
            foreach (var language in Texts.Languages)
            {
                var texts = Texts.ForLanguage(language);
                if (!ContractJson.SerializeToUtf8Bytes(a, texts).AsSpan().SequenceEqual(Reference(a, texts)))
                {
                    failures.Add($"{scorer.Engine} {language}");
                }
            }
        }

        return (failures.Count == 0).Label(o.Id + ": " + string.Join(", ", failures));
    }

    [Property(MaxTest = 60)]
    public Property The_fast_bytes_of_an_explained_assessment_with_improvements_and_flip_points_are_the_serializers_bytes(Opportunity o)
    {
        var failures = new List<string>();
        foreach (var language in Texts.Languages)
        {
            var texts = Texts.ForLanguage(language);
            var a = Compiled.Explain(o, AsOf, texts).Assessment;
            if (!ContractJson.SerializeToUtf8Bytes(a, texts).AsSpan().SequenceEqual(Reference(a, texts)))
            {
                failures.Add(language);
            }
        }

        return (failures.Count == 0).Label(o.Id + ": " + string.Join(", ", failures));
    }

    [Theory]
    [MemberData(nameof(CulturesAndEngines))]
    public void The_json_lines_writer_writes_the_serializers_lines_for_a_generated_pipeline_with_rejected_records(string language, ScoringEngine engine)
    {
        var texts = Texts.ForLanguage(language);
        var items = Items(engine, 1500);
        var expected = new MemoryStream();
        foreach (var item in items)
        {
            if (item.Assessment is { } a)
            {
                JsonSerializer.Serialize(expected, a, ContractJson.For(texts));
                expected.Write("\n"u8);
            }
            else
            {
                foreach (var error in item.Errors)
                {
                    JsonSerializer.Serialize(expected, new ErrorLine(error), ContractJson.Options);
                    expected.Write("\n"u8);
                }
            }
        }

        var actual = Write("jsonl", items, texts, indented: false);
        AssertSameBytes(expected.ToArray(), actual);
        Assert.True(actual.Length > JsonLinesBatchWriter.FlushAt * 2, "the pipeline spans several of the writer's buffers");
    }

    [Theory]
    [MemberData(nameof(CulturesAndEngines))]
    public void The_json_document_writer_writes_the_serializers_document_indented_and_compact(string language, ScoringEngine engine)
    {
        var texts = Texts.ForLanguage(language);
        var items = Items(engine, 600);
        foreach (var indented in new[] { true, false })
        {
            var expected = new MemoryStream();
            using (var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Indented = indented, Encoder = ContractJson.Options.Encoder }))
            {
                var options = ContractJson.For(texts, indented, omitAssessmentPolicy: true);
                writer.WriteStartObject();
                writer.WritePropertyName("policy");
                JsonSerializer.Serialize(writer, Compiled.Policy.Stamp, options);
                writer.WritePropertyName("asOf");
                JsonSerializer.Serialize(writer, AsOf, options);
                writer.WriteStartArray("assessments");
                foreach (var a in items.Select(i => i.Assessment).OfType<Assessment>())
                {
                    JsonSerializer.Serialize(writer, a, options);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("errors");
                foreach (var error in items.SelectMany(i => i.Errors))
                {
                    JsonSerializer.Serialize(writer, error, options);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            expected.Write("\n"u8);
            AssertSameBytes(expected.ToArray(), Write("json", items, texts, indented));
        }
    }

    [Fact]
    public void Each_distinct_message_is_rendered_once_however_many_assessments_carry_it()
    {
        var writer = new AssessmentJsonWriter(Texts.English);
        var assessments = Items(ScoringEngine.Compiled, 400).Select(i => i.Assessment).OfType<Assessment>().ToList();
        using var json = new Utf8JsonWriter(Stream.Null);
        var written = 0;
        foreach (var a in assessments)
        {
            writer.Write(json, a);
            json.Reset();
            written += a.Reasons.Count + a.RedFlags.Count + a.MissingEvidence.Count;
        }

        var first = writer.MessagesRendered;
        Assert.True(first < written / 4, $"{first} renderings for {written} messages");
        foreach (var a in assessments)
        {
            writer.Write(json, a);
            json.Reset();
        }

        Assert.Equal(first, writer.MessagesRendered);
    }

    [Fact]
    public void The_message_cache_is_bounded_and_keeps_rendering_the_same_text_after_it_starts_again()
    {
        var cache = new MessageTextCache(Texts.English);
        for (var i = 0; i < MessageTextCache.Capacity * 2 + 5; i++)
        {
            Assert.True(cache.TryGet(MessageText.Of("redFlag.staleStage", i, Stage.Proposal, 90), out var text));
            Assert.True(cache.Count <= MessageTextCache.Capacity);
            Assert.Equal(Encoding.UTF8.GetBytes(MessageText.Of("redFlag.staleStage", i, Stage.Proposal, 90).ToString()), text);
        }
    }

    [Fact]
    public void Messages_are_the_same_text_only_when_they_render_the_same()
    {
        var same = MessageTextCache.Content.Instance;
        Assert.True(same.Equals(MessageText.Of("reason.credit", 4.2m, 12m), MessageText.Of("reason.credit", 4.20m, 12.000m)));
        Assert.Equal(same.GetHashCode(MessageText.Of("reason.credit", 4.2m, 12m)), same.GetHashCode(MessageText.Of("reason.credit", 4.20m, 12.000m)));
        Assert.False(same.Equals(MessageText.Of("reason.credit", 0.0, 1), MessageText.Of("reason.credit", -0.0, 1)));
        Assert.False(same.Equals(MessageText.Of("reason.credit", 1m), MessageText.Of("reason.credit", 1)));
        Assert.False(same.Equals(MessageText.Of("reason.credit", "a"), MessageText.Of("reason.other", "a")));
        Assert.True(same.Equals(MessageText.Of("x", MessageText.Word(Stage.Tender)), MessageText.Of("x", MessageText.Word(Stage.Tender))));
        Assert.False(MessageTextCache.Content.IsCacheable(MessageText.Literal("a host's own text")));
        Assert.False(MessageTextCache.Content.IsCacheable(MessageText.Of("x", new object())));
        var cache = new MessageTextCache(Texts.English);
        Assert.False(cache.TryGet(MessageText.Of("x", new Uri("https://example.com")), out _));
    }

    [Fact]
    public void An_error_line_reaches_the_output_at_once_so_lines_written_beside_the_writer_keep_their_order()
    {
        using var output = new MemoryStream();
        using var writer = BatchWriters.Create("jsonl", output, Compiled.Policy.Stamp, AsOf);
        var items = Items(ScoringEngine.Compiled, 20);
        writer.Write(items.First(i => i.Assessment is not null));
        writer.Write(new BatchItem(7, null, null, [new InputError("X-7", 7, "stage", "missing")]));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"error\":", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_ledger_stores_the_serializers_bytes_of_an_assessment()
    {
        foreach (var a in Items(ScoringEngine.Compiled, 50).Select(i => i.Assessment).OfType<Assessment>())
        {
            var stored = OpportunityScoring.Ledger.AssessmentJson.Text(OpportunityScoring.Ledger.AssessmentJson.Compress(a));
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options)), stored);
        }
    }

    /// <summary>A generated pipeline scored by an engine, with a rejected record every 97th.</summary>
    private static List<BatchItem> Items(ScoringEngine engine, int count)
    {
        var scorer = engine == ScoringEngine.Rete ? Rete : Compiled;
        var opportunities = new PipelineGenerator(26, AsOf).Generate(count).ToList();
        var items = new List<BatchItem>(count);
        for (var i = 0; i < opportunities.Count; i++)
        {
            items.Add(i % 97 == 5
                ? new BatchItem(i, null, null, [new InputError(opportunities[i].Id, i, "expectedContractAmount", "must be \"positive\" — 正數"), new InputError(null, i, "stage", "=cmd|' /C calc'!A0")])
                : new BatchItem(i, opportunities[i], scorer.Score(opportunities[i], AsOf), []));
        }

        return items;
    }

    private static byte[] Write(string format, IEnumerable<BatchItem> items, Texts texts, bool indented)
    {
        using var output = new MemoryStream();
        using (var writer = BatchWriters.Create(format, output, Compiled.Policy.Stamp, AsOf, texts, indented))
        {
            foreach (var item in items)
            {
                writer.Write(item);
            }

            writer.Complete();
        }

        return output.ToArray();
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        var at = expected.AsSpan().CommonPrefixLength(actual);
        var from = Math.Max(0, at - 200);
        Assert.Fail($"the bytes differ at {at} of {expected.Length} (written {actual.Length}):\nexpected …{Encoding.UTF8.GetString(expected, from, Math.Min(400, expected.Length - from))}\nwritten  …{Encoding.UTF8.GetString(actual, from, Math.Min(400, actual.Length - from))}");
    }
}
