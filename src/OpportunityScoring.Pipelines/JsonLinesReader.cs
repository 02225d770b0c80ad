using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Reads JSON Lines: one opportunity object per line, as UTF-8 bytes (<see cref="PipelineText"/>: the encoding policy of
/// every reader), never decoded to text first, so that a byte that is not UTF-8 is an error of its record naming the
/// field. A line that is not JSON is a rejected record naming its line, not a failure of the whole file; a line over
/// the record limit is skipped unread and rejected. Blank lines are skipped. The input carries no <c>asOf</c>.
/// </summary>
internal static class JsonLinesReader
{
    /// <summary>Opens JSON Lines.</summary>
    /// <param name="stream">UTF-8 text (a byte order mark is fine), or UTF-16 with a byte order mark.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records.</returns>
    public static PipelineSource Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new PipelineSource(stream, leaveOpen, null, source => ReadLines(PipelineText.Utf8(stream), source)) { CanScreen = true };
    }

    private static IEnumerable<SizedRecord> ReadLines(Stream input, PipelineSource source)
    {
        using var duplicates = new DuplicateIds();
        var lines = new LineSplitter(input, Limits.RecordBytes);
        var chunk = new List<Line>(PipelineStreamReader.ParseChunk);
        var records = new PipelineRecord[PipelineStreamReader.ParseChunk];
        var index = 0;
        var more = true;
        while (more)
        {
            chunk.Clear();
            long bytes = 0;
            while (chunk.Count < PipelineStreamReader.ParseChunk && bytes < 4 * Limits.ChunkBytes)
            {
                if (lines.Next() is not { } line)
                {
                    more = false;
                    break;
                }

                if (line.Bytes is { } text && text.AsSpan().IndexOfAnyExcept(" \t\r\f\v"u8) < 0)
                {
                    continue; // a blank line
                }

                chunk.Add(line);
                bytes += line.Size;
            }

            var first = index;
            var carried = RecordScreening.Screen(source, PipelineFormat.JsonLines, chunk, first, static l => l.Bytes);
            PipelineStreamReader.Parse(chunk, records, i => carried?[i] is null ? Parse(chunk[i], first + i) : null!);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (carried?[i] is { } id)
                {
                    // kept back by the screen (its last assessment stands): not parsed, not yielded, unless a duplicate
                    if (duplicates.CheckUnparsed(id, first + i) is { } duplicate)
                    {
                        yield return new SizedRecord(duplicate, chunk[i].Bytes?.Length ?? 0);
                    }
                    else
                    {
                        source.Screen!.Carried(first + i);
                    }

                    index++;
                    continue;
                }

                yield return new SizedRecord(duplicates.Check(records[i]), chunk[i].Bytes?.Length ?? 0);
                records[i] = null!;
                index++;
            }
        }
    }

    private static PipelineRecord Parse(Line line, int index)
    {
        if (line.Bytes is not { } json)
        {
            var oversized = Limits.Oversized(line.Id, index, line.Size, "line");
            return new PipelineRecord(index, null, [oversized with { Message = $"line {line.Number}: {oversized.Message}" }]);
        }

        try
        {
            var record = RecordReader.ReadRecordUtf8(json, index);
            // A rejected line without an id (null, an array, a number, {}) is found by its line: after blank lines
            // the index (records counted) is not the line number.
            return record.Errors.Any(e => e.Id is null)
                ? record with { Errors = [.. record.Errors.Select(e => e.Id is null ? e with { Message = $"line {line.Number}: {e.Message}" } : e)] }
                : record;
        }
        catch (JsonException e)
        {
            return new PipelineRecord(index, null, [new InputError(null, index, "(record)", $"line {line.Number} is not valid JSON at position {e.BytePositionInLine + 1}: {RecordReader.FirstSentence(e.Message)}")]);
        }
    }

    /// <summary>A line: its bytes without the line end, or, over the limit, <see langword="null"/> and the id its first bytes name.</summary>
    private sealed record Line(byte[]? Bytes, long Size, int Number, string? Id);

    /// <summary>
    /// Splits UTF-8 bytes into lines at <c>\n</c>, <c>\r\n</c> or <c>\r</c> (as <see cref="TextReader.ReadLine"/> does),
    /// a buffer at a time; a line over the limit is passed over without being held.
    /// </summary>
    private sealed class LineSplitter(Stream input, int limit)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private bool _final;
        private int _number;

        public Line? Next()
        {
            while (true)
            {
                var unread = _buffer.AsSpan(_start, _end - _start);
                var end = unread.IndexOfAny((byte)'\n', (byte)'\r');
                if (end > limit)
                {
                    return SkipLine(unread); // the whole line is in the buffer, but over the limit all the same
                }

                if (end >= 0 && (unread[end] == '\n' || end + 1 < unread.Length || _final))
                {
                    var bytes = unread[..end].ToArray();
                    _start += end + (unread[end] == '\r' && end + 1 < unread.Length && unread[end + 1] == '\n' ? 2 : 1);
                    return new Line(bytes, bytes.Length, ++_number, null);
                }

                if (_final)
                {
                    if (unread.IsEmpty)
                    {
                        return null;
                    }

                    if (unread.Length > limit)
                    {
                        return SkipLine(unread);
                    }

                    _start = _end;
                    return new Line(unread.ToArray(), unread.Length, ++_number, null);
                }

                if (unread.Length > limit)
                {
                    return SkipLine(unread);
                }

                Fill();
            }
        }

        /// <summary>Passes over the rest of a line that is over the limit.</summary>
        private Line SkipLine(ReadOnlySpan<byte> head)
        {
            var id = RecordReader.IdOf(head[..Math.Min(head.Length, 1 << 16)], complete: false);
            long size = 0;
            while (true)
            {
                var unread = _buffer.AsSpan(_start, _end - _start);
                var end = unread.IndexOfAny((byte)'\n', (byte)'\r');
                if (end >= 0 && (unread[end] == '\n' || end + 1 < unread.Length || _final))
                {
                    size += end;
                    _start += end + (unread[end] == '\r' && end + 1 < unread.Length && unread[end + 1] == '\n' ? 2 : 1);
                    return new Line(null, size, ++_number, id);
                }

                if (_final)
                {
                    _start = _end;
                    return new Line(null, size + unread.Length, ++_number, id);
                }

                var keep = end >= 0 ? 1 : 0; // a '\r' at the end of the buffer: is a '\n' next?
                size += unread.Length - keep;
                _start = _end - keep;
                Fill();
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var n = input.Read(_buffer, _end, _buffer.Length - _end);
            _final = n == 0;
            _end += n;
        }
    }
}
