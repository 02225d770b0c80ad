namespace OpportunityScoring.StageGates;

/// <summary>
/// The messages of the gate's red flags whose content repeats from one assessment to the next, shared (issue #26): one
/// immutable message per content, kept in a bounded table filled lazily (a race stores an equal message), so an explained
/// assessment does not build them again and the JSON writers find their bytes on the message itself.
/// </summary>
internal static class GateFlagTexts
{
    /// <summary>The days in a stage up to which the staleness flag's messages are kept; more days are built afresh.</summary>
    internal const int MaxStaleDays = 1024;

    private static readonly int Stages = ContractEnum<Stage>.Count;

    private static readonly MessageText?[] Behind = new MessageText?[ContractEnum<BuyingStep>.Count * ContractEnum<Stage>.Count];

    private static readonly MessageText?[] Stale = new MessageText?[ContractEnum<Stage>.Count * MaxStaleDays];

    /// <summary>The behind-the-customer flag's message for a buying step and a stage (one per pair).</summary>
    public static MessageText BehindCustomer(BuyingStep step, Stage stage)
    {
        var s = ContractEnum<BuyingStep>.Index(step);
        var g = ContractEnum<Stage>.Index(stage);
        var known = (uint)s < (uint)ContractEnum<BuyingStep>.Count && (uint)g < (uint)Stages;
        if (known && Behind[(s * Stages) + g] is { } kept)
        {
            return kept;
        }

        var message = MessageText.Of("redFlag.behindCustomer", MessageText.Word(step), MessageText.Word(stage), MessageText.Word(GateCodes.PaceOf[(int)step]));
        if (known)
        {
            Behind[(s * Stages) + g] = message;
        }

        return message;
    }

    /// <summary>
    /// The staleness flag's message for days in a stage and the policy's limit: kept per stage and days (up to
    /// <see cref="MaxStaleDays"/>), and used again when its limit is the same (a policy with another limit replaces it).
    /// </summary>
    public static MessageText StaleStage(int days, Stage stage, int limit)
    {
        var g = ContractEnum<Stage>.Index(stage);
        if ((uint)days >= MaxStaleDays || (uint)g >= (uint)Stages)
        {
            return StaleMessage(days, stage, limit);
        }

        var i = (g * MaxStaleDays) + days;
        if (Stale[i] is { } kept && kept.ArgumentAt(2) is { Kind: ArgumentKind.Int } keptLimit && keptLimit.Int == limit)
        {
            return kept;
        }

        return Stale[i] = StaleMessage(days, stage, limit);
    }

    private static MessageText StaleMessage(int days, Stage stage, int limit) => MessageText.Of("redFlag.staleStage", days, MessageText.Word(stage), limit);
}
