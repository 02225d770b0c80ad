namespace OpportunityScoring;

/// <summary>
/// A running sum of decimal products a × b, kept exactly as a count of 10⁻¹⁶ units in a 64-bit integer while every
/// term fits (both factors non-negative with a mantissa under 2³², at most 16 decimal places between them, the sum
/// under 922.3…): the value decimal arithmetic gives, without decimal addition's rescaling on every term (the grading
/// ledger's sums were a tenth of the compiled engine's time). The first term that does not fit moves the sum to decimal
/// arithmetic for good, from decimal's own sum so far (the exact value at the largest term's scale: bit for bit what
/// adding in decimal from the start gives, since every earlier sum was exact); <see cref="Value"/> is that sum too.
/// </summary>
internal struct ExactSum
{
    private const int Scale = 16;

    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000,
    ];

    // 16 bytes (the ledger holds eight of these per opportunity): while every term fits, the units and the largest
    // scale so far (× 2: even); once in decimal, the decimal sum's own bits, its flags with bit 0 set (odd: decimal's
    // flags never use their low 16 bits).
    private ulong _low; // the units; in decimal, the sum's low 64 bits
    private uint _high; // in decimal, the sum's high 32 bits
    private int _state; // the scale × 2; in decimal, the sum's flags | 1

    private readonly bool InDecimal => (_state & 1) != 0;

    /// <summary>Adds a × b.</summary>
    public void Add(decimal a, decimal b)
    {
        if (!InDecimal)
        {
            if (TryUnits(a, b, out var units, out var scale) && units <= (ulong)long.MaxValue - _low)
            {
                _low += units;
                _state = Math.Max(_state, scale * 2);
                return;
            }

            Store(AsDecimal());
        }

        Store(Sum + (a * b));
    }

    /// <summary>The sum, bit for bit what adding the products in decimal from 0m gives.</summary>
    public readonly decimal Value => InDecimal ? Sum : AsDecimal();

    /// <summary>The decimal sum (once in decimal).</summary>
    private readonly decimal Sum => new((int)(uint)_low, (int)(uint)(_low >> 32), (int)_high, _state < 0, (byte)(_state >> 16));

    /// <summary>Moves to (or stays in) decimal with this sum.</summary>
    private void Store(decimal sum)
    {
        var (flags, high, low) = Bits(sum);
        _low = low;
        _high = high;
        _state = flags | 1;
    }

    /// <summary>A decimal's flags, high 32 bits and low 64 bits (its own method: a stackalloc keeps the JIT from tiering the method it is in).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (int Flags, uint High, ulong Low) Bits(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        return (parts[3], (uint)parts[2], ((ulong)(uint)parts[1] << 32) | (uint)parts[0]);
    }

    /// <summary>
    /// The sum rounded to hundredths (half away from zero) without trailing zeros: bit for bit
    /// <c>Numbers.Normalize(Math.Round(Value, 2, MidpointRounding.AwayFromZero))</c> (a sub-score), from the integer units
    /// while every term fitted — no decimal rounding and no stripping of a 16-digit mantissa.
    /// </summary>
    public readonly decimal RoundedToHundredths()
    {
        if (InDecimal)
        {
            return Numbers.Normalize(Math.Round(Sum, 2, MidpointRounding.AwayFromZero));
        }

        // The units are the exact value × 10^16 (non-negative): rounding half away from zero is rounding half up.
        var q = (_low + (Pow10[Scale - 2] / 2)) / Pow10[Scale - 2];
        if (q == 0)
        {
            return 0m; // Normalize's zero: scale 0, positive (the sum is never negative on this path)
        }

        byte scale = 2;
        while (scale > 0 && q % 10 == 0)
        {
            q /= 10;
            scale--;
        }

        return new decimal((int)(uint)q, (int)(uint)(q >> 32), 0, isNegative: false, scale);
    }

    /// <summary>
    /// Decimal's own sum so far: the exact value (every term fitted) at the largest term's scale — one division by a
    /// power of ten, which also spares the readers' rounding and trailing-zero stripping a 16-digit scale.
    /// </summary>
    private readonly decimal AsDecimal()
    {
        var scale = _state >> 1;
        var exact = _low / Pow10[Scale - scale];
        return new decimal((int)(uint)exact, (int)(uint)(exact >> 32), 0, isNegative: false, (byte)scale);
    }

    private static bool TryUnits(decimal a, decimal b, out ulong units, out int scale)
    {
        units = 0;
        scale = 0;
        if (!Numbers.TrySmall(a, out var ma, out var sa) || !Numbers.TrySmall(b, out var mb, out var sb) || sa + sb > Scale)
        {
            return false;
        }

        scale = sa + sb; // the product's scale in decimal (exact: its mantissa is under 2^64)
        var high = Math.BigMul((ulong)ma * mb, Pow10[Scale - scale], out units);
        return high == 0 && units <= long.MaxValue;
    }
}
