using OpportunityScoring.Grading;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>Messages are codes and arguments rendered on demand; a literal (a host's own rule text) is the same in every language.</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_coded_message_renders_its_arguments_in_each_language_without_trailing_zeros()
    {
        var message = MessageText.Of("reason.credit", ScoringTextsItem("budget.status"), MessageText.Word(BudgetStatus.CanBuy), 80.00m, 10.50m, 8.400m);

        Assert.Equal("the budget status (預算): canBuy, 8.4 of 10.5 points (80%)", message.ToString());
        Assert.Equal("預算狀態（預算）：有預算可用，得 8.4 分（滿分 10.5，得分率 80%）", message.Render(Texts.ForLanguage("zh-Hant")));
        Assert.Equal("预算状态（预算）：有预算可用，得 8.4 分（满分 10.5，得分率 80%）", message.Render(Texts.ForLanguage("zh-Hans")));
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
        var message = MessageText.Of("reason.gate.end", MessageText.Name("gate.end.name.", "noBid"), MessageText.Of("gate.end.noBid"));

        Assert.StartsWith("the pursuit ends (noBid): no-bid: close the project", message.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("停止跟進（不投標）：決定不投標", message.Render(Texts.ForLanguage("zh-Hant")), StringComparison.Ordinal);
        Assert.Equal("win probability 0.8134 from the calibrated model (history.csv)", MessageText.Of("reason.winProbability.calibrated", 0.81344999, "history.csv").ToString());
    }

    [Fact]
    public void Amounts_render_with_thousands_separators_and_lists_in_the_languages_words()
    {
        Assert.Equal("the project would make a loss of 15,000,000.5 after cost, sales expense and bid cost (虧損)", MessageText.Of("fatal.loss", 15_000_000.50m).ToString());
        var list = MessageText.Join("fatal.name.", ["marginBelowFloor", "loss", "somethingOfOurOwn"]);
        Assert.Equal("marginBelowFloor, loss, somethingOfOurOwn", list.ToString());
        Assert.Equal("毛利率低於底線、虧損、somethingOfOurOwn", list.Render(Texts.ForLanguage("zh-Hant")));
        Assert.Equal("无", MessageText.Join("fatal.name.", []).Render(Texts.ForLanguage("zh-Hans")));
        Assert.Equal("招投標", MessageText.Word(Stage.Tender).Render(Texts.ForLanguage("zh-Hant")));
        Assert.Equal("tender", MessageText.Word(Stage.Tender).ToString());
    }

    private static MessageText ScoringTextsItem(string field) => GradingCodes.ItemText(field);
}
