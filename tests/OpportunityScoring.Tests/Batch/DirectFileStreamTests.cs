using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Batch;

/// <summary>
/// Issue 26, part 1 again: large outputs are written with direct I/O (<c>O_DIRECT</c>) on Linux, and must have exactly
/// the bytes an ordinary <see cref="FileStream"/> writes, whatever their length against the 4 KiB blocks; where direct
/// I/O is not to be had (not Linux, the setting off, a device, a file system that refuses it) the stream is a FileStream.
/// </summary>
public sealed class DirectFileStreamTests : IDisposable
{
    // Beside the test assembly: the repository's disk (ext4, xfs, …), where Linux takes O_DIRECT.
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "direct-io-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((5 << 20) + 4097)]
    [InlineData((7 << 20) + 123)]
    public void A_direct_output_has_exactly_the_bytes_a_file_stream_writes_whatever_its_length(int length)
    {
        var bytes = Bytes(length);
        var direct = Path.Combine(_dir, "direct.bin");
        var buffered = Path.Combine(_dir, "buffered.bin");

        using (var stream = DirectFileStream.Open(direct, FileMode.CreateNew, FileShare.Read, 1 << 16, direct: true))
        {
            Assert.True(!OperatingSystem.IsLinux() || stream is DirectFileStream, $"a {stream.GetType().Name} on Linux");
            WriteInPieces(stream, bytes);
        }

        using (var stream = DirectFileStream.Open(buffered, FileMode.CreateNew, FileShare.Read, 1 << 16, direct: false))
        {
            Assert.IsType<FileStream>(stream);
            WriteInPieces(stream, bytes);
        }

        Assert.Equal(File.ReadAllBytes(buffered), File.ReadAllBytes(direct));
        Assert.Equal(bytes, File.ReadAllBytes(direct));
    }

    [Fact]
    public void Writing_on_after_a_flush_to_disk_rewrites_the_unaligned_tail_and_loses_nothing()
    {
        var bytes = Bytes((3 << 20) + 5000);
        var path = Path.Combine(_dir, "flushed.bin");
        using (var stream = DirectFileStream.Open(path, FileMode.Create, FileShare.Read, 1 << 20, direct: true))
        {
            stream.Write(bytes.AsSpan(0, 10_000));
            Flush(stream);
            Assert.Equal(bytes[..10_000], File.ReadAllBytes(path)); // the tail is in the file at a flush
            stream.Write(bytes.AsSpan(10_000, 2_000_000));
            Flush(stream);
            stream.Write(bytes.AsSpan(2_010_000));
            Assert.Equal(bytes.Length, stream.Position);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void An_existing_file_opened_to_create_is_truncated_as_a_file_stream_would()
    {
        var path = Path.Combine(_dir, "existing.bin");
        File.WriteAllBytes(path, Bytes(3 << 20));
        var bytes = Bytes(5000);
        using (var stream = DirectFileStream.Open(path, FileMode.Create, FileShare.Read, 1 << 16, direct: true))
        {
            stream.Write(bytes);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Creating_a_new_file_over_an_existing_one_fails_as_a_file_stream_does()
    {
        var path = Path.Combine(_dir, "taken.bin");
        File.WriteAllText(path, "previous");
        Assert.Throws<IOException>(() => DirectFileStream.Open(path, FileMode.CreateNew, FileShare.Read, 1 << 16, direct: true).Dispose());
        Assert.Equal("previous", File.ReadAllText(path));
    }

    [Fact]
    public void A_device_is_written_through_an_ordinary_file_stream()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var stream = DirectFileStream.Open("/dev/null", FileMode.Create, FileShare.ReadWrite, 1 << 16, direct: true);
        Assert.IsType<FileStream>(stream);
        stream.Write(Bytes(10_000));
    }

    [Fact]
    public void A_file_system_that_refuses_direct_io_gets_no_direct_stream()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // procfs files are regular files whose file system has no direct I/O: fcntl(F_SETFL, O_DIRECT) fails with
        // EINVAL, as it does on tmpfs before Linux 6.6 and on some network file systems. Nothing is written to it.
        using var handle = File.OpenHandle("/proc/self/comm", FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        Assert.Null(DirectFileStream.TryDirect(handle, "/proc/self/comm", 1 << 16));
    }

    [Fact]
    public void Tmpfs_outputs_have_the_same_bytes_whether_or_not_the_kernel_takes_direct_io_there()
    {
        if (!Directory.Exists("/dev/shm"))
        {
            return;
        }

        var path = Path.Combine("/dev/shm", $"os-direct-{Guid.NewGuid():N}.bin");
        var bytes = Bytes((2 << 20) + 17);
        try
        {
            using (var stream = DirectFileStream.Open(path, FileMode.CreateNew, FileShare.Read, 1 << 16, direct: true))
            {
                WriteInPieces(stream, bytes);
            }

            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData(null, true)]
    public void The_setting_turns_direct_io_off(string? value, bool enabled)
    {
        var before = Environment.GetEnvironmentVariable(DirectFileStream.Setting);
        try
        {
            Environment.SetEnvironmentVariable(DirectFileStream.Setting, value);
            Assert.Equal(enabled && OperatingSystem.IsLinux(), DirectFileStream.Enabled);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DirectFileStream.Setting, before);
        }
    }

    private static void Flush(Stream stream)
    {
        if (stream is DirectFileStream direct)
        {
            direct.Flush(flushToDisk: true);
        }
        else
        {
            ((FileStream)stream).Flush(flushToDisk: true);
        }
    }

    // Pieces of uneven sizes, as the writers' are: small ones, then whatever is left in one go.
    private static void WriteInPieces(Stream stream, byte[] bytes)
    {
        var at = 0;
        foreach (var piece in new[] { 1, 7, 4096, 333, 65_536, 1 << 20 })
        {
            var n = Math.Min(piece, bytes.Length - at);
            stream.Write(bytes, at, n);
            at += n;
        }

        stream.Write(bytes.AsSpan(at));
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
