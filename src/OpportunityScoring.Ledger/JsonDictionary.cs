using System.Buffers;
using System.Text;
using ZstdSharp;

namespace OpportunityScoring.Ledger;

/// <summary>
/// A zstd dictionary kept in the ledger (<c>json_dictionaries</c>), trained on the ledger's own assessments: the
/// field names and rule messages that every assessment repeats are in the dictionary, so each row holds only what is
/// its own. About 0.5 KB an assessment where Brotli alone made 2.8 KB, at a tenth of Brotli's CPU (docs/ledger.md).
/// Thread safe: each thread compresses with its own context; reading takes turns on one.
/// </summary>
internal sealed class JsonDictionary : IDisposable
{
    /// <summary>The <c>format</c> of a zstd dictionary (the only one so far).</summary>
    public const string Zstd = "zstd";

    /// <summary>Assessments a dictionary is trained on: the first of a run under a policy with none (about 0.2 s to train).</summary>
    public const int Samples = 1_000;

    /// <summary>The dictionary's size: zstd's usual 112 KB; smaller ones made rows larger, larger ones no smaller.</summary>
    private const int Capacity = 112 * 1024;

    /// <summary>zstd's default level: with this dictionary, smaller and no slower than level 1.</summary>
    private const int Level = 3;

    private readonly ThreadLocal<Compressor> _compressors;
    private readonly Decompressor _decompressor = new();

    public JsonDictionary(long id, byte[] content)
    {
        Id = id;
        Content = content;
        _compressors = new ThreadLocal<Compressor>(() =>
        {
            var compressor = new Compressor(Level);
            compressor.LoadDictionary(content);
            return compressor;
        }, trackAllValues: true);
        _decompressor.LoadDictionary(content);
    }

    /// <summary>Its <c>dictionary_id</c>, written in each row compressed with it.</summary>
    public long Id { get; }

    /// <summary>The dictionary itself, as stored.</summary>
    public byte[] Content { get; }

    /// <summary>
    /// Trains a dictionary on assessments' JSON; <see langword="null"/> when zstd cannot make one of them (too few, or
    /// too alike to tell what repeats): the run then compresses with Brotli, as before.
    /// </summary>
    public static byte[]? Train(IReadOnlyList<byte[]> samples)
    {
        try
        {
            return DictBuilder.TrainFromBuffer(samples, Capacity).ToArray();
        }
        catch (ZstdException)
        {
            return null;
        }
    }

    /// <summary>One assessment's JSON as a zstd frame made with this dictionary.</summary>
    public byte[] Compress(ReadOnlySpan<byte> json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(json.Length));
        try
        {
            var written = _compressors.Value!.Wrap(json, buffer);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The JSON text of a row compressed with this dictionary.</summary>
    public string Text(byte[] stored)
    {
        lock (_decompressor)
        {
            return Encoding.UTF8.GetString(_decompressor.Unwrap(stored));
        }
    }

    public void Dispose()
    {
        foreach (var compressor in _compressors.Values)
        {
            compressor.Dispose();
        }

        _compressors.Dispose();
        _decompressor.Dispose();
    }
}
