using System.Text;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>Writes a diff as one JSON document <c>{changes, counts}</c>, change by change as they are found.</summary>
public sealed class DiffDocumentWriter : IDisposable
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private bool _completed;

    /// <summary>Starts the document.</summary>
    /// <param name="output">Where to write (left open).</param>
    public DiffDocumentWriter(Stream output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _writer.WriteStartObject();
        _writer.WriteStartArray("changes");
    }

    /// <summary>Writes one change.</summary>
    /// <param name="change">The change.</param>
    public void Write(OpportunityChange change)
    {
        JsonSerializer.Serialize(_writer, change, ContractJson.Options);
        if (_writer.BytesPending > 1 << 16)
        {
            _writer.Flush();
        }
    }

    /// <summary>Closes the changes and writes the counts.</summary>
    /// <param name="counts">The counts.</param>
    public void Complete(DiffCounts counts)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.WriteEndArray();
        _writer.WritePropertyName("counts");
        JsonSerializer.Serialize(_writer, counts, ContractJson.Options);
        _writer.WriteEndObject();
        _writer.Flush();
        _output.Write("\n"u8);
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>The whole diff document as a string.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="counts">The counts.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(IEnumerable<OpportunityChange> changes, DiffCounts counts)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var buffer = new MemoryStream();
        using (var writer = new DiffDocumentWriter(buffer))
        {
            foreach (var change in changes)
            {
                writer.Write(change);
            }

            writer.Complete(counts);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
