using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Cli;

/// <summary>
/// A file a verb writes (<c>--out</c>, <c>--diff-out</c>, <c>--write-policy</c>): written to a temporary file beside the
/// target, <c>.{name}.{pid}.tmp</c>, and renamed over the target by <see cref="Commit"/> only, so that a run that fails,
/// is stopped with Ctrl+C or is killed leaves the previous file as it was. Disposing without committing deletes the
/// temporary file; Ctrl+C, SIGTERM and SIGHUP delete it too; only a kill -9 (or a power cut) can leave it behind.
/// </summary>
/// <remarks>
/// A target that is not a regular file with content is written in place, as it always was: a device or a named pipe
/// (<c>/dev/null</c>, <c>/dev/stdout</c>, a FIFO, which all have no length), a symbolic link (renaming would replace the
/// link, not what it points to) and an empty file (nothing to lose).
/// </remarks>
internal sealed class OutputFile : IDisposable
{
    private static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);
    private static PosixSignalRegistration[]? _signals;
    private readonly Stream _stream;
    private readonly string? _temporary;
    private bool _committed;

    private OutputFile(string target, Stream stream, string? temporary)
    {
        Target = target;
        _stream = stream;
        _temporary = temporary;
    }

    /// <summary>The file asked for.</summary>
    public string Target { get; }

    /// <summary>Where to write (the temporary file, or the target itself when it is written in place).</summary>
    public Stream Stream => _stream;

    /// <summary>Opens the temporary file beside <paramref name="target"/> (or the target itself, see the remarks).</summary>
    /// <param name="target">The file to write.</param>
    /// <param name="bufferSize">The stream's buffer.</param>
    /// <returns>The file; <see cref="Commit"/> it when the output is complete.</returns>
    /// <exception cref="IOException">The temporary file cannot be created (the folder does not exist, the disk is full, …).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static OutputFile Create(string target, int bufferSize = 1 << 16)
    {
        var full = Path.GetFullPath(target);
        if (!Replaceable(full))
        {
            return new OutputFile(full, new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize), null);
        }

        RegisterCleanup();
        var temporary = TemporaryPathFor(full);
        Pending[temporary] = 0;
        try
        {
            // A stale file of that name (a run killed with the same pid) is replaced; CreateNew (O_EXCL) never writes
            // through a link put there in the meantime.
            File.Delete(temporary);
            // Direct I/O where the platform and the file system allow it (docs/cli.md, "Direct I/O"), a FileStream elsewhere.
            return new OutputFile(full, DirectFileStream.Open(temporary, FileMode.CreateNew, FileShare.Read | FileShare.Delete, bufferSize), temporary);
        }
        catch
        {
            Pending.TryRemove(temporary, out _);
            throw;
        }
    }

    /// <summary>The temporary file of a target: <c>.{name}.{pid}.tmp</c> in the target's folder.</summary>
    /// <param name="target">The target (a full path).</param>
    /// <returns>The temporary file's full path.</returns>
    public static string TemporaryPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp"));

    /// <summary>Flushes the output to disk and renames it over the target (keeping the target's Unix permissions).</summary>
    /// <exception cref="IOException">The output cannot be flushed or renamed; the target is left as it was.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_stream is DirectFileStream direct)
        {
            direct.Flush(flushToDisk: true);
        }
        else
        {
            ((FileStream)_stream).Flush(flushToDisk: true);
        }

        _stream.Dispose();
        _committed = true;
        if (_temporary is null)
        {
            return;
        }

        try
        {
            if (!OperatingSystem.IsWindows() && File.Exists(Target))
            {
                File.SetUnixFileMode(_temporary, File.GetUnixFileMode(Target));
            }

            File.Move(_temporary, Target, overwrite: true);
        }
        finally
        {
            Discard();
        }
    }

    /// <summary>Deletes the temporary file unless the output was committed.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        _committed = true;
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // The output is being thrown away: a flush that fails changes nothing.
        }
        finally
        {
            Discard();
        }
    }

    private void Discard()
    {
        if (_temporary is not null)
        {
            File.Delete(_temporary);
            Pending.TryRemove(_temporary, out _);
        }
    }

    // A regular file with content, or no file yet (in an existing folder: otherwise the FileStream says why).
    private static bool Replaceable(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null && (!info.Exists || info.Length > 0) && !Directory.Exists(path);
    }

    // Ctrl+C, SIGTERM and SIGHUP end the process without running the verbs' finally blocks (nor, for SIGTERM, the
    // ProcessExit handlers): delete what those would have, and let the signal end the process as it would have.
    private static void RegisterCleanup()
    {
        if (Volatile.Read(ref _signals) is not null)
        {
            return;
        }

        var signals = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                signals.Add(PosixSignalRegistration.Create(signal, _ => DeletePending()));
            }
            catch (PlatformNotSupportedException)
            {
                // Not a signal this platform has.
            }
        }

        if (Interlocked.CompareExchange(ref _signals, [.. signals], null) is not null)
        {
            signals.ForEach(s => s.Dispose());
        }
    }

    private static void DeletePending()
    {
        foreach (var path in Pending.Keys)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort while the process ends: the name says what the file is (docs/cli.md).
            }
        }
    }
}
