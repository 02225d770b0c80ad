using System.Reflection;
using System.Text.Json;
using OpportunityScoring.Engine;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26, the writer's ninth round: a list element keeps the bytes it was written as (<see cref="KeptJsonSlot"/>),
/// so that an element the engine shares is copied on a reference check — and the slot is no part of the element's
/// value, is not carried into a copy made with <c>with</c>, and is never taken for another language.
/// </summary>
public sealed class KeptJsonSlotTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
    private static readonly Type[] Elements = [typeof(Reason), typeof(RedFlag), typeof(MissingEvidence), typeof(KnockOut), typeof(GateItem)];

    [Fact]
    public void Shared_elements_keep_their_bytes_and_are_copied_from_them_as_the_serializer_writes_them()
    {
        var assessments = new PipelineGenerator(9, AsOf).Generate(300).Select(o => Compiled.Score(o, AsOf)).ToList();
        var writer = new AssessmentJsonWriter(Texts.English);
        for (var round = 0; round < 2; round++)
        {
            foreach (var a in assessments)
            {
                Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options), Written(writer, a));
            }
        }

        var reasons = assessments.SelectMany(a => a.Reasons).ToList(); // kept in English here, or in the language of another test's writer
        Assert.True(reasons.Count(r => r.Json.Kept is not null) > reasons.Count * 3 / 4, "most reasons keep their bytes after two rounds");
    }

    [Fact]
    public void An_element_written_in_one_language_is_written_in_another_as_the_serializer_writes_it_there()
    {
        var assessments = new PipelineGenerator(10, AsOf).Generate(120).Select(o => Compiled.Score(o, AsOf)).ToList();
        var writers = Texts.Languages.Select(Texts.ForLanguage).Select(t => new AssessmentJsonWriter(t)).ToList();
        for (var round = 0; round < 2; round++)
        {
            foreach (var a in assessments)
            {
                foreach (var writer in writers) // the same shared elements, one language after the other
                {
                    Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.For(writer.Texts)), Written(writer, a));
                }
            }
        }
    }

    [Fact]
    public void An_element_changed_with_with_after_it_kept_its_bytes_is_written_with_its_new_fields()
    {
        var scored = Compiled.Score(new PipelineGenerator(11, AsOf).Generate(1).Single(), AsOf);
        var text = MessageText.Of("reason.credit", MessageText.Word(Stage.Tender), MessageText.Word(Stage.Tender), 50m, 4m, 2m);
        var reason = new Reason("Test.Rule", Criterion.Need, 1m, text);
        var writer = new AssessmentJsonWriter(Texts.English);
        for (var round = 0; round < 3; round++)
        {
            Written(writer, With(scored, reason)); // the second sighting of the message keeps the element's bytes on it
        }

        Assert.NotNull(reason.Json.Kept);
        var changed = reason with { Points = 3m };
        var renamed = reason with { Rule = "Test.Other" };
        Assert.Null(changed.Json.Kept);
        foreach (var a in new[] { With(scored, changed), With(scored, renamed), With(scored, reason) })
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options), Written(writer, a));
        }
    }

    [Fact]
    public void An_element_with_its_bytes_kept_equals_the_same_element_without_and_hashes_alike()
    {
        var text = MessageText.Of("gate.missing.initiationReport.classification");
        var kept = new GateItem("initiationReport.classification", text) { Json = new KeptJsonSlot(new KeptJson(Texts.English, [1, 2, 3])) };
        var bare = new GateItem("initiationReport.classification", text);
        Assert.Equal(bare, kept);
        Assert.Equal(bare.GetHashCode(), kept.GetHashCode());
        Assert.Equal(bare.ToString(), kept.ToString());
        Assert.NotEqual(bare, kept with { Code = "other" });
    }

    [Fact]
    public void A_copy_made_with_with_has_every_field_of_the_element_but_not_its_kept_bytes()
    {
        foreach (var type in Elements)
        {
            var original = Uninitialised(type);
            var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            foreach (var field in fields)
            {
                field.SetValue(original, field.FieldType == typeof(KeptJsonSlot) ? new KeptJsonSlot(new KeptJson(Texts.English, [1])) : NotDefault(type, field));
            }

            var copy = type.GetMethod("<Clone>$")!.Invoke(original, null)!;
            foreach (var field in fields)
            {
                if (field.FieldType == typeof(KeptJsonSlot))
                {
                    Assert.Null(((KeptJsonSlot)field.GetValue(copy)!).Kept);
                }
                else
                {
                    Assert.True(Equals(field.GetValue(original), field.GetValue(copy)), $"{type.Name}.{field.Name} is copied by with");
                }
            }
        }
    }

    private static object Uninitialised(Type type) => System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);

    /// <summary>A value other than the default for each field type the elements have (a new field type fails here, to be added).</summary>
    private static object NotDefault(Type type, FieldInfo field) => field.FieldType switch
    {
        var t when t == typeof(string) => $"{type.Name}.{field.Name}",
        var t when t == typeof(decimal) => 2.50m,
        var t when t == typeof(Criterion?) => Criterion.Budget,
        var t when t == typeof(Grade) => Grade.C,
        var t when t == typeof(MessageText) => MessageText.Literal($"{type.Name}.{field.Name}"),
        var t => throw new Xunit.Sdk.XunitException($"{type.Name}.{field.Name}: give the test a value of {t}"),
    };

    private static Assessment With(Assessment scored, Reason reason) => new()
    {
        Id = scored.Id, Grade = scored.Grade, Score = scored.Score, Criteria = scored.Criteria, WinProbability = scored.WinProbability,
        Gate = scored.Gate, Bid = scored.Bid, Policy = scored.Policy, Reasons = [reason, reason],
    };

    private static byte[] Written(AssessmentJsonWriter writer, Assessment a)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, AssessmentJsonWriter.WriterOptions()))
        {
            writer.Write(json, a);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
