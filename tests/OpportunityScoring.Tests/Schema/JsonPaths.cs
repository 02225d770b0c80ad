using System.Text.Json.Nodes;

namespace OpportunityScoring.Tests.Schema;

/// <summary>Edits a JSON record at a dotted path, for the schema tests' hostile variants.</summary>
internal static class JsonPaths
{
    /// <summary>Sets (or with "(remove)" removes) the value at a dotted path; numeric parts index arrays.</summary>
    public static void Set(JsonObject record, string path, string value)
    {
        var parts = path.Split('.');
        JsonNode parent = record;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        }

        var last = parts[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(value);
        }
        else if (value == "(remove)")
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }
    }
}
