namespace OpportunityScoring;

/// <summary>
/// The internal overloads of <see cref="Of(string, object?[])"/> for one to five arguments: the library's own call sites
/// bind to them by overload resolution (an exact type beats a conversion to <see langword="object"/>), so a message
/// holds its numbers typed instead of an <c>object?[]</c> and a box per number. The message is the same in every
/// respect — its text, equality, hash, <see cref="Arguments"/> (boxed when first asked for) — as the one the params
/// overload makes from the same values (a property test checks). A call with an <see langword="object"/> argument, an
/// array or more than five arguments still binds to the params overload.
/// </summary>
public sealed partial class MessageText
{
    /// <summary>A message from the catalogue with one argument.</summary>
    [ExplanationOnly]
    internal static MessageText Of<T0>(string code, T0? a0) => Typed(code, new MessageArguments<T0?>(a0));

    /// <summary>A message from the catalogue with two arguments.</summary>
    [ExplanationOnly]
    internal static MessageText Of<T0, T1>(string code, T0? a0, T1? a1) => Typed(code, new MessageArguments<T0?, T1?>(a0, a1));

    /// <summary>A message from the catalogue with three arguments.</summary>
    [ExplanationOnly]
    internal static MessageText Of<T0, T1, T2>(string code, T0? a0, T1? a1, T2? a2) => Typed(code, new MessageArguments<T0?, T1?, T2?>(a0, a1, a2));

    /// <summary>A message from the catalogue with four arguments.</summary>
    [ExplanationOnly]
    internal static MessageText Of<T0, T1, T2, T3>(string code, T0? a0, T1? a1, T2? a2, T3? a3) =>
        Typed(code, new MessageArguments<T0?, T1?, T2?, T3?>(a0, a1, a2, a3));

    /// <summary>A message from the catalogue with five arguments.</summary>
    [ExplanationOnly]
    internal static MessageText Of<T0, T1, T2, T3, T4>(string code, T0? a0, T1? a1, T2? a2, T3? a3, T4? a4) =>
        Typed(code, new MessageArguments<T0?, T1?, T2?, T3?, T4?>(a0, a1, a2, a3, a4));

    private static MessageText Typed(string code, MessageArguments arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new MessageText(code, arguments);
    }
}
