using System.Text.Json.Nodes;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Worker;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Worker.Tests;

/// <summary>The worker sample run as it is deployed: its own entry point, with <c>--once</c>, in this process.</summary>
public sealed class RescoringWorkerTests : IDisposable
{
    private static readonly string SamplePipeline = Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rescoring-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string In(string name = "") => Path.Combine(_dir.FullName, "in", name);

    private string Out(string name) => Path.Combine(_dir.FullName, "out", name);

    private async Task<int> RunOnceAsync(string input, params string[] more)
    {
        var main = typeof(RescoringWorker).Assembly.EntryPoint!;
        string[] args = ["--once", "--Rescoring:Input=" + input, "--Rescoring:Output=" + Out(""), "--Logging:LogLevel:Default=Warning", .. more];
        return await Task.Run(() => (int)main.Invoke(null, [args])!);   // the entry point blocks until the host stops
    }

    [Fact]
    public async Task Once_writes_the_assessments_then_a_second_run_writes_the_diff_against_the_first()
    {
        Directory.CreateDirectory(In());
        File.Copy(SamplePipeline, In("pipeline.json"));

        Assert.Equal(0, await RunOnceAsync(In("pipeline.json")));

        // The document the engine writes for the same pipeline (the batch writer streams the same JSON), and no diff yet.
        var expected = OpportunityRules.CreateScorer().ScoreAll(TestPipeline.ReadFile(SamplePipeline)).ToDocumentJson();
        Assert.Equal(expected, await File.ReadAllTextAsync(Out("pipeline.assessments.json")));
        Assert.False(File.Exists(Out("pipeline.diff.json")));
        // The key-account list beside it: the sample's three accounts, graded from their opportunities.
        var list = JsonNode.Parse(await File.ReadAllTextAsync(Out("pipeline.accounts.json")))!;
        Assert.Equal(["ACC-118", "ACC-204", "ACC-311"], list["accounts"]!.AsArray().Select(a => (string)a!["id"]!).Order(StringComparer.Ordinal));

        // Overnight the CRM changes: the first opportunity loses its committed budget, the last one leaves the pipeline.
        var pipeline = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!;
        var opportunities = pipeline["opportunities"]!.AsArray();
        var changedId = (string)opportunities[0]!["id"]!;
        var removedId = (string)opportunities[^1]!["id"]!;
        opportunities[0]!["budget"]!["status"] = "noCommittedBudget";
        opportunities.RemoveAt(opportunities.Count - 1);
        await File.WriteAllTextAsync(In("pipeline.json"), pipeline.ToJsonString());

        Assert.Equal(0, await RunOnceAsync(In("pipeline.json")));

        var diff = JsonNode.Parse(await File.ReadAllTextAsync(Out("pipeline.diff.json")))!;
        var counts = diff["counts"]!;
        Assert.Equal((opportunities.Count - 1, 1, 0, 1), ((int)counts["unchanged"]!, (int)counts["changed"]!, (int)counts["new"]!, (int)counts["removed"]!));
        var changes = diff["changes"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => c!);
        Assert.Equal("changed", (string?)changes[changedId]["kind"]);
        Assert.Contains(changes[changedId]["reasons"]!.AsArray(), r => ((string?)r!["rule"])?.Contains("Budget", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal("removed", (string?)changes[removedId]["kind"]);
        Assert.Equal(opportunities.Count, JsonNode.Parse(await File.ReadAllTextAsync(Out("pipeline.assessments.json")))!["assessments"]!.AsArray().Count);
    }

    [Fact]
    public async Task With_a_store_configured_every_nightly_run_is_recorded_in_the_ledger()
    {
        Directory.CreateDirectory(In());
        File.Copy(SamplePipeline, In("pipeline.json"));
        var store = Path.Combine(_dir.FullName, "ledger.db");

        Assert.Equal(0, await RunOnceAsync(In("pipeline.json"), "--OpportunityScoring:Store=" + store));
        var pipeline = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!;
        pipeline["asOf"] = "2027-02-10";
        await File.WriteAllTextAsync(In("pipeline.json"), pipeline.ToJsonString());
        Assert.Equal(0, await RunOnceAsync(In("pipeline.json"), "--OpportunityScoring:Store=" + store));

        using var ledger = OpportunityScoring.Ledger.DecisionLedger.Open(store);
        var runs = ledger.Runs();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.True(r.Complete && r.Assessed == 3 && r.InputName == "pipeline.json"));
        var id = (string)pipeline["opportunities"]![0]!["id"]!;
        Assert.Equal(2, ledger.History(id).Entries.Count);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_stops_the_worker_on_start_with_exit_2()
    {
        Directory.CreateDirectory(In());
        File.Copy(SamplePipeline, In("pipeline.json"));

        Assert.Equal(2, await RunOnceAsync(In("pipeline.json"), "--OpportunityScoring:Store=" + Path.Combine(_dir.FullName, "no-such-folder", "ledger.db")));
        Assert.False(File.Exists(Out("pipeline.assessments.json")));
    }

    [Fact]
    public async Task A_folder_is_rescored_file_by_file_and_an_unreadable_pipeline_fails_the_run_but_not_the_others()
    {
        Directory.CreateDirectory(In());
        File.Copy(SamplePipeline, In("a.json"));
        await File.WriteAllTextAsync(In("b.json"), "{ \"opportunities\": [ { \"id\": ");
        File.Copy(SamplePipeline, In("c.json"));

        Assert.Equal(1, await RunOnceAsync(In()));

        Assert.True(File.Exists(Out("a.assessments.json")));
        Assert.True(File.Exists(Out("c.assessments.json")));
        Assert.False(File.Exists(Out("b.assessments.json")));
    }
}
