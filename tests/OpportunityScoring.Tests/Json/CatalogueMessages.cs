namespace OpportunityScoring.Tests.Json;

/// <summary>
/// The messages the renderers are compared on: every catalogue code of a language (and of English), with six arguments
/// taken in turn from a list at every shift of it, then each code without arguments.
/// </summary>
internal static class CatalogueMessages
{
    public static IEnumerable<MessageText> All(Texts texts, object?[] arguments)
    {
        var codes = texts.Codes.Concat(Texts.English.Codes).Distinct().ToList();
        for (var shift = 0; shift < arguments.Length; shift++)
        {
            foreach (var code in codes)
            {
                yield return MessageText.Of(code, Enumerable.Range(0, 6).Select(i => arguments[(shift + i) % arguments.Length]).ToArray());
            }
        }

        foreach (var code in codes)
        {
            yield return MessageText.Of(code);
        }
    }
}
