using System.Buffers;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26, part 1, fifth round: a message rendered as a JSON string value (<see cref="MessageUtf8.RenderJsonString"/>:
/// its template's pieces escaped once per code, its arguments escaped as written) is the bytes a <see cref="Utf8JsonWriter"/>
/// with the contract's encoder writes for the message's string — in every language, for every catalogue text and any
/// argument, quotes, backslashes, control characters, Chinese and infinity included.
/// </summary>
public sealed class MessageJsonStringTests
{
    private static readonly object?[] Arguments =
    [
        1234567.891m, -0.0375m, decimal.Negate(0m), 0.1234567, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0, 42, "a \"quoted\" \\ name\n\t<&>'",
        "客戶，預算", "\u2028\u00e9\u0001", null, MessageText.Word(Stage.Tender), MessageText.Name("fatal.name.", "not \"in\" any catalogue"),
        MessageText.Join("review.name.", ["lossRisk", "marginUnknown"]), MessageText.Join("review.name.", []), Grade.B, 2.5f,
        MessageText.Literal("a host's own text, \"quoted\" \\ too"), MessageText.Of("reason.gate.defer", MessageText.Word(Stage.Proposal), 3),
    ];

    [Fact]
    public void Every_catalogue_text_with_every_kind_of_argument_is_the_json_string_the_writer_makes_in_every_language()
    {
        foreach (var language in Texts.Languages)
        {
            var texts = Texts.ForLanguage(language);
            var renderer = new MessageUtf8(texts);
            foreach (var message in CatalogueMessages.All(texts, Arguments))
            {
                AssertSame(texts, renderer, message);
            }

            AssertSame(texts, renderer, MessageText.Literal("\"\\\n\u0000 客戶 </script>"));
        }
    }

    [Property(MaxTest = 500, QuietOnSuccess = true)]
    public Property A_message_with_any_strings_and_numbers_is_the_json_string_the_writer_makes(NonNull<string> a, decimal b, double c, NonNull<string> d) =>
        Texts.Languages.All(language =>
        {
            var texts = Texts.ForLanguage(language);
            var message = MessageText.Of("reason.band", a.Get, b, c, d.Get);
            return new MessageUtf8(texts).RenderJsonString(message).SequenceEqual(Written(message.Render(texts)));
        }).Label($"{a.Get}, {b}, {c}, {d.Get}");

    [Fact]
    public void The_plain_rendering_after_a_json_string_is_not_escaped()
    {
        var renderer = new MessageUtf8(Texts.English);
        var message = MessageText.Of("reason.band", "\"B\"", 1m, 2m, 3m);
        _ = renderer.RenderJsonString(message);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(message.ToString()), renderer.Render(message).ToArray());
    }

    private static void AssertSame(Texts texts, MessageUtf8 renderer, MessageText message)
    {
        string text;
        try
        {
            text = message.Render(texts);
        }
        catch (FormatException)
        {
            Assert.ThrowsAny<FormatException>(() => renderer.RenderJsonString(message).ToArray());
            return;
        }

        Assert.Equal(Written(text), renderer.RenderJsonString(message).ToArray());
    }

    private static byte[] Written(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AssessmentJsonWriter.WriterOptions()))
        {
            writer.WriteStringValue(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.WrittenSpan.ToArray();
    }
}
