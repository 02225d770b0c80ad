using System.Text.Json.Nodes;

namespace OpportunityScoring.Tests.Schema;

/// <summary>docs/schema/pipeline.schema.json accepts what the engine reads and rejects what it refuses.</summary>
public sealed class PipelineSchemaTests
{
    [Fact]
    public void The_sample_pipeline_validates_against_the_pipeline_schema()
    {
        var sample = JsonNode.Parse(SchemaFiles.Text("pipeline.json"));

        SchemaFiles.AssertValid(SchemaFiles.Pipeline, sample);
    }

    [Fact]
    public void A_bare_array_of_opportunities_validates_against_the_pipeline_schema()
    {
        var bare = Sample()["opportunities"]!.DeepClone();

        SchemaFiles.AssertValid(SchemaFiles.Pipeline, bare);
    }

    [Fact]
    public void A_minimal_opportunity_with_only_the_three_required_fields_validates()
    {
        var minimal = JsonNode.Parse("""[{"id": "O-1", "stage": "development", "expectedContractAmount": 1}]""");

        SchemaFiles.AssertValid(SchemaFiles.Pipeline, minimal);
    }

    [Fact]
    public void A_wrong_enum_word_fails_validation()
    {
        var document = Sample();
        First(document)["need"]!["level"] = "critical";

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, document));
    }

    [Fact]
    public void A_negative_amount_fails_validation()
    {
        var document = Sample();
        First(document)["budget"]!["amount"] = -1;

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, document));
    }

    [Fact]
    public void A_missing_id_fails_validation()
    {
        var document = Sample();
        First(document).Remove("id");

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, document));
    }

    /// <summary>Documents the schema rejects; the engine must reject the same record (schema and reader agree).</summary>
    public static TheoryData<string, string, string> Rejected() => new()
    {
        { "wrong need level", "need.level", "\"critical\"" },
        { "evidence word in the wrong case", "strategicFit.strategy", "\"Yes\"" },
        { "unknown stage", "stage", "\"unknown\"" },
        { "stage missing", "stage", "(remove)" },
        { "unknown bid outcome", "milestones.bidOutcome", "\"unknown\"" },
        { "id missing", "id", "(remove)" },
        { "id empty", "id", "\"\"" },
        { "id blank", "id", "\"   \"" },
        { "id a number", "id", "7" },
        { "contract amount missing", "expectedContractAmount", "(remove)" },
        { "contract amount zero", "expectedContractAmount", "0" },
        { "contract amount negative", "expectedContractAmount", "-5" },
        { "contract amount as a string", "expectedContractAmount", "\"12500000\"" },
        { "negative estimated cost", "estimatedCost", "-1" },
        { "negative sales expense budget", "salesExpenseBudget", "-1" },
        { "negative bid cost", "bidCost", "-1" },
        { "negative budget amount", "budget.amount", "-1" },
        { "negative low cost", "costRange.low", "-1" },
        { "null high cost", "costRange.high", "null" },
        { "initiation amount zero", "initiationReport.expectedContractAmount", "0" },
        { "margin written as a percentage", "initiationReport.grossMarginEstimate", "22" },
        { "date without leading zeros", "stageEnteredOn", "\"2027-1-5\"" },
        { "date with a time", "timeline.decisionDate", "\"2027-02-15T00:00:00\"" },
        { "impossible date", "expectedSignDate", "\"2027-02-30\"" },
        { "key account as a word", "account.keyAccount", "\"yes\"" },
        { "unknown stakeholder role", "decisionChain.stakeholders.0.role", "\"sponsor\"" },
        { "null enum answer", "need.requirementsDocumented", "null" },
        { "null stakeholder", "decisionChain.stakeholders.0", "null" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_record_the_schema_rejects_is_also_rejected_by_the_engine(string why, string path, string value)
    {
        var document = Sample();
        Set(First(document), path, value);

        Assert.True(SchemaFiles.Validate(SchemaFiles.Pipeline, document).Count > 0, $"the schema accepts a document with {why}");
        var record = SchemaFiles.Read(document).Records[0];
        Assert.True(record.Opportunity is null, $"the engine accepts a record with {why}");
    }

    /// <summary>Documents the schema accepts; the engine must read the record (schema and reader agree).</summary>
    public static TheoryData<string, string, string> Accepted() => new()
    {
        { "name null", "name", "null" },
        { "account null", "account", "null" },
        { "need null", "need", "null" },
        { "nested evidence absent", "need", "{}" },
        { "unknown need level", "need.level", "\"unknown\"" },
        { "unknown stakeholder role, influence and coverage", "decisionChain.stakeholders.0", """{"role": "unknown", "influence": "unknown", "coverage": "unknown", "stance": "unknown"}""" },
        { "unknown account relationship", "account.relationship", "\"unknown\"" },
        { "no stakeholders", "decisionChain.stakeholders", "[]" },
        { "stakeholders null", "decisionChain.stakeholders", "null" },
        { "key account not stated", "account.keyAccount", "null" },
        { "estimated cost unknown", "estimatedCost", "null" },
        { "cost range absent", "costRange", "(remove)" },
        { "zero bid cost", "bidCost", "0" },
        { "loss-making margin estimate", "initiationReport.grossMarginEstimate", "-0.3" },
        { "decision date unknown", "timeline.decisionDate", "null" },
        { "a field this engine does not know", "crmOwner", "\"someone\"" },
        { "a field this engine does not know, nested", "budget.fiscalYear", "2027" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_record_the_schema_accepts_is_also_read_by_the_engine(string why, string path, string value)
    {
        var document = Sample();
        Set(First(document), path, value);

        SchemaFiles.AssertValid(SchemaFiles.Pipeline, document);
        var record = SchemaFiles.Read(document).Records[0];
        Assert.True(record.Opportunity is not null, $"the engine rejects a record with {why}: {string.Join("; ", record.Errors.Select(e => e.Field + ": " + e.Message))}");
    }

    [Fact]
    public void A_schema_version_other_than_1_fails_validation()
    {
        var document = Sample();
        document["schemaVersion"] = 2;

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, document));
    }

    [Fact]
    public void A_pipeline_object_without_opportunities_fails_validation()
    {
        var document = Sample();
        document.Remove("opportunities");

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, document));
    }

    private static JsonObject Sample() => SchemaFiles.Node("pipeline.json");

    private static JsonObject First(JsonObject document) => document["opportunities"]![0]!.AsObject();

    /// <summary>Sets (or with "(remove)" removes) the value at a dotted path; numeric parts index arrays.</summary>
    private static void Set(JsonObject record, string path, string value) => JsonPaths.Set(record, path, value);
}
