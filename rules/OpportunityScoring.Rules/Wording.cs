using System.Globalization;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Rules;

/// <summary>
/// How the rules word figures in their messages: amounts, percentages, probabilities, the knock-outs that end a pursuit.
/// Every public member is explanation-only (<see cref="ExplanationOnlyAttribute"/>: no effect besides its result), so a
/// run without explanations may leave it uncalled.
/// </summary>
internal static class Wording
{
    /// <summary>An amount for messages, culture-invariant and without trailing zeros (250000.0000 → 250000).</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>The text.</returns>
    [ExplanationOnly]
    public static string Amount(decimal amount) => Numbers.Normalize(Math.Round(amount, 2, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The knock-outs that end the pursuit under the policy, comma-separated, for messages.</summary>
    /// <param name="knockOuts">The codes of the knock-outs applied.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The text (<c>none</c> when no knock-out ends the pursuit: never blank, as a marked member's text must be).</returns>
    [ExplanationOnly]
    public static string PursuitEnders(IReadOnlyList<string> knockOuts, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(knockOuts);
        ArgumentNullException.ThrowIfNull(policy);
        var text = string.Join(", ", knockOuts.Where(policy.EndsPursuit));
        return text.Length == 0 ? "none" : text;
    }

    /// <summary>A probability for messages, culture-invariant.</summary>
    /// <param name="p">The probability.</param>
    /// <returns>The text.</returns>
    [ExplanationOnly]
    public static string Probability(double p) => p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage for messages (0.225 → 22.5%).</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The text.</returns>
    [ExplanationOnly]
    public static string Percent(decimal fraction) =>
        Numbers.Normalize(Hundredfold(fraction)).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>The same percentage as a message, formatted only if it is read.</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText PercentText(decimal fraction) => MessageText.Of("answer.percent", Hundredfold(fraction));

    /// <summary>
    /// The fraction in percent, to 0.1. Total, as an <see cref="ExplanationOnlyAttribute"/> member must be: a fraction
    /// beyond ±7.9 × 10²⁶ (no real deal's, but a valid record can hold one) saturates at the largest decimal instead of
    /// overflowing, so a message never fails where the decision it explains does not.
    /// </summary>
    private static decimal Hundredfold(decimal fraction) =>
        Math.Abs(fraction) > decimal.MaxValue / 100m
            ? fraction > 0 ? decimal.MaxValue : decimal.MinValue
            : Math.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero);
}
