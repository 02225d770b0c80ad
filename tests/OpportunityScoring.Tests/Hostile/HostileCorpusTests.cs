using OpportunityScoring.Pipelines;
using OpportunityScoring.Tests.Batch;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Every case of the hostile corpus, in every reader it applies to, between two good records: nothing escapes the
/// reader, every record is accounted for, the good records are read as if the hostile one were not there and are
/// assessed, and the hostile one is rejected with an error naming its field.
/// </summary>
public sealed class HostileCorpusTests
{
    public static TheoryData<string, PipelineFormat> Cases => HostileCorpus.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_record_is_rejected_naming_its_field_and_every_other_record_is_read_and_assessed(string name, PipelineFormat format)
    {
        var hostile = HostileCorpus.Cases[name];
        var clean = Read(format, Pipeline(format, [Good(format, "GOOD-A"), Good(format, "GOOD-C")]));

        var records = Read(format, Around(format, hostile.Record));

        Assert.Equal(3, records.Count);
        Assert.Equal([0, 1, 2], records.Select(r => r.Index));
        Assert.Equal(TestData.Json(clean[0].Opportunity), TestData.Json(records[0].Opportunity));
        Assert.Equal(TestData.Json(clean[1].Opportunity), TestData.Json(records[2].Opportunity));
        Assert.Null(records[1].Opportunity);
        Assert.NotEmpty(records[1].Errors);
        Assert.All(records[1].Errors, e => Assert.Equal(1, e.Index));
        Assert.True(records[1].Errors.Any(e => Names(e, hostile.Field)), $"no error names {hostile.Field}: {string.Join(" | ", records[1].Errors)}");
        Assert.All(records[1].Errors, e => Assert.DoesNotContain('\uFFFD', e.Message));

        var run = new BatchScorer(TestAssets.Build.Scorer).Score(records, TestData.AsOf);
        var items = run.ToList();
        Assert.Equal(["GOOD-A", "GOOD-C"], items.Where(i => i.IsAssessed).Select(i => i.Assessment!.Id));
        Assert.Equal((3L, 2L, 1L), (run.Counts.Read, run.Counts.Assessed, run.Counts.Rejected));
    }

    /// <summary>The JSON cases a host can parse as one request body (not nested past JSON's default depth) and that are wrong inside the record.</summary>
    public static TheoryData<string> BodyCases()
    {
        var data = new TheoryData<string>();
        foreach (var (name, c) in HostileCorpus.Cases)
        {
            if (c.Formats.Contains(PipelineFormat.Json) && c.Field != "(record)" && !name.Contains("deep", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void One_hostile_opportunity_read_as_a_request_body_is_rejected_naming_its_field_not_thrown(string name)
    {
        var hostile = HostileCorpus.Cases[name];
        using var body = System.Text.Json.JsonDocument.Parse(hostile.Record);

        var record = PipelineRecord.Read(body.RootElement, 7);

        Assert.Null(record.Opportunity);
        Assert.True(record.Errors.Any(e => Names(e, hostile.Field) && e.Index == 7), string.Join(" | ", record.Errors));
    }

    [Fact]
    public void The_corpus_covers_every_reader()
    {
        var formats = HostileCorpus.Cases.Values.SelectMany(c => c.Formats).ToHashSet();

        Assert.Equal(Enum.GetValues<PipelineFormat>().ToHashSet(), formats);
    }
}
