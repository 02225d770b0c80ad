using System.Text;
using System.Text.Json.Nodes;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Schema;

/// <summary>docs/schema/assessment.schema.json describes what the engine writes.</summary>
public sealed class AssessmentSchemaTests
{
    [Fact]
    public void Scoring_the_sample_pipeline_gives_a_document_that_validates_against_the_assessment_schema()
    {
        var result = OpportunityRules.CreateScorer().ScoreAll(TestPipeline.ReadFile(SchemaFiles.PathOf("pipeline.json")));
        var document = JsonNode.Parse((result).ToDocumentJson());

        Assert.Equal(3, result.Assessments.Count);
        SchemaFiles.AssertValid(SchemaFiles.Assessment, document);
    }

    [Fact]
    public void A_document_with_input_errors_validates_against_the_assessment_schema()
    {
        var pipeline = SchemaFiles.Node("pipeline.json");
        var records = pipeline["opportunities"]!.AsArray();
        records.Add(JsonNode.Parse("""{"stage": "tender", "expectedContractAmount": 5}"""));
        records.Add(JsonNode.Parse("""{"id": "BAD-1", "stage": "tender", "expectedContractAmount": -5}"""));
        records.Add(JsonNode.Parse("42"));
        var result = OpportunityRules.CreateScorer().ScoreAll(SchemaFiles.Read(pipeline));
        var document = JsonNode.Parse((result).ToDocumentJson());

        Assert.Equal(3, result.Errors.Count);
        SchemaFiles.AssertValid(SchemaFiles.Assessment, document);
    }

    [Fact]
    public void Every_json_lines_record_validates_against_its_line_definition()
    {
        var pipeline = SchemaFiles.Node("pipeline.json");
        pipeline["opportunities"]!.AsArray().Add(JsonNode.Parse("""{"id": "BAD-1", "stage": "someday", "expectedContractAmount": 5}"""));
        var result = OpportunityRules.CreateScorer().ScoreAll(SchemaFiles.Read(pipeline));
        using var buffer = new MemoryStream();
        result.WriteLines(buffer);
        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var assessmentLine = SchemaFiles.AssessmentDefinition("assessmentLine");
        var errorLine = SchemaFiles.AssessmentDefinition("errorLine");

        Assert.Equal(4, lines.Length);
        foreach (var line in lines)
        {
            var node = JsonNode.Parse(line)!;
            var schema = node["error"] is null ? assessmentLine : errorLine;
            SchemaFiles.AssertValid(schema, node);
        }
    }

    [Fact]
    public void An_assessment_line_without_its_policy_fails_validation()
    {
        var assessment = ScoredDocument()["assessments"]![0]!.DeepClone();

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.AssessmentDefinition("assessmentLine"), assessment));
    }

    [Fact]
    public void An_assessment_with_win_probability_gate_and_bid_as_the_contract_describes_them_validates()
    {
        var document = ScoredDocument();
        var assessment = document["assessments"]![0]!.AsObject();
        assessment["winProbability"] = 0.42;
        assessment["gate"] = JsonNode.Parse("""
            {"stage": "tender", "outcome": "defer", "nextStage": "implementation",
             "missing": [{"code": "bidPriceApproved", "message": "decide and review the bid price"}]}
            """);
        assessment["bid"] = JsonNode.Parse("""
            {"decision": "noBid", "grossMargin": 0.0375, "marginFloor": 0.1,
             "fatalFactors": [{"code": "marginBelowFloor", "message": "the margin is below the company's floor", "threshold": 0.1, "actual": 0.0375}]}
            """);

        SchemaFiles.AssertValid(SchemaFiles.Assessment, document);
    }

    public static TheoryData<string, string, string> WrongFutureFields() => new()
    {
        { "a win probability above 1", "winProbability", "1.5" },
        { "a gate outcome outside advance/defer/end", "gate", """{"stage": "tender", "outcome": "maybe"}""" },
        { "a gate without its stage", "gate", """{"outcome": "advance"}""" },
        { "a gate missing item without a code", "gate", """{"stage": "tender", "outcome": "defer", "missing": [{"message": "x"}]}""" },
        { "a bid decision outside bid/noBid/review", "bid", """{"decision": "yes"}""" },
        { "a fatal factor without a message", "bid", """{"decision": "noBid", "fatalFactors": [{"code": "lossMaking"}]}""" },
    };

    [Theory]
    [MemberData(nameof(WrongFutureFields))]
    public void An_assessment_with_a_malformed_optional_field_fails_validation(string why, string field, string value)
    {
        var document = ScoredDocument();
        document["assessments"]![0]![field] = JsonNode.Parse(value);

        Assert.True(SchemaFiles.Validate(SchemaFiles.Assessment, document).Count > 0, $"the schema accepts {why}");
    }

    [Fact]
    public void A_grade_outside_A_to_D_fails_validation()
    {
        var document = ScoredDocument();
        document["assessments"]![0]!["grade"] = "E";

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Assessment, document));
    }

    private static JsonObject ScoredDocument()
    {
        var result = OpportunityRules.CreateScorer().ScoreAll(TestPipeline.ReadFile(SchemaFiles.PathOf("pipeline.json")));
        return JsonNode.Parse((result).ToDocumentJson())!.AsObject();
    }
}
