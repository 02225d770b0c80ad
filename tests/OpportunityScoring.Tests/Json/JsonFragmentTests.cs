using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Engine;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26, the serialiser's third round: list elements copied whole from their kept bytes
/// (<see cref="JsonFragmentCache"/>), one-off texts kept apart from the repeated ones (<see cref="MessageTextCache"/>),
/// and the messages' grouped numbers written without the custom format (<see cref="Numbers.Grouped"/>) — each the same
/// bytes as before.
/// </summary>
public sealed class JsonFragmentTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);

    [Property(MaxTest = 2000, QuietOnSuccess = true)]
    public Property The_grouped_number_of_a_message_is_what_the_custom_grouped_format_writes(int whole, int fraction, byte scale, bool negative)
    {
        var value = new decimal(Math.Abs(whole), Math.Abs(fraction), whole ^ fraction, negative, (byte)(scale % 29));
        var expected = Numbers.Normalize(value).ToString(Numbers.GroupedFormat, CultureInfo.InvariantCulture);
        return (Numbers.Grouped(value) == expected).Label($"{value}: {Numbers.Grouped(value)} against {expected}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.000")]
    [InlineData("999")]
    [InlineData("-999.5")]
    [InlineData("1000")]
    [InlineData("-1000.25")]
    [InlineData("15000000")]
    [InlineData("0.0375")]
    [InlineData("12.500")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("7922816251426433759354395.0335")]
    public void The_grouped_number_of_an_edge_value_is_what_the_custom_grouped_format_writes(string text)
    {
        var value = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(Numbers.Normalize(value).ToString(Numbers.GroupedFormat, CultureInfo.InvariantCulture), Numbers.Grouped(value));
    }

    [Fact]
    public void Most_list_elements_of_a_pipeline_are_copied_whole_and_the_lines_are_the_serializers()
    {
        var assessments = new PipelineGenerator(26, AsOf).Generate(400).Select(o => Compiled.Score(o, AsOf)).ToList();
        var writer = new AssessmentJsonWriter(Texts.English);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, AssessmentJsonWriter.WriterOptions());
        long elements = 0;
        foreach (var a in assessments)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            writer.Write(json, a);
            json.Flush();
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options), buffer.WrittenSpan.ToArray());
            elements += a.Reasons.Count + a.RedFlags.Count + a.MissingEvidence.Count + a.KnockOuts.Count + a.Gate.Missing.Count + a.Gate.EndedBy.Count
                + (a.Bid?.ReviewReasons.Count ?? 0);
        }

        Assert.True(writer.FragmentsCopied > elements * 3 / 4, $"{writer.FragmentsCopied} of {elements} elements copied whole");
    }

    [Fact]
    public void An_indented_writer_writes_every_element_field_by_field()
    {
        var assessments = new PipelineGenerator(26, AsOf).Generate(50).Select(o => Compiled.Score(o, AsOf)).ToList();
        var writer = new AssessmentJsonWriter(Texts.English);
        using var json = new Utf8JsonWriter(Stream.Null, AssessmentJsonWriter.WriterOptions(indented: true));
        foreach (var a in assessments)
        {
            writer.Write(json, a);
            json.Reset();
        }

        Assert.Equal(0, writer.FragmentsCopied);
    }

    [Fact]
    public void Elements_that_differ_only_in_the_scale_of_their_points_or_in_their_criterion_are_not_confused()
    {
        var scored = Compiled.Score(new PipelineGenerator(26, AsOf).Generate(1).Single(), AsOf);
        var text = MessageText.Of("reason.credit", MessageText.Word(Stage.Tender), MessageText.Word(Stage.Tender), 50m, 4m, 2m);
        Reason[] reasons =
        [
            new("Test.Rule", Criterion.Need, 1m, text), new("Test.Rule", Criterion.Need, 1.0m, text), new("Test.Rule", Criterion.Need, 1m, text),
            new("Test.Rule", Criterion.Budget, 1m, text), new("Test.Rule", null, 1m, text), new("Test.Rule", Criterion.Need, 1.00m, text),
            new("Test.Rule", Criterion.Need, -0m, text), new("Test.Rule", Criterion.Need, 0m, text), new("Test.Other", Criterion.Need, 1m, text),
        ];
        var a = new Assessment
        {
            Id = scored.Id, Grade = scored.Grade, Score = scored.Score, Criteria = scored.Criteria, WinProbability = scored.WinProbability,
            Gate = scored.Gate, Bid = scored.Bid, Policy = scored.Policy, Reasons = reasons,
        };

        var writer = new AssessmentJsonWriter(Texts.English);
        for (var round = 0; round < 3; round++)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, AssessmentJsonWriter.WriterOptions()))
            {
                writer.Write(json, a);
            }

            Assert.Equal(System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options)), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        Assert.True(writer.FragmentsCopied >= reasons.Length, "the later rounds copy the elements");
    }

    [Fact]
    public void Texts_seen_once_do_not_push_out_the_texts_that_repeat()
    {
        var cache = new MessageTextCache(Texts.English);
        var repeated = MessageText.Of("redFlag.staleStage", 30, Stage.Proposal, 90);
        Assert.True(cache.TryGet(repeated, out _));
        Assert.True(cache.TryGet(MessageText.Of("redFlag.staleStage", 30, Stage.Proposal, 90), out _));
        var rendered = cache.Rendered;
        for (var i = 0; i < MessageTextCache.Capacity * 3; i++)
        {
            Assert.True(cache.TryGet(MessageText.Of("redFlag.staleStage", 1000 + i, Stage.Proposal, 90), out _));
            Assert.True(cache.TryGet(MessageText.Of("redFlag.staleStage", 30, Stage.Proposal, 90), out _));
        }

        Assert.Equal(rendered + (MessageTextCache.Capacity * 3), cache.Rendered); // every one-off once, the repeated text never again
    }

    [Fact]
    public void A_text_seen_once_keeps_no_object_alive_and_is_kept_when_it_comes_again()
    {
        var cache = new MessageTextCache(Texts.English, jsonStrings: true);
        var once = SeeOnce(cache, 123_456m);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(once.IsAlive, "a one-off message must not be held by the cache");
        Assert.Equal(0, cache.Count);

        var again = MessageText.Of("reason.economics", 123_456m, 0.5, 10m, 2m);
        Assert.True(MessageTextCache.Content.TryHash(again, out var hash));
        Assert.True(cache.Find(again, hash, out var kept)); // its hash was seen: rendered once more and kept
        Assert.Equal(cache.Renderer.RenderJsonString(again).ToArray(), kept);
        Assert.Equal(1, cache.Count);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference SeeOnce(MessageTextCache cache, decimal amount)
    {
        var message = MessageText.Of("reason.economics", amount, 0.5, 10m, 2m);
        Assert.True(MessageTextCache.Content.TryHash(message, out var hash));
        Assert.False(cache.Find(message, hash, out var text));
        Assert.Null(text);
        return new WeakReference(message);
    }
}
