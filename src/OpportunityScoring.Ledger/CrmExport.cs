using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace OpportunityScoring.Ledger;

/// <summary>
/// Writes the ledger's latest assessments for a CRM (docs/ledger.md, field by field): Dynamics 365's
/// <c>msdyn_predictivescore</c> records as JSON, or a Salesforce-ready CSV keyed by the opportunity's Id. Streams: one
/// assessment in memory at a time.
/// </summary>
public static class CrmExport
{
    /// <summary>The export formats: <c>dynamics</c> and <c>salesforce</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["dynamics", "salesforce"];

    private static readonly CsvWriterOptions Options = new()
    {
        Separator = ',',
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
    };

    /// <summary>The Salesforce CSV's columns, in order.</summary>
    public static IReadOnlyList<string> SalesforceColumns { get; } =
    [
        "Id", "Opportunity_Score__c", "Opportunity_Grade__c", "Win_Probability__c", "Score_Trend__c", "Gate_Outcome__c",
        "Bid_Decision__c", "Scored_On__c", "Score_Policy__c", "Score_Reasons__c",
    ];

    /// <summary>Writes the assessments in a format.</summary>
    /// <param name="format"><c>dynamics</c> or <c>salesforce</c>.</param>
    /// <param name="assessments">The latest assessments (<see cref="IDecisionLedger.Latest"/>).</param>
    /// <param name="output">Where to write (UTF-8, left open).</param>
    /// <returns>How many were written.</returns>
    public static long Write(string format, IEnumerable<LatestAssessment> assessments, Stream output) => format switch
    {
        "dynamics" => WriteDynamics(assessments, output),
        "salesforce" => WriteSalesforce(assessments, output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected dynamics or salesforce"),
    };

    /// <summary>
    /// A JSON array of <c>msdyn_predictivescore</c> records: <c>msdyn_entityid</c>, <c>msdyn_entitytype</c>
    /// (<c>opportunity</c>), <c>msdyn_name</c>, <c>msdyn_score</c> (0–100, rounded), <c>msdyn_grade</c> (0 = A … 3 = D),
    /// <c>msdyn_scoretrend</c> (0 improving, 1 steady, 2 declining, 3 not enough info), <c>msdyn_scoredon</c> and
    /// <c>msdyn_scorereasons</c> (the top reasons as factors, a JSON text).
    /// </summary>
    /// <param name="assessments">The latest assessments.</param>
    /// <param name="output">Where to write (left open).</param>
    /// <returns>How many were written.</returns>
    public static long WriteDynamics(IEnumerable<LatestAssessment> assessments, Stream output)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(output);
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new Utf8JsonWriter(output, options);
        long count = 0;
        writer.WriteStartArray();
        foreach (var a in assessments)
        {
            writer.WriteStartObject();
            writer.WriteString("msdyn_entityid", a.OpportunityId);
            writer.WriteString("msdyn_entitytype", "opportunity");
            writer.WriteString("msdyn_name", $"OpportunityScoring {a.OpportunityId} {a.AsOf:yyyy-MM-dd}");
            writer.WriteNumber("msdyn_score", (int)Math.Round(a.Score, MidpointRounding.AwayFromZero));
            writer.WriteNumber("msdyn_grade", a.Grade switch { "a" or "A" => 0, "b" or "B" => 1, "c" or "C" => 2, _ => 3 });
            writer.WriteNumber("msdyn_scoretrend", a.Trend switch { Trend.Improving => 0, Trend.Steady => 1, Trend.Declining => 2, _ => 3 });
            writer.WriteString("msdyn_scoredon", a.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("msdyn_scorereasons", Factors(a));
            writer.WriteEndObject();
            count++;
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        output.Write("\n"u8);
        output.Flush();
        return count;
    }

    /// <summary>
    /// A CSV for Salesforce's Data Loader or Data Import Wizard: <c>Id</c> (the opportunity's id, the Salesforce Id when
    /// the pipeline came from a Salesforce export) and custom fields for the score, grade, win probability (percent),
    /// trend, gate, bid decision, day, policy and top reasons. A cell starting like a formula is escaped.
    /// </summary>
    /// <param name="assessments">The latest assessments.</param>
    /// <param name="output">Where to write (left open).</param>
    /// <returns>How many were written.</returns>
    public static long WriteSalesforce(IEnumerable<LatestAssessment> assessments, Stream output)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(output);
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var column in SalesforceColumns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        long count = 0;
        foreach (var a in assessments)
        {
            csv.WriteField(a.OpportunityId);
            csv.WriteField(StoredDecisions.Number(a.Score));
            csv.WriteField(a.Grade);
            csv.WriteField(StoredDecisions.Number(Math.Round((decimal)a.WinProbability * 100m, 2)));
            csv.WriteField(TrendRule.Word(a.Trend));
            csv.WriteField(a.GateOutcome);
            csv.WriteField(a.Bid ?? string.Empty);
            csv.WriteField(a.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(a.Policy);
            csv.WriteField(string.Join("; ", a.TopReasons.Select(r => $"{r.Rule} +{StoredDecisions.Number(r.Points)}")));
            csv.EndRecord();
            count++;
        }

        csv.Flush();
        return count;
    }

    private static string Factors(LatestAssessment a) => JsonSerializer.Serialize(
        a.TopReasons.Select(r => new Factor(r.Rule, r.Criterion is { } c ? ContractWords.Of(c) : null, r.Points, r.Message)).ToArray(),
        FactorContext.Default.FactorArray);
}
