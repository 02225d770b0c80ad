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
    /// <summary>An amount for messages, culture-invariant, with thousands separators and without trailing zeros (250000.0000 → 250,000).</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>The text.</returns>
    [ExplanationOnly]
    public static string Amount(decimal amount) => Numbers.Normalize(Math.Round(amount, 2, MidpointRounding.AwayFromZero)).ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The knock-outs that end the pursuit under the policy, named in the reader's language (<c>none</c> when none does).</summary>
    /// <param name="knockOuts">The codes of the knock-outs applied.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText PursuitEnders(IReadOnlyList<string> knockOuts, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(knockOuts);
        ArgumentNullException.ThrowIfNull(policy);
        return MessageText.Join("knockOut.name.", [.. knockOuts.Where(policy.EndsPursuit)]);
    }

    /// <summary>Fatal factors named in the reader's language, in their order.</summary>
    /// <param name="codes">The codes of the fatal factors.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText FatalFactors(IReadOnlyList<string> codes) => MessageText.Join("fatal.name.", codes ?? throw new ArgumentNullException(nameof(codes)));

    /// <summary>
    /// The amount-drift flag's message: the amount now, the initiation report's, the change orders (合同變更) counted and
    /// the drift against the report's amount plus them, with the tolerance.
    /// </summary>
    /// <param name="o">The opportunity (its report states a positive amount).</param>
    /// <param name="tolerance">The policy's tolerance.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText AmountDrift(Opportunity o, decimal tolerance)
    {
        ArgumentNullException.ThrowIfNull(o);
        var reported = o.InitiationReport!.ExpectedContractAmount!.Value;
        var baseline = Figures.ContractBaseline(o)!.Value;
        var drift = Percent((o.ExpectedContractAmount - baseline) / baseline);
        return o.ChangeOrders.Count == 0
            ? MessageText.Of("redFlag.initiationReportAmountDrift", Amount(o.ExpectedContractAmount), Amount(reported), drift, Percent(tolerance))
            : MessageText.Of("redFlag.initiationReportAmountDrift.changeOrders", Amount(o.ExpectedContractAmount), Amount(reported), o.ChangeOrders.Count,
                Amount(baseline - reported), Amount(baseline), drift, Percent(tolerance));
    }

    /// <summary>A probability for messages, culture-invariant.</summary>
    /// <param name="p">The probability.</param>
    /// <returns>The text.</returns>
    [ExplanationOnly]
    public static string Probability(double p) => p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// A fraction as a percentage for messages (0.225 → 22.5%): the catalogue's <c>answer.percent</c> with the number
    /// rounded to 0.01, formatted only when the message is read (it renders as the number with up to two decimals and
    /// a percent sign, in every language).
    /// </summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText Percent(decimal fraction) => PercentText(fraction);

    /// <summary>The same percentage as a message, formatted only if it is read.</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText PercentText(decimal fraction) => MessageText.Of("answer.percent", Hundredfold(fraction));

    /// <summary>
    /// The fraction in percent, to 0.01 (as the report shows a margin: 3.75%, not 3.8%). Total, as an <see cref="ExplanationOnlyAttribute"/> member must be: a fraction
    /// beyond ±7.9 × 10²⁶ (no real deal's, but a valid record can hold one) saturates at the largest decimal instead of
    /// overflowing, so a message never fails where the decision it explains does not.
    /// </summary>
    private static decimal Hundredfold(decimal fraction) =>
        Math.Abs(fraction) > decimal.MaxValue / 100m
            ? fraction > 0 ? decimal.MaxValue : decimal.MinValue
            : Math.Round(fraction * 100m, 2, MidpointRounding.AwayFromZero);
}
