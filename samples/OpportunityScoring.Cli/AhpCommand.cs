using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Calibration;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>ahp &lt;matrix.json&gt;</c>: criterion weights from a pairwise-comparison matrix (AHP principal eigenvector) with
/// Saaty's consistency ratio; refuses CR ≥ 0.1. The file: <c>{"criteria": ["need", …], "matrix": [[1, 3, "1/5", …], …]}</c>.
/// </summary>
internal static class AhpCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("matrix") { Description = "The comparison matrix (JSON): {\"criteria\": [...], \"matrix\": [[1, 3, \"1/5\", ...], ...]}." };
        var format = new Option<string>("--format") { Description = "table or json (the weights ready for a policy's criteria).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("ahp", "Derive criterion weights (summing to 100) from an AHP pairwise-comparison matrix; refuses inconsistent judgements (CR ≥ 0.1).") { file, format };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(format)!, stdout, stderr));
        return command;
    }

    private static int Run(FileInfo file, string format, TextWriter stdout, TextWriter stderr)
    {
        string[] labels;
        double[,] matrix;
        try
        {
            (labels, matrix) = Read(File.ReadAllText(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }

        AhpResult result;
        try
        {
            result = Ahp.Weights(labels, matrix);
        }
        catch (AhpInconsistencyException e)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }

        var weights = result.PolicyWeights();
        if (format == "json")
        {
            var json = new JsonObject
            {
                ["weights"] = new JsonObject(weights.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)JsonValue.Create(w.Value)))),
                ["lambdaMax"] = result.LambdaMax,
                ["consistencyIndex"] = result.ConsistencyIndex,
                ["consistencyRatio"] = result.ConsistencyRatio,
            };
            stdout.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return CliApp.Ok;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Rounded)
            .Title(string.Create(CultureInfo.InvariantCulture, $"AHP weights — λmax {result.LambdaMax:0.###}, CI {result.ConsistencyIndex:0.###}, CR {result.ConsistencyRatio:0.###} (< 0.1: consistent)"))
            .AddColumn("Criterion").AddColumn(new TableColumn("Eigenvector").RightAligned()).AddColumn(new TableColumn("Policy weight").RightAligned());
        for (var i = 0; i < labels.Length; i++)
        {
            table.AddRow(Markup.Escape(labels[i]), result.Weights[i].ToString("0.0000", CultureInfo.InvariantCulture), weights[labels[i]].ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return CliApp.Ok;
    }

    internal static (string[] Labels, double[,] Matrix) Read(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new FormatException("expected an object {\"criteria\": [...], \"matrix\": [[...], ...]}");
        var labels = (root["criteria"] as JsonArray ?? throw new FormatException("'criteria' must be an array of names"))
            .Select(n => n?.GetValue<string>() ?? throw new FormatException("a criterion name is null")).ToArray();
        var rows = root["matrix"] as JsonArray ?? throw new FormatException("'matrix' must be an array of rows");
        if (rows.Count != labels.Length)
        {
            throw new FormatException($"the matrix has {rows.Count} rows for {labels.Length} criteria");
        }

        var matrix = new double[labels.Length, labels.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] as JsonArray ?? throw new FormatException($"row {i + 1} is not an array");
            if (row.Count != labels.Length)
            {
                throw new FormatException($"row {i + 1} ({labels[i]}) has {row.Count} values for {labels.Length} criteria");
            }

            for (var j = 0; j < row.Count; j++)
            {
                matrix[i, j] = Judgement(row[j], labels[i], labels[j]);
            }
        }

        return (labels, matrix);
    }

    // A judgement is a number or a fraction such as "1/3".
    private static double Judgement(JsonNode? node, string row, string column)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (node is JsonValue s && s.TryGetValue<string>(out var text))
        {
            var parts = text.Split('/');
            if (parts.Length is 1 or 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
                && (parts.Length == 1 || double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var den)))
            {
                return parts.Length == 1 ? num : num / double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        throw new FormatException($"{row} vs {column}: '{node?.ToJsonString()}' is not a number or a fraction like \"1/3\"");
    }
}
