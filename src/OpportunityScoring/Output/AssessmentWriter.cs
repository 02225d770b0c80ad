using System.Text;
using System.Text.Json;
using OpportunityScoring.Json;

namespace OpportunityScoring;

/// <summary>Writes results in the contract's formats: one JSON document, or JSON Lines.</summary>
public static class AssessmentWriter
{
    /// <summary>
    /// Writes a whole pipeline's result as one JSON object <c>{policy, asOf, assessments, errors}</c>; the policy
    /// stands once, at the top.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="output">Where to write (UTF-8).</param>
    /// <param name="indented">Whether to indent for people.</param>
    public static void WriteDocument(PipelineResult result, Stream output, bool indented = true) => WriteDocument(result, output, Texts.English, indented);

    /// <summary>Writes a whole pipeline's result as one JSON object, its messages in a language.</summary>
    /// <param name="result">The result.</param>
    /// <param name="output">Where to write (UTF-8).</param>
    /// <param name="texts">The language of the messages; codes never change.</param>
    /// <param name="indented">Whether to indent for people.</param>
    public static void WriteDocument(PipelineResult result, Stream output, Texts texts, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(texts);
        JsonSerializer.Serialize(output, result, ContractJson.For(texts, indented, omitAssessmentPolicy: true));
        output.Write("\n"u8);
    }

    /// <summary>The document form as a string.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON text.</returns>
    public static string ToDocumentJson(PipelineResult result)
    {
        using var buffer = new MemoryStream();
        WriteDocument(result, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Writes JSON Lines: one assessment per line, each carrying its <c>policy</c>; an input error is a line
    /// <c>{"error": {id, index, field, message}}</c>, so nothing is lost.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="output">Where to write (UTF-8).</param>
    public static void WriteLines(PipelineResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var assessment in result.Assessments)
        {
            WriteLine(assessment, output);
        }

        foreach (var error in result.Errors)
        {
            WriteErrorLine(error, output);
        }
    }

    /// <summary>Writes one assessment as a JSON line (with its policy).</summary>
    /// <param name="assessment">The assessment.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteLine(Assessment assessment, Stream output)
    {
        JsonSerializer.Serialize(output, assessment, ContractJson.Options);
        output.Write("\n"u8);
    }

    /// <summary>Writes one input error as a JSON line <c>{"error": …}</c>.</summary>
    /// <param name="error">The error.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteErrorLine(InputError error, Stream output)
    {
        JsonSerializer.Serialize(output, new ErrorLine(error), ContractJson.Options);
        output.Write("\n"u8);
    }

    private sealed record ErrorLine(InputError Error);
}
