using System.Globalization;
using System.Text.Json;

namespace OpportunityScoring.Testing;

/// <summary>Key-account records (issue 19) for the accounts a generated pipeline's opportunities link to.</summary>
public sealed partial class PipelineGenerator
{
    private static readonly string[] AccountTypes = ["strategic", "key", "key", "regular", "regular", "regular"];
    private static readonly string[] PlanWords = ["yes", "partial", "no", "unknown"];
    private static readonly string[] StatusWords = ["strong", "steady", "steady", "strained"];
    private static readonly string[] SeverityWords = ["low", "medium", "high"];

    /// <summary>How many accounts the opportunities are spread over (ids <c>ACC-0001</c> up); 4,999 unless set.</summary>
    public int Accounts { get; init; } = 4999;

    /// <summary>
    /// Writes a record for each of the <see cref="Accounts"/> accounts as JSON Lines (the <c>--accounts</c> file): type,
    /// owner (one of 40 key-account managers, some none), revenue, relationship and service records over the year before
    /// <see cref="AsOf"/>, with unknowns. Drawn from a generator of its own: the opportunities are the same with or
    /// without it.
    /// </summary>
    /// <param name="output">Where to write (UTF-8).</param>
    public void WriteAccountsJsonLines(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var r = new Random(unchecked((_seed * 17) + 19));
        var options = new JsonWriterOptions { SkipValidation = true };
        string Day(int back) => AsOf.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = 1; i <= Accounts; i++)
        {
            using (var j = new Utf8JsonWriter(output, options))
            {
                j.WriteStartObject();
                j.WriteString("id", $"ACC-{i:D4}");
                j.WriteString("name", $"Account {i}");
                j.WriteString("type", AccountTypes[r.Next(AccountTypes.Length)]);
                if (r.NextDouble() < 0.85)
                {
                    j.WriteString("owner", $"KAM-{r.Next(1, 41):D2}");
                }

                j.WriteStartArray("revenue");
                j.WriteStartObject();
                j.WriteNumber("year", AsOf.Year - 1);
                j.WriteNumber("amount", Math.Round((decimal)Math.Exp(14 + (2 * r.NextDouble())), 0));
                j.WriteEndObject();
                j.WriteEndArray();
                if (r.NextDouble() < 0.5)
                {
                    j.WriteNumber("shareOfWallet", Math.Round((decimal)r.NextDouble(), 2));
                }

                j.WriteStartObject("relationship");
                j.WriteString("seniorPlan", PlanWords[r.Next(PlanWords.Length)]);
                j.WriteString("lastSeniorVisit", Day(r.Next(1, 400)));
                j.WriteString("status", StatusWords[r.Next(StatusWords.Length)]);
                j.WriteEndObject();
                if (r.NextDouble() < 0.7)
                {
                    j.WriteStartObject("service");
                    j.WriteStartArray("acceptances");
                    for (var k = r.Next(0, 3); k > 0; k--)
                    {
                        j.WriteStartObject();
                        j.WriteString("date", Day(r.Next(1, 360)));
                        j.WriteString("result", r.NextDouble() < 0.92 ? "passed" : "failed");
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteStartArray("satisfaction");
                    for (var k = r.Next(0, 3); k > 0; k--)
                    {
                        j.WriteStartObject();
                        j.WriteString("date", Day(r.Next(1, 360)));
                        j.WriteNumber("score", 85 + r.Next(0, 16));
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteStartArray("complaints");
                    for (var k = r.NextDouble() < 0.3 ? r.Next(1, 3) : 0; k > 0; k--)
                    {
                        j.WriteStartObject();
                        j.WriteString("date", Day(r.Next(1, 360)));
                        j.WriteString("severity", SeverityWords[r.Next(SeverityWords.Length)]);
                        j.WriteBoolean("closed", r.NextDouble() < 0.8);
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteStartArray("payments");
                    for (var k = r.Next(0, 4); k > 0; k--)
                    {
                        var due = r.Next(20, 360);
                        j.WriteStartObject();
                        j.WriteString("due", Day(due));
                        j.WriteString("paid", Day(Math.Max(0, due - (r.NextDouble() < 0.8 ? 0 : r.Next(1, 60)))));
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteEndObject();
                }

                j.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }
    }
}
