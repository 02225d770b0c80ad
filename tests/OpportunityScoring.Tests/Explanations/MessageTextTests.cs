using OpportunityScoring.Grading;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>Messages are codes and arguments rendered on demand; a literal (a host's own rule text) is the same in every language.</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_coded_message_renders_its_arguments_in_each_language_without_trailing_zeros()
    {
        var message = MessageText.Of("reason.credit", ScoringTextsItem("budget.status"), "approved", 80.00m, 10.50m);

        Assert.Equal("the budget status (預算): approved, 80% of 10.5", message.ToString());
        Assert.Equal("預算狀態（預算）：approved，得 10.5 分中的 80%", message.Render(Texts.ForLanguage("zh-Hant")));
        Assert.Equal("预算状态（预算）：approved，得 10.5 分中的 80%", message.Render(Texts.ForLanguage("zh-Hans")));
    }

    [Fact]
    public void A_literal_message_is_the_same_in_every_language_and_has_no_code()
    {
        var message = MessageText.Literal("our own rule's text");

        Assert.Null(message.Code);
        Assert.All(Texts.Languages, l => Assert.Equal("our own rule's text", message.Render(Texts.ForLanguage(l))));
    }

    [Fact]
    public void Records_built_from_plain_text_keep_it_as_their_message()
    {
        var reason = new Reason("Custom.Rule", Criterion.Need, 1.5m, "found something");

        Assert.Equal("found something", reason.Message);
        Assert.Equal(reason, new Reason("Custom.Rule", Criterion.Need, 1.5m, MessageText.Literal("found something")));
    }

    [Fact]
    public void Messages_are_equal_when_their_English_texts_are_equal()
    {
        Assert.Equal(MessageText.Of("reason.bid.noBid", "loss"), MessageText.Of("reason.bid.noBid", "loss"));
        Assert.NotEqual(MessageText.Of("reason.bid.noBid", "loss"), MessageText.Of("reason.bid.noBid", "marginBelowFloor"));
        Assert.Equal(MessageText.Of("reason.bid.bid"), MessageText.Literal("bid: no fatal factor, nothing to review"));
    }

    [Fact]
    public void A_double_renders_with_at_most_four_decimals_and_a_nested_message_in_the_same_language()
    {
        var message = MessageText.Of("reason.gate.end", "noBid", MessageText.Of("gate.end.noBid"));

        Assert.StartsWith("the pursuit ends (noBid): no-bid: close the project", message.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("停止跟進（noBid）：不投標", message.Render(Texts.ForLanguage("zh-Hant")), StringComparison.Ordinal);
        Assert.Equal("win probability 0.8134 from the calibrated model (history.csv)", MessageText.Of("reason.winProbability.calibrated", 0.81344999, "history.csv").ToString());
    }

    private static MessageText ScoringTextsItem(string field) => GradingCodes.ItemText(field);
}
