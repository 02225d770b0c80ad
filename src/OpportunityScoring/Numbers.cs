using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpportunityScoring;

/// <summary>Decimal helpers.</summary>
internal static class Numbers
{
    /// <summary>
    /// Whether <see cref="decimal"/> is laid out as the OLE <c>DECIMAL</c> it marshals as (flags, high 32 bits, low 64
    /// bits): checked once on known values, so the fast path below reads the mantissa in place only when it is.
    /// </summary>
    internal static readonly bool DecimalLayoutKnown = CheckLayout();

    /// <summary>
    /// The same value without trailing zeros (12.50 → 12.5), so that output and hashes do not depend on scale.
    /// Equivalent to dividing by 1.000…0m (the classic idiom) but strips the zeros from the 96-bit mantissa
    /// directly: decimal division was a tenth of the compiled engine's time. The mantissa is read in place when the
    /// layout is the known one (<c>decimal.GetBits</c> took two thirds of the time of a call), else through GetBits.
    /// </summary>
    public static decimal Normalize(decimal value)
    {
        var scale = value.Scale;
        if (scale == 0)
        {
            return value;
        }

        uint hi;
        ulong low64;
        if (DecimalLayoutKnown)
        {
            var bits = Unsafe.As<decimal, DecimalBits>(ref value);
            hi = bits.Hi32;
            low64 = bits.Lo64;
        }
        else
        {
            (hi, low64) = Mantissa(value);
        }

        if (hi == 0 && low64 == 0)
        {
            return new decimal(0, 0, 0, decimal.IsNegative(value), 0); // zero: the idiom's exact result (scale 0, sign kept), without its division (a zero credit is common)
        }

        if (hi == 0)
        {
            var m = low64;
            var stripped = scale;
            while (stripped > 0)
            {
                var q = m / 10;
                if (q * 10 != m)
                {
                    break;
                }

                m = q;
                stripped--;
            }

            return stripped == scale ? value : new decimal((int)(uint)m, (int)(uint)(m >> 32), 0, decimal.IsNegative(value), stripped);
        }

        var wide = ((UInt128)hi << 64) | low64;
        var s = scale;
        while (s > 0 && wide % 10 == 0)
        {
            wide /= 10;
            s--;
        }

        return s == scale ? value : new decimal((int)(uint)wide, (int)(uint)(wide >> 32), (int)(uint)(wide >> 64), decimal.IsNegative(value), s);
    }

    /// <summary>A decimal with thousands separators and every significant fraction digit (15000000 → 15,000,000; 0.0375 → 0.0375).</summary>
    internal const string GroupedFormat = "#,0.############################";

    /// <summary>
    /// The value as <see cref="GroupedFormat"/> writes it (the messages' numbers), without the custom format's parser: the
    /// invariant digits of the value without trailing zeros, with a comma before each group of three whole digits. The
    /// custom format was a third of rendering a message with numbers. Zero is left to the format (its sign).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Grouped(decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        var length = Grouped(value, text);
        return length < 0
            ? Normalize(value).ToString(GroupedFormat, CultureInfo.InvariantCulture)
            : System.Text.Encoding.ASCII.GetString(text[..length]); // digits, '-', '.' and ',' only
    }

    /// <summary>
    /// <see cref="Grouped(decimal)"/> as UTF-8 into <paramref name="destination"/> (at least 64 bytes), for messages
    /// rendered straight into the JSON output; -1 for the values <see cref="Grouped(decimal)"/> leaves to the format
    /// (zero), which the caller then takes from it.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write (64 bytes hold any decimal with its commas).</param>
    /// <returns>The bytes written, or -1.</returns>
    public static int Grouped(decimal value, Span<byte> destination)
    {
        value = Normalize(value);
        Span<byte> digits = stackalloc byte[48];
        if (value == 0m || !value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture))
        {
            return -1;
        }

        digits = digits[..length];
        var sign = digits[0] == (byte)'-' ? 1 : 0;
        var dot = digits.IndexOf((byte)'.');
        var whole = (dot < 0 ? length : dot) - sign;
        if (whole <= 3)
        {
            digits.CopyTo(destination);
            return length;
        }

        var at = 0;
        if (sign == 1)
        {
            destination[at++] = (byte)'-';
        }

        for (var i = 0; i < whole; i++)
        {
            if (i > 0 && (whole - i) % 3 == 0)
            {
                destination[at++] = (byte)',';
            }

            destination[at++] = digits[sign + i];
        }

        digits[(sign + whole)..].CopyTo(destination[at..]);
        return at + length - sign - whole;
    }

    /// <summary>
    /// A non-negative decimal whose mantissa fits in 32 bits, as its mantissa and scale (see <see cref="ExactSum"/>);
    /// <see langword="false"/> for any other value, or when the decimal's layout is not the known one.
    /// </summary>
    public static bool TrySmall(decimal value, out uint mantissa, out int scale)
    {
        if (DecimalLayoutKnown)
        {
            var bits = Unsafe.As<decimal, DecimalBits>(ref value);
            if (bits.Flags >= 0 && bits.Hi32 == 0 && bits.Lo64 <= uint.MaxValue)
            {
                mantissa = (uint)bits.Lo64;
                scale = (bits.Flags >> 16) & 0xFF;
                return true;
            }
        }

        mantissa = 0;
        scale = 0;
        return false;
    }

    /// <summary>The mantissa through <see cref="decimal.GetBits(decimal, Span{int})"/> (its own method: a stackalloc keeps the JIT from tiering the method it is in).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (uint Hi, ulong Low64) Mantissa(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        return ((uint)parts[2], ((ulong)(uint)parts[1] << 32) | (uint)parts[0]);
    }

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<decimal>() != Unsafe.SizeOf<DecimalBits>())
        {
            return false;
        }

        var probe = new decimal(0x01020304, 0x05060708, 0x090A0B0C, isNegative: true, scale: 7);
        var bits = Unsafe.As<decimal, DecimalBits>(ref probe);
        return bits.Hi32 == 0x090A0B0C && bits.Lo64 == 0x05060708_01020304UL && bits.Flags == unchecked((int)0x80070000);
    }

    /// <summary>The OLE <c>DECIMAL</c> layout: sign and scale, then the mantissa's high 32 and low 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalBits
    {
        public readonly int Flags;
        public readonly uint Hi32;
        public readonly ulong Lo64;
    }
}
