using System.Runtime.CompilerServices;

namespace OpportunityScoring.Grading;

/// <summary>
/// The explanation of a credit under one policy, built once per distinct credit and shared by every assessment that
/// earns it: the points (without trailing zeros) and the message (<c>reason.credit</c> or <c>reason.credit.unknown</c>).
/// Under one policy, the same evidence item with the same answer and the same credit always earns the same points and
/// says the same thing, and most credits are an answer on one of the policy's scales: an explained assessment's two
/// dozen credits were a third of its rule time, most of it building these messages and their boxed numbers. Only
/// answers that are shared catalogue messages, answers that count something (a code and an int: "3 stakeholders
/// mapped") and unknown answers (whose reason does not name them) are kept (their number is bounded by the catalogue and
/// the counts), up to a bound per
/// evidence item (<see cref="SharedCredits"/>, which each item of the policy holds); any other credit is explained
/// afresh. Thread safe.
/// </summary>
internal static class CreditReasons
{
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
    public static Reason ReasonOf(string rule, Criterion criterion, EvidenceItem evidence, object answer, decimal credit, bool unknown)
    {
        // an unknown answer's reason does not name the answer (reason.credit.unknown): kept under one key whatever the
        // answer was (a percentage, a text), as a known answer's is under its shared catalogue message
        var shared = evidence.Credits;
        var bits = Unsafe.BitCast<decimal, Int128>(credit);
        if (!unknown && answer is not MessageText { Shared: true })
        {
            return Counted(answer) is { } count
                ? CountedReason(rule, criterion, evidence, (MessageText)answer, count, credit, bits)
                : Fresh(rule, criterion, evidence, answer, credit, unknown);
        }

        var key = unknown ? UnknownAnswer : answer;
        var reason = shared.Find(key, bits, unknown);
        if (reason is not null && ReferenceEquals(reason.Rule, rule) && reason.Criterion == criterion)
        {
            return reason;
        }

        var fresh = Fresh(rule, criterion, evidence, answer, credit, unknown);
        if (reason is null)
        {
            shared.Add(key, bits, unknown, fresh);
        }

        return fresh;
    }

    /// <summary>
    /// An answer that counts something (a catalogue message whose one argument is an int, e.g. "3 stakeholders mapped"):
    /// its code and its count decide its text, so its credit's reason is kept by them (a few counts per item), not by the
    /// answer's reference; <see langword="null"/> for any other answer.
    /// </summary>
    private static int? Counted(object answer) =>
        answer is MessageText { Code: not null, ArgumentCount: 1 } message && message.ArgumentAt(0) is { Kind: ArgumentKind.Int } argument
            ? argument.Int
            : null;

    /// <summary>The reason of a counted answer's credit: the one kept for its code, count and credit, else built afresh and kept.</summary>
    private static Reason CountedReason(string rule, Criterion criterion, EvidenceItem evidence, MessageText answer, int count, decimal credit, Int128 bits)
    {
        var shared = evidence.Credits;
        var reason = shared.FindCounted(answer.Code!, count, bits);
        if (reason is not null && ReferenceEquals(reason.Rule, rule) && reason.Criterion == criterion)
        {
            return reason;
        }

        var fresh = Fresh(rule, criterion, evidence, answer, credit, unknown: false);
        if (reason is null)
        {
            shared.AddCounted(answer.Code!, count, bits, fresh);
        }

        return fresh;
    }

    private static Reason Fresh(string rule, Criterion criterion, EvidenceItem evidence, object answer, decimal credit, bool unknown)
    {
        var points = evidence.Max * credit;
        var message = unknown
            ? MessageText.Of("reason.credit.unknown", evidence.Name, credit * 100m, evidence.Max, Shown(points))
            : MessageText.Of("reason.credit", evidence.Name, answer, credit * 100m, evidence.Max, Shown(points));
        return new Reason(rule, criterion, Numbers.Normalize(points), message);
    }

    /// <summary>The key of every unknown answer's credit (its reason does not depend on the answer).</summary>
    private static readonly object UnknownAnswer = new();

    /// <summary>Points as a message shows them: to 0.01 (the reason's points stay exact).</summary>
    private static decimal Shown(decimal points) => Numbers.Normalize(Math.Round(points, 2, MidpointRounding.AwayFromZero));
}

/// <summary>
/// The reasons shared by the credits of one evidence item under one policy: the answer (a shared catalogue message) by
/// reference — or a counted answer by its code and count — the credit by its exact bits (0.5 and 0.50 render alike, but are kept apart: a miss only builds the
/// reason afresh) and whether it is unknown. An immutable array read without a lock and replaced whole when a credit is
/// added (a few answers per item: a linear scan of references and integers, no hashing, no allocation to find one);
/// at most <see cref="Bound"/> per item. Thread safe: a lost race only leaves a credit to be added again.
/// </summary>
internal sealed class SharedCredits
{
    private const int Bound = 64;
    private Entry[] _entries = [];

    /// <summary>The reason kept for the credit, or <see langword="null"/>.</summary>
    public Reason? Find(object answer, Int128 credit, bool unknown)
    {
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if (ReferenceEquals(e.Answer, answer) && e.Credit == credit && e.Unknown == unknown)
            {
                return e.Reason;
            }
        }

        return null;
    }

    /// <summary>Keeps the reason of a credit not kept yet (unless the bound is reached or another thread added it).</summary>
    public void Add(object answer, Int128 credit, bool unknown, Reason reason)
    {
        _ = CopyOnWrite.TryAppend(ref _entries, Volatile.Read(ref _entries), new Entry(answer, credit, unknown, reason), Bound); // a lost race: the other thread's array stands
    }

    /// <summary>The number of credits kept.</summary>
    internal int Count => Volatile.Read(ref _entries).Length + Volatile.Read(ref _counted).Length;

    private Counted[] _counted = [];

    /// <summary>The reason kept for a counted answer's credit (its code and its count), or <see langword="null"/>.</summary>
    public Reason? FindCounted(string code, int count, Int128 credit)
    {
        var entries = Volatile.Read(ref _counted);
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if (e.Count == count && e.Credit == credit && string.Equals(e.Code, code, StringComparison.Ordinal))
            {
                return e.Reason;
            }
        }

        return null;
    }

    /// <summary>Keeps the reason of a counted answer's credit not kept yet (within the same bound).</summary>
    public void AddCounted(string code, int count, Int128 credit, Reason reason)
    {
        _ = CopyOnWrite.TryAppend(ref _counted, Volatile.Read(ref _counted), new Counted(code, count, credit, reason), Bound); // a lost race: the other thread's array stands
    }

    private readonly record struct Entry(object Answer, Int128 Credit, bool Unknown, Reason Reason);

    private readonly record struct Counted(string Code, int Count, Int128 Credit, Reason Reason);
}
