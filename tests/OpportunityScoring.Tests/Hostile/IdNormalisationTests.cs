using System.Text;
using OpportunityScoring.Pipelines;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Ids are compared, and stored, trimmed and in Unicode normalisation form C, in every reader (finding 8): "GOOD-A",
/// " GOOD-A" and a decomposed form of one id are one id, so the later copies are duplicates.
/// </summary>
public sealed class IdNormalisationTests
{
    private const string Composed = "CAF\u00C9-1";     // É as one code point
    private const string Decomposed = "CAFE\u0301-1";  // E and a combining acute accent

    private static byte[] Record(PipelineFormat format, string id) => format switch
    {
        PipelineFormat.Json or PipelineFormat.JsonLines => Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","stage":"proposal","expectedContractAmount":5}"""),
        PipelineFormat.Csv => Encoding.UTF8.GetBytes($"\"{id}\",,proposal,5,,,"),
        _ => Encoding.UTF8.GetBytes($"\"{id}\",Name,Proposal,5,2027-03-01"),
    };

    public static TheoryData<PipelineFormat> Formats() => [.. Enum.GetValues<PipelineFormat>()];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_padded_or_decomposed_copy_of_an_id_is_a_duplicate_in_every_reader(PipelineFormat format)
    {
        var padded = format is PipelineFormat.Json or PipelineFormat.JsonLines ? " " + Composed + "\\t" : " " + Composed + "\t"; // a tab, escaped in JSON
        var records = Read(format, Pipeline(format, [Record(format, Composed), Record(format, padded), Record(format, Decomposed)]));

        Assert.Equal(Composed, records[0].Opportunity!.Id);
        foreach (var duplicate in records.Skip(1))
        {
            Assert.Null(duplicate.Opportunity);
            var error = Assert.Single(duplicate.Errors);
            Assert.Equal(("id", Composed), (error.Field, error.Id));
            Assert.Contains("index 0", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_id_is_stored_trimmed_and_composed(PipelineFormat format)
    {
        var record = Assert.Single(Read(format, Pipeline(format, [Record(format, "  " + Decomposed + " ")])));

        Assert.Equal(Composed, record.Opportunity!.Id);
        Assert.True(record.Opportunity.Id.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void A_rejected_records_id_is_normalised_too_so_a_later_copy_is_still_its_duplicate()
    {
        var records = Read(PipelineFormat.Json, Pipeline(PipelineFormat.Json,
        [
            Encoding.UTF8.GetBytes($$"""{"id":" {{Decomposed}}","stage":"nowhere","expectedContractAmount":5}"""),
            Record(PipelineFormat.Json, Composed),
        ]));

        Assert.Equal(Composed, records[0].Errors.Single().Id);
        Assert.Contains(records[1].Errors, e => e.Field == "id" && e.Message.Contains("index 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Finding_an_opportunity_trims_and_composes_the_id_asked_for()
    {
        using var source = PipelineSource.Open(PipelineFormat.Json, new MemoryStream(Pipeline(PipelineFormat.Json, [Record(PipelineFormat.Json, Composed)])));

        var found = source.Find(" " + Decomposed, out var errors);

        Assert.Equal(Composed, found?.Opportunity?.Id);
        Assert.Empty(errors);
    }
}
