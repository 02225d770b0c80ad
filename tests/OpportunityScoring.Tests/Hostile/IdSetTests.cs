using System.Text;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// The duplicate-id check in bounded memory (finding 5): past a threshold the ids go to a temporary file and memory
/// holds 8 bytes per id, and the answers stay exactly those of a set of the ids — even when every hash collides.
/// </summary>
[Collection(AllocationsMeasuredAlone.Name)]
public sealed class IdSetTests
{
    /// <summary>A hash with a handful of values: nearly every lookup meets another id's fingerprint and must compare the ids.</summary>
    private static ulong Colliding(string id) => (ulong)(id.Length % 3) << 40 | (uint)(id.Length % 5);

    private static List<string> Ids(int count, int distinct, int seed)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, distinct).Select(i => i % 7 == 0
            ? $"{new string('é', random.Next(0, 3))}ID-{random.Next()}-大客戶"
            : new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next('!', '~'))])).ToList();
        return [.. Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Count)])];
    }

    [Theory]
    [InlineData(100, 6, true, 3_000, 1_200)]
    [InlineData(100, 6, false, 20_000, 8_000)]
    [InlineData(1_000, 8, false, 20_000, 8_000)]
    [InlineData(int.MaxValue, 20, false, 20_000, 8_000)]
    public void The_set_answers_exactly_as_a_set_of_the_ids_whatever_the_threshold_the_segments_and_the_hash(int exactLimit, int segmentBits, bool colliding, int count, int distinct)
    {
        var ids = Ids(count, distinct, seed: exactLimit ^ segmentBits);
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        using var set = new IdSet(exactLimit, colliding ? Colliding : null, segmentBits);

        for (var i = 0; i < ids.Count; i++)
        {
            var isNew = exact.TryAdd(ids[i], i);
            Assert.Equal(isNew, set.TryAdd(ids[i], i, out var first));
            Assert.Equal(exact[ids[i]], first);
        }

        Assert.Equal(exact.Count, set.Count);
        Assert.Equal(exactLimit < ids.Count, set.Spilled);
    }

    [Fact]
    public void A_rejected_records_id_still_makes_a_later_copy_a_duplicate_after_the_ids_moved_to_the_file()
    {
        using var duplicates = new DuplicateIds(new IdSet(exactLimit: 2, segmentBits: 4));
        PipelineRecord Valid(string id, int index) => new(index, new Opportunity { Id = id, Stage = Stage.Proposal, ExpectedContractAmount = 5 }, []);

        var checkedRecords = new[]
        {
            duplicates.Check(new PipelineRecord(0, null, [new InputError("R", 0, "stage", "not a stage")])),
            duplicates.Check(Valid("A", 1)),
            duplicates.Check(Valid("B", 2)),
            duplicates.Check(Valid("C", 3)),
            duplicates.Check(Valid("R", 4)),
            duplicates.Check(Valid("B", 5)),
        };

        Assert.Equal([true, true, true], checkedRecords[1..4].Select(r => r.Opportunity is not null));
        Assert.Contains("index 0", Assert.Single(checkedRecords[4].Errors).Message, StringComparison.Ordinal);
        Assert.Contains("index 2", Assert.Single(checkedRecords[5].Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_threshold_memory_holds_the_table_not_the_ids()
    {
        // 200,000 ids of 100 characters: a set of the ids themselves would keep about 50 MB alive (the strings and
        // their entries); this one keeps one 8 MiB segment of slots, the file's buffer and nothing per id.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var set = new IdSet();
        for (var i = 0; i < 200_000; i++)
        {
            set.TryAdd($"{i:D12}-" + new string('x', 87), i, out _);
        }

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(set.Spilled);
        Assert.Equal(200_000, set.Count);
        Assert.True(kept < 12L << 20, $"200,000 ids of 100 characters kept {kept >> 20} MiB alive");
    }

    [Fact]
    public void Reading_a_pipeline_does_not_keep_its_ids_alive()
    {
        // Finding 5 through a reader: the duplicate check held every id, 200,000 ids of 100 characters about 50 MB.
        var lines = Enumerable.Range(0, 200_000).Select(i => $$"""{"id":"{{i:D12}}-{{new string('x', 87)}}","stage":"proposal","expectedContractAmount":5}""");
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        using var source = PipelineSource.Open(PipelineFormat.JsonLines, input);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long kept = 0;
        var read = 0;

        foreach (var record in source.Records)
        {
            if (++read == 150_000)
            {
                kept = GC.GetTotalMemory(forceFullCollection: true) - before; // the reader, a few thousand records ahead, still holds its set
            }
        }

        Assert.Equal(200_000, read);
        Assert.True(kept < 16L << 20, $"150,000 records into 200,000 with 100-character ids, {kept >> 20} MiB were kept alive");
    }

    [Fact]
    public void A_pipeline_with_more_ids_than_the_threshold_finds_every_duplicate_and_its_first_copy()
    {
        // 70,000 records (past the 65,536 ids held as they are), the last ten repeating early ids.
        var lines = Enumerable.Range(0, 70_000).Select(i => $$"""{"id":"D-{{(i < 69_990 ? i : i - 69_990)}}","stage":"proposal","expectedContractAmount":5}""");
        using var source = PipelineSource.Open(PipelineFormat.JsonLines, new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        var rejected = source.Records.Where(r => r.Opportunity is null).ToList();

        Assert.Equal(Enumerable.Range(69_990, 10), rejected.Select(r => r.Index));
        Assert.All(rejected, r => Assert.Equal($"duplicate id: the record at index {r.Index - 69_990} has the same id", Assert.Single(r.Errors).Message));
    }

    [Fact]
    public void The_temporary_file_of_the_ids_is_gone_once_the_set_is_disposed()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "opportunity-scoring-ids-*").ToHashSet();
        var set = new IdSet(exactLimit: 10);
        for (var i = 0; i < 100; i++)
        {
            set.TryAdd($"T-{i}", i, out _);
        }

        Assert.True(set.Spilled);
        set.Dispose();

        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "opportunity-scoring-ids-*"), f => !before.Contains(f));
    }
}
