using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpportunityScoring;

/// <summary>
/// Options for writing opportunities as input records: the contract's settings without the derived, read-only
/// properties (<c>grossMargin</c>, <c>isMapped</c>, …), so that what is written reads back as the same record.
/// </summary>
internal static class OpportunityJson
{
    public static JsonSerializerOptions Writing { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(static info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object || info.Type == typeof(PolicyStamp))
            {
                return;
            }

            for (var i = info.Properties.Count - 1; i >= 0; i--)
            {
                if (info.Properties[i].Set is null)
                {
                    info.Properties.RemoveAt(i);
                }
            }
        });
        var options = new JsonSerializerOptions(ContractJson.Options) { TypeInfoResolver = resolver };
        options.MakeReadOnly();
        return options;
    }
}
