using System.Text;
using OpportunityScoring.Pipelines;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Input;

public sealed class BadInputTests
{
    private const string Good = """{ "id": "OK-1", "stage": "proposal", "expectedContractAmount": 1000000 }""";

    private static TestPipeline Read(string opportunitiesJson) =>
        TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "schemaVersion": 1, "asOf": "2027-01-10", "opportunities": [ {{opportunitiesJson}} ] }""")));

    private static InputError SingleError(TestPipeline input, int index)
    {
        var record = input.Records[index];
        Assert.Null(record.Opportunity);
        return Assert.Single(record.Errors);
    }

    [Fact]
    public void A_negative_amount_is_rejected_naming_the_record_and_the_field_and_the_rest_is_read()
    {
        var input = Read(Good + """, { "id": "NEG-1", "stage": "tender", "expectedContractAmount": 500000, "estimatedCost": -10 }""");

        var error = SingleError(input, 1);
        Assert.Equal("NEG-1", error.Id);
        Assert.Equal(1, error.Index);
        Assert.Equal("estimatedCost", error.Field);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
        Assert.NotNull(input.Records[0].Opportunity);
    }

    [Fact]
    public void A_non_positive_contract_amount_is_rejected()
    {
        var error = SingleError(Read("""{ "id": "ZERO", "stage": "tender", "expectedContractAmount": 0 }"""), 0);

        Assert.Equal("expectedContractAmount", error.Field);
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_order_without_an_amount_is_rejected_naming_it()
    {
        var error = SingleError(Read("""{ "id": "CO-1", "stage": "implementation", "expectedContractAmount": 500000, "changeOrders": [ { "date": "2026-12-01", "reason": "scope" } ] }"""), 0);

        Assert.Equal("CO-1", error.Id);
        Assert.StartsWith("changeOrders", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_orders_that_take_the_initiation_amount_to_zero_or_below_are_rejected()
    {
        var error = SingleError(Read("""
            { "id": "CO-2", "stage": "implementation", "expectedContractAmount": 500000, "initiationReport": { "expectedContractAmount": 400000 },
              "changeOrders": [ { "amount": -300000 }, { "amount": -100000 } ] }
            """), 0);

        Assert.Equal("changeOrders", error.Field);
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_order_reducing_the_scope_is_read()
    {
        var o = Read("""{ "id": "CO-3", "stage": "tender", "expectedContractAmount": 500000, "changeOrders": [ { "amount": -50000, "reason": "descoped" } ] }""").Records[0].Opportunity;

        Assert.Equal(-50_000m, Assert.Single(o!.ChangeOrders).Amount);
    }

    [Fact]
    public void A_missing_id_is_rejected_by_index()
    {
        var input = Read(Good + """, { "stage": "tender", "expectedContractAmount": 500000 }""");

        var error = SingleError(input, 1);
        Assert.Null(error.Id);
        Assert.Equal(1, error.Index);
        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void An_unknown_stage_word_is_rejected_with_the_allowed_words()
    {
        var error = SingleError(Read("""{ "id": "ST-1", "stage": "negotiation", "expectedContractAmount": 500000 }"""), 0);

        Assert.Equal("ST-1", error.Id);
        Assert.Equal("stage", error.Field);
        Assert.Contains("'negotiation'", error.Message, StringComparison.Ordinal);
        Assert.Contains("development, initiation, proposal, tender, implementation, closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_word_deep_in_the_record_names_the_path()
    {
        var error = SingleError(Read("""{ "id": "DC-1", "stage": "tender", "expectedContractAmount": 5, "decisionChain": { "stakeholders": [ { "role": "economicBuyer" }, { "role": "boss" } ] } }"""), 0);

        Assert.Equal("decisionChain.stakeholders[1].role", error.Field);
        Assert.Contains("economicBuyer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_where_a_number_belongs_is_rejected_saying_what_was_expected_and_found()
    {
        var error = SingleError(Read("""{ "id": "NUM-1", "stage": "tender", "expectedContractAmount": 5, "budget": { "status": "canBuy", "amount": "13 million" } }"""), 0);

        Assert.Equal("NUM-1", error.Id);
        Assert.Equal("budget.amount", error.Field);
        Assert.Equal("expected a number, found the string \"13 million\"", error.Message);
    }

    [Fact]
    public void A_bad_date_is_rejected_saying_the_format()
    {
        var error = SingleError(Read("""{ "id": "D-1", "stage": "tender", "expectedContractAmount": 5, "expectedSignDate": "31/03/2027" }"""), 0);

        Assert.Equal("expectedSignDate", error.Field);
        Assert.Contains("yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_fails_the_whole_file_naming_the_line()
    {
        var text = "{\n  \"opportunities\": [\n    { \"id\": \"X\", \"stage\": \"tender\" \"expectedContractAmount\": 1 }\n  ]\n}";

        var e = Assert.Throws<PipelineFormatException>(() => TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_written_twice_in_a_record_is_rejected_naming_it_and_the_rest_is_read()
    {
        var input = Read(Good + """, { "id": "TWICE", "stage": "proposal", "stage": "closed", "expectedContractAmount": 5 }""");

        Assert.NotNull(input.Records[0].Opportunity);
        var error = SingleError(input, 1);
        Assert.Equal(("TWICE", "stage"), (error.Id, error.Field));
        Assert.Contains("written twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_opportunities_array_is_a_file_error_in_memory_and_streamed_not_a_silent_loss()
    {
        const string text = """{ "opportunities": [ { "id": "A", "stage": "tender", "expectedContractAmount": 5 } ], "opportunities": [ { "id": "B", "stage": "tender", "expectedContractAmount": 5 } ] }""";

        var inMemory = Assert.Throws<PipelineFormatException>(() => TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        var streamed = Assert.Throws<PipelineFormatException>(() =>
        {
            using var source = PipelineStreamReader.OpenJson(new MemoryStream(Encoding.UTF8.GetBytes(text)));
            _ = source.Records.Count();
        });

        Assert.Contains("'opportunities' appears twice", inMemory.Message, StringComparison.Ordinal);
        Assert.Contains("'opportunities' appears twice", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_column_named_twice_is_a_file_error_naming_it()
    {
        var e = Assert.Throws<PipelineFormatException>(() => PipelineCsv.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,stage,expectedContractAmount,need.level,Need.Level\nX1,proposal,5,mustHave,noNeed\n"))));

        Assert.Contains("'need.level' twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_quote_never_closed_stops_reading_at_its_record_instead_of_swallowing_the_rest_into_one_cell()
    {
        using var source = PipelineCsv.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,stage,expectedContractAmount,name\nQ1,proposal,5,ok\nQ2,proposal,5,\"unterminated\nQ3,proposal,7,ok\nQ4,proposal,9,ok\n")));
        var read = new List<PipelineRecord>();

        var e = Assert.Throws<PipelineFormatException>(() =>
        {
            foreach (var record in source.Records)
            {
                read.Add(record);
            }
        });

        Assert.Equal("Q1", Assert.Single(read).Opportunity!.Id);
        Assert.Contains("record 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_quote_inside_a_csv_cell_is_kept_as_text_and_every_row_is_read()
    {
        using var source = PipelineCsv.Open(new MemoryStream(Encoding.UTF8.GetBytes("id,stage,expectedContractAmount,name\nQ1,proposal,5,27\" screens\nQ2,proposal,5,ok\n")));

        var records = source.Records.ToList();

        Assert.Equal(["Q1", "Q2"], records.Select(r => r.Opportunity!.Id));
        Assert.Equal("27\" screens", records[0].Opportunity!.Name);
    }

    [Fact]
    public void A_repeated_id_is_a_duplicate_even_when_its_first_copy_was_rejected()
    {
        var input = Read("""{ "id": "R", "stage": "negotiation", "expectedContractAmount": 5 }, { "id": "R", "stage": "tender", "expectedContractAmount": 5 }""");

        Assert.Null(input.Records[1].Opportunity);
        Assert.Contains(input.Records[1].Errors, e => e.Field == "id" && e.Message.Contains("index 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_id_is_rejected_pointing_at_the_first()
    {
        var input = Read(Good + "," + Good);

        var error = SingleError(input, 1);
        Assert.Equal("id", error.Field);
        Assert.Contains("index 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_record_is_accounted_for_assessed_plus_rejected_equals_records()
    {
        var input = Read(Good + """, { "id": "B", "stage": "x", "expectedContractAmount": 1 }, { "id": "C", "stage": "tender", "expectedContractAmount": 1 }, 7""");

        var result = TestAssets.Build.Scorer.ScoreAll(input);

        Assert.Equal(4, input.Records.Count);
        Assert.Equal(2, result.Assessments.Count);
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(["OK-1", "C"], result.Assessments.Select(a => a.Id));
        Assert.Equal(new DateOnly(2027, 1, 10), result.AsOf);
    }

    [Fact]
    public void The_contract_example_is_accepted_as_it_is()
    {
        var input = TestPipeline.ReadFile(TestAssets.Repo.Shared("contract", "pipeline.example.json") is var p && File.Exists(p) ? p : TestAssets.Repo.SamplePipeline);

        Assert.All(input.Records, r => Assert.Empty(r.Errors));
        Assert.Equal(3, input.Records.Count);
    }

    [Fact]
    public void A_fractional_schema_version_is_a_clear_file_error_not_a_crash()
    {
        var e = Assert.Throws<PipelineFormatException>(() => TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes("""{ "schemaVersion": 1.5, "opportunities": [] }"""))));

        Assert.Contains("schemaVersion 1.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_names_are_the_contracts_camelCase_so_a_capitalised_name_is_not_read()
    {
        var input = Read("""{ "id": "CASE", "stage": "tender", "expectedContractAmount": 5, "Need": { "level": "noNeed" } }""");

        Assert.Equal(NeedLevel.Unknown, input.Records[0].Opportunity!.Need.Level);
    }

    [Fact]
    public void A_cost_range_missing_a_bound_is_rejected_rather_than_read_as_zero()
    {
        var error = SingleError(Read("""{ "id": "CR", "stage": "tender", "expectedContractAmount": 5, "costRange": { "high": 3 } }"""), 0);

        Assert.StartsWith("costRange", error.Field, StringComparison.Ordinal);
        Assert.Equal("costRange needs low", error.Message);
    }

    [Fact]
    public void Schema_version_1_point_0_is_version_1()
    {
        var input = TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes("""{ "schemaVersion": 1.0, "opportunities": [ { "id": "V", "stage": "tender", "expectedContractAmount": 5 } ] }""")));

        Assert.NotNull(Assert.Single(input.Records).Opportunity);
    }

    [Fact]
    public void A_null_competitor_name_is_rejected()
    {
        var error = SingleError(Read("""{ "id": "CN", "stage": "tender", "expectedContractAmount": 5, "competition": { "competitors": [ "Rival", null ] } }"""), 0);

        Assert.Equal("competition.competitors[1]", error.Field);
    }
}
