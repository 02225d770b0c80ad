using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;

namespace OpportunityScoring.DependencyInjection;

/// <summary>
/// Turns a configuration section back into the JSON a policy file would hold, guided by the target type's JSON
/// contract: configuration keeps every value as a string, so <c>"version": "2"</c> and <c>"weight": 20</c> look alike;
/// the contract says which is a string and which a number. Keys the contract does not know are kept as they are, so
/// the policy loader rejects a misspelt key exactly as it does in a file (the configuration binder would ignore it).
/// </summary>
internal static class ConfigurationJson
{
    public static string ToJson(IConfigurationSection section, Type type, JsonSerializerOptions options) =>
        Convert(section, options.GetTypeInfo(type), options)?.ToJsonString() ?? "null";

    private static JsonNode? Convert(IConfigurationSection section, JsonTypeInfo? info, JsonSerializerOptions options)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            // A leaf, or an empty object / array (the JSON provider stores {} and [] as a key with a null value).
            return section.Value is { } value ? Leaf(value, info?.Type)
                : info?.Kind == JsonTypeInfoKind.Dictionary ? new JsonObject()
                : info?.Kind == JsonTypeInfoKind.Enumerable ? new JsonArray()
                : null;
        }

        if (info?.Kind == JsonTypeInfoKind.Enumerable || (info is null && IsArray(children)))
        {
            var element = info?.ElementType is { } e ? options.GetTypeInfo(e) : null;
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
            {
                array.Add(Convert(child, element, options));
            }

            return array;
        }

        var result = new JsonObject();
        var valueInfo = info?.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } v ? options.GetTypeInfo(v) : null;
        foreach (var child in children)
        {
            if (info?.Kind == JsonTypeInfoKind.Object)
            {
                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
                result[property?.Name ?? child.Key] = Convert(child, property is null ? null : options.GetTypeInfo(property.PropertyType), options);
            }
            else
            {
                result[child.Key] = Convert(child, valueInfo, options);
            }
        }

        return result;
    }

    private static JsonValue? Leaf(string value, Type? type)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || (t is not null && (t.IsEnum || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(Guid))))
        {
            return JsonValue.Create(value);
        }

        if (t == typeof(bool) || t is null)
        {
            if (bool.TryParse(value, out var b))
            {
                return JsonValue.Create(b);
            }
        }

        if (t is null || IsNumber(t))
        {
            // Written as the JSON number it was, so the loader reads it (a non-number stays a string: the loader then
            // names the field, as it does for a file).
            try
            {
                if (JsonNode.Parse(value) is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
                {
                    return number;
                }
            }
            catch (JsonException)
            {
            }
        }

        return JsonValue.Create(value);
    }

    private static bool IsNumber(Type t) =>
        t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte);

    private static bool IsArray(List<IConfigurationSection> children) =>
        children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).OrderBy(i => i).SequenceEqual(Enumerable.Range(0, children.Count));
}
