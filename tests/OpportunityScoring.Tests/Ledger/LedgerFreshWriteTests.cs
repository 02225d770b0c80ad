using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.Batch;
using static OpportunityScoring.Tests.Ledger.LedgerStoreTests;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>A shard started by its process is written straight in (PostgreSQL: COPY into assessments), and stays safe when another process writes it too.</summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerFreshWriteTests(LedgerStores stores)
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_shard_started_twice_at_once_keeps_each_assessment_once_when_the_fresh_writer_finds_the_other_writers_rows(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(6_200);
        var items = new BatchScorer(OpportunityRules.CreateScorer()).Score(opportunities, Day).ToList();
        using var ledger = DecisionLedger.Open(store);
        var start = Start("sha-1", Day);
        using var fresh = ledger.StartRun(start);     // started the shard: writes straight in
        using var resumed = ledger.StartRun(start);   // the same command again: the careful way
        Assert.Equal(fresh.RunId, resumed.RunId);

        foreach (var item in items)
        {
            resumed.Write(item);
        }

        resumed.Complete();
        foreach (var item in items)
        {
            fresh.Write(item); // every row is already there: the first transaction fails on a duplicate and is written again
        }

        fresh.Complete();

        Assert.True(fresh.RunComplete);
        Assert.Equal(6_200, Count(store, $"SELECT count(*) FROM assessments WHERE run_id = {fresh.RunId}"));
        Assert.Equal(6_200, Count(store, $"SELECT count(DISTINCT opportunity_id) FROM assessments WHERE run_id = {fresh.RunId}"));
        Assert.Single(ledger.History(opportunities[6_100].Id).Entries);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_fresh_run_written_straight_in_stores_every_assessment_once(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(5_300);
        using var ledger = DecisionLedger.Open(store);

        var run = Record(ledger, Start("sha-1", Day), opportunities);

        Assert.True(run.RunComplete);
        Assert.Equal(5_300, Count(store, "SELECT count(DISTINCT opportunity_id) FROM assessments"));
        Assert.Equal(5_300, Count(store, "SELECT count(*) FROM assessments"));
    }
}
