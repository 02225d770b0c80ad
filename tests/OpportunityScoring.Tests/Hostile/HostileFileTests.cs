using System.Text;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>What makes a whole file unusable stays a file error (a <see cref="PipelineFormatException"/>), never a silent choice.</summary>
public sealed class HostileFileTests
{
    [Theory]
    [InlineData("Id,Name,StageName,Amount,Amount\nS-1,Name,Proposal,5,7\n", "Amount")]
    [InlineData("Id,Name,StageName,Amount,Description,description\nS-1,Name,Proposal,5,a,b\n", "Description")]
    public void A_salesforce_column_named_twice_makes_the_file_unusable_naming_it(string export, string column)
    {
        var e = Assert.Throws<PipelineFormatException>(() => PipelineSource.Open(PipelineFormat.Salesforce, new MemoryStream(Encoding.UTF8.GetBytes(export))));

        Assert.Contains($"'{column}'", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_csv_column_named_twice_makes_the_file_unusable_even_when_the_layout_does_not_read_it()
    {
        var e = Assert.Throws<PipelineFormatException>(() => PipelineSource.Open(PipelineFormat.Csv, new MemoryStream(Encoding.UTF8.GetBytes("id,stage,expectedContractAmount,notes,Notes\nX1,proposal,5,a,b\n"))));

        Assert.Contains("'notes'", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Empty_cells_beyond_the_header_are_not_an_error()
    {
        using var source = PipelineSource.Open(PipelineFormat.Csv, new MemoryStream(Encoding.UTF8.GetBytes("id,stage,expectedContractAmount\nX1,proposal,5,,\n")));

        Assert.Equal("X1", Assert.Single(source.Records).Opportunity!.Id);
    }

    [Fact]
    public void A_json_record_cut_off_inside_an_oversized_value_is_a_file_error_after_the_records_before_it()
    {
        var text = "{\"opportunities\":[" + HostileInput.GoodJson("GOOD-A") + ",{\"id\":\"CUT\",\"name\":\"" + new string('x', HostileInput.OverLimit);
        using var source = PipelineSource.Open(PipelineFormat.Json, new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var read = new List<PipelineRecord>();

        Assert.Throws<PipelineFormatException>(() => read.AddRange(source.Records));
        Assert.Equal("GOOD-A", Assert.Single(read).Opportunity!.Id);
    }

    [Fact]
    public void A_name_outside_the_records_that_is_not_valid_text_makes_the_file_unusable_rather_than_crashing()
    {
        var text = HostileInput.Cat("{\"sche", (byte)0xFF, "ma\":1,\"opportunities\":[", HostileInput.GoodJson("GOOD-A"), "]}");

        var e = Assert.Throws<PipelineFormatException>(() => PipelineSource.Open(PipelineFormat.Json, new MemoryStream(text)));

        Assert.Contains("not valid text", e.Message, StringComparison.Ordinal);
    }
}
