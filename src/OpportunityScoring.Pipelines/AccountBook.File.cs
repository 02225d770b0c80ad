using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>The accounts file: JSON, JSON Lines or CSV of account records.</summary>
public sealed partial class AccountBook
{
    /// <summary>Fewer JSON Lines than this are read on the calling thread: spreading them over the cores would cost more than it saves.</summary>
    private const int ParallelLines = 256;

    /// <summary>
    /// Reads an accounts file: a JSON array of accounts, an object with an <c>accounts</c> array, JSON Lines (one
    /// account per line), or the accounts CSV layout (a header row of the fields, one account a row): a file whose first
    /// character that is not blank is <c>[</c> or <c>{</c> is JSON, any other is CSV. docs/accounts.md has the fields.
    /// </summary>
    /// <param name="stream">The file's content (UTF-8, or UTF-16 with a byte order mark).</param>
    /// <exception cref="PipelineFormatException">The file is not JSON, JSON Lines or CSV of accounts (the message says where).</exception>
    public void AddFile(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var size = stream.CanSeek ? stream.Length - stream.Position : 0;
        var utf8 = PipelineText.Utf8(stream);
        var head = new List<byte>();
        int b;
        while ((b = utf8.ReadByte()) >= 0)
        {
            head.Add((byte)b);
            if (b is not (' ' or '\t' or '\r' or '\n'))
            {
                break;
            }
        }

        var input = PipelineText.Prefixed([.. head], utf8);
        if (b is not ('[' or '{' or -1))
        {
            foreach (var record in AccountCsv.Read(input, _records))
            {
                _records++;
                Add(record);
            }

            return;
        }

        // Sized from the file when it says its length: a buffer grown by doubling allocates the file twice over on the
        // large-object heap, and each such allocation can start a full collection.
        var bytes = size is > 0 and < int.MaxValue - 4096 ? new MemoryStream((int)size + 1) : new MemoryStream();
        input.CopyTo(bytes);
        var text = bytes.GetBuffer().AsMemory(0, (int)bytes.Length); // UTF-8 bytes, never decoded to a string: JSON reads them as they are
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        try
        {
            using var document = JsonDocument.Parse(text, options);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("accounts", out _))
            {
                Add(ReadAccount(root, _records++)); // JSON Lines of one line: one account
                return;
            }

            AddSection(root.ValueKind == JsonValueKind.Object ? root.GetProperty("accounts") : root, "accounts");
            return;
        }
        catch (JsonException) when (b == '{')
        {
            // not one document: JSON Lines, one account a line
        }
        catch (JsonException e)
        {
            throw new PipelineFormatException($"The accounts file is not valid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }

        AddLines(text, options);
    }

    /// <summary>
    /// JSON Lines of accounts, read from the bytes a line at a time: a line that is not JSON (or not valid UTF-8), or
    /// longer than the record limit, is an error naming the line; the other lines are read. The lines are found first,
    /// read on every core (each line is a document of its own), and added in the file's order, so the indices, the
    /// duplicates and the errors are those of reading them one after the other.
    /// </summary>
    private void AddLines(ReadOnlyMemory<byte> text, JsonDocumentOptions options)
    {
        var lines = new List<(int Start, int Length, int Number)>();
        var span = text.Span;
        var start = 0;
        var number = 0;
        while (start < span.Length)
        {
            var end = span[start..].IndexOf((byte)'\n');
            var length = end < 0 ? span.Length - start : end;
            number++;
            if (!span.Slice(start, length).TrimStart(" \t\r"u8).IsEmpty)
            {
                lines.Add((start, length, number));
            }

            start += length + 1;
        }

        var first = _records;
        _records += lines.Count;
        var read = new AccountRecord[lines.Count];
        if (lines.Count < ParallelLines)
        {
            for (var i = 0; i < read.Length; i++)
            {
                read[i] = ReadLine(text.Slice(lines[i].Start, lines[i].Length), first + i, lines[i].Number, options);
            }
        }
        else
        {
            Parallel.For(0, read.Length, i => read[i] = ReadLine(text.Slice(lines[i].Start, lines[i].Length), first + i, lines[i].Number, options));
        }

        foreach (var record in read)
        {
            Add(record);
        }
    }

    /// <summary>One line of JSON Lines read as an account (thread safe: it touches nothing of the book).</summary>
    private static AccountRecord ReadLine(ReadOnlyMemory<byte> raw, int index, int line, JsonDocumentOptions options)
    {
        if (raw.Length > Limits.RecordBytes)
        {
            return new AccountRecord(index, null, [new InputError(null, index, "(account)", string.Create(CultureInfo.InvariantCulture, $"line {line} is {raw.Length:N0} bytes, over the limit of {Limits.Bytes(Limits.RecordBytes)} per record: it is rejected unread"))]);
        }

        try
        {
            using var document = JsonDocument.Parse(raw, options);
            return ReadAccount(document.RootElement, index);
        }
        catch (JsonException e)
        {
            return new AccountRecord(index, null, [new InputError(null, index, "(account)", $"line {line} is not valid JSON: {e.Message}")]);
        }
    }
}
