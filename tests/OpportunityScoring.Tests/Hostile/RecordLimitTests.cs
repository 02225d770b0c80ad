using System.Text;
using OpportunityScoring.Pipelines;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// The per-record limits (finding 9 and the reader's half of finding 2): a record of more than 1 MiB, more than 200
/// stakeholders or more than 50 competitors is rejected naming the limit; the reader skips an oversized JSON record
/// without holding it, so one 64 MiB field does not cost hundreds of megabytes.
/// </summary>
[Collection(AllocationsMeasuredAlone.Name)]
public sealed class RecordLimitTests
{
    private const int Huge = 64 << 20;

    private static (List<PipelineRecord> Records, long Allocated) ReadMeasured(PipelineFormat format, byte[] input)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var records = Read(format, input);
        return (records, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    [Theory]
    [InlineData(PipelineFormat.Json)]
    [InlineData(PipelineFormat.JsonLines)]
    public void A_64_MiB_record_is_skipped_in_bounded_memory_rejected_by_its_id_and_the_next_record_is_read(PipelineFormat format)
    {
        var input = Around(format, Encoding.UTF8.GetBytes($$"""{"id":"BIG-1","stage":"proposal","name":"{{new string('x', Huge)}}","expectedContractAmount":5}"""));

        var (records, allocated) = ReadMeasured(format, input);

        Assert.Equal(3, records.Count);
        Assert.Equal(["GOOD-A", "GOOD-C"], [records[0].Opportunity!.Id, records[2].Opportunity!.Id]);
        var error = Assert.Single(records[1].Errors);
        Assert.Equal(("BIG-1", 1, "(record)"), (error.Id, error.Index, error.Field));
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 24L << 20, $"reading a 64 MiB record allocated {allocated / (1 << 20)} MiB");
    }

    [Fact]
    public void A_json_record_of_64_MiB_nested_in_arrays_is_skipped_and_the_line_of_a_later_syntax_error_is_still_right()
    {
        var big = "{\"id\":\"BIG-2\",\"notes\":[" + string.Join(",\n", Enumerable.Repeat("[\"" + new string('y', 1 << 20) + "\"]", Huge >> 20)) + "],\"stage\":\"proposal\",\"expectedContractAmount\":5}";
        var text = "{\"opportunities\":[\n" + HostileInput.GoodJson("GOOD-A") + ",\n" + big + ",\n" + HostileInput.GoodJson("GOOD-C") + ",\n{\"id\": ,}\n]}";
        using var source = PipelineSource.Open(PipelineFormat.Json, new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var read = new List<PipelineRecord>();

        var e = Assert.Throws<PipelineFormatException>(() => read.AddRange(source.Records));

        Assert.Equal(3, read.Count);
        Assert.Equal("BIG-2", read[1].Errors.Single().Id);
        Assert.Contains($"line {text[..text.IndexOf("{\"id\": ,", StringComparison.Ordinal)].Count(c => c == '\n') + 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_row_too_long_to_find_its_end_safely_makes_the_file_unusable_in_bounded_memory()
    {
        var input = Pipeline(PipelineFormat.Csv, [Good(PipelineFormat.Csv, "GOOD-A"), Encoding.UTF8.GetBytes("BIG-3," + new string('x', Huge) + ",proposal,5,,,"), Good(PipelineFormat.Csv, "GOOD-C")]);
        var read = new List<PipelineRecord>();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var e = Assert.Throws<PipelineFormatException>(() =>
        {
            using var source = PipelineSource.Open(PipelineFormat.Csv, new MemoryStream(input));
            read.AddRange(source.Records);
        });

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 96L << 20, $"reading a 64 MiB row allocated {allocated >> 20} MiB"); // the reader's buffer grows to twice the 16 MiB cap, by doubling
        Assert.Equal("GOOD-A", Assert.Single(read).Opportunity!.Id);
        Assert.Contains("MiB", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 50)]
    public void Up_to_200_stakeholders_and_50_competitors_are_accepted(int stakeholders, int competitors)
    {
        var stakeholderList = string.Join(',', Enumerable.Repeat("{\"role\":\"user\"}", stakeholders));
        var competitorList = string.Join(',', Enumerable.Range(0, competitors).Select(i => $"\"c{i}\""));
        var record = "{\"id\":\"MAX\",\"stage\":\"proposal\",\"expectedContractAmount\":5,\"decisionChain\":{\"stakeholders\":[" + stakeholderList + "]},\"competition\":{\"competitors\":[" + competitorList + "]}}";

        var opportunity = Assert.Single(Read(PipelineFormat.Json, Pipeline(PipelineFormat.Json, [Encoding.UTF8.GetBytes(record)]))).Opportunity;

        Assert.Equal((stakeholders, competitors), (opportunity!.DecisionChain.Stakeholders.Count, opportunity.Competition.Competitors.Count));
    }

    [Theory]
    [InlineData("json: 201 stakeholders", "200")]
    [InlineData("json: 51 competitors", "50")]
    [InlineData("json: a record over 1 MiB", "1 MiB")]
    public void A_record_over_a_limit_is_rejected_with_a_message_naming_the_limit(string name, string limit)
    {
        var records = Read(PipelineFormat.Json, Around(PipelineFormat.Json, HostileCorpus.Cases[name].Record));

        Assert.Contains(records[1].Errors, e => e.Message.Contains(limit, StringComparison.Ordinal));
    }
}
