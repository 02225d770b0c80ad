using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Batch;

/// <summary>The records of a pipeline source are read ahead on a thread of their own; order, errors and early stops must not change.</summary>
public sealed class ReadAheadTests
{
    private static IEnumerable<int> Numbers(int count, int? failAt, Action? whenDone = null)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i == failAt)
                {
                    throw new PipelineFormatException($"bad input at {i}");
                }

                yield return i;
            }
        }
        finally
        {
            whenDone?.Invoke();
        }
    }

    [Fact]
    public void Items_come_in_order_across_chunks()
    {
        Assert.Equal(Enumerable.Range(0, 1_000), ReadAhead.Of(Numbers(1_000, null), chunk: 7, chunksAhead: 2));
    }

    [Fact]
    public void The_sources_error_comes_after_every_item_read_before_it()
    {
        var seen = new List<int>();
        var e = Assert.Throws<PipelineFormatException>(() =>
        {
            foreach (var i in ReadAhead.Of(Numbers(1_000, failAt: 500), chunk: 64, chunksAhead: 2))
            {
                seen.Add(i);
            }
        });

        Assert.Equal("bad input at 500", e.Message);
        Assert.Equal(Enumerable.Range(0, 500), seen);
    }

    [Fact]
    public void Stopping_early_stops_the_reading_thread_and_releases_the_source_before_returning()
    {
        var released = false;
        var first = ReadAhead.Of(Numbers(1_000_000, null, () => released = true), chunk: 16, chunksAhead: 2).Take(40).ToList();

        Assert.Equal(Enumerable.Range(0, 40), first);
        Assert.True(released); // the source's finally ran on the reading thread before the enumeration was disposed
    }

    [Fact]
    public void A_json_pipeline_with_a_syntax_error_midway_yields_the_records_before_it_then_names_the_line()
    {
        var json = TestData.GeneratedPipelineJson(600, seed: 2);
        var cut = json.IndexOf("{\"id\"", json.Length / 2, StringComparison.Ordinal) + 1; // inside a record, before its id
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(json[..cut] + "\"id\": ,, " + json[cut..]));
        var read = 0;
        var e = Assert.Throws<PipelineFormatException>(() =>
        {
            foreach (var record in source.Records)
            {
                Assert.Equal(read++, record.Index);
            }
        });

        Assert.Equal(json[..cut].Split("\"decisionChain\"").Length - 1, read); // every complete record before the error, none lost from a part-filled chunk
        Assert.NotEqual(0, read % 256);
        Assert.Contains("line", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
