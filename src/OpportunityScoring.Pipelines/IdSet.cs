using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The ids seen so far (for the duplicate check), in memory that grows by 8 bytes per id whatever the ids' length, with
/// exactly the answers of a set of the ids themselves. Up to a threshold the ids are held as they are; past it, each id
/// is written to a temporary file (deleted when the set is disposed; on Unix unlinked at once, so not even a killed
/// process leaves it behind), and memory holds, per id, 8 bytes in an open-addressing table: 24 bits of a 64-bit hash
/// and the id's place in the file. Ids whose hash bits match are compared exactly against the file, so a hash collision
/// never makes a duplicate (which a repeated id almost always is, and a different id once in about 16 million).
/// </summary>
/// <remarks>
/// The table is a list of segments of 2^20 slots (8 MiB) filled to three quarters, a new one when the last is full:
/// memory grows in 8 MiB steps without the doubling of a growing hash table, for about 10.7 bytes per id. The hash is
/// keyed per process (<see cref="string.GetHashCode()"/> and <see cref="HashCode"/>), so input cannot be made to collide.
/// If the temporary file cannot be created, the set keeps holding the ids (correct, but memory grows with them).
/// </remarks>
internal sealed class IdSet : IDisposable
{
    /// <summary>How many ids are held as they are before the set moves to the file (about 6 MiB).</summary>
    public const int DefaultExactLimit = 1 << 16;

    private const int FingerprintShift = 40;
    private const ulong OffsetMask = (1UL << FingerprintShift) - 1;

    private int _exactLimit;
    private readonly int _segmentBits;
    private readonly Func<string, ulong> _hash;
    private readonly List<ulong[]> _segments = [];
    private Dictionary<string, int>? _exact = new(StringComparer.Ordinal);
    private IdSpill? _spill;
    private int _lastCount;
    private byte[] _utf8 = new byte[256];

    /// <summary>Creates an empty set.</summary>
    /// <param name="exactLimit">Ids held as they are before moving to the file.</param>
    /// <param name="hash">The 64-bit hash (tests pass a weak one to make collisions common).</param>
    /// <param name="segmentBits">Log2 of the slots of a table segment.</param>
    public IdSet(int exactLimit = DefaultExactLimit, Func<string, ulong>? hash = null, int segmentBits = 20)
    {
        _exactLimit = exactLimit;
        _hash = hash ?? Hash;
        _segmentBits = segmentBits;
    }

    /// <summary>How many ids the set holds.</summary>
    public long Count { get; private set; }

    /// <summary>Whether the ids are in the temporary file (past the threshold).</summary>
    public bool Spilled => _spill is not null;

    /// <summary>Adds an id seen at an index, unless it was seen before.</summary>
    /// <param name="id">The id (already normalised).</param>
    /// <param name="index">Where it was seen.</param>
    /// <param name="first">Where it was first seen, when it was.</param>
    /// <returns>Whether the id is new.</returns>
    public bool TryAdd(string id, int index, out int first)
    {
        if (_exact is { } exact)
        {
            if (exact.TryGetValue(id, out first))
            {
                return false;
            }

            exact[id] = index;
            Count++;
            first = index;
            if (exact.Count >= _exactLimit)
            {
                MoveToFile(exact);
            }

            return true;
        }

        var bytes = Utf8(id);
        var hash = _hash(id);
        if (Find(hash, bytes, out first))
        {
            return false;
        }

        Insert(hash, _spill!.Append(bytes, index));
        Count++;
        first = index;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _spill?.Dispose();

    private void MoveToFile(Dictionary<string, int> exact)
    {
        if (IdSpill.Create() is not { } spill)
        {
            _exactLimit = int.MaxValue; // no temporary file: keep holding the ids
            return;
        }

        _spill = spill;
        _exact = null;
        foreach (var (id, index) in exact)
        {
            Insert(_hash(id), spill.Append(Utf8(id), index));
        }
    }

    private bool Find(ulong hash, ReadOnlySpan<byte> id, out int first)
    {
        var mask = (1 << _segmentBits) - 1;
        var fingerprint = hash >> FingerprintShift;
        foreach (var segment in _segments)
        {
            for (var i = (int)hash & mask; segment[i] != 0; i = (i + 1) & mask)
            {
                if (segment[i] >> FingerprintShift == fingerprint && _spill!.Holds((long)(segment[i] & OffsetMask) - 1, id, out first))
                {
                    return true;
                }
            }
        }

        first = -1;
        return false;
    }

    private void Insert(ulong hash, long offset)
    {
        if ((ulong)offset >= OffsetMask)
        {
            throw new InvalidOperationException("The ids take more than a terabyte.");
        }

        var slots = 1 << _segmentBits;
        if (_segments.Count == 0 || _lastCount >= slots / 4 * 3)
        {
            _segments.Add(new ulong[slots]);
            _lastCount = 0;
        }

        var segment = _segments[^1];
        var i = (int)hash & (slots - 1);
        while (segment[i] != 0)
        {
            i = (i + 1) & (slots - 1);
        }

        segment[i] = (hash >> FingerprintShift << FingerprintShift) | (ulong)(offset + 1);
        _lastCount++;
    }

    private ReadOnlySpan<byte> Utf8(string id)
    {
        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(id, _utf8));
    }

    /// <summary>Two independent 32-bit hashes, both keyed per process: the fingerprint's bits from one, the slot's from the other.</summary>
    private static ulong Hash(string id)
    {
        var other = new HashCode();
        other.AddBytes(MemoryMarshal.AsBytes(id.AsSpan()));
        return (ulong)(uint)id.GetHashCode() << 32 | (uint)other.ToHashCode();
    }

    /// <summary>The ids written one after another: the index where each was seen, its length and its UTF-8 bytes.</summary>
    private sealed class IdSpill : IDisposable
    {
        private readonly FileStream _file;
        private readonly SafeFileHandle _handle;
        private readonly byte[] _buffer = new byte[1 << 16];
        private byte[] _read = new byte[256];
        private int _count;
        private long _flushed;

        private IdSpill(FileStream file)
        {
            _file = file;
            _handle = file.SafeFileHandle;
        }

        public static IdSpill? Create()
        {
            try
            {
                var path = Path.Combine(Path.GetTempPath(), $"opportunity-scoring-ids-{Guid.NewGuid():N}.tmp");
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (!OperatingSystem.IsWindows())
                {
                    File.Delete(path); // unlinked: the open file lives on, and nothing is left behind even after kill -9
                }

                return new IdSpill(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return null;
            }
        }

        public long Append(ReadOnlySpan<byte> id, int index)
        {
            var size = 8 + id.Length;
            if (_count + size > _buffer.Length)
            {
                Flush();
            }

            var offset = _flushed + _count;
            if (size > _buffer.Length)
            {
                var entry = new byte[size];
                Header(entry, index, id.Length);
                id.CopyTo(entry.AsSpan(8));
                RandomAccess.Write(_handle, entry, _flushed);
                _flushed += size;
                return offset;
            }

            Header(_buffer.AsSpan(_count), index, id.Length);
            id.CopyTo(_buffer.AsSpan(_count + 8));
            _count += size;
            return offset;
        }

        /// <summary>Whether the id written at an offset is <paramref name="id"/>, and where it was seen.</summary>
        public bool Holds(long offset, ReadOnlySpan<byte> id, out int index)
        {
            Span<byte> header = stackalloc byte[8];
            Read(offset, header);
            index = BitConverter.ToInt32(header);
            if (BitConverter.ToInt32(header[4..]) != id.Length)
            {
                return false;
            }

            if (_read.Length < id.Length)
            {
                _read = new byte[Math.Max(id.Length, _read.Length * 2)];
            }

            var written = _read.AsSpan(0, id.Length);
            Read(offset + 8, written);
            return written.SequenceEqual(id);
        }

        public void Dispose() => _file.Dispose();

        private static void Header(Span<byte> at, int index, int length)
        {
            BitConverter.TryWriteBytes(at, index);
            BitConverter.TryWriteBytes(at[4..], length);
        }

        private void Read(long offset, Span<byte> into)
        {
            if (offset >= _flushed)
            {
                _buffer.AsSpan((int)(offset - _flushed), into.Length).CopyTo(into);
                return;
            }

            while (into.Length > 0)
            {
                var n = RandomAccess.Read(_handle, into, offset);
                if (n <= 0)
                {
                    throw new IOException("The temporary file of the ids ended early.");
                }

                into = into[n..];
                offset += n;
            }
        }

        private void Flush()
        {
            if (_count > 0)
            {
                RandomAccess.Write(_handle, _buffer.AsSpan(0, _count), _flushed);
                _flushed += _count;
                _count = 0;
            }
        }
    }
}
