using System.Globalization;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// One decision an assessment carries, compared by the diff, counted by the summary (when categorical) and written
/// as a CSV column: its contract path, how to read it from an <see cref="Assessment"/> and from a written one.
/// </summary>
/// <param name="Path">The contract path, e.g. <c>grade</c> or <c>gate.outcome</c>.</param>
/// <param name="Value">The value of an assessment's decisions, in the contract's words; <see langword="null"/> when it has none.</param>
/// <param name="Categorical">Whether the summary counts assessments by its values (grade yes, score no).</param>
/// <param name="Numeric">Whether its values are numbers (invariant culture): the CSV output writes them as numbers, never escaped as text.</param>
internal sealed record DecisionField(string Path, Func<AssessmentDecisions, string?> Value, bool Categorical, bool Numeric = false)
{
    /// <summary>The value of a written assessment (JSON), formatted as <see cref="Value"/> formats it.</summary>
    public string? ValueOf(JsonElement assessment)
    {
        var current = assessment;
        foreach (var part in Path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.TryGetDecimal(out var d) ? DecisionFields.Number(d) : current.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }
}

/// <summary>
/// The decisions compared, counted and exported. Add a line here when <see cref="Assessment"/> gains a decision
/// (win probability, gate outcome, bid decision) and the diff, the summary and the CSV output follow. Each reads
/// the <see cref="AssessmentDecisions"/>, so that a batch decided without explanations gives the same output.
/// </summary>
internal static class DecisionFields
{
    public static readonly IReadOnlyList<DecisionField> All =
    [
        new("grade", static a => ContractWords.Of(a.Grade), Categorical: true),
        new("score", static a => Number(a.Score), Categorical: false, Numeric: true),
        new("winProbability", static a => Number((decimal)a.WinProbability), Categorical: false, Numeric: true),
        new("gate.outcome", static a => ContractWords.Of(a.GateOutcome), Categorical: true),
        new("gate.nextStage", static a => ContractWords.Of(a.NextStage), Categorical: false),
        new("bid.decision", static a => a.Bid is { } bid ? ContractWords.Of(bid) : null, Categorical: true),
        new("bid.kind", static a => a.BidKind is { } kind ? ContractWords.Of(kind) : null, Categorical: true),
    ];

    public static string Number(decimal value) => Numbers.Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The win probability (0–1) an assessment carries, for the weighted pipeline value.</summary>
    public static decimal? WinProbability(AssessmentDecisions assessment) => (decimal)assessment.WinProbability;
}
