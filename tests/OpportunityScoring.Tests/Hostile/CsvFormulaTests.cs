using System.Text;
using OpportunityScoring.Cli;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Tests.TestAssets;
using static OpportunityScoring.Tests.Hostile.CliTestSupport;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Issue 24, finding 3: CSV formula injection. The CSV output neutralises formula cells (OWASP: a leading <c>'</c> for
/// a cell that starts with <c>= + - @</c>, a tab or a carriage return) for assessed and rejected rows from every input
/// format; <c>--csv-formulas keep</c> turns it off; numbers are data and never touched.
/// </summary>
public sealed class CsvFormulaTests : IDisposable
{
    // An assessed record and a rejected one (stage not a contract word) per formula-like id. Every reader trims an
    // id's leading tab or carriage return (ids are trimmed at the edge), so those two are written to the CSV writer
    // directly (A_cell_starting_with_a_tab_or_a_carriage_return_gets_a_leading_quote).
    private static readonly string[] CsvIds = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-3+4", "@SUM(A1:A9)"];
    private static readonly string[] JsonIds = CsvIds;

    private static string[] IdsOf(string input) => input.StartsWith("json", StringComparison.Ordinal) ? JsonIds : CsvIds;

    private readonly string _dir = Directory.CreateTempSubdirectory("os-csv-formulas-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Pipeline(string input)
    {
        var records = IdsOf(input).SelectMany(id => new[] { (Id: id, Stage: "proposal"), (Id: id + "-rejected", Stage: "=later") }).ToArray();
        var path = Path.Combine(_dir, "pipeline." + input);
        string Json((string Id, string Stage) r) =>
            $$"""{"id":{{System.Text.Json.JsonSerializer.Serialize(r.Id)}},"stage":{{System.Text.Json.JsonSerializer.Serialize(r.Stage)}},"expectedContractAmount":5}""";
        static string Cell(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        File.WriteAllText(path, input switch
        {
            "json" => """{"opportunities":[""" + string.Join(',', records.Select(Json)) + "]}",
            "jsonl" => string.Concat(records.Select(r => Json(r) + "\n")),
            "csv" => "id,stage,expectedContractAmount\n" + string.Concat(records.Select(r => $"{Cell(r.Id)},{Cell(r.Stage)},5\n")),
            // A Salesforce stage is mapped: "Proposal" is one, "=later" is not (the row is rejected, field StageName).
            _ => "Id,Name,StageName,Amount,CloseDate\n" + string.Concat(records.Select(r => $"{Cell(r.Id)},n,{Cell(r.Stage == "proposal" ? "Proposal" : r.Stage)},5,2027-03-01\n")),
        }, new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("csv")]
    [InlineData("salesforce")]
    public void Formula_cells_of_assessed_and_rejected_rows_get_a_leading_quote_from_every_input_format(string input)
    {
        var (code, stdout, _) = Run("score", Pipeline(input), "--input", input, "--format", "csv", "--as-of", "2027-01-10", "--quiet");

        Assert.Equal(CliApp.SomeRejected, code);
        var rows = CsvRows(stdout).Skip(1).ToList();
        var ids = IdsOf(input);
        Assert.Equal(ids.Length * 2, rows.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            var (assessed, rejected) = (rows[2 * i], rows[(2 * i) + 1]);
            Assert.Equal(("'" + ids[i], "assessed"), (assessed[1], assessed[2]));
            Assert.Equal(("'" + ids[i] + "-rejected", "rejected"), (rejected[1], rejected[2]));
            Assert.DoesNotContain(assessed.Concat(rejected), cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal));
            // the numbers stay numbers
            Assert.Equal(i * 2, int.Parse(assessed[0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(decimal.TryParse(assessed[4], System.Globalization.CultureInfo.InvariantCulture, out _), assessed[4]);
        }

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", stdout, StringComparison.Ordinal); // quoted, as OWASP asks
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void Csv_formulas_keep_writes_every_cell_as_it_is_for_programs(string input)
    {
        var (code, stdout, _) = Run("score", Pipeline(input), "--input", input, "--format", "csv", "--as-of", "2027-01-10", "--quiet", "--csv-formulas", "keep");

        Assert.Equal(CliApp.SomeRejected, code);
        var rows = CsvRows(stdout).Skip(1).ToList();
        Assert.Equal(IdsOf(input).SelectMany(id => new[] { id, id + "-rejected" }), rows.Select(r => r[1]));
    }

    [Fact]
    public void Numbers_are_data_and_never_escaped_even_when_negative()
    {
        var decisions = Build.Scorer.Decide(Build.Strong("-5"), Build.AsOf) with { Score = -0.5m, WinProbability = 0.25 };
        using var buffer = new MemoryStream();
        using (var writer = BatchWriters.Create("csv", buffer, decisions.Policy, Build.AsOf))
        {
            writer.Write(new BatchItem(0, Build.Strong("-5"), decisions));
            writer.Complete();
        }

        var row = CsvRows(Encoding.UTF8.GetString(buffer.ToArray()))[1];
        Assert.Equal("'-5", row[1]); // the id is text
        Assert.Equal("-0.5", row[4]); // the score is a number
        Assert.Equal("0.25", row[5]);
    }

    [Theory]
    [InlineData("\tTAB")]
    [InlineData("\rCR")]
    public void A_cell_starting_with_a_tab_or_a_carriage_return_gets_a_leading_quote(string id)
    {
        var decisions = Build.Scorer.Decide(Build.Strong(id), Build.AsOf);
        using var buffer = new MemoryStream();
        using (var writer = BatchWriters.Create("csv", buffer, decisions.Policy, Build.AsOf))
        {
            writer.Write(new BatchItem(0, Build.Strong(id), decisions));
            writer.Complete();
        }

        Assert.Equal("'" + id, CsvRows(Encoding.UTF8.GetString(buffer.ToArray()))[1][1]);
    }

    [Fact]
    public void Escaping_changes_no_byte_of_the_csv_of_a_generated_pipeline()
    {
        var pipeline = Path.Combine(_dir, "generated.jsonl");
        Assert.Equal(CliApp.Ok, Run("generate", "--count", "3000", "--seed", "11", "--format", "jsonl", "--out", pipeline).Code);

        var escaped = Run("score", pipeline, "--input", "jsonl", "--format", "csv", "--as-of", "2027-01-10", "--quiet");
        var kept = Run("score", pipeline, "--input", "jsonl", "--format", "csv", "--as-of", "2027-01-10", "--quiet", "--csv-formulas", "keep");

        Assert.Equal(CliApp.Ok, escaped.Code);
        Assert.Equal(3001, Lines(escaped.Out).Length);
        Assert.Equal(kept.Out, escaped.Out);
    }
}
