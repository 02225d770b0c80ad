using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// A large book is read, graded and written on every core: the records, the errors (their order too), the grades and
/// the list's rows are those of doing it one account after the other.
/// </summary>
public sealed class AccountBookParallelTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    /// <summary>600 generated accounts as JSON Lines, then a duplicate id and a satisfaction of 140.</summary>
    private static string[] Lines()
    {
        using var stream = new MemoryStream();
        new PipelineGenerator(7, AsOf) { Accounts = 600 }.WriteAccountsJsonLines(stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return
        [
            .. lines,
            "{\"id\": \"ACC-0003\", \"name\": \"Again\"}",
            "{\"id\": \"ACC-9001\", \"service\": {\"satisfaction\": [{\"date\": \"2026-11-01\", \"score\": 140}]}}",
        ];
    }

    private static AccountBook Book(string file)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(), dealsKept: 5);
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(file)));
        return book;
    }

    private static string Csv(AccountList list)
    {
        using var text = new StringWriter();
        list.Write("csv", text, Texts.English);
        return text.ToString();
    }

    private static string Errors(IEnumerable<InputError> errors) =>
        string.Join('\n', errors.Select(e => $"{e.Id}|{e.Index}|{e.Field}|{e.Message}"));

    [Fact]
    public void Json_lines_read_on_every_core_give_the_records_and_the_errors_of_the_same_accounts_read_one_by_one_from_an_array()
    {
        var lines = Lines();

        var byLine = Book(string.Join('\n', lines) + "\n\n{not json\n");
        var byArray = Book("[" + string.Join(",\n", lines) + "]");

        Assert.Equal(byArray.Records, byLine.Records);
        Assert.Equal(Errors(byArray.Errors), Errors(byLine.Errors.SkipLast(1)));
        var last = byLine.Errors[^1];
        Assert.Equal((lines.Length, "(account)"), (last.Index, last.Field));
        Assert.Contains($"line {lines.Length + 2} is not valid JSON", last.Message, StringComparison.Ordinal);
        Assert.Equal(Csv(byArray.Grade(AsOf)), Csv(byLine.Grade(AsOf)));
    }

    [Fact]
    public void Accounts_graded_on_every_core_each_get_the_assessment_and_the_row_they_get_graded_alone()
    {
        var lines = Lines();
        var opportunities = new PipelineGenerator(7, AsOf) { Accounts = 700 }.Generate(3000).ToList();
        var scorer = OpportunityRules.CreateScorer();
        var decided = opportunities.Select((o, i) => new BatchItem(i, o, scorer.Decide(o, AsOf))).ToList();

        // The day before most service records: many records are dated after it and rejected, their accounts graded
        // from their opportunities alone.
        var day = AsOf.AddDays(-20);
        var book = Book(string.Join('\n', lines));
        decided.ForEach(book.Add);
        var list = book.Grade(day);
        var rows = Csv(list).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToDictionary(r => r.Split(',')[1], StringComparer.Ordinal);

        Assert.True(list.Count > 600, $"{list.Count} accounts graded");
        Assert.Contains(list.Errors, e => e.Message.Contains("after the assessment day", StringComparison.Ordinal));
        var dated = list.Errors.Skip(book.Errors.Count).Select(e => e.Id!).ToList();
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated); // in the order of the ids, as graded one after the other
        foreach (var line in lines.Where((_, i) => i % 37 == 0))
        {
            var id = line.Split('"')[3];
            var alone = Book(line);
            decided.Where(d => d.Opportunity!.Account.Id == id).ToList().ForEach(alone.Add);
            var single = alone.Grade(day);

            Assert.Equal(Csv(single).Split('\n')[1].TrimEnd('\r'), rows[id].TrimEnd('\r'));
            Assert.Equal(Errors(single.Errors), Errors(list.Errors.Where(e => e.Id == id)));
        }
    }
}
