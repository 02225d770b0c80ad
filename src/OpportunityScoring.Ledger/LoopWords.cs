namespace OpportunityScoring.Ledger;

/// <summary>The ledger's words for the review loop's values (the contract's camelCase), and reading them back.</summary>
public static class LoopWords
{
    /// <summary>The stages in their order, as the contract writes them.</summary>
    public static IReadOnlyList<string> Stages => StageWords;

    private static readonly string[] StageWords = ["development", "initiation", "proposal", "tender", "implementation", "closed"];

    /// <summary>The decisions an override of a kind may take.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The words.</returns>
    public static IReadOnlyList<string> ValuesOf(OverrideKind kind) => kind switch
    {
        OverrideKind.Bid => ["bid", "noBid", "review", "relationshipBid"],
        OverrideKind.Gate => ["advance", "defer", "end"],
        _ => ["A", "B", "C", "D"],
    };

    /// <summary>A value's word: <c>won</c>, <c>noBid</c>, <c>relationshipBid</c>, <c>notYetReviewed</c>, …</summary>
    /// <typeparam name="TEnum">The enumeration.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The word.</returns>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicyWord(value.ToString());

    /// <summary>Reads a word back (case-insensitive); <see langword="false"/> when it is not one.</summary>
    /// <typeparam name="TEnum">The enumeration.</typeparam>
    /// <param name="word">The word.</param>
    /// <param name="value">The value read.</param>
    /// <returns>Whether it is one of the enumeration's words.</returns>
    public static bool TryRead<TEnum>(string? word, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return word is { Length: > 0 } && !char.IsDigit(word[0]) && word[0] != '-' && Enum.TryParse(word, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>The index of a stage word in <see cref="Stages"/>; -1 when it is none.</summary>
    /// <param name="stage">The stage's word.</param>
    /// <returns>Its order.</returns>
    public static int StageOrder(string? stage) => stage is null ? -1 : Array.FindIndex(StageWords, s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase));

    private static string JsonNamingPolicyWord(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
