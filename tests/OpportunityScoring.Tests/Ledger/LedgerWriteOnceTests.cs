using System.Security.Cryptography;
using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Ledger;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Batch;
using OpportunityScoring.Tests.Hostile;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>
/// What the stored run's short cuts must not change: an assessment serialised once for the output and the ledger, the
/// input hash computed without garbage, and carried rows copied inside the store.
/// </summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerWriteOnceTests(LedgerStores stores) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-once-").FullName;

    public static TheoryData<string> Kinds => LedgerStoreTests.Kinds;

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliTestSupport.Run(args);

    private string Generated(int count, string name)
    {
        var path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        new PipelineGenerator(5, TestData.AsOf).WriteJsonLines(file, count);
        return path;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_stored_json_lines_run_writes_the_same_lines_as_without_a_store_and_stores_each_line_as_it_is(string kind)
    {
        var store = stores.New(kind);
        var pipeline = Generated(120, "pipeline.jsonl");

        var plain = Cli("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--quiet");
        var stored = Cli("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--quiet", "--store", store);

        Assert.Equal((0, 0), (plain.Code, stored.Code));
        Assert.Equal(plain.Out, stored.Out);
        var lines = stored.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(120, lines.Length);
        foreach (var line in lines)
        {
            var id = JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;
            var json = AssessmentJson.Text(LedgerStoreTests.Value(store, $"SELECT assessment_json_br FROM assessments WHERE opportunity_id = '{id}'"));
            Assert.Equal(line, json);
        }
    }

    [Fact]
    public void The_input_hash_is_the_sha256_of_the_opportunitys_contract_json_on_every_thread()
    {
        var opportunities = TestData.Generated(200);
        var expected = opportunities.Select(o => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(o, ContractJson.Options)))).ToArray();

        var hashes = new string[opportunities.Count];
        Parallel.For(0, opportunities.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => hashes[i] = AssessmentRow.HashOf(opportunities[i]));

        Assert.Equal(expected, hashes);
        Assert.Equal(expected.Length, expected.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_assessment_carried_twice_keeps_its_decisions_and_still_names_the_run_that_scored_it(string kind)
    {
        var store = stores.New(kind);
        var pipeline = Generated(60, "pipeline.jsonl");
        var lines = File.ReadAllLines(pipeline);
        var renamed = System.Text.Json.Nodes.JsonNode.Parse(lines[3])!;
        renamed["name"] = "renamed";
        lines[3] = renamed.ToJsonString();
        var second = Path.Combine(_folder, "second.jsonl");
        File.WriteAllLines(second, lines);
        var id = JsonDocument.Parse(lines[10]).RootElement.GetProperty("id").GetString()!;

        var full = Cli("score", pipeline, "--input", "jsonl", "--format", "csv", "--store", store);
        var once = Cli("score", second, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only");
        var twice = Cli("score", second, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only", "--as-of", "2027-02-01");

        Assert.Equal((0, 0, 0), (full.Code, once.Code, twice.Code));
        Assert.Contains("1 assessed, 0 rejected, 59 carried forward unchanged; complete.", once.Err, StringComparison.Ordinal);
        Assert.Contains("0 assessed, 0 rejected, 60 carried forward unchanged; complete.", twice.Err, StringComparison.Ordinal);
        Assert.Equal(118, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE carried_from = 1"));
        Assert.Equal(1, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE carried_from = 2"));
        Assert.Equal(0, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE carried_from IS NOT NULL AND assessment_json_br IS NOT NULL"));
        var columns = "grade, score, win_probability, gate_outcome, next_stage, bid, red_flags, knock_outs, missing_evidence, input_hash, policy_sha256";
        Assert.Equal(1, LedgerStoreTests.Count(store, $"SELECT count(*) FROM (SELECT DISTINCT {columns} FROM assessments WHERE opportunity_id = '{id}') d"));
        var history = JsonDocument.Parse(Cli("history", id, "--store", store, "--format", "json").Out).RootElement.GetProperty("entries");
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Number, JsonValueKind.Number], history.EnumerateArray().Select(e => e.GetProperty("carriedFrom").ValueKind));
        Assert.All(history.EnumerateArray().Skip(1), e => Assert.Equal(1, e.GetProperty("carriedFrom").GetInt64()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
