using System.Diagnostics;
using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Batch;
using OpportunityScoring.Tests.Hostile;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>The ledger through the command line: score --store, history, export, --changed-only, --shard, and a kill -9.</summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerCliTests(LedgerStores stores) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-cli-").FullName;

    public static TheoryData<string> Kinds => LedgerStoreTests.Kinds;

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliTestSupport.Run(args);

    private string Generated(int count, string name, int seed = 5)
    {
        var path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        new PipelineGenerator(seed, TestData.AsOf).WriteJsonLines(file, count);
        return path;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Score_with_a_store_writes_the_same_output_as_without_and_history_shows_every_complete_run(string kind)
    {
        var store = stores.New(kind);
        var plain = Cli("score", TestData.SamplePipeline, "--format", "json", "--quiet");
        var stored = Cli("score", TestData.SamplePipeline, "--format", "json", "--store", store);
        var later = Cli("score", TestData.SamplePipeline, "--format", "json", "--store", store, "--as-of", "2027-03-01");
        var id = JsonDocument.Parse(plain.Out).RootElement.GetProperty("assessments")[0].GetProperty("id").GetString()!;

        var history = Cli("history", id, "--store", store, "--format", "json");
        var csv = Cli("history", id, "--store", store, "--format", "csv");
        var table = Cli("history", id, "--store", store);

        Assert.Equal((0, 0, 0), (plain.Code, stored.Code, later.Code));
        Assert.Equal(plain.Out, stored.Out);
        Assert.Contains("run 1 (", stored.Err, StringComparison.Ordinal);
        Assert.Contains("since run 1 (2027-01-10)", later.Err, StringComparison.Ordinal);
        var entries = JsonDocument.Parse(history.Out).RootElement.GetProperty("entries");
        Assert.Equal(["2027-01-10", "2027-03-01"], entries.EnumerateArray().Select(e => e.GetProperty("asOf").GetString()));
        Assert.Equal(["notEnoughInfo", "steady"], entries.EnumerateArray().Select(e => e.GetProperty("trend").GetString()));
        Assert.Equal(50, entries[1].GetProperty("daysInStage").GetInt32());
        Assert.StartsWith("runId,asOf,stage,daysInStage,grade,score", csv.Out, StringComparison.Ordinal);
        Assert.Equal(3, csv.Out.Trim().Split('\n').Length);
        Assert.Contains("專案跟蹤表", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, Cli("history", "no-such-opportunity", "--store", store).Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Changed_only_rescores_the_changed_opportunities_and_carries_the_rest_forward(string kind)
    {
        var store = stores.New(kind);
        var first = Generated(300, "pipeline.jsonl");
        var lines = File.ReadAllLines(first);
        var changed = new[] { 7, 150 };
        foreach (var i in changed)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(lines[i])!;
            node["name"] = "renamed";
            lines[i] = node.ToJsonString();
        }

        var second = Path.Combine(_folder, "next", "pipeline.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        File.WriteAllLines(second, lines);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToArray();

        var full = Cli("score", first, "--input", "jsonl", "--format", "csv", "--store", store);
        var incremental = Cli("score", second, "--input", "jsonl", "--format", "jsonl", "--store", store, "--changed-only");

        Assert.Equal((0, 0), (full.Code, incremental.Code));
        Assert.Contains("2 assessed, 0 rejected, 298 carried forward unchanged; complete.", incremental.Err, StringComparison.Ordinal);
        Assert.Equal(changed.Select(i => ids[i]), incremental.Out.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.Contains("0 changed, 300 unchanged, 0 new, 0 removed", incremental.Err, StringComparison.Ordinal);
        var carried = JsonDocument.Parse(Cli("history", ids[0], "--store", store, "--format", "json").Out).RootElement.GetProperty("entries");
        Assert.Equal(1, carried[1].GetProperty("carriedFrom").GetInt64());
        var rescored = JsonDocument.Parse(Cli("history", ids[7], "--store", store, "--format", "json").Out).RootElement.GetProperty("entries");
        Assert.Equal(JsonValueKind.Null, rescored[1].GetProperty("carriedFrom").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Four_shards_scored_at_once_fill_one_run_with_every_opportunity_exactly_once(string kind)
    {
        var store = stores.New(kind);
        var pipeline = Generated(4_000, "pipeline.jsonl");

        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => Cli("score", pipeline, "--input", "jsonl", "--format", "csv", "--out", Path.Combine(_folder, $"shard{i}.csv"), "--store", store, "--shard", $"{i}/4"))
            .ToList();

        Assert.All(results, r => Assert.Equal(0, r.Code));
        Assert.Single(results, r => r.Err.Contains("; complete.", StringComparison.Ordinal));
        var shardRows = Enumerable.Range(0, 4).Select(i => File.ReadAllLines(Path.Combine(_folder, $"shard{i}.csv")).Length - 1).ToList();
        Assert.All(shardRows, n => Assert.InRange(n, 700, 1_300));
        Assert.Equal(4_000, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments"));
        Assert.Equal(4_000, LedgerStoreTests.Count(store, "SELECT count(DISTINCT opportunity_id) FROM assessments"));
        Assert.Equal(4, LedgerStoreTests.Count(store, "SELECT count(*) FROM run_shards WHERE finished_at IS NOT NULL"));
        Assert.Equal(1, LedgerStoreTests.Count(store, "SELECT count(*) FROM runs"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Export_writes_dynamics_predictive_scores_and_a_salesforce_csv_from_the_latest_complete_run(string kind)
    {
        var store = stores.New(kind);
        Cli("score", TestData.SamplePipeline, "--format", "csv", "--store", store);
        Cli("score", TestData.SamplePipeline, "--format", "csv", "--store", store, "--as-of", "2027-02-01");
        var dynamics = Cli("export", "--store", store, "--format", "dynamics");
        var salesforce = Cli("export", "--store", store, "--format", "salesforce");

        Assert.Equal((0, 0), (dynamics.Code, salesforce.Code));
        var records = JsonDocument.Parse(dynamics.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("opportunity", r.GetProperty("msdyn_entitytype").GetString());
            Assert.InRange(r.GetProperty("msdyn_score").GetInt32(), 0, 100);
            Assert.InRange(r.GetProperty("msdyn_grade").GetInt32(), 0, 3);
            Assert.Equal(1, r.GetProperty("msdyn_scoretrend").GetInt32()); // steady: the same scores two runs running
            Assert.Equal("2027-02-01", r.GetProperty("msdyn_scoredon").GetString());
            Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(r.GetProperty("msdyn_scorereasons").GetString()!).RootElement.ValueKind);
        });
        var rows = salesforce.Out.Trim().Split('\n');
        Assert.Equal("Id,Opportunity_Score__c,Opportunity_Grade__c,Win_Probability__c,Score_Trend__c,Gate_Outcome__c,Bid_Decision__c,Scored_On__c,Score_Policy__c,Score_Reasons__c", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.Contains(",steady,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_that_cannot_be_used_stops_score_with_exit_2_and_no_output_or_secret()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var closed = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();

        var unreachable = Cli("score", TestData.SamplePipeline, "--format", "json", "--store", $"Host=127.0.0.1;Port={closed};Username=sales;Password=s3cret-pw;Timeout=2");
        var history = Cli("history", "x", "--store", $"Host=127.0.0.1;Port={closed};Password=s3cret-pw;Timeout=2");

        Assert.Equal((2, 2), (unreachable.Code, history.Code));
        Assert.Empty(unreachable.Out);
        Assert.Contains("Cannot reach PostgreSQL 127.0.0.1:" + closed, unreachable.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", unreachable.Err + history.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unreachable.Err, StringComparison.Ordinal);
        var needsStore = Cli("score", TestData.SamplePipeline, "--changed-only");
        Assert.NotEqual(0, needsStore.Code);
        Assert.Contains("need --store", needsStore.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_run_killed_midway_stays_incomplete_history_shows_the_last_complete_run_and_a_rerun_completes_it(string kind)
    {
        var store = stores.New(kind);
        var pipeline = Generated(30_000, "big.jsonl", seed: 9);
        var id = JsonDocument.Parse(File.ReadLines(pipeline).First()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(0, Cli("score", pipeline, "--input", "jsonl", "--format", "csv", "--out", Path.Combine(_folder, "day1.csv"), "--store", store, "--as-of", "2027-01-09", "--quiet").Code);

        var cli = Path.Combine(AppContext.BaseDirectory, "opportunity-scoring.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { cli, "score", pipeline, "--input", "jsonl", "--format", "csv", "--out", Path.Combine(_folder, "day2.csv"), "--store", store, "--as-of", "2027-01-10", "--quiet" })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2") < 5_000 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                Thread.Sleep(20);
            }

            Assert.False(process.HasExited, "the run finished before it could be killed: give it a larger pipeline");
            process.Kill(entireProcessTree: true); // SIGKILL: no finally block, no Complete
            process.WaitForExit();
        }

        var stored = LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2");
        Assert.InRange(stored, 5_000, 29_999);
        var afterKill = JsonDocument.Parse(Cli("history", id, "--store", store, "--format", "json").Out).RootElement;
        Assert.Equal(["2027-01-09"], afterKill.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("asOf").GetString()));

        var rerun = Cli("score", pipeline, "--input", "jsonl", "--format", "csv", "--out", Path.Combine(_folder, "day2.csv"), "--store", store, "--as-of", "2027-01-10");

        Assert.Equal(0, rerun.Code);
        Assert.Contains("run 2 (", rerun.Err, StringComparison.Ordinal);
        Assert.Equal(30_000, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2"));
        Assert.Equal(30_000, LedgerStoreTests.Count(store, "SELECT count(DISTINCT opportunity_id) FROM assessments WHERE run_id = 2"));
        var afterRerun = JsonDocument.Parse(Cli("history", id, "--store", store, "--format", "json").Out).RootElement;
        Assert.Equal(["2027-01-09", "2027-01-10"], afterRerun.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("asOf").GetString()));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left to the system's temp cleaning
        }
    }
}
