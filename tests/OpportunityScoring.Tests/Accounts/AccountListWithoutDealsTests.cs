using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// The key-account list (table, JSON, CSV) prints no deal, so the <c>accounts</c> verb keeps none (<c>dealsKept: 0</c>):
/// the list is the same as a book's that keeps each account's largest deals, and only the follow-up table shows them.
/// </summary>
public sealed class AccountListWithoutDealsTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static AccountList Graded(int dealsKept, IReadOnlyList<BatchItem> items, string accounts)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(), dealsKept);
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(accounts)));
        foreach (var item in items)
        {
            book.Add(item);
        }

        return book.Grade(AsOf);
    }

    private static (IReadOnlyList<BatchItem> Items, string Accounts) Pipeline()
    {
        using var stream = new MemoryStream();
        var generator = new PipelineGenerator(11, AsOf) { Accounts = 120 };
        generator.WriteAccountsJsonLines(stream);
        var scorer = OpportunityRules.CreateScorer();
        var items = new PipelineGenerator(11, AsOf) { Accounts = 150 }.Generate(2000).Select((o, i) => new BatchItem(i, o, scorer.Decide(o, AsOf))).ToList();
        return (items, Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Written(AccountList list, string format, Texts texts)
    {
        using var text = new StringWriter();
        list.Write(format, text, texts);
        return text.ToString();
    }

    [Fact]
    public void The_list_in_every_format_and_language_is_the_same_whether_the_book_keeps_each_accounts_largest_deals_or_none()
    {
        var (items, accounts) = Pipeline();

        var none = Graded(0, items, accounts);
        var five = Graded(5, items, accounts);

        Assert.True(five.Count > 100, $"{five.Count} accounts graded");
        foreach (var format in new[] { "table", "json", "csv" })
        {
            foreach (var language in new[] { "en", "zh-Hant", "zh-Hans" })
            {
                Assert.Equal(Written(five, format, Texts.For(language)), Written(none, format, Texts.For(language)));
            }
        }
    }

    [Fact]
    public void A_book_that_keeps_no_deals_lists_none_in_the_follow_up_table_and_a_book_that_keeps_five_lists_the_five_largest()
    {
        var (items, accounts) = Pipeline();
        var busiest = items.GroupBy(i => i.Opportunity!.Account.Id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var largest = busiest.OrderByDescending(i => i.Opportunity!.ExpectedContractAmount).ThenBy(i => i.Opportunity!.Id, StringComparer.Ordinal).Take(5).Select(i => i.Opportunity!.Id).ToList();

        var none = Graded(0, items, accounts).Accounts.Single(a => a.Id == busiest.Key);
        var five = Graded(5, items, accounts).Accounts.Single(a => a.Id == busiest.Key);

        Assert.True(busiest.Count() > 5, $"{busiest.Count()} opportunities");
        Assert.Empty(none.Deals);
        Assert.Equal(largest, five.Deals.Select(d => d.Id));
        Assert.Equal(five.Opportunities, none.Opportunities);
        Assert.Equal(five.Facts, none.Facts);
    }
}
