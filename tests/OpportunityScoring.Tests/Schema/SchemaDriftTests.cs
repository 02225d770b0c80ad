using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Pipelines;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Schema;

/// <summary>
/// The schemas cannot silently fall behind the C# model: every bindable property of the model types (Opportunity
/// and every type reachable from it; the result types for the output schema) must be documented, with a type the
/// JSON can carry, and every enumeration must list exactly the words the engine reads and writes.
/// </summary>
/// <remarks>
/// Only properties with a public setter (<c>init</c>) are inputs; get-only properties such as
/// <see cref="Opportunity.GrossMargin"/> or <see cref="DecisionChain.BestSupport"/> are derived by the model, never
/// read from JSON, and so are not part of the input schema.
/// </remarks>
public sealed class SchemaDriftTests
{
    /// <summary>Output fields the contract announces that the C# model does not have yet (other work streams add them).</summary>
    private static readonly HashSet<string> AnnouncedOutputFields = ["assessment.winProbability", "assessment.gate", "assessment.bid"];

    [Fact]
    public void Every_input_property_of_the_domain_model_is_documented_in_the_pipeline_schema()
    {
        // The accounts section is read by the streaming reader into AccountBook, not bound to Pipeline; its fields are checked
        // against the reader by AccountSchemaTests.
        var drift = new Drift(SchemaFiles.PipelineNode, ["pipeline.accounts"]);
        drift.Object(typeof(Pipeline), drift.Definition("pipeline"), "pipeline");

        Assert.True(drift.Problems.Count == 0, string.Join(Environment.NewLine, drift.Problems));
        Assert.Contains(typeof(Stakeholder), drift.Visited);
        Assert.Contains(typeof(InitiationReport), drift.Visited);
    }

    [Fact]
    public void Every_property_of_the_result_types_is_documented_in_the_assessment_schema()
    {
        var schema = SchemaFiles.AssessmentNode;
        var drift = new Drift(schema, AnnouncedOutputFields);
        drift.Object(typeof(TestResult), schema, "document");

        Assert.True(drift.Problems.Count == 0, string.Join(Environment.NewLine, drift.Problems));
        Assert.Contains(typeof(Reason), drift.Visited);
        Assert.Contains(typeof(KnockOut), drift.Visited);
    }

    [Fact]
    public void Every_enum_member_word_is_in_the_pipeline_schema_and_nothing_else()
    {
        var defs = SchemaFiles.PipelineNode["$defs"]!.AsObject();
        var enums = new (Type Type, string Definition)[]
        {
            (typeof(Stage), "stage"), (typeof(Evidence), "evidence"), (typeof(NeedLevel), "needLevel"),
            (typeof(BudgetStatus), "budgetStatus"), (typeof(PurchaseTimeframe), "purchaseTimeframe"),
            (typeof(PurchaseProcess), "purchaseProcess"), (typeof(StakeholderRole), "stakeholderRole"),
            (typeof(Influence), "influence"), (typeof(Stance), "stance"), (typeof(Coverage), "coverage"),
            (typeof(Incumbent), "incumbent"), (typeof(CompetitivePosition), "competitivePosition"),
            (typeof(BuyingCriteriaFavor), "buyingCriteriaFavor"), (typeof(FutureInfluence), "futureInfluence"),
            (typeof(Relationship), "relationship"), (typeof(BidOutcome), "bidOutcome"), (typeof(BuyingStep), "buyingStep"),
            (typeof(CommercialNegotiation), "commercialNegotiation"),
        };
        var modelEnums = InputEnums(typeof(Pipeline), []); // the enumerations an input can carry; output-only ones are checked against the assessment schema

        Assert.Equal(modelEnums.OrderBy(t => t.Name), enums.Select(e => e.Type).OrderBy(t => t.Name));
        foreach (var (type, definition) in enums)
        {
            var listed = defs[definition]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
            Assert.True(listed.SetEquals(Drift.Words(type)), $"$defs.{definition} lists [{string.Join(", ", listed)}]; {type.Name} reads [{string.Join(", ", Drift.Words(type))}]");
        }
    }

    [Fact]
    public void Every_property_in_both_schemas_has_a_description()
    {
        var missing = new List<string>();
        foreach (var (name, schema) in new[] { ("pipeline", SchemaFiles.PipelineNode), ("assessment", SchemaFiles.AssessmentNode) })
        {
            Describe(schema, name, missing);
        }

        Assert.True(missing.Count == 0, "no description: " + string.Join(", ", missing));
    }

    private static void Describe(JsonNode? node, string path, List<string> missing)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (name, property) in properties)
                    {
                        if (property?["description"] is not JsonValue d || string.IsNullOrWhiteSpace(d.GetValue<string>()))
                        {
                            missing.Add($"{path}.properties.{name}");
                        }
                    }
                }

                foreach (var (key, child) in obj)
                {
                    Describe(child, $"{path}.{key}", missing);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Describe(array[i], $"{path}[{i}]", missing);
                }

                break;
        }
    }

    private static HashSet<Type> InputEnums(Type type, HashSet<Type> seen)
    {
        var found = new HashSet<Type>();
        if (!seen.Add(type))
        {
            return found;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (t.IsGenericType && t.GetGenericArguments().Length == 1)
            {
                t = t.GetGenericArguments()[0];
            }

            if (t.IsEnum)
            {
                found.Add(t);
            }
            else if (t.IsClass && t != typeof(string) && t.Namespace == typeof(Opportunity).Namespace)
            {
                found.UnionWith(InputEnums(t, seen));
            }
        }

        return found;
    }

    /// <summary>Walks a CLR type and its schema side by side, collecting every mismatch.</summary>
    private sealed class Drift(JsonObject root, HashSet<string> announced)
    {
        public List<string> Problems { get; } = [];

        public HashSet<Type> Visited { get; } = [];

        public JsonObject Definition(string name) => root["$defs"]![name]!.AsObject();

        /// <summary>The contract words of an enumeration, as the engine writes them.</summary>
        public static List<string> Words(Type enumType) =>
            Enum.GetValues(enumType).Cast<object>()
                .Select(v => JsonSerializer.Serialize(v, enumType, ContractJson.Options).Trim('"'))
                .ToList();

        public void Object(Type type, JsonObject schema, string path)
        {
            if (!Visited.Add(type))
            {
                return;
            }

            var branches = Resolve(schema);
            var properties = branches.Select(b => b["properties"]).OfType<JsonObject>().FirstOrDefault();
            if (properties is null)
            {
                Problems.Add($"{path}: the schema of {type.Name} has no properties");
                return;
            }

            // What the serializer writes (its contract: [JsonIgnore] and get-only properties as it sees them), not what reflection lists.
            var bound = OpportunityScoring.ContractJson.Options.GetTypeInfo(type).Properties
                .Where(p => p.Get is not null && (p.Set is not null || p.AssociatedParameter is not null)) // read back: settable or bound by the constructor
                .ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var (name, property) in bound)
            {
                if (properties[name] is not JsonObject propertySchema)
                {
                    Problems.Add($"{path}.{name}: {type.Name}.{name} is not documented in the schema");
                    continue;
                }

                Value(property.PropertyType, propertySchema, $"{path}.{name}");
            }

            var typeKey = char.ToLowerInvariant(type.Name[0]) + type.Name[1..];
            foreach (var (name, _) in properties)
            {
                if (!bound.ContainsKey(name) && !announced.Contains($"{typeKey}.{name}"))
                {
                    Problems.Add($"{path}.{name}: the schema documents a field that {type.Name} does not have");
                }
            }
        }

        private void Value(Type type, JsonObject schema, string path)
        {
            var branches = Resolve(schema);
            var types = branches.SelectMany(b => b["type"] switch
            {
                JsonArray a => a.Select(t => t!.GetValue<string>()),
                JsonValue v => [v.GetValue<string>()],
                _ => [],
            }).ToHashSet(StringComparer.Ordinal);
            var clr = Nullable.GetUnderlyingType(type) ?? type;

            if (clr.GetCustomAttribute<System.Text.Json.Serialization.JsonConverterAttribute>() is not null)
            {
                // A type with its own converter (FactorValue: a number or a string) is written as a scalar.
                if (types.Count == 0 || types.Contains("object"))
                {
                    Problems.Add($"{path}: {clr.Name} is written as a scalar by its converter, but the schema types it as {string.Join("/", types)}");
                }

                return;
            }

            if (clr.IsEnum)
            {
                var listed = branches.Select(b => b["enum"]).OfType<JsonArray>().FirstOrDefault();
                var words = Words(clr);
                if (listed is null)
                {
                    Problems.Add($"{path}: {clr.Name} is an enumeration but the schema lists no enum words");
                }
                else
                {
                    var set = listed.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    foreach (var word in words.Where(w => !set.Contains(w)))
                    {
                        Problems.Add($"{path}: the word '{word}' of {clr.Name} is not in the schema's enum");
                    }

                    foreach (var word in set.Where(w => !words.Contains(w)))
                    {
                        Problems.Add($"{path}: the schema's enum word '{word}' is not a member of {clr.Name}");
                    }
                }
            }
            else if (clr == typeof(string))
            {
                Expect(types, "string", path, clr);
            }
            else if (clr == typeof(decimal) || clr == typeof(double))
            {
                Expect(types, "number", path, clr);
            }
            else if (clr == typeof(int) || clr == typeof(long))
            {
                Expect(types, "integer", path, clr);
            }
            else if (clr == typeof(bool))
            {
                Expect(types, "boolean", path, clr);
            }
            else if (clr == typeof(DateOnly))
            {
                Expect(types, "string", path, clr);
                if (!branches.Any(b => b["format"]?.GetValue<string>() == "date"))
                {
                    Problems.Add($"{path}: a date must have format date");
                }
            }
            else if (clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                Expect(types, "array", path, clr);
                if (branches.Select(b => b["items"]).OfType<JsonObject>().FirstOrDefault() is { } items)
                {
                    Value(clr.GetGenericArguments()[0], items, path + "[]");
                }
                else
                {
                    Problems.Add($"{path}: the schema does not describe the array's items");
                }
            }
            else if (clr.IsClass)
            {
                Expect(types, "object", path, clr);
                Object(clr, schema, path);
            }
            else
            {
                Problems.Add($"{path}: the drift test does not know how {clr.Name} maps to JSON; teach it");
            }
        }

        private void Expect(HashSet<string> types, string expected, string path, Type clr)
        {
            if (!types.Contains(expected))
            {
                Problems.Add($"{path}: {clr.Name} is written as a JSON {expected}, but the schema's type is [{string.Join(", ", types)}]");
            }
        }

        /// <summary>The schema and every schema it stands for: local $ref targets and oneOf/anyOf/allOf branches.</summary>
        private List<JsonObject> Resolve(JsonObject schema)
        {
            var all = new List<JsonObject>();
            var pending = new Stack<JsonObject>([schema]);
            while (pending.Count > 0)
            {
                var s = pending.Pop();
                if (all.Contains(s))
                {
                    continue;
                }

                all.Add(s);
                if (s["$ref"]?.GetValue<string>() is { } reference)
                {
                    if (!reference.StartsWith("#/$defs/", StringComparison.Ordinal))
                    {
                        Problems.Add($"only local references are supported by the drift test: {reference}");
                        continue;
                    }

                    pending.Push(Definition(reference["#/$defs/".Length..]));
                }

                foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
                {
                    if (s[keyword] is JsonArray branches)
                    {
                        foreach (var branch in branches.OfType<JsonObject>())
                        {
                            pending.Push(branch);
                        }
                    }
                }
            }

            return all;
        }
    }
}
