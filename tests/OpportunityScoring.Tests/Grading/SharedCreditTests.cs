using OpportunityScoring.Grading;

namespace OpportunityScoring.Tests.Grading;

/// <summary>
/// The credits' reasons are shared per evidence item of a policy (issue 26, eighth round): found by the answer's
/// reference, the credit's exact bits and whether it is unknown, without hashing; a shared reason must say exactly what
/// a reason built afresh says, the table must stay bounded and the look-up must hold under several threads.
/// </summary>
public sealed class SharedCreditTests
{
    private static EvidenceItem Item() => new("budget.status", GradingCodes.ItemText("budget.status"), 0.35m, 10.5m);

    private static void AssertSays(Reason expected, Reason actual)
    {
        Assert.Equal(expected.Rule, actual.Rule);
        Assert.Equal(expected.Criterion, actual.Criterion);
        Assert.Equal(expected.Points, actual.Points);
        Assert.Equal(expected.Message, actual.Message);
    }

    /// <summary>What the reason says when it is built afresh: an answer that is not shared is never kept.</summary>
    private static Reason Afresh(string rule, EvidenceItem item, MessageText answer, decimal credit, bool unknown) =>
        CreditReasons.ReasonOf(rule, Criterion.Budget, item, MessageText.Literal(answer.ToString()), credit, unknown);

    [Fact]
    public void The_same_credit_of_a_shared_answer_gives_the_same_reason_and_another_rule_gets_its_own()
    {
        var item = Item();
        var answer = MessageText.Word(BudgetStatus.CanBuy);
        var first = CreditReasons.ReasonOf("Grading.Budget.Status", Criterion.Budget, item, answer, 0.8m, false);
        Assert.Same(first, CreditReasons.ReasonOf("Grading.Budget.Status", Criterion.Budget, item, answer, 0.8m, false));
        AssertSays(Afresh("Grading.Budget.Status", item, answer, 0.8m, false), first);

        var other = CreditReasons.ReasonOf("Grading.Budget.Other", Criterion.Budget, item, answer, 0.8m, false);
        Assert.NotSame(first, other);
        Assert.Equal("Grading.Budget.Other", other.Rule);
        Assert.Equal(first.Message, other.Message);

        var unknown = CreditReasons.ReasonOf("Grading.Budget.Status", Criterion.Budget, item, answer, 0.8m, true);
        Assert.NotSame(first, unknown);
        AssertSays(Afresh("Grading.Budget.Status", item, answer, 0.8m, true), unknown);
        Assert.Equal(2, item.Credits.Count);
    }

    [Fact]
    public void Credits_equal_in_value_but_not_in_scale_are_kept_apart_and_say_what_each_says_afresh()
    {
        var item = Item();
        var answer = MessageText.Word(BudgetStatus.WillBuy);
        var one = CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 1.0m, false);
        var two = CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 1.00m, false);
        Assert.NotSame(one, two);
        AssertSays(Afresh("r", item, answer, 1.0m, false), one);
        AssertSays(Afresh("r", item, answer, 1.00m, false), two);
        Assert.Same(two, CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 1.00m, false));
    }

    [Fact]
    public void Answers_that_are_not_shared_messages_are_never_kept()
    {
        var item = Item();
        var first = CreditReasons.ReasonOf("r", Criterion.Budget, item, MessageText.Literal("58%"), 0.5m, false);
        var second = CreditReasons.ReasonOf("r", Criterion.Budget, item, MessageText.Literal("58%"), 0.5m, false);
        Assert.NotSame(first, second);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(0, item.Credits.Count);
    }

    [Fact]
    public void The_reasons_kept_per_item_do_not_grow_past_their_bound_and_later_credits_are_built_afresh()
    {
        var item = Item();
        var answer = MessageText.Word(BudgetStatus.MayBuy);
        for (var i = 0; i < 200; i++)
        {
            var credit = i / 200m;
            var reason = CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, credit, false);
            AssertSays(Afresh("r", item, answer, credit, false), reason);
        }

        Assert.Equal(64, item.Credits.Count);
        Assert.Same(CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 0m, false), CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 0m, false));
        Assert.NotSame(CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 199 / 200m, false), CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, 199 / 200m, false));
    }

    [Fact]
    public void Four_threads_crediting_the_same_item_get_reasons_that_say_what_one_built_afresh_says()
    {
        var item = Item();
        MessageText[] answers = [MessageText.Word(BudgetStatus.NoCommittedBudget), MessageText.Word(BudgetStatus.MayBuy), MessageText.Word(BudgetStatus.CanBuy), MessageText.Word(BudgetStatus.WillBuy), MessageText.Word(BudgetStatus.Unknown)];
        var wrong = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var answer = answers[(i + t) % answers.Length];
                var credit = ((i * 7) + t) % 30 / 10m;
                var unknown = i % answers.Length == answers.Length - 1;
                var reason = CreditReasons.ReasonOf("r", Criterion.Budget, item, answer, credit, unknown);
                var afresh = Afresh("r", item, answer, credit, unknown);
                if (reason.Points != afresh.Points || reason.Message != afresh.Message || reason.Rule != "r")
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
        Assert.InRange(item.Credits.Count, 1, 64);
    }
}
