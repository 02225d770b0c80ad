using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>
/// Issue 26, part 1, fifth round: a message made by the internal typed overloads of <c>MessageText.Of</c> (its numbers
/// held without an <c>object?[]</c> and a box each) is the same message as the params overload makes from the same
/// values — the same text in every language, equal both ways with the same hash, the same <see cref="MessageText.Arguments"/>,
/// the same content and content hash for the writers' caches, and the same UTF-8.
/// </summary>
public sealed class MessageArgumentsTests
{
    private static readonly MessageText Nested = MessageText.Of("answer.percent", 12.50m);

    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public Property Five_typed_arguments_make_the_same_message_as_the_params_array(decimal a, double b, int c, NonNull<string> d, decimal e) =>
        Same(MessageText.Of("reason.economics.breakEven", a, b, c, d.Get, e), MessageText.Of("reason.economics.breakEven", [a, b, c, d.Get, e]))
            .Label($"{a}, {b}, {c}, {d.Get}, {e}");

    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public Property Four_typed_arguments_make_the_same_message_as_the_params_array(decimal a, int b, decimal c, double d) =>
        Same(MessageText.Of("reason.band", a, b.ToString(System.Globalization.CultureInfo.InvariantCulture), c, d), MessageText.Of("reason.band", [a, b.ToString(System.Globalization.CultureInfo.InvariantCulture), c, d]))
            .Label($"{a}, {b}, {c}, {d}");

    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public Property One_two_and_three_typed_arguments_make_the_same_message_as_the_params_array(decimal a, double b, int c) =>
        (Same(MessageText.Of("answer.percent", a), MessageText.Of("answer.percent", [a]))
         && Same(MessageText.Of("reason.winProbability.calibrated", b, Nested), MessageText.Of("reason.winProbability.calibrated", [b, Nested]))
         && Same(MessageText.Of("redFlag.staleStage", c, MessageText.Word(Stage.Tender), a), MessageText.Of("redFlag.staleStage", [c, MessageText.Word(Stage.Tender), a])))
        .Label($"{a}, {b}, {c}");

    [Fact]
    public void Typed_arguments_keep_their_scale_sign_and_kind_where_the_text_shows_them()
    {
        object?[][] cases =
        [
            [1.50m, -0.0, 0], [-0.000m, double.NaN, int.MinValue], [1234567.891m, 0.123456, -7], [decimal.MaxValue, double.PositiveInfinity, int.MaxValue],
        ];
        foreach (var values in cases)
        {
            var (a, b, c) = ((decimal)values[0]!, (double)values[1]!, (int)values[2]!);
            Assert.True(Same(MessageText.Of("reason.economics", a, b, c, "x"), MessageText.Of("reason.economics", [a, b, c, "x"])), $"{a} {b} {c}");
            var typed = MessageText.Of("reason.economics", a, b, c, (string?)null);
            Assert.Equal(values.Select(v => v!.GetType()), typed.Arguments.Take(3).Select(v => v!.GetType()));
            Assert.Equal(a.ToString(System.Globalization.CultureInfo.InvariantCulture), ((decimal)typed.Arguments[0]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Null(typed.Arguments[3]);
        }
    }

    [Fact]
    public void Typed_arguments_of_other_types_read_as_the_boxed_values_the_params_array_holds()
    {
        var typed = MessageText.Of("reason.economics", 15_000_000_000L, (decimal?)2.5m, Grade.B, (int?)null, 'x');
        var boxed = MessageText.Of("reason.economics", [15_000_000_000L, 2.5m, Grade.B, null, 'x']);

        Assert.True(Same(typed, boxed));
        Assert.Equal(boxed.Arguments, typed.Arguments);
        Assert.IsType<decimal>(typed.Arguments[1]);
    }

    [Fact]
    public void Messages_that_differ_in_one_typed_argument_differ_in_content()
    {
        var one = MessageText.Of("reason.band", 71.5m, "B", 60m, 75m);

        Assert.False(MessageTextCache.Content.Instance.Equals(one, MessageText.Of("reason.band", 71.5m, "B", 60m, 76m)));
        Assert.False(MessageTextCache.Content.Instance.Equals(one, MessageText.Of("reason.band", 71.5m, "C", 60m, 75m)));
        Assert.True(MessageTextCache.Content.Instance.Equals(one, MessageText.Of("reason.band", 71.50m, "B", 60m, 75m))); // decimals by value and sign: 71.50 renders as 71.5
        Assert.False(MessageTextCache.Content.Instance.Equals(MessageText.Of("answer.percent", 1m), MessageText.Of("answer.percent", 1))); // a decimal is not an int
        Assert.False(MessageTextCache.Content.Instance.Equals(MessageText.Of("answer.percent", 0.0), MessageText.Of("answer.percent", -0.0))); // doubles by their bits: -0 renders as itself
        Assert.False(MessageTextCache.Content.Instance.Equals(MessageText.Of("answer.percent", 0m), MessageText.Of("answer.percent", decimal.Negate(0m))));
        Assert.Equal(one, MessageText.Of("reason.band", 71.50m, "B", 60m, 75m)); // equality is by the English text
    }

    [Fact]
    public void The_typed_overloads_are_marked_explanation_only_so_a_decisions_run_may_skip_them()
    {
        var overloads = typeof(MessageText).GetMethods(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            .Where(m => m.Name == nameof(MessageText.Of) && m.IsGenericMethodDefinition).ToList();

        Assert.Equal(5, overloads.Count);
        Assert.All(overloads, m => Assert.True(m.MakeGenericMethod([.. m.GetGenericArguments().Select(_ => typeof(decimal))]).IsDefined(typeof(ExplanationOnlyAttribute), false)));
    }

    [Fact]
    public void Threads_reading_the_arguments_while_others_render_see_the_same_values()
    {
        var messages = Enumerable.Range(0, 2000).Select(i => MessageText.Of("reason.band", i + 0.5m, "B", (double)i, i)).ToArray();
        var texts = messages.Select(m => m.ToString()).ToArray();
        Parallel.For(0, 4, worker =>
        {
            var renderer = new MessageUtf8(Texts.English);
            for (var i = 0; i < messages.Length; i++)
            {
                var m = messages[worker % 2 == 0 ? i : messages.Length - 1 - i];
                if (worker < 2)
                {
                    Assert.Equal(4, m.Arguments.Count);
                    Assert.IsType<decimal>(m.Arguments[0]);
                }
                else
                {
                    Assert.True(MessageTextCache.Content.TryHash(m, out _));
                    Assert.Equal(texts[Array.IndexOf(messages, m)], Encoding.UTF8.GetString(renderer.Render(m)));
                }
            }
        });
    }

    private static bool Same(MessageText typed, MessageText boxed)
    {
        var content = MessageTextCache.Content.Instance;
        var sameHash = MessageTextCache.Content.TryHash(typed, out var h1) == MessageTextCache.Content.TryHash(boxed, out var h2) && h1 == h2;
        return typed.ToString() == boxed.ToString()
            && typed.Equals(boxed) && boxed.Equals(typed) && typed.GetHashCode() == boxed.GetHashCode()
            && typed.Arguments.Count == boxed.Arguments.Count
            && typed.Arguments.Zip(boxed.Arguments).All(p => Equals(p.First, p.Second) && p.First?.GetType() == p.Second?.GetType())
            && content.Equals(typed, boxed) && content.GetHashCode(typed) == content.GetHashCode(boxed) && sameHash
            && MessageTextCache.Content.IsCacheable(typed) == MessageTextCache.Content.IsCacheable(boxed)
            && Texts.Languages.All(language =>
            {
                var texts = Texts.ForLanguage(language);
                var text = typed.Render(texts);
                return text == boxed.Render(texts)
                    && new MessageUtf8(texts).Render(typed).SequenceEqual(Encoding.UTF8.GetBytes(text))
                    && new MessageUtf8(texts).Render(boxed).SequenceEqual(Encoding.UTF8.GetBytes(text));
            });
    }
}
