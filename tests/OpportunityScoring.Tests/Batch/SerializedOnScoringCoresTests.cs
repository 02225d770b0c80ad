using System.Text;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Batch;

/// <summary>
/// Issue 26, part 1 again: with <see cref="BatchOptions.SerializeIn"/> each assessment is serialised on the core that
/// scored it and the JSON Lines writer only copies the bytes — which must be the bytes the writer writes itself, in
/// every language, with rejected records between the assessments, and whatever the writers do with the items.
/// </summary>
public sealed class SerializedOnScoringCoresTests
{
    private static readonly OpportunityScorer Scorer = OpportunityRules.CreateScorer();

    private static readonly string Pipeline = TestData.GeneratedPipelineJson(300, seed: 26);

    [Theory]
    [InlineData("en", 1)]
    [InlineData("en", 16)]
    [InlineData("zh-Hant", 16)]
    [InlineData("zh-Hans", 7)]
    public void Json_lines_serialised_on_the_scoring_cores_are_byte_identical_to_the_writers_own(string language, int chunk)
    {
        var texts = Texts.ForLanguage(language);
        var own = JsonLines(WithRejectedRecords(), texts, serializeIn: null, chunk);
        var copied = JsonLines(WithRejectedRecords(), texts, serializeIn: texts, chunk);

        Assert.Equal(own, copied);
        Assert.Contains("{\"error\":", copied, StringComparison.Ordinal);
        Assert.True(copied.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 302);
    }

    [Fact]
    public void Items_serialised_in_another_language_are_written_by_the_writer_in_its_own()
    {
        var chinese = Texts.ForLanguage("zh-Hant");
        Assert.Equal(JsonLines(Pipeline, chinese, serializeIn: null, 16), JsonLines(Pipeline, chinese, serializeIn: Texts.English, 16));
    }

    [Fact]
    public void Items_written_to_two_writers_give_both_the_same_bytes()
    {
        var items = Run(Pipeline, Texts.English, 16).ToList();
        Assert.All(items, i => Assert.NotNull(i.Json));
        var first = Write(items, Texts.English);
        var second = Write(items, Texts.English); // each slice is copied once: the second writer serialises them itself

        Assert.Equal(first, second);
        Assert.Equal(JsonLines(Pipeline, Texts.English, serializeIn: null, 16), first);
    }

    [Fact]
    public void Lines_written_straight_into_a_direct_io_file_are_the_bytes_written_into_memory()
    {
        var expected = JsonLines(WithRejectedRecords(), Texts.English, serializeIn: null, 16);
        var items = Run(WithRejectedRecords(), Texts.English, 16).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"os-direct-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var stream = DirectFileStream.Open(path, FileMode.CreateNew, FileShare.Read, 1 << 20, direct: true))
            {
                Assert.True(!OperatingSystem.IsLinux() || stream is DirectFileStream, $"a {stream.GetType().Name} on Linux");
                using var writer = new JsonLinesBatchWriter(stream, Texts.English);
                foreach (var item in items.Concat(items)) // the second time, each slice is taken: the writer serialises it itself
                {
                    writer.Write(item);
                }

                writer.Complete();
            }

            Assert.Equal(expected + expected, File.ReadAllText(path, Encoding.UTF8));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_the_option_nothing_is_serialised_ahead()
    {
        Assert.All(Run(Pipeline, null, 16), i => Assert.Null(i.Json));
    }

    private static string WithRejectedRecords() =>
        Pipeline.Insert(Pipeline.IndexOf("\"opportunities\":[", StringComparison.Ordinal) + "\"opportunities\":[".Length,
            """{"id":"BAD-1","stage":"tender","expectedContractAmount":-1},{"id":"BAD-2","stage":"nowhere"},""");

    private static string JsonLines(string pipeline, Texts texts, Texts? serializeIn, int chunk) =>
        Write(Run(pipeline, serializeIn, chunk), texts);

    private static IEnumerable<BatchItem> Run(string pipeline, Texts? serializeIn, int chunk)
    {
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(pipeline));
        foreach (var item in new BatchScorer(Scorer, new BatchOptions { ChunkSize = chunk, SerializeIn = serializeIn }).Score(source.Records, source.AsOf))
        {
            yield return item;
        }
    }

    private static string Write(IEnumerable<BatchItem> items, Texts texts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new JsonLinesBatchWriter(buffer, texts))
        {
            foreach (var item in items)
            {
                writer.Write(item);
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
