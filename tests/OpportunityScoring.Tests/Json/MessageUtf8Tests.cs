using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Engine;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26, the serialiser's fourth round: messages rendered straight into UTF-8 (<see cref="MessageUtf8"/>) are the
/// bytes of the string <see cref="MessageText.Render(Texts)"/> makes, in every language, for every catalogue text and any
/// argument; a code whose texts seldom repeat skips the caches; an element's message is looked up once.
/// </summary>
public sealed class MessageUtf8Tests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);

    private static readonly object?[] Arguments =
    [
        1234567.891m, -0.0375m, 0m, -0.000m, 12.500m, 0.1234567, -0.0, double.NaN, 42, -7, 15_000_000_000L, "a \"quoted\" \\ name\n", "客戶，預算", null,
        MessageText.Word(Stage.Tender), MessageText.Name("fatal.name.", "noNeed"), MessageText.Name("fatal.name.", "not-in-any-catalogue"),
        MessageText.Join("review.name.", ["lossRisk", "marginUnknown"]), MessageText.Join("review.name.", []), true, 'x', new DateOnly(2027, 2, 1),
        Grade.B, 2.5f, (short)3, new Uri("https://example.com/a?b=c"), MessageText.Of("reason.gate.defer", MessageText.Word(Stage.Proposal), 3),
        MessageText.Literal("a host's own text, \"quoted\""),
    ];

    [Fact]
    public void Every_catalogue_text_with_every_kind_of_argument_renders_to_the_utf8_of_its_string_in_every_language()
    {
        foreach (var language in Texts.Languages)
        {
            var texts = Texts.ForLanguage(language);
            var renderer = new MessageUtf8(texts);
            foreach (var message in CatalogueMessages.All(texts, Arguments))
            {
                AssertSame(texts, renderer, message);
            }
        }
    }

    [Property(MaxTest = 500, QuietOnSuccess = true)]
    public Property A_message_with_any_numbers_and_strings_renders_to_the_utf8_of_its_string(decimal a, double b, int c, NonNull<string> d, decimal e)
    {
        var message = MessageText.Of("reason.economics.breakEven", a, b, c, d.Get, e);
        return Texts.Languages.All(language =>
        {
            var texts = Texts.ForLanguage(language);
            return new MessageUtf8(texts).Render(message).SequenceEqual(Encoding.UTF8.GetBytes(message.Render(texts)));
        }).Label($"{a}, {b}, {c}, {d.Get}, {e}");
    }

    [Property(MaxTest = 2000, QuietOnSuccess = true)]
    public Property The_utf8_grouped_number_is_the_grouped_numbers_text(int whole, int fraction, byte scale, bool negative)
    {
        var value = new decimal(Math.Abs(whole), Math.Abs(fraction), whole ^ fraction, negative, (byte)(scale % 29));
        Span<byte> bytes = stackalloc byte[64];
        var n = Numbers.Grouped(value, bytes);
        return (n < 0 ? value == 0m : Encoding.UTF8.GetString(bytes[..n]) == Numbers.Grouped(value)).Label($"{value}");
    }

    [Fact]
    public void Literals_unknown_codes_bare_names_and_lists_render_as_their_strings()
    {
        foreach (var language in Texts.Languages)
        {
            var texts = Texts.ForLanguage(language);
            var renderer = new MessageUtf8(texts);
            AssertSame(texts, renderer, MessageText.Literal("plain, \"quoted\" and 中文"));
            AssertSame(texts, renderer, MessageText.Of("no.such.code"));
            AssertSame(texts, renderer, MessageText.Of("no.such.code", 1m, "x"));
            AssertSame(texts, renderer, MessageText.Name("knockOut.name.", "made-up"));
            AssertSame(texts, renderer, MessageText.Join("fatal.name.", ["noNeed", "made-up", "loss"]));
            AssertSame(texts, renderer, MessageText.Join("fatal.name.", []));
        }
    }

    [Fact]
    public void A_placeholder_past_the_arguments_fails_as_the_string_rendering_does()
    {
        var message = MessageText.Of("reason.economics.breakEven", 1m);
        var expected = Assert.ThrowsAny<FormatException>(() => message.Render(Texts.English));
        var actual = Assert.ThrowsAny<FormatException>(() => new MessageUtf8(Texts.English).Render(message).ToArray());
        Assert.Equal(expected.GetType(), actual.GetType());
    }

    [Theory]
    [InlineData("{0} of {1}", true)]
    [InlineData("no placeholder", true)]
    [InlineData("{1}{0}{1}", true)]
    [InlineData("{{0}}", false)]
    [InlineData("{0:N2}", false)]
    [InlineData("{0,5}", false)]
    [InlineData("a } b", false)]
    [InlineData("a { b", false)]
    public void A_template_is_split_only_when_it_has_nothing_but_text_and_numbered_placeholders(string template, bool split)
    {
        Assert.Equal(split, MessageCode.TrySplit(template, out var pieces, out var slots));
        if (split)
        {
            Assert.Equal(slots.Length + 1, pieces.Length);
            var rebuilt = new StringBuilder(Encoding.UTF8.GetString(pieces[0]));
            for (var i = 0; i < slots.Length; i++)
            {
                rebuilt.Append(CultureInfo.InvariantCulture, $"{{{slots[i]}}}").Append(Encoding.UTF8.GetString(pieces[i + 1]));
            }

            Assert.Equal(template, rebuilt.ToString());
        }
    }

    [Fact]
    public void A_code_whose_texts_never_repeat_stops_being_looked_up_and_its_lines_stay_the_serializers()
    {
        var scored = Compiled.Score(new PipelineGenerator(26, AsOf).Generate(1).Single(), AsOf);
        var writer = new AssessmentJsonWriter(Texts.English);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, AssessmentJsonWriter.WriterOptions());
        var renderedAfterTrial = 0L;
        for (var i = 0; i < MessageCode.Window * 4; i++)
        {
            var a = WithReasons(scored, new Reason("Test.Rule", Criterion.Budget, 1m, MessageText.Of("reason.economics", 1000m + i, 0.5, 10m, 2m)));
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            writer.Write(json, a);
            json.Flush();
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(a, ContractJson.Options), buffer.WrittenSpan.ToArray());
            if (i == MessageCode.Window)
            {
                renderedAfterTrial = writer.MessagesRendered;
            }
        }

        Assert.Equal(renderedAfterTrial, writer.MessagesRendered); // rendered straight into the output, not into the cache
    }

    [Fact]
    public void A_text_seen_once_is_not_kept_as_repeated_and_is_kept_so_when_it_comes_again()
    {
        var scored = Compiled.Score(new PipelineGenerator(26, AsOf).Generate(1).Single(), AsOf);
        var writer = new AssessmentJsonWriter(Texts.English);
        using var json = new Utf8JsonWriter(Stream.Null, AssessmentJsonWriter.WriterOptions());
        for (var i = 0; i < 2; i++)
        {
            writer.Write(json, WithReasons(scored)); // the gate's and the bid's texts, seen twice
            json.Reset();
        }

        var (repeated, rendered) = (writer.MessagesKeptAsRepeated, writer.MessagesRendered);
        writer.Write(json, WithReasons(scored, new Reason("Test.Rule", Criterion.Need, 1m, MessageText.Of("reason.economics", 1234m, 0.5, 10m, 2m))));
        json.Reset();
        Assert.Equal(repeated, writer.MessagesKeptAsRepeated);
        writer.Write(json, WithReasons(scored, new Reason("Test.Rule", Criterion.Need, 1m, MessageText.Of("reason.economics", 1234m, 0.5, 10m, 2m))));
        Assert.Equal(repeated + 1, writer.MessagesKeptAsRepeated);
        Assert.Equal(rendered + 1, writer.MessagesRendered);
    }

    private static Assessment WithReasons(Assessment scored, params Reason[] reasons) => new()
    {
        Id = scored.Id, Grade = scored.Grade, Score = scored.Score, Criteria = scored.Criteria, WinProbability = scored.WinProbability,
        Gate = scored.Gate, Bid = scored.Bid, Policy = scored.Policy, Reasons = reasons,
    };

    private static void AssertSame(Texts texts, MessageUtf8 renderer, MessageText message)
    {
        string expected;
        try
        {
            expected = message.Render(texts);
        }
        catch (FormatException)
        {
            Assert.ThrowsAny<FormatException>(() => renderer.Render(message).ToArray());
            return;
        }

        var actual = renderer.Render(message).ToArray();
        Assert.True(Encoding.UTF8.GetBytes(expected).AsSpan().SequenceEqual(actual), $"{texts.Language} {message.Code}: \"{Encoding.UTF8.GetString(actual)}\" against \"{expected}\"");
    }
}
