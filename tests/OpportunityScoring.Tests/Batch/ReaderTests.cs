using System.Text;
using OpportunityScoring.Pipelines;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Batch;

public sealed class ReaderTests
{
    private const string Mixed = """
        {
          "schemaVersion": 1,
          "asOf": "2027-01-10",
          // comments are allowed
          "opportunities": [
            { "id": "A-1", "stage": "tender", "expectedContractAmount": 1000 },
            { "id": "A-2", "stage": "nowhere", "expectedContractAmount": 1000 },
            { "stage": "proposal" },
            { "id": "A-1", "stage": "proposal", "expectedContractAmount": 5 },
            42,
            { "id": "A-5", "stage": "proposal", "expectedContractAmount": 0, "budget": { "amount": "lots" } },
            { "id": "A-6", "stage": "proposal", "expectedContractAmount": 10, "costRange": { "low": 5, "high": 1 } },
          ]
        }
        """;

    private static void AssertSameRecords(TestPipeline expected, PipelineSource actual)
    {
        Assert.Equal(expected.AsOf, actual.AsOf);
        var records = actual.Records.ToList();
        Assert.Equal(expected.Records.Count, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(expected.Records[i].Index, records[i].Index);
            Assert.Equal(expected.Records[i].Errors, records[i].Errors);
            Assert.Equal(TestData.Json(expected.Records[i].Opportunity), TestData.Json(records[i].Opportunity));
        }
    }

    [Fact]
    public void The_streaming_json_reader_reads_the_sample_pipeline_like_the_whole_file_reader()
    {
        using var source = PipelineStreamReader.OpenJsonFile(TestData.SamplePipeline);
        AssertSameRecords(TestPipeline.ReadFile(TestData.SamplePipeline), source);
    }

    [Fact]
    public void The_streaming_json_reader_gives_bad_records_the_same_errors_as_the_whole_file_reader()
    {
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(Mixed));
        AssertSameRecords(TestPipeline.Read(TestData.Utf8(Mixed)), source);
    }

    [Fact]
    public void The_streaming_json_reader_reads_a_pipeline_larger_than_its_buffer_like_the_whole_file_reader()
    {
        var text = TestData.GeneratedPipelineJson(600);
        Assert.True(text.Length > 4 * 64 * 1024);
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(text));
        AssertSameRecords(TestPipeline.Read(TestData.Utf8(text)), source);
    }

    [Fact]
    public void The_streaming_json_reader_parses_in_parallel_chunks_but_gives_duplicates_and_bad_records_the_errors_of_reading_in_order()
    {
        // Records are parsed 256 at a time on all cores; duplicates must still be found in input order across chunks.
        var root = System.Text.Json.Nodes.JsonNode.Parse(TestData.GeneratedPipelineJson(600))!;
        var list = root["opportunities"]!.AsArray();
        var firstId = list[0]!["id"]!.GetValue<string>();
        var bad = System.Text.Json.Nodes.JsonNode.Parse(Mixed, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!["opportunities"]!.AsArray();
        foreach (var at in new[] { 255, 256, 257, 511, 512, 590 })
        {
            list.Insert(at, bad[at % bad.Count]!.DeepClone());
        }

        list.Insert(300, System.Text.Json.Nodes.JsonNode.Parse($$"""{ "id": "{{firstId}}", "stage": "proposal", "expectedContractAmount": 5 }"""));
        list.Insert(520, list[1]!.DeepClone());
        var text = root.ToJsonString();

        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(text));
        AssertSameRecords(TestPipeline.Read(TestData.Utf8(text)), source);
    }

    [Theory]
    [InlineData("""{ "id": "A-1", "stage": "tender", "expectedContractAmount": 1000 }""")]
    [InlineData("""{ "id": null, "stage": "tender", "expectedContractAmount": 1000 }""")]
    [InlineData("""{ "id": "  ", "stage": "tender", "expectedContractAmount": 1000 }""")]
    [InlineData("""{ "id": "A-2", "stage": null, "expectedContractAmount": 1000 }""")]
    [InlineData("""{ "id": "A-2", "stage": "nowhere", "expectedContractAmount": 1000 }""")]
    [InlineData("""{ "id": "A-3", "stage": "tender" }""")]
    [InlineData("""{ "stage": "proposal" }""")]
    [InlineData("""{ "id": "A-4", "stage": "tender", "expectedContractAmount": "lots" }""")]
    [InlineData("""{ "id": "A-5", "stage": "proposal", "expectedContractAmount": 0, "budget": { "amount": "lots" } }""")]
    [InlineData("""{ "id": "A-6", "stage": "proposal", "expectedContractAmount": 10, "costRange": { "low": 5, "high": 1 } }""")]
    [InlineData("""{ "id": "A-7", "stage": "proposal", "expectedContractAmount": 10, "unknownField": 1 }""")]
    [InlineData("""{ "id": "A-8", /* a comment */ "stage": "proposal", "expectedContractAmount": 10, }""")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public void Reading_a_record_from_its_bytes_gives_exactly_what_reading_it_from_a_document_gives(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var document = System.Text.Json.JsonDocument.Parse(bytes, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });

        var fast = RecordReader.ReadRecordUtf8(bytes, 7);
        var slow = RecordReader.ReadRecord(document.RootElement, 7);

        Assert.Equal(slow.Index, fast.Index);
        Assert.Equal(slow.Errors, fast.Errors);
        Assert.Equal(TestData.Json(slow.Opportunity), TestData.Json(fast.Opportunity));
    }

    [Fact]
    public void The_streaming_json_reader_reads_a_bare_array()
    {
        const string text = """[{ "id": "B-1", "stage": "tender", "expectedContractAmount": 7 }]""";
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(text));
        AssertSameRecords(TestPipeline.Read(TestData.Utf8(text)), source);
    }

    [Fact]
    public void A_syntax_error_in_the_file_is_a_format_error_naming_the_line_as_the_whole_file_reader_does()
    {
        var text = TestData.GeneratedPipelineJson(200);
        var at = text.IndexOf("},{\"id\"", text.Length / 2, StringComparison.Ordinal) + 2;
        var broken = text[..at] + "\n\n  { \"id\": oops }," + text[at..];

        var expected = Assert.Throws<PipelineFormatException>(() => TestPipeline.Read(TestData.Utf8(broken)));
        var actual = Assert.Throws<PipelineFormatException>(() =>
        {
            using var source = PipelineStreamReader.OpenJson(TestData.Utf8(broken));
            _ = source.Records.Count();
        });

        Assert.Contains("line 3", actual.Message, StringComparison.Ordinal);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_pipeline_is_a_format_error()
    {
        Assert.Throws<PipelineFormatException>(() => PipelineStreamReader.OpenJson(TestData.Utf8("\"hello\"")));
        Assert.Throws<PipelineFormatException>(() => PipelineStreamReader.OpenJson(TestData.Utf8("{\"schemaVersion\": 2, \"opportunities\": []}")));
        Assert.Throws<PipelineFormatException>(() => PipelineStreamReader.OpenJson(TestData.Utf8("{\"asOf\": \"2027-01-10\"}")));
    }

    [Fact]
    public void A_json_line_rejected_without_an_id_names_its_line_which_after_blank_lines_is_not_its_index()
    {
        using var source = PipelineStreamReader.OpenJsonLines(TestData.Utf8("{ \"id\": \"L-1\", \"stage\": \"tender\", \"expectedContractAmount\": 1000 }\n\n\nnull\n{}\n"));

        var records = source.Records.ToList();

        Assert.StartsWith("line 4: ", Assert.Single(records[1].Errors).Message, StringComparison.Ordinal);
        Assert.All(records[2].Errors, e => Assert.StartsWith("line 5: ", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_lines_are_read_one_record_per_line_and_a_broken_line_is_one_rejected_record()
    {
        const string text = """
            { "id": "L-1", "stage": "tender", "expectedContractAmount": 1000 }

            { "id": "L-2", "stage": oops
            { "id": "L-3", "stage": "proposal", "expectedContractAmount": -5 }
            """;
        using var source = PipelineStreamReader.OpenJsonLines(TestData.Utf8(text));
        var records = source.Records.ToList();

        Assert.Equal(3, records.Count);
        Assert.NotNull(records[0].Opportunity);
        Assert.Contains("line 3", Assert.Single(records[1].Errors).Message, StringComparison.Ordinal);
        Assert.Equal("expectedContractAmount", Assert.Single(records[2].Errors).Field);
        Assert.Equal([0, 1, 2], records.Select(r => r.Index));
    }

    [Fact]
    public void Csv_in_the_flat_layout_round_trips_every_field_of_generated_opportunities()
    {
        var opportunities = TestData.Generated(300, seed: 21);
        using var buffer = new MemoryStream();
        Assert.Equal(300, PipelineCsv.Write(opportunities, buffer));
        buffer.Position = 0;

        using var source = PipelineCsv.Open(buffer, leaveOpen: true);
        var records = source.Records.ToList();

        Assert.All(records, r => Assert.Empty(r.Errors));
        Assert.Equal(opportunities.Select(TestData.Json), records.Select(r => TestData.Json(r.Opportunity)));
    }

    [Fact]
    public void Csv_cells_that_do_not_parse_become_errors_naming_the_contract_field()
    {
        const string text = "id,stage,expectedContractAmount,budget.amount,account.keyAccount,unknownColumn\n"
            + "C-1,tender,1000,900,true,whatever\n"
            + "C-2,tender,abc,,,\n"
            + "C-3,tender,1000,-4,,\n"
            + ",tender,1000,,,\n";
        using var source = PipelineCsv.Open(TestData.Utf8(text));
        var records = source.Records.ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal(900m, records[0].Opportunity!.Budget.Amount);
        Assert.True(records[0].Opportunity!.Account.KeyAccount);
        Assert.Equal("expectedContractAmount", Assert.Single(records[1].Errors).Field);
        Assert.Contains("abc", records[1].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("budget.amount", Assert.Single(records[2].Errors).Field);
        Assert.Equal("id", Assert.Single(records[3].Errors).Field);
    }

    [Fact]
    public void A_csv_without_an_id_column_is_a_format_error()
    {
        Assert.Throws<PipelineFormatException>(() => PipelineCsv.Open(TestData.Utf8("name,stage\nx,tender\n")));
    }

    private const string SalesforceFixture =
        "\uFEFFId,IsDeleted,AccountId,Name,Description,StageName,Amount,Probability,CloseDate,Type,NextStep,LeadSource,IsClosed,IsWon,ForecastCategory,ForecastCategoryName,CreatedDate\n"
        + "006000000000000001,,001000000000000001,Acme Rail 1,,Closed Won,90000,100,2021-08-31,Existing Business,,Fields Sales,1,1,Closed,Closed,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000002,,001000000000000002,Beta Grid 2,,Closed Lost,42857,0,2021-08-26,Add-On Business,,Reseller,1,,Omitted,Omitted,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000003,,001000000000000003,Core Port 3,,Negotiation,120000,0,2027-02-10,New Business,,Reseller,,,BestCase,Best Case,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000004,,001000000000000004,Delta Water 4,,Qualification,15000,10,2027-05-01,New Business / Add-on,,Telesales,,,Pipeline,Pipeline,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000005,,001000000000000005,Echo Air 5,,Proposal/Quote,0,0,2027-03-01,New Business,,Other,,,Forecast,Commit,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000006,,001000000000000006,Fox Steel 6,,Discovery,,0,2027-03-01,New Business,,Other,,,Pipeline,Pipeline,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000007,,001000000000000007,Gold Bank 7,,Dreaming,5000,0,2027-03-01,New Business,,Other,,,Pipeline,Pipeline,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000008,,001000000000000008,\"Harbour, Hospital 8\",\"multi\nline\",Proposal/Quote,250000.50,0,2027-04-30T00:00:00.000+0000,Existing Business,,Fields Sales,,,Forecast,Commit,2023-04-05T12:39:49.000+0000\n"
        + "006000000000000003,,001000000000000009,Core Port again,,Negotiation,1000,0,2027-02-10,New Business,,Reseller,,,BestCase,Best Case,2023-04-05T12:39:49.000+0000\n"
        + ",,001000000000000010,No Id 10,,Negotiation,1000,0,2027-02-10,New Business,,Reseller,,,BestCase,Best Case,2023-04-05T12:39:49.000+0000\n";

    [Fact]
    public void The_salesforce_reader_maps_what_salesforce_has_and_rejects_rows_that_cannot_be_scored()
    {
        using var source = SalesforceOpportunityReader.Open(TestData.Utf8(SalesforceFixture));
        var records = source.Records.ToList();

        Assert.Equal(10, records.Count);
        Assert.Null(source.AsOf);

        var won = records[0].Opportunity!;
        Assert.Equal("006000000000000001", won.Id);
        Assert.Equal(Stage.Closed, won.Stage);
        Assert.Equal(BidOutcome.Won, won.Milestones.BidOutcome);
        Assert.Equal(90000m, won.ExpectedContractAmount);
        Assert.Equal(new DateOnly(2021, 8, 31), won.ExpectedSignDate);
        Assert.Equal(Relationship.Current, won.Account.Relationship);
        Assert.Equal("001000000000000001", won.Account.Id);
        Assert.Equal(1m, won.Crm!.Probability);
        Assert.Equal("Fields Sales", won.Crm.LeadSource);
        Assert.Equal("salesforce", won.Crm.System);

        Assert.Equal(BidOutcome.Lost, records[1].Opportunity!.Milestones.BidOutcome);
        Assert.Equal(Relationship.Current, records[1].Opportunity!.Account.Relationship);

        var open = records[2].Opportunity!;
        Assert.Equal(Stage.Tender, open.Stage);
        Assert.Equal(BidOutcome.Pending, open.Milestones.BidOutcome);
        Assert.Equal(Relationship.New, open.Account.Relationship);
        Assert.Equal(NeedLevel.Unknown, open.Need.Level);
        Assert.Equal(BudgetStatus.Unknown, open.Budget.Status);
        Assert.Empty(open.DecisionChain.Stakeholders);

        Assert.Equal(Stage.Development, records[3].Opportunity!.Stage);
        Assert.Equal(Relationship.Unknown, records[3].Opportunity!.Account.Relationship);
        Assert.Equal(0.1m, records[3].Opportunity!.Crm!.Probability);

        Assert.Equal("Amount", Assert.Single(records[4].Errors).Field);
        Assert.Contains("Amount is 0", records[4].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("006000000000000005", records[4].Errors[0].Id);
        Assert.Equal("Amount", Assert.Single(records[5].Errors).Field);
        Assert.Contains("empty", records[5].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("StageName", Assert.Single(records[6].Errors).Field);
        Assert.Contains("Dreaming", records[6].Errors[0].Message, StringComparison.Ordinal);

        var quoted = records[7].Opportunity!;
        Assert.Equal("Harbour, Hospital 8", quoted.Name);
        Assert.Equal(250000.50m, quoted.ExpectedContractAmount);
        Assert.Equal(new DateOnly(2027, 4, 30), quoted.ExpectedSignDate);

        Assert.Contains("duplicate id", Assert.Single(records[8].Errors).Message, StringComparison.Ordinal);
        Assert.Equal("Id", Assert.Single(records[9].Errors).Field);
    }

    [Fact]
    public void Every_salesforce_row_is_accounted_for_when_scored()
    {
        using var source = SalesforceOpportunityReader.Open(TestData.Utf8(SalesforceFixture));
        var run = new BatchScorer(Rules.OpportunityRules.CreateScorer()).Score(source.Records, TestData.AsOf);
        var items = run.ToList();

        Assert.Equal(10, items.Count);
        Assert.Equal(5, run.Counts.Assessed);
        Assert.Equal(5, run.Counts.Rejected);
    }

    [Theory]
    [InlineData("CloseDate", "03/31/2027")]
    [InlineData("CloseDate", "2027-02-30")]
    [InlineData("CloseDate", "2027-03-31x")]
    [InlineData("Probability", "abc")]
    [InlineData("Probability", "140")]
    public void A_salesforce_value_that_cannot_be_read_rejects_its_row_naming_the_salesforce_column(string column, string value)
    {
        var header = "Id,Name,StageName,Amount,Probability,CloseDate,IsClosed,IsWon\n";
        var row = column == "CloseDate" ? $"006A,Acme,Negotiation,1000,50,{value},,\n" : $"006A,Acme,Negotiation,1000,{value},2027-03-31,,\n";
        using var source = SalesforceOpportunityReader.Open(TestData.Utf8(header + row + "006B,Beta,Negotiation,1000,50,2027-03-31T10:00:00.000+0000,,\n"));

        var records = source.Records.ToList();

        var error = Assert.Single(records[0].Errors);
        Assert.Equal((column, "006A"), (error.Field, error.Id));
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 3, 31), records[1].Opportunity!.ExpectedSignDate);
    }

    [Fact]
    public void A_csv_that_is_not_a_salesforce_export_is_a_format_error()
    {
        var e = Assert.Throws<PipelineFormatException>(() => SalesforceOpportunityReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,stage\n1,tender\n"))));
        Assert.Contains("StageName", e.Message, StringComparison.Ordinal);
    }
}
