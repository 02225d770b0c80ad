using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// A batch run under <see cref="AccountBook.OnScoringCores"/> works each opportunity's share of its account's tally out
/// on the core that scored it, and the enumerating thread only adds it: the list, its errors, what was left untallied
/// (the cap, first come first tallied), the service health handed to the opportunities in implementation and the
/// decisions written are those of tallying every item on one thread.
/// </summary>
public sealed class AccountTallyOnScoringCoresTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    /// <summary>
    /// A generated pipeline over 260 accounts with 200 records: every 11th opportunity without an account id, every 13th
    /// with its id padded with spaces (the same account once normalised), every 17th of an account without a record, and
    /// every 29th record rejected (no opportunity, its errors only).
    /// </summary>
    private static List<PipelineRecord> Records(int seed, int count)
    {
        var generated = new PipelineGenerator(seed, AsOf) { Accounts = 260 }.Generate(count).ToList();
        var records = new List<PipelineRecord>(count);
        for (var i = 0; i < generated.Count; i++)
        {
            var o = generated[i];
            o = (i % 11, i % 13, i % 17) switch
            {
                (0, _, _) => o with { Account = o.Account with { Id = null } },
                (_, 0, _) => o with { Account = o.Account with { Id = "  " + o.Account.Id + " " } },
                (_, _, 0) => o with { Account = o.Account with { Id = "NOREC-" + (i % 40) } },
                _ => o,
            };
            records.Add(i % 29 == 0
                ? new PipelineRecord(i, null, [new InputError(o.Id, i, "amount", "not a number")])
                : new PipelineRecord(i, o, []));
        }

        return records;
    }

    private static AccountBook Book(int cap)
    {
        using var stream = new MemoryStream();
        new PipelineGenerator(3, AsOf) { Accounts = 200 }.WriteAccountsJsonLines(stream);
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(), dealsKept: 5) { TallyCap = cap };
        book.AddFile(new MemoryStream(stream.ToArray()));
        return book;
    }

    private static (string Decisions, string Missed, string List, long Untallied, int Tagged) Run(bool onScoringCores, int cap, int seed, int count, int chunk)
    {
        var book = Book(cap);
        var decisions = new BatchOptions { Detail = ScoringDetail.Decisions, ChunkSize = chunk, MaxDegreeOfParallelism = 4 };
        var batch = new BatchScorer(OpportunityRules.CreateScorer(), onScoringCores ? book.OnScoringCores(decisions) : decisions);
        var records = Records(seed, count);
        var run = batch.Score(onScoringCores ? records : book.WithServiceHealth(records, AsOf), AsOf);
        using var csv = new MemoryStream();
        var tagged = 0;
        var missed = new StringBuilder();
        using (var writer = BatchWriters.Create("csv", csv, batch.Policy, AsOf))
        {
            foreach (var item in run)
            {
                writer.Write(item);
                book.Add(item);
                tagged += item.Tag is null ? 0 : 1;
                if (item.Opportunity?.Account.ServiceTargetsMissed is { Count: > 0 } targets)
                {
                    missed.Append(item.Index).Append(':').AppendJoin(',', targets).Append('\n');
                }
            }
        }

        using var list = new StringWriter();
        var graded = book.Grade(AsOf);
        graded.Write("json", list, Texts.English);
        list.WriteLine();
        graded.Write("csv", list, Texts.English);
        foreach (var e in graded.Errors)
        {
            list.WriteLine($"{e.Id}|{e.Index}|{e.Field}|{e.Message}");
        }

        return (Encoding.UTF8.GetString(csv.ToArray()), missed.ToString(), list.ToString(), book.Untallied, tagged);
    }

    [Theory]
    [InlineData(11, 1_000_000, 3000, 16)]
    [InlineData(12, 90, 3000, 16)]
    [InlineData(13, 150, 2500, 5)]
    [InlineData(14, 1, 700, 1)]
    public void Contributions_worked_out_on_the_scoring_cores_give_the_list_the_decisions_the_service_health_and_the_untallied_count_of_tallying_on_one_thread(int seed, int cap, int count, int chunk)
    {
        var oneThread = Run(onScoringCores: false, cap, seed, count, chunk);
        var cores = Run(onScoringCores: true, cap, seed, count, chunk);

        Assert.Equal(0, oneThread.Tagged);
        Assert.Equal(count, cores.Tagged); // every item came with its contribution
        Assert.Equal(oneThread.Decisions, cores.Decisions);
        Assert.NotEmpty(cores.Missed); // opportunities in implementation read their account's service health
        Assert.Equal(oneThread.Missed, cores.Missed);
        Assert.Equal(oneThread.Untallied, cores.Untallied);
        Assert.Equal(oneThread.List, cores.List);
        var withoutId = Enumerable.Range(0, count).Count(i => i % 11 == 0 && i % 29 != 0);
        if (cap < 260)
        {
            Assert.True(cores.Untallied > withoutId, $"the cap of {cap} was not reached: {cores.Untallied} untallied");
        }
        else
        {
            Assert.Equal(withoutId, cores.Untallied);
        }
    }

    [Fact]
    public void Items_added_out_of_their_order_are_still_each_tallied_once_with_their_own_contribution()
    {
        var records = Records(21, 400);
        var scorer = OpportunityRules.CreateScorer();
        var inOrder = Book(1_000_000);
        foreach (var item in new BatchScorer(scorer, new BatchOptions { Detail = ScoringDetail.Decisions }).Score(inOrder.WithServiceHealth(records, AsOf), AsOf))
        {
            inOrder.Add(item);
        }

        var shuffled = Book(1_000_000);
        var items = new BatchScorer(scorer, shuffled.OnScoringCores(new BatchOptions { Detail = ScoringDetail.Decisions, ChunkSize = 8 })).Score(records, AsOf).ToList();
        foreach (var item in items.OrderBy(i => i.Index % 3).ThenByDescending(i => i.Index))
        {
            shuffled.Add(item);
        }

        AssertSameList(inOrder, shuffled);
    }

    [Fact]
    public void Items_tallied_on_one_thread_and_then_on_the_scoring_cores_count_for_the_same_tally_of_their_account()
    {
        var records = Records(22, 600);
        var scorer = OpportunityRules.CreateScorer();
        var decisions = new BatchOptions { Detail = ScoringDetail.Decisions, ChunkSize = 8 };
        var oneThread = Book(1_000_000);
        foreach (var item in new BatchScorer(scorer, decisions).Score(oneThread.WithServiceHealth(records, AsOf), AsOf))
        {
            oneThread.Add(item);
        }

        var mixed = Book(1_000_000);
        foreach (var item in new BatchScorer(scorer, decisions).Score(mixed.WithServiceHealth(records.Take(250), AsOf), AsOf))
        {
            mixed.Add(item);
        }

        foreach (var item in new BatchScorer(scorer, mixed.OnScoringCores(decisions)).Score(records.Skip(250), AsOf))
        {
            mixed.Add(item);
        }

        AssertSameList(oneThread, mixed);
    }

    /// <summary>The two books grade to the same list, byte for byte, with the same opportunities left untallied.</summary>
    private static void AssertSameList(AccountBook expected, AccountBook actual)
    {
        using var first = new StringWriter();
        using var second = new StringWriter();
        expected.Grade(AsOf).Write("csv", first, Texts.English);
        actual.Grade(AsOf).Write("csv", second, Texts.English);
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(expected.Untallied, actual.Untallied);
    }
}
