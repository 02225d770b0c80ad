using System.Text.Json;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.Batch;
using static OpportunityScoring.Tests.Ledger.LedgerStoreTests;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>The stored JSON compressed with a zstd dictionary trained in the ledger (schema 4), and Brotli rows still read.</summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerDictionaryTests(LedgerStores stores)
{
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_run_of_a_thousand_assessments_or_more_trains_one_dictionary_and_stores_each_assessment_as_a_small_zstd_frame_that_reads_back_as_its_contract_json(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(1_300);
        var expected = new BatchScorer(OpportunityRules.CreateScorer()).Score(opportunities, Day).ToDictionary(i => i.Assessment!.Id, i => ContractJson.SerializeToUtf8Bytes(i.Assessment!));
        using var ledger = DecisionLedger.Open(store);

        Record(ledger, Start("sha-1", Day), opportunities);

        Assert.Equal(1, Count(store, "SELECT count(*) FROM json_dictionaries WHERE format = 'zstd'"));
        Assert.Equal(1_000, Count(store, "SELECT samples FROM json_dictionaries"));
        Assert.Equal(1_300, Count(store, "SELECT count(*) FROM assessments WHERE json_dictionary = (SELECT dictionary_id FROM json_dictionaries)"));
        var stored = (byte[])Value(store, $"SELECT assessment_json_br FROM assessments WHERE opportunity_id = '{opportunities[1_200].Id}'")!;
        Assert.Equal(ZstdMagic, stored[..4]);
        var average = Count(store, $"SELECT sum({Length(kind)}(assessment_json_br)) FROM assessments") / 1_300.0;
        Assert.True(average * 6 < expected.Values.Average(j => j.Length), $"{average:F0} bytes an assessment, against {expected.Values.Average(j => j.Length):F0} of JSON");
        foreach (var o in opportunities.Where((_, i) => i % 97 == 0))
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(StoredJson(ledger, o.Id)!).RootElement);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(expected[o.Id]).RootElement), json);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void The_next_run_under_the_same_policy_reuses_the_dictionary_and_a_run_under_another_policy_trains_its_own(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(1_100);
        using var ledger = DecisionLedger.Open(store);

        Record(ledger, Start("sha-1", Day), opportunities);
        Record(ledger, Start("sha-2", Day.AddDays(1)), opportunities);
        Assert.Equal(1, Count(store, "SELECT count(*) FROM json_dictionaries"));

        var other = new PolicyStamp("other", "2", new string('b', 64));
        Record(ledger, Start("sha-3", Day.AddDays(2), other), opportunities);

        Assert.Equal(2, Count(store, "SELECT count(*) FROM json_dictionaries"));
        Assert.Equal(1, Count(store, $"SELECT count(*) FROM json_dictionaries WHERE policy_sha256 = '{other.Sha256}'"));
        Assert.Equal(2, Count(store, "SELECT count(DISTINCT json_dictionary) FROM assessments"));
        Assert.Equal(3, ledger.History(opportunities[5].Id).Entries.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_run_too_small_to_train_on_stores_brotli_as_before_and_reads_back(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(60);
        using var ledger = DecisionLedger.Open(store);

        Record(ledger, Start("sha-1", Day), opportunities);

        Assert.Equal(0, Count(store, "SELECT count(*) FROM json_dictionaries"));
        Assert.Equal(60, Count(store, "SELECT count(*) FROM assessments WHERE json_dictionary IS NULL AND assessment_json_br IS NOT NULL"));
        Assert.Equal(opportunities[7].Id, JsonDocument.Parse(StoredJson(ledger, opportunities[7].Id)!).RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_ledger_written_before_schema_4_is_upgraded_on_open_and_its_brotli_rows_read_beside_the_new_zstd_rows_in_history_diffs_and_exports(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(1_200);
        using (var old = DecisionLedger.Open(store))
        {
            Record(old, Start("sha-1", Day), opportunities.Take(200));
        }

        // what a schema-3 ledger is: no dictionaries, no json_dictionary column, every row Brotli
        Value(store, "ALTER TABLE assessments DROP COLUMN json_dictionary");
        Value(store, "DROP TABLE json_dictionaries");
        Value(store, "DELETE FROM ledger_schema WHERE version = 4");
        Assert.Equal(3, Count(store, "SELECT max(version) FROM ledger_schema"));

        using var ledger = DecisionLedger.Open(store);
        Assert.Equal(4, Count(store, "SELECT max(version) FROM ledger_schema"));
        var changed = opportunities.Select((o, i) => i == 3 ? o with { Name = o.Name + " (renamed)" } : o).ToList();
        var run = Record(ledger, Start("sha-2", Day.AddDays(1)), changed);

        Assert.Equal(200, Count(store, "SELECT count(*) FROM assessments WHERE run_id = 1 AND json_dictionary IS NULL"));
        Assert.Equal(1_200, Count(store, $"SELECT count(*) FROM assessments WHERE run_id = {run.RunId} AND json_dictionary IS NOT NULL"));
        var history = ledger.History(opportunities[3].Id);
        Assert.Equal([Day, Day.AddDays(1)], history.Entries.Select(e => e.AsOf));
        foreach (var (entry, runId) in history.Entries.Zip(new[] { 1L, run.RunId }))
        {
            var json = JsonDocument.Parse(StoredJson(ledger, opportunities[3].Id, runId)!).RootElement;
            Assert.Equal((opportunities[3].Id, entry.Score), (json.GetProperty("id").GetString(), json.GetProperty("score").GetDecimal()));
        }

        var diff = ledger.CompareWithPrevious(run.RunId)!;
        Assert.Equal((200L, 1_000L, 0L), (diff.Counts.Unchanged + diff.Counts.Changed, diff.Counts.New, diff.Counts.Removed));
        var latest = ledger.Latest().ToList();
        Assert.Equal(1_200, latest.Count);
        Assert.All(latest, l => Assert.NotEmpty(l.TopReasons));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(LedgerStoreTests))]
    public void A_carried_assessment_reads_its_json_from_the_zstd_row_it_was_carried_from(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(1_100);
        using var ledger = DecisionLedger.Open(store);
        Record(ledger, Start("sha-1", Day), opportunities);

        var run = Record(ledger, Start("sha-2", Day.AddDays(1)) with { ChangedOnly = true }, opportunities);

        Assert.Equal(1_100, run.Carried);
        Assert.Equal(1_100, Count(store, $"SELECT count(*) FROM assessments WHERE run_id = {run.RunId} AND assessment_json_br IS NULL AND json_dictionary IS NULL"));
        Assert.Equal(opportunities[9].Id, JsonDocument.Parse(StoredJson(ledger, opportunities[9].Id, run.RunId)!).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Zstd_cannot_train_a_dictionary_on_a_handful_of_assessments_and_says_so_with_null()
    {
        var json = TestData.Generated(3).Select(o => JsonSerializer.SerializeToUtf8Bytes(o, ContractJson.Options)).ToList();

        Assert.Null(JsonDictionary.Train(json));
    }

    /// <summary>An opportunity's stored JSON in a run (the last one when not given), read as the ledger reads it.</summary>
    private static string? StoredJson(IDecisionLedger ledger, string id, long? runId = null)
    {
        var store = ((SqlLedger)ledger).Store;
        using var connection = store.Open();
        using var command = LedgerStore.Command(connection, null,
            $"SELECT {SqlLedger.JsonOf} FROM assessments a {SqlLedger.JoinOrigin} WHERE a.opportunity_id = @id" + (runId is null ? string.Empty : " AND a.run_id = @run") + " ORDER BY a.run_id DESC");
        LedgerStore.Add(command, "id", id);
        if (runId is { } run)
        {
            LedgerStore.Add(command, "run", run);
        }

        using var reader = command.ExecuteReader();
        return reader.Read() ? AssessmentJson.Text(store, reader, 0) : null;
    }

    private static string Length(string kind) => kind == "sqlite" ? "length" : "octet_length";
}
