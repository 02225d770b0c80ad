using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OpportunityScoring.Grading;

/// <summary>
/// The explanation of a credit under one policy, built once per distinct credit and shared by every assessment that
/// earns it: the points (without trailing zeros) and the message (<c>reason.credit</c> or <c>reason.credit.unknown</c>).
/// Under one policy, the same evidence item with the same answer and the same credit always earns the same points and
/// says the same thing, and most credits are an answer on one of the policy's scales: an explained assessment's two
/// dozen credits were a third of its rule time, most of it building these messages and their boxed numbers. Only
/// answers that are shared catalogue messages are kept (their number is bounded by the catalogue), up to a bound per
/// policy; any other credit is explained afresh. Thread safe.
/// </summary>
internal sealed class CreditReasons
{
    private const int Bound = 4096;
    private readonly ConcurrentDictionary<Key, (decimal Points, MessageText Message)> _reasons = new();
    private int _count;
    private readonly ConcurrentDictionary<Key, Reason> _shared = new();
    private int _sharedCount;

    /// <summary>
    /// The reason a rule records for a credit: shared by every assessment where the same rule earns the same credit
    /// (a reason is immutable), so an explained assessment allocates no reason for most of its credits.
    /// </summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion it scores.</param>
    /// <param name="evidence">The evidence item credited.</param>
    /// <param name="answer">The answer found (a word, a catalogue message or a string).</param>
    /// <param name="credit">The credit the policy gives it.</param>
    /// <param name="unknown">Whether the answer is unknown.</param>
    /// <returns>The reason.</returns>
    public Reason ReasonOf(string rule, Criterion criterion, EvidenceItem evidence, object answer, decimal credit, bool unknown)
    {
        if (answer is not MessageText { Shared: true })
        {
            var (points, message) = Build(evidence, answer, credit, unknown);
            return new Reason(rule, criterion, points, message);
        }

        var key = new Key(evidence, answer, credit, unknown);
        if (_shared.TryGetValue(key, out var reason) && ReferenceEquals(reason.Rule, rule) && reason.Criterion == criterion)
        {
            return reason;
        }

        var (p, m) = Of(evidence, answer, credit, unknown);
        reason = new Reason(rule, criterion, p, m);
        if (Volatile.Read(ref _sharedCount) < Bound && _shared.TryAdd(key, reason))
        {
            Interlocked.Increment(ref _sharedCount);
        }

        return reason;
    }

    /// <summary>The points and message of a credit.</summary>
    /// <param name="evidence">The evidence item credited.</param>
    /// <param name="answer">The answer found (a word, a catalogue message or a string).</param>
    /// <param name="credit">The credit the policy gives it.</param>
    /// <param name="unknown">Whether the answer is unknown.</param>
    /// <returns>The points and the message.</returns>
    public (decimal Points, MessageText Message) Of(EvidenceItem evidence, object answer, decimal credit, bool unknown)
    {
        if (answer is not MessageText { Shared: true })
        {
            return Build(evidence, answer, credit, unknown);
        }

        var key = new Key(evidence, answer, credit, unknown);
        if (_reasons.TryGetValue(key, out var reason))
        {
            return reason;
        }

        reason = Build(evidence, answer, credit, unknown);
        if (Volatile.Read(ref _count) < Bound && _reasons.TryAdd(key, reason))
        {
            Interlocked.Increment(ref _count);
        }

        return reason;
    }

    private static (decimal Points, MessageText Message) Build(EvidenceItem evidence, object answer, decimal credit, bool unknown)
    {
        var points = evidence.Max * credit;
        return (Numbers.Normalize(points), unknown
            ? MessageText.Of("reason.credit.unknown", evidence.Name, credit * 100m, evidence.Max, Shown(points))
            : MessageText.Of("reason.credit", evidence.Name, answer, credit * 100m, evidence.Max, Shown(points)));
    }

    /// <summary>Points as a message shows them: to 0.01 (the reason's points stay exact).</summary>
    private static decimal Shown(decimal points) => Numbers.Normalize(Math.Round(points, 2, MidpointRounding.AwayFromZero));

    /// <summary>A credit: the item and the answer by reference, the credit by its exact bits (0.5 and 0.50 render alike, but are kept apart).</summary>
    private readonly struct Key(EvidenceItem evidence, object answer, decimal credit, bool unknown) : IEquatable<Key>
    {
        private readonly EvidenceItem _evidence = evidence;
        private readonly object _answer = answer;
        private readonly Int128 _credit = Unsafe.BitCast<decimal, Int128>(credit);
        private readonly bool _unknown = unknown;

        public bool Equals(Key other) =>
            ReferenceEquals(_evidence, other._evidence) && ReferenceEquals(_answer, other._answer) && _credit == other._credit && _unknown == other._unknown;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(_evidence), RuntimeHelpers.GetHashCode(_answer), _credit, _unknown);
    }
}
