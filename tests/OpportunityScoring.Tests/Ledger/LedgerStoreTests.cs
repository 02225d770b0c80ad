using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.Batch;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>The ledger's promises, each proved on SQLite and on a real PostgreSQL server.</summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerStoreTests(LedgerStores stores)
{
    public static TheoryData<string> Kinds => new() { "sqlite", "postgresql" };

    internal static readonly DateOnly Day = TestData.AsOf;

    internal static RunStart Start(string input, DateOnly asOf, PolicyStamp? policy = null) =>
        new("pipeline.json", input, policy ?? OpportunityRules.DefaultPolicy.Stamp, asOf, "compiled");

    /// <summary>Scores opportunities and records them as one run; returns the run.</summary>
    internal static LedgerRun Record(IDecisionLedger ledger, RunStart start, IEnumerable<Opportunity> opportunities, bool complete = true)
    {
        var run = ledger.StartRun(start);
        var batch = new BatchScorer(OpportunityRules.CreateScorer()).Score(run.Select(opportunities.Select((o, i) => new PipelineRecord(i, o, []))), start.AsOf);
        foreach (var item in batch)
        {
            run.Write(item);
        }

        if (complete)
        {
            run.Complete();
        }

        run.Dispose();
        return run;
    }

    internal static long Count(string store, string sql) => Convert.ToInt64(Value(store, sql), System.Globalization.CultureInfo.InvariantCulture);

    internal static object? Value(string store, string sql)
    {
        using DbConnection connection = DecisionLedger.IsPostgres(store) ? new NpgsqlConnection(store) : new SqliteConnection($"Data Source={store}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_new_store_is_migrated_on_open_and_opening_it_again_applies_nothing_twice(string kind)
    {
        var store = stores.New(kind);
        DecisionLedger.Open(store).Dispose();
        DecisionLedger.Open(store).Dispose();

        Assert.Equal(LedgerStore.Scripts(kind).Count, Count(store, "SELECT count(*) FROM ledger_schema"));
        Assert.Equal(0, Count(store, "SELECT count(*) FROM runs"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_recorded_run_keeps_every_assessment_with_its_decisions_as_columns_and_its_contract_json(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(40);
        var expected = new BatchScorer(OpportunityRules.CreateScorer()).Score(opportunities, Day).Select(i => i.Assessment!).ToDictionary(a => a.Id);
        using var ledger = DecisionLedger.Open(store);

        var run = Record(ledger, Start("sha-1", Day), opportunities);

        Assert.True(run.RunComplete);
        var summary = Assert.Single(ledger.Runs());
        Assert.Equal((40L, 0L, 0L, 40L, true), (summary.Assessed, summary.Rejected, summary.Carried, summary.Stored, summary.Complete));
        foreach (var a in expected.Values.Take(10))
        {
            var entry = Assert.Single(ledger.History(a.Id).Entries);
            Assert.Equal((ContractWords.Of(a.Grade), a.Score, a.WinProbability, ContractWords.Of(a.Gate.Outcome), a.Bid is { } b ? ContractWords.Of(b.Decision) : null),
                (entry.Grade, entry.Score, entry.WinProbability, entry.GateOutcome, entry.Bid));
            Assert.Equal(a.RedFlags.Select(f => f.Code), entry.RedFlags);
            Assert.Equal(Trend.NotEnoughInfo, entry.Trend);
        }

        var one = expected.Values.First();
        Assert.Equal(JsonSerializer.Serialize(one, ContractJson.Options), AssessmentJson.Text(Value(store, $"SELECT assessment_json_br FROM assessments WHERE opportunity_id = '{one.Id}'")));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Recording_the_same_input_under_the_same_policy_on_the_same_day_again_adds_nothing(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(30);
        using var ledger = DecisionLedger.Open(store);
        Record(ledger, Start("sha-1", Day), opportunities);

        var again = Record(ledger, Start("sha-1", Day), opportunities);

        Assert.True(again.AlreadyComplete);
        Assert.Single(ledger.Runs());
        Assert.Equal(30, Count(store, "SELECT count(*) FROM assessments"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_run_stopped_midway_stays_incomplete_never_hides_the_last_complete_run_and_resumes_without_duplicates(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(12_000);
        using var ledger = DecisionLedger.Open(store);
        Record(ledger, Start("sha-1", Day), opportunities.Take(50));

        // the next day's run writes two full transactions, then the process "dies" (no Complete)
        var tomorrow = Day.AddDays(1);
        var partial = ledger.StartRun(Start("sha-2", tomorrow));
        foreach (var item in new BatchScorer(OpportunityRules.CreateScorer()).Score(opportunities.Take(10_500), tomorrow))
        {
            partial.Write(item);
        }

        partial.Dispose();

        var runs = ledger.Runs();
        Assert.False(runs[0].Complete);
        Assert.InRange(runs[0].Stored, 10_000, 10_500);
        var history = ledger.History(opportunities[0].Id);
        Assert.Equal([Day], history.Entries.Select(e => e.AsOf));
        Assert.Equal(1, history.InIncompleteRuns);

        var resumed = Record(ledger, Start("sha-2", tomorrow), opportunities);

        Assert.Equal(runs[0].RunId, resumed.RunId);
        Assert.True(resumed.RunComplete);
        Assert.Equal(12_000, Count(store, $"SELECT count(*) FROM assessments WHERE run_id = {resumed.RunId}"));
        Assert.Equal(12_000, Count(store, $"SELECT count(DISTINCT opportunity_id) FROM assessments WHERE run_id = {resumed.RunId}"));
        Assert.Equal([Day, tomorrow], ledger.History(opportunities[0].Id).Entries.Select(e => e.AsOf));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Two_runs_writing_at_once_each_keep_all_their_assessments(string kind)
    {
        var store = stores.New(kind);
        var opportunities = TestData.Generated(11_000);
        using var ledger = DecisionLedger.Open(store);

        var runs = new[] { Day, Day.AddDays(1) }.AsParallel().WithDegreeOfParallelism(2)
            .Select(day => Record(ledger, Start("sha-" + day.DayNumber, day), opportunities)).ToList();

        Assert.All(runs, r => Assert.True(r.RunComplete));
        Assert.All(ledger.Runs(), r => Assert.Equal((11_000L, 11_000L), (r.Assessed, r.Stored)));
        Assert.Equal(22_000, Count(store, "SELECT count(*) FROM assessments"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_trend_follows_the_score_under_one_policy_and_a_policy_change_is_not_a_trend(string kind)
    {
        var store = stores.New(kind);
        using var ledger = DecisionLedger.Open(store);
        var weak = TestData.Generated(1, seed: 3)[0] with { Need = new NeedEvidence { Level = NeedLevel.GoodToHave } };
        var strong = weak with { Need = new NeedEvidence { Level = NeedLevel.MustHave, RequirementsDocumented = Evidence.Yes, EvaluationCriteriaKnown = Evidence.Yes } };
        var other = OpportunityRules.DefaultPolicy.Stamp with { Version = "other", Sha256 = new string('e', 64) };

        Record(ledger, Start("1", Day), [weak]);
        Record(ledger, Start("2", Day.AddDays(7)), [strong]);
        Record(ledger, Start("3", Day.AddDays(14)), [strong]);
        Record(ledger, Start("4", Day.AddDays(21)), [weak]);
        var entries = ledger.History(weak.Id).Entries;

        Assert.True(entries[1].Score - entries[0].Score >= TrendRule.Threshold, "the stronger need must raise the score for this test to mean anything");
        Assert.Equal([Trend.NotEnoughInfo, Trend.Improving, Trend.Steady, Trend.Declining], entries.Select(e => e.Trend));
        Assert.Contains(entries[1].Why, r => r.Rule.StartsWith("Grading.Need", StringComparison.Ordinal));
        Assert.Contains(entries[1].Changes, c => c.Field == "score");
        Assert.Empty(entries[2].Changes);
        Assert.Equal([0, 7, 14, 21], entries.Select(e => e.DaysInStage));
        Assert.Equal(Trend.NotEnoughInfo, TrendRule.Of(null, 50m));
        _ = other;
    }

    [Fact]
    public void A_bad_or_unreachable_postgres_store_is_a_clear_error_naming_what_to_fix_without_the_password()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        var unreachable = Assert.Throws<LedgerException>(() => DecisionLedger.Open($"Host=127.0.0.1;Port={port};Username=u;Password=hunter2-secret;Timeout=3"));
        var badKeyword = Assert.Throws<LedgerException>(() => DecisionLedger.Open("Hots=db;Password=hunter2-secret"));
        var badLogin = Assert.Throws<LedgerException>(() => DecisionLedger.Open(new NpgsqlConnectionStringBuilder(stores.Server) { Database = "no_such_database_here", Password = "hunter2-secret" }.ConnectionString));
        var noFolder = Assert.Throws<LedgerException>(() => DecisionLedger.Open(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "ledger.db")));

        Assert.Contains("Cannot reach PostgreSQL 127.0.0.1:" + port, unreachable.Message, StringComparison.Ordinal);
        Assert.Contains("Host and Port", unreachable.Message, StringComparison.Ordinal);
        Assert.Contains("'hots'", badKeyword.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("database does not exist", badLogin.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", noFolder.Message, StringComparison.Ordinal);
        Assert.All(new[] { unreachable, badKeyword, badLogin }, e => Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Both_stores_have_the_same_tables_and_columns()
    {
        var sqlite = stores.New("sqlite");
        var postgres = stores.New("postgresql");
        DecisionLedger.Open(sqlite).Dispose();
        DecisionLedger.Open(postgres).Dispose();

        static List<string> Columns(DbConnection connection, string sql)
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var columns = new List<string>();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0) + "." + reader.GetString(1));
            }

            return [.. columns.Order(StringComparer.Ordinal)];
        }

        using var s = new SqliteConnection($"Data Source={sqlite}");
        using var p = new NpgsqlConnection(postgres);
        var fromSqlite = Columns(s, "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table'");
        var fromPostgres = Columns(p, "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'public'");

        Assert.Equal(fromSqlite, fromPostgres);
        Assert.Contains("assessments.assessment_json_br", fromSqlite);
    }
}
