using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Batch;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>
/// The input hash taken from a record's bytes as read (JSON and JSON Lines), and what an incremental run does with it:
/// unchanged records kept back before they are parsed, duplicates still rejected, shards still respected, and the
/// comparison with the last run still exact when carried rows are counted inside the store.
/// </summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class LedgerRecordBytesTests(LedgerStores stores) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-bytes-").FullName;

    public static TheoryData<string> Kinds => LedgerStoreTests.Kinds;

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(int count)
    {
        using var file = new MemoryStream();
        new PipelineGenerator(5, TestData.AsOf).WriteJsonLines(file, count);
        return Encoding.UTF8.GetString(file.ToArray()).TrimEnd('\n').Split('\n');
    }

    private string Write(string folder, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static string Renamed(string line)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        node["name"] = "renamed";
        return node.ToJsonString();
    }

    private static string IdOf(string line) => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_input_hash_of_a_json_lines_record_is_the_sha256_of_a_prefix_and_its_bytes_as_read(string kind)
    {
        var store = stores.New(kind);
        var lines = Lines(40);
        var pipeline = Write("a", "pipeline.jsonl", lines);

        var run = Cli("score", pipeline, "--input", "jsonl", "--format", "csv", "--store", store, "--quiet");

        Assert.Equal(0, run.Code);
        foreach (var line in lines)
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData([.. "opportunityscoring-record/1 jsonl\n"u8, .. Encoding.UTF8.GetBytes(line)]));
            Assert.Equal(expected, LedgerStoreTests.Value(store, $"SELECT input_hash FROM assessments WHERE opportunity_id = '{IdOf(line)}'"));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_unchanged_record_repeated_later_in_the_input_is_rejected_as_a_duplicate_and_not_carried_twice(string kind)
    {
        var store = stores.New(kind);
        var lines = Lines(50);
        var first = Write("a", "pipeline.jsonl", lines);
        var second = Write("b", "pipeline.jsonl", [.. lines, lines[5]]);

        var full = Cli("score", first, "--input", "jsonl", "--format", "csv", "--store", store);
        var incremental = Cli("score", second, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only");

        Assert.Equal((0, 1), (full.Code, incremental.Code)); // 1: a record was rejected
        Assert.Contains("0 assessed, 1 rejected, 50 carried forward unchanged; complete.", incremental.Err, StringComparison.Ordinal);
        Assert.Contains("duplicate id: the record at index 5 has the same id", incremental.Err, StringComparison.Ordinal);
        Assert.Equal(50, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2 AND carried_from = 1"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Changed_only_from_the_contracts_json_rescores_the_changed_record_and_carries_the_rest(string kind)
    {
        var store = stores.New(kind);
        var lines = Lines(30);
        static string Pipeline(IEnumerable<string> records) => "{\"asOf\": \"2026-11-01\", \"opportunities\": [\n  " + string.Join(",\n  ", records) + "\n]}\n";
        var first = Path.Combine(_folder, "pipeline.json");
        File.WriteAllText(first, Pipeline(lines));
        var second = Path.Combine(_folder, "next", "pipeline.json");
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        File.WriteAllText(second, Pipeline(lines.Select((l, i) => i == 12 ? Renamed(l) : l)));

        var full = Cli("score", first, "--format", "csv", "--store", store);
        var incremental = Cli("score", second, "--format", "csv", "--store", store, "--changed-only");

        Assert.Equal((0, 0), (full.Code, incremental.Code));
        Assert.Contains("1 assessed, 0 rejected, 29 carried forward unchanged; complete.", incremental.Err, StringComparison.Ordinal);
        var rows = incremental.Out.Trim().Split('\n');
        var id = Array.IndexOf(rows[0].Split(','), "id");
        Assert.Equal([IdOf(lines[12])], rows.Skip(1).Select(l => l.Split(',')[id]));
        Assert.Contains("0 changed, 30 unchanged, 0 new, 0 removed", incremental.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_sharded_changed_only_run_carries_each_opportunity_once_in_the_shard_of_its_account(string kind)
    {
        var store = stores.New(kind);
        var lines = Lines(400);
        var first = Write("a", "pipeline.jsonl", lines);
        var second = Write("b", "pipeline.jsonl", lines.Select((l, i) => i % 50 == 7 ? Renamed(l) : l));

        var full = Cli("score", first, "--input", "jsonl", "--format", "csv", "--store", store);
        var shards = Enumerable.Range(0, 2)
            .Select(i => Cli("score", second, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only", "--shard", $"{i}/2"))
            .ToList();

        Assert.Equal(0, full.Code);
        Assert.All(shards, s => Assert.Equal(0, s.Code));
        Assert.Equal(400, LedgerStoreTests.Count(store, "SELECT count(DISTINCT opportunity_id) FROM assessments WHERE run_id = 2"));
        Assert.Equal(400, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2"));
        Assert.Equal(392, LedgerStoreTests.Count(store, "SELECT count(*) FROM assessments WHERE run_id = 2 AND carried_from = 1"));
        Assert.Equal(392, LedgerStoreTests.Count(store, "SELECT sum(carried) FROM run_shards WHERE run_id = 2"));
        Assert.Equal(8, LedgerStoreTests.Count(store, "SELECT sum(assessed) FROM run_shards WHERE run_id = 2"));
        Assert.InRange(LedgerStoreTests.Count(store, "SELECT min(carried) FROM run_shards WHERE run_id = 2"), 100, 300);
        Assert.InRange(LedgerStoreTests.Count(store, "SELECT max(carried) FROM run_shards WHERE run_id = 2"), 100, 300);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_incremental_run_compared_with_the_last_run_counts_carried_rows_unchanged_and_still_finds_the_new_and_the_removed(string kind)
    {
        var store = stores.New(kind);
        var lines = Lines(61);
        var first = Write("a", "pipeline.jsonl", lines[..60]);
        var second = Write("b", "pipeline.jsonl", [.. lines[1..60].Select((l, i) => i == 3 ? Renamed(l) : l), lines[60]]);
        var diffOut = Path.Combine(_folder, "diff.json");

        var full = Cli("score", first, "--input", "jsonl", "--format", "csv", "--store", store);
        var incremental = Cli("score", second, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only", "--diff-out", diffOut);

        Assert.Equal((0, 0), (full.Code, incremental.Code));
        Assert.Contains("2 assessed, 0 rejected, 58 carried forward unchanged; complete.", incremental.Err, StringComparison.Ordinal);
        Assert.Contains("0 changed, 59 unchanged, 1 new, 1 removed", incremental.Err, StringComparison.Ordinal);
        Assert.Contains($"{IdOf(lines[60])}: new", incremental.Err, StringComparison.Ordinal);
        Assert.Contains($"{IdOf(lines[0])}: removed", incremental.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rows_hashed_from_the_opportunitys_json_are_rescored_once_by_a_run_that_hashes_record_bytes_then_carried(string kind)
    {
        var store = stores.New(kind);
        var csv = Path.Combine(_folder, "pipeline.csv");
        using (var file = File.Create(csv))
        {
            new PipelineGenerator(5, TestData.AsOf).WriteCsv(file, 40);
        }

        var jsonl = Write("a", "pipeline.jsonl", Lines(40));

        var before = Cli("score", csv, "--input", "csv", "--format", "csv", "--store", store);
        var once = Cli("score", jsonl, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only");
        var then = Cli("score", jsonl, "--input", "jsonl", "--format", "csv", "--store", store, "--changed-only", "--as-of", "2027-02-01");

        Assert.Equal((0, 0, 0), (before.Code, once.Code, then.Code));
        Assert.Contains("40 assessed, 0 rejected, 0 carried forward unchanged; complete.", once.Err, StringComparison.Ordinal);
        Assert.Contains("0 assessed, 0 rejected, 40 carried forward unchanged; complete.", then.Err, StringComparison.Ordinal);
        Assert.Equal("opportunity-json", LedgerStoreTests.Value(store, "SELECT input_hashing FROM run_shards WHERE run_id = 1"));
        Assert.Equal("record-bytes/1", LedgerStoreTests.Value(store, "SELECT input_hashing FROM run_shards WHERE run_id = 2"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
