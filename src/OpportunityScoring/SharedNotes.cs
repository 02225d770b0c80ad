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
    private static SecondSightings<Reason>? t_reasons;

    [ThreadStatic]
    private static SecondSightings<RedFlag>? t_flags;

    /// <summary>A red flag with the same code, message object and rule as one raised before on this thread, or a new one.</summary>
    public static RedFlag Flag(string code, MessageText message, string rule)
    {
        var flags = t_flags ??= new();
        var hash = RuntimeHelpers.GetHashCode(message) ^ (RuntimeHelpers.GetHashCode(rule) * 31) ^ (RuntimeHelpers.GetHashCode(code) * 0x3C6EF372);
        var kept = flags.Kept(hash);
        if (kept is not null && ReferenceEquals(kept.Text, message) && string.Equals(kept.Code, code, StringComparison.Ordinal) && string.Equals(kept.Rule, rule, StringComparison.Ordinal))
        {
            return kept;
        }

        return flags.Saw(hash, new RedFlag(code, message, rule));
    }

    /// <summary>A note's reason (no points) with the same rule, criterion and message object as one recorded before on this thread, or a new one.</summary>
    public static Reason Of(string rule, Criterion? criterion, MessageText message)
    {
        var reasons = t_reasons ??= new();
        var hash = RuntimeHelpers.GetHashCode(message) ^ (RuntimeHelpers.GetHashCode(rule) * 31) ^ ((criterion is { } c ? (int)c + 1 : 0) * 0x3C6EF372);
        var kept = reasons.Kept(hash);
        if (kept is not null && ReferenceEquals(kept.Text, message) && kept.Criterion == criterion && string.Equals(kept.Rule, rule, StringComparison.Ordinal))
        {
            return kept;
        }

        return reasons.Saw(hash, new Reason(rule, criterion, 0m, message));
    }

    /// <summary>
    /// One thread's table of kept objects by their identity hash: a slot keeps an object only on its hash's second
    /// sighting (the first leaves the hash), replacing what the slot kept before.
    /// </summary>
    private sealed class SecondSightings<T>
        where T : class
    {
        private readonly T?[] _kept = new T?[Size];
        private readonly int[] _seen = new int[Size];

        /// <summary>What the hash's slot keeps (compare it: another hash may share the slot).</summary>
        public T? Kept(int hash) => _kept[hash & (Size - 1)];

        /// <summary>Records a sighting of <paramref name="made"/> under <paramref name="hash"/>, keeping it on the second, and returns it.</summary>
        public T Saw(int hash, T made)
        {
            var slot = hash & (Size - 1);
            if (_seen[slot] == hash)
            {
                _kept[slot] = made;
            }
            else
            {
                _seen[slot] = hash;
            }

            return made;
        }
    }
}
