using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using OpportunityScoring.Pipelines;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Schema;

/// <summary>
/// The published JSON Schemas (docs/schema) and the sample pipeline, as copied to the test output by the test
/// project (Link items), and a validator that reports every failure with its location.
/// </summary>
internal static class SchemaFiles
{
    public const string PipelineId = "urn:opportunity-scoring:schema:pipeline:1";
    public const string AssessmentId = "urn:opportunity-scoring:schema:assessment:1";

    private static readonly Lazy<JsonSchema> PipelineLazy = new(() => JsonSchema.FromText(Text("pipeline.schema.json")));
    private static readonly Lazy<JsonSchema> AssessmentLazy = new(() => JsonSchema.FromText(Text("assessment.schema.json")));

    public static JsonSchema Pipeline => PipelineLazy.Value;

    public static JsonSchema Assessment => AssessmentLazy.Value;

    /// <summary>The pipeline schema as a JSON tree (for the drift tests).</summary>
    public static JsonObject PipelineNode => Node("pipeline.schema.json");

    /// <summary>The assessment schema as a JSON tree (for the drift tests).</summary>
    public static JsonObject AssessmentNode => Node("assessment.schema.json");

    /// <summary>The full path of a file copied to Schema/Files in the test output.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Schema", "Files", file);

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    public static JsonObject Node(string file) => JsonNode.Parse(Text(file))!.AsObject();

    /// <summary>A schema that is one of the <c>$defs</c> of the assessment schema (e.g. a JSON Lines line).</summary>
    public static JsonSchema AssessmentDefinition(string name) =>
        JsonSchema.FromText($$"""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "{{AssessmentId}}#/$defs/{{name}}"}""");

    /// <summary>Validates an instance; formats (date) are asserted, not just annotated.</summary>
    /// <returns>Every failure as "location: message", empty when the instance is valid.</returns>
    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonNode? instance)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(Pipeline);
        options.SchemaRegistry.Register(Assessment);
        var result = schema.Evaluate(instance, options);
        if (result.IsValid)
        {
            return [];
        }

        var failures = new List<string>();
        foreach (var detail in result.Details.Where(d => d.HasErrors))
        {
            foreach (var (keyword, message) in detail.Errors!)
            {
                failures.Add($"{detail.InstanceLocation} ({detail.EvaluationPath}, {keyword}): {message}");
            }
        }

        return failures.Count > 0 ? failures : ["invalid (no detail)"];
    }

    /// <summary>Asserts that an instance is valid, listing every failure in full when it is not.</summary>
    public static void AssertValid(JsonSchema schema, JsonNode? instance)
    {
        var failures = Validate(schema, instance);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Reads a pipeline document the way the engine does.</summary>
    public static TestPipeline Read(JsonNode document)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return TestPipeline.Read(stream);
    }
}
