namespace OpportunityScoring;

/// <summary>What each evidence item is called in messages: the catalogue's <c>item.{field}</c> text (the source's words in brackets).</summary>
internal static class ScoringTexts
{
    private static readonly Dictionary<string, MessageText> ItemTexts = PolicyCatalog.CriterionNames
        .SelectMany(c => PolicyCatalog.Items[c].Select(i => c + "." + i))
        .ToDictionary(f => f, f => MessageText.Of("item." + f), StringComparer.Ordinal);

    /// <summary>The item's name as a catalogue message (<c>item.{field}</c>), shared; a literal for fields outside the catalogue.</summary>
    public static MessageText Item(string field) => ItemTexts.TryGetValue(field, out var text) ? text : MessageText.Literal(field);
}
