using System.Runtime.CompilerServices;

namespace OpportunityScoring;

/// <summary>What an argument of a message is, as the renderers and the writers' caches read it.</summary>
internal enum ArgumentKind : byte
{
    /// <summary>No value (<see langword="null"/>: rendered as nothing).</summary>
    Null,

    /// <summary>A decimal (rendered grouped, without trailing zeros).</summary>
    Decimal,

    /// <summary>A double (rendered as <c>0.####</c>).</summary>
    Double,

    /// <summary>An int (rendered by its invariant digits).</summary>
    Int,

    /// <summary>A string (rendered as itself).</summary>
    String,

    /// <summary>A nested message (rendered in the same language).</summary>
    Message,

    /// <summary>Any other object (rendered by its invariant string).</summary>
    Other,
}

/// <summary>
/// One argument of a message read without boxing: a number by value, a string, a nested message or another object by
/// reference. The same argument reads the same whether the message holds its arguments typed
/// (<see cref="MessageArguments"/>) or as the <c>object?[]</c> of <see cref="MessageText.Of(string, object?[])"/>, so
/// the writers' content hash and equality do not depend on how a message was made.
/// </summary>
internal readonly struct MessageArgument
{
    private readonly decimal _decimal;
    private readonly long _bits;

    private MessageArgument(ArgumentKind kind, object? reference, decimal number, long bits)
    {
        Kind = kind;
        Reference = reference;
        _decimal = number;
        _bits = bits;
    }

    /// <summary>What the argument is.</summary>
    public ArgumentKind Kind { get; }

    /// <summary>The string, nested message or other object (<see langword="null"/> for numbers).</summary>
    public object? Reference { get; }

    /// <summary>The decimal (<see cref="ArgumentKind.Decimal"/>).</summary>
    public decimal Decimal => _decimal;

    /// <summary>The double (<see cref="ArgumentKind.Double"/>).</summary>
    public double Double => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>The double's bits (<c>-0</c> renders as itself, so the caches compare bits).</summary>
    public long DoubleBits => _bits;

    /// <summary>The int (<see cref="ArgumentKind.Int"/>).</summary>
    public int Int => (int)_bits;

    /// <summary>An argument of a type known when the message was made: numbers are read without a box.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MessageArgument From<T>(T value)
    {
        if (typeof(T) == typeof(decimal))
        {
            return new(ArgumentKind.Decimal, null, Unsafe.As<T, decimal>(ref value), 0);
        }

        if (typeof(T) == typeof(double))
        {
            return new(ArgumentKind.Double, null, 0m, BitConverter.DoubleToInt64Bits(Unsafe.As<T, double>(ref value)));
        }

        if (typeof(T) == typeof(int))
        {
            return new(ArgumentKind.Int, null, 0m, Unsafe.As<T, int>(ref value));
        }

        return FromObject(value); // a reference (no box) or a rarer value type (boxed as params would have)
    }

    /// <summary>An argument as an object (an element of <see cref="MessageText.Arguments"/>).</summary>
    public static MessageArgument FromObject(object? value) => value switch
    {
        null => default,
        decimal d => new(ArgumentKind.Decimal, null, d, 0),
        double x => new(ArgumentKind.Double, null, 0m, BitConverter.DoubleToInt64Bits(x)),
        int i => new(ArgumentKind.Int, null, 0m, i),
        string s => new(ArgumentKind.String, s, 0m, 0),
        MessageText m => new(ArgumentKind.Message, m, 0m, 0),
        _ => new(ArgumentKind.Other, value, 0m, 0),
    };

    /// <summary>The argument as <see cref="MessageText.Arguments"/> lists it (a number boxed as the params array would hold it).</summary>
    public object? Boxed() => Kind switch
    {
        ArgumentKind.Null => null,
        ArgumentKind.Decimal => _decimal,
        ArgumentKind.Double => Double,
        ArgumentKind.Int => Int,
        _ => Reference,
    };
}

/// <summary>
/// A message's arguments held typed, without an <c>object?[]</c> and a box per number (an explained assessment makes
/// a dozen messages afresh, most with numbers; docs/benchmarks.md, issue 26 part 1, fifth round). Immutable.
/// </summary>
internal abstract class MessageArguments
{
    /// <summary>How many arguments.</summary>
    public abstract int Count { get; }

    /// <summary>An argument.</summary>
    /// <param name="index">Its index, below <see cref="Count"/>.</param>
    public abstract MessageArgument this[int index] { get; }

    /// <summary>The arguments as objects (what <see cref="MessageText.Arguments"/> shows).</summary>
    public object?[] ToArray()
    {
        var array = new object?[Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = this[i].Boxed();
        }

        return array;
    }
}

/// <summary>One typed argument.</summary>
internal sealed class MessageArguments<T0>(T0 a0) : MessageArguments
{
    public override int Count => 1;

    public override MessageArgument this[int index] => index == 0 ? MessageArgument.From(a0) : throw new ArgumentOutOfRangeException(nameof(index));
}

/// <summary>Two typed arguments.</summary>
internal sealed class MessageArguments<T0, T1>(T0 a0, T1 a1) : MessageArguments
{
    public override int Count => 2;

    public override MessageArgument this[int index] => index switch
    {
        0 => MessageArgument.From(a0),
        1 => MessageArgument.From(a1),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

/// <summary>Three typed arguments.</summary>
internal sealed class MessageArguments<T0, T1, T2>(T0 a0, T1 a1, T2 a2) : MessageArguments
{
    public override int Count => 3;

    public override MessageArgument this[int index] => index switch
    {
        0 => MessageArgument.From(a0),
        1 => MessageArgument.From(a1),
        2 => MessageArgument.From(a2),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

/// <summary>Four typed arguments.</summary>
internal sealed class MessageArguments<T0, T1, T2, T3>(T0 a0, T1 a1, T2 a2, T3 a3) : MessageArguments
{
    public override int Count => 4;

    public override MessageArgument this[int index] => index switch
    {
        0 => MessageArgument.From(a0),
        1 => MessageArgument.From(a1),
        2 => MessageArgument.From(a2),
        3 => MessageArgument.From(a3),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

/// <summary>Five typed arguments.</summary>
internal sealed class MessageArguments<T0, T1, T2, T3, T4>(T0 a0, T1 a1, T2 a2, T3 a3, T4 a4) : MessageArguments
{
    public override int Count => 5;

    public override MessageArgument this[int index] => index switch
    {
        0 => MessageArgument.From(a0),
        1 => MessageArgument.From(a1),
        2 => MessageArgument.From(a2),
        3 => MessageArgument.From(a3),
        4 => MessageArgument.From(a4),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
