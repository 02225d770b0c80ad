using System.Buffers;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>, for a <see cref="System.Text.Json.Utf8JsonWriter"/>
/// to write many records into before they go to the output in one large write (<see cref="DrainTo"/>).
/// </summary>
/// <remarks>Not thread safe. Dispose returns the array to the pool.</remarks>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates the buffer.</summary>
    /// <param name="initialCapacity">The first array's size at least.</param>
    public PooledBufferWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, initialCapacity));

    /// <summary>The bytes written and not yet drained.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes written and not yet drained.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Appends bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <summary>Writes what the buffer holds to a stream in one write, and empties it.</summary>
    /// <param name="output">The stream.</param>
    public void DrainTo(Stream output)
    {
        if (_written > 0)
        {
            output.Write(_buffer, 0, _written);
            _written = 0;
        }
    }

    /// <summary>Drops what was written past <paramref name="length"/> bytes.</summary>
    /// <param name="length">The bytes to keep.</param>
    public void Rewind(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <summary>Hands the array over (its first <see cref="WrittenCount"/> bytes are the content; the caller returns it to the pool) and leaves this buffer empty and unusable.</summary>
    /// <returns>The array.</returns>
    public byte[] Detach()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        return buffer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(1, sizeHint);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
