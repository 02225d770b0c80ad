using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// A write-only file written with direct I/O (Linux <c>O_DIRECT</c>): the bytes go from an aligned buffer of this
/// stream's to the disk in large whole blocks, past the page cache. Open it with <see cref="Open(string, FileMode, FileShare, int)"/>, which falls back to
/// an ordinary <see cref="FileStream"/> everywhere direct I/O is not to be had.
/// </summary>
/// <remarks>
/// <para>Why: on some machines (virtual machines above all) a buffered write costs the kernel more than the program
/// spends producing the bytes. Measured on the project's 2-core build VM (docs/cli.md, "Direct I/O"): 4 GB written
/// buffered, 10.4 s of system CPU; the same 4 GB with <c>O_DIRECT</c> from an aligned buffer, 0.16 s.</para>
/// <para>The whole blocks are written with <c>O_DIRECT</c> at aligned offsets; the unaligned tail (the last bytes of the
/// file) is written at <see cref="Flush(bool)"/> or <see cref="Stream.Dispose()"/> with <c>O_DIRECT</c> cleared, so the
/// file has exactly the bytes written to it, no padding. <see cref="Flush()"/> alone writes nothing: a direct write
/// must be whole blocks, and JSON writers flush their stream every few KiB; the bytes reach the file when the buffer is
/// full, at <see cref="Flush(bool)"/> and at <see cref="Stream.Dispose()"/>.</para>
/// <para>A write that fails (the disk is full, an I/O error) throws an <see cref="IOException"/> naming the file.</para>
/// </remarks>
public sealed partial class DirectFileStream : Stream
{
    /// <summary>The environment variable that turns direct I/O off: <c>OPPORTUNITYSCORING_DIRECT_IO=0</c>.</summary>
    public const string Setting = "OPPORTUNITYSCORING_DIRECT_IO";

    /// <summary>The alignment of the buffer, the file offsets and the lengths of direct writes.</summary>
    internal const int Alignment = 4096;

    /// <summary>The smallest buffer: direct writes are at least this large, except the last ones (1 MiB writes are as fast as 4 MiB ones, docs/cli.md).</summary>
    internal const int SmallestBuffer = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _array;
    private readonly int _start;
    private readonly int _directFlag;
    private readonly int _size;
    private int _filled;
    private long _offset;
    private bool _directCleared;

    private DirectFileStream(SafeFileHandle handle, string path, int directFlag, int bufferSize)
    {
        _handle = handle;
        Name = path;
        _directFlag = directFlag;
        _size = Math.Max(SmallestBuffer, (bufferSize + Alignment - 1) & ~(Alignment - 1));
        _array = GC.AllocateUninitializedArray<byte>(_size + Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0).ToInt64();
        _start = (int)((Alignment - (address % Alignment)) % Alignment);
    }

    /// <summary>The file's full path.</summary>
    public string Name { get; }

    /// <summary>Whether direct I/O is on: not on any platform but Linux, nor when <see cref="Setting"/> is <c>0</c>.</summary>
    public static bool Enabled =>
        OperatingSystem.IsLinux() && DirectFlag() != 0 && Environment.GetEnvironmentVariable(Setting) is not ("0" or "false" or "off");

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_handle.IsClosed;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <summary>The number of bytes written so far.</summary>
    public override long Position
    {
        get => _offset + _filled;
        set => throw new NotSupportedException();
    }

    private Span<byte> Buffer => _array.AsSpan(_start, _size);

    /// <summary>
    /// Opens a file to write: with direct I/O when <see cref="Enabled"/>, the file is a regular file and its file system
    /// takes <c>O_DIRECT</c>; otherwise (another platform, the setting off, a device, a pipe, a file system without direct
    /// I/O) an ordinary <see cref="FileStream"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">How to open it (<see cref="FileMode.CreateNew"/>: <c>O_CREAT|O_EXCL</c>; <see cref="FileMode.Create"/>: <c>O_CREAT|O_TRUNC</c>).</param>
    /// <param name="share">What others may do with the file meanwhile.</param>
    /// <param name="bufferSize">The buffer (of direct writes: at least 1 MiB).</param>
    /// <returns>A <see cref="DirectFileStream"/> or a <see cref="FileStream"/>, write-only.</returns>
    /// <exception cref="IOException">The file cannot be created (the folder does not exist, it exists with <see cref="FileMode.CreateNew"/>, …).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file is not writable.</exception>
    public static Stream Open(string path, FileMode mode, FileShare share = FileShare.Read, int bufferSize = 1 << 16) =>
        Open(path, mode, share, bufferSize, Enabled);

    /// <summary>Opens <paramref name="path"/> as <see cref="Open(string, FileMode, FileShare, int)"/> does, with direct I/O tried only when <paramref name="direct"/>.</summary>
    internal static Stream Open(string path, FileMode mode, FileShare share, int bufferSize, bool direct)
    {
        if (!direct || !OperatingSystem.IsLinux() || mode is FileMode.Append or FileMode.Open or FileMode.OpenOrCreate || DirectFlag() == 0)
        {
            return new FileStream(path, mode, FileAccess.Write, share, bufferSize);
        }

        var full = Path.GetFullPath(path);
        var handle = File.OpenHandle(full, mode, FileAccess.Write, share);
        try
        {
            if (TryDirect(handle, full, bufferSize) is { } stream)
            {
                return stream;
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new FileStream(handle, FileAccess.Write, bufferSize);
    }

    /// <summary>The direct stream over <paramref name="handle"/> (the file <paramref name="path"/>), or <see langword="null"/> when the file is not a regular file or its file system refuses <c>O_DIRECT</c>.</summary>
    internal static DirectFileStream? TryDirect(SafeFileHandle handle, string path, int bufferSize)
    {
        var flag = DirectFlag();
        if (flag == 0 || !Native.IsRegularFile(handle) || !Native.SetDirect(handle, flag, on: true))
        {
            return null;
        }

        return new DirectFileStream(handle, path, flag, bufferSize);
    }

    /// <summary>Writes what is buffered, the unaligned tail included, and with <paramref name="flushToDisk"/> waits for the disk (<c>fsync</c>).</summary>
    /// <param name="flushToDisk">Whether to <c>fsync</c>.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Flush(bool flushToDisk)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        WriteOut();
        if (flushToDisk)
        {
            try
            {
                RandomAccess.FlushToDisk(_handle);
            }
            catch (IOException e) when (!Names(e))
            {
                throw new IOException($"{Name}: {e.Message}", e);
            }
        }
    }

    /// <summary>Writes nothing (see the remarks): the bytes reach the file when the buffer is full, at <see cref="Flush(bool)"/> and at <see cref="Stream.Dispose()"/>.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _size - _filled);
            buffer[..n].CopyTo(Buffer[_filled..]);
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _size)
            {
                WriteBlocks(_size);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_handle.IsClosed)
        {
            try
            {
                WriteOut();
            }
            finally
            {
                _handle.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The <c>O_DIRECT</c> flag of this machine's Linux, 0 where it is not known.</summary>
    private static int DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    // Everything buffered: the whole blocks direct, then the tail with O_DIRECT cleared. The tail stays in the buffer
    // (and the offset at its block) so that later writes complete that block and rewrite it.
    private void WriteOut()
    {
        var whole = _filled & ~(Alignment - 1);
        if (whole > 0)
        {
            WriteBlocks(whole);
        }

        if (_filled > 0)
        {
            if (!_directCleared)
            {
                SetDirect(on: false);
                _directCleared = true;
            }

            Put(Buffer[.._filled], _offset);
        }
    }

    // The first `length` bytes of the buffer (a multiple of the alignment) at the current offset; what follows them
    // moves to the front.
    private void WriteBlocks(int length)
    {
        if (_directCleared)
        {
            SetDirect(on: true);
            _directCleared = false;
        }

        Put(Buffer[..length], _offset);
        _offset += length;
        _filled -= length;
        Buffer.Slice(length, _filled).CopyTo(Buffer);
    }

    private void Put(ReadOnlySpan<byte> bytes, long offset)
    {
        try
        {
            RandomAccess.Write(_handle, bytes, offset);
        }
        catch (IOException e) when (!Names(e))
        {
            throw new IOException($"{Name}: {e.Message}", e);
        }
    }

    private void SetDirect(bool on)
    {
        if (!Native.SetDirect(_handle, _directFlag, on))
        {
            throw new IOException($"{Name}: cannot turn direct I/O {(on ? "on" : "off")} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private bool Names(IOException e) => e.Message.Contains(Name, StringComparison.Ordinal);
}
