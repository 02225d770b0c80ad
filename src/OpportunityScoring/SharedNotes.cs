using System.Runtime.CompilerServices;

namespace OpportunityScoring;

/// <summary>
/// The reasons of notes (a rule that fired without adding points) whose message repeats from one assessment to the next —
/// a red flag's catalogue text, a knock-out's or a gate's shared message (<see cref="SharedMessages"/>), a stage's
/// deferral — shared as the credits' reasons are (<see cref="Grading.CreditReasons"/>): a reason is immutable, so the same
/// rule noting the same message object under the same criterion can record the same reason. Found by the message's and
/// the rule name's identity in a per-thread table (no lock, no hashing of text); a message is kept only on its second
/// sighting in a slot (the first leaves its identity's hash), so a message made for one assessment — a number in it —
/// is never held past that assessment and dies young. Without a match the reason is built afresh, as before. The red
/// flags raised with such messages are shared the same way (<see cref="Flag"/>).
/// </summary>
internal static class SharedNotes
{
    private const int Size = 512; // a power of two: the slots of one thread's table

    [ThreadStatic]
    private static Reason?[]? t_reasons;

    [ThreadStatic]
    private static int[]? t_seen;

    [ThreadStatic]
    private static RedFlag?[]? t_flags;

    [ThreadStatic]
    private static int[]? t_flagsSeen;

    /// <summary>
    /// The red flag <paramref name="code"/> raised by <paramref name="rule"/> with <paramref name="message"/>: shared in the
    /// same way (a flag is immutable), with or without explanations (without, every flag's message is the placeholder).
    /// </summary>
    public static RedFlag Flag(string code, MessageText message, string rule)
    {
        var flags = t_flags ??= new RedFlag?[Size];
        var hash = RuntimeHelpers.GetHashCode(message) ^ (RuntimeHelpers.GetHashCode(rule) * 31) ^ (RuntimeHelpers.GetHashCode(code) * 0x3C6EF372);
        var slot = hash & (Size - 1);
        var kept = flags[slot];
        if (kept is not null && ReferenceEquals(kept.Text, message) && string.Equals(kept.Code, code, StringComparison.Ordinal) && string.Equals(kept.Rule, rule, StringComparison.Ordinal))
        {
            return kept;
        }

        var flag = new RedFlag(code, message, rule);
        var seen = t_flagsSeen ??= new int[Size];
        if (seen[slot] == hash)
        {
            flags[slot] = flag;
        }
        else
        {
            seen[slot] = hash;
        }

        return flag;
    }

    /// <summary>The reason for <paramref name="rule"/> noting <paramref name="message"/> under <paramref name="criterion"/>, with no points.</summary>
    public static Reason Of(string rule, Criterion? criterion, MessageText message)
    {
        var reasons = t_reasons ??= new Reason?[Size];
        var hash = RuntimeHelpers.GetHashCode(message) ^ (RuntimeHelpers.GetHashCode(rule) * 31) ^ ((criterion is { } c ? (int)c + 1 : 0) * 0x3C6EF372);
        var slot = hash & (Size - 1);
        var kept = reasons[slot];
        if (kept is not null && ReferenceEquals(kept.Text, message) && kept.Criterion == criterion && string.Equals(kept.Rule, rule, StringComparison.Ordinal))
        {
            return kept;
        }

        var reason = new Reason(rule, criterion, 0m, message);
        var seen = t_seen ??= new int[Size];
        if (seen[slot] == hash)
        {
            reasons[slot] = reason; // the second sighting: kept (replacing the slot's reason, if any)
        }
        else
        {
            seen[slot] = hash;
        }

        return reason;
    }
}
