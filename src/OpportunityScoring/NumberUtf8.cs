using System.Buffers.Text;
using System.Globalization;

namespace OpportunityScoring;

/// <summary>
/// The decimals of the contract's JSON and of its messages as UTF-8, without the runtime's general number formatting
/// (<c>Number.DecimalToNumber</c>, a buffer of digits and the format's rules): the 96-bit mantissa is written as its
/// integer digits with the point placed by the scale. The bytes are <see cref="Utf8Formatter"/>'s (what a
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes for a decimal: every digit of the scale kept, no sign on zero)
/// and <see cref="Numbers.Grouped(decimal)"/>'s; the property tests compare them over random decimals.
/// </summary>
internal static class NumberUtf8
{
    /// <summary>The most bytes either form writes (29 digits, a sign, a point, a leading zero and the commas).</summary>
    public const int MaxLength = 64;

    private static readonly byte[]?[] Zeros = new byte[]?[58]; // a zero's grouped text by sign and scale

    /// <summary>The value as <see cref="Utf8Formatter.TryFormat(decimal, Span{byte}, out int, System.Buffers.StandardFormat)"/> writes it.</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write (at least <see cref="MaxLength"/> bytes).</param>
    /// <returns>The bytes written.</returns>
    public static int Format(decimal value, Span<byte> destination)
    {
        Split(value, out var mantissa, out var scale, out var negative);
        return Write(mantissa, scale, negative && mantissa != 0, destination, grouped: false);
    }

    /// <summary>
    /// The value as <see cref="Numbers.Grouped(decimal)"/> writes it (no trailing zeros, a comma before each group of
    /// three whole digits; a zero as the custom format writes it, kept once per sign and scale).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write (at least <see cref="MaxLength"/> bytes).</param>
    /// <returns>The bytes written.</returns>
    public static int Grouped(decimal value, Span<byte> destination)
    {
        Split(value, out var mantissa, out var scale, out var negative);
        if (mantissa == 0)
        {
            var zero = Zeros[(negative ? 29 : 0) + scale] ??= System.Text.Encoding.UTF8.GetBytes(Numbers.Grouped(value)); // a race writes equal bytes
            zero.CopyTo(destination);
            return zero.Length;
        }

        while (scale > 0 && (mantissa <= ulong.MaxValue ? (ulong)mantissa % 10 : mantissa % 10) == 0) // 64-bit arithmetic when it fits
        {
            mantissa /= 10;
            scale--;
        }

        return Write(mantissa, scale, negative, destination, grouped: true);
    }

    private static void Split(decimal value, out UInt128 mantissa, out int scale, out bool negative)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        mantissa = new UInt128((uint)bits[2], (uint)bits[0] | ((ulong)(uint)bits[1] << 32));
        scale = (bits[3] >> 16) & 0xFF;
        negative = bits[3] < 0;
    }

    private static int Write(UInt128 mantissa, int scale, bool negative, Span<byte> destination, bool grouped)
    {
        Span<byte> buffer = stackalloc byte[32];
        var count = 0;
        if (mantissa <= ulong.MaxValue)
        {
            var m = (ulong)mantissa;
            var p = buffer.Length;
            do
            {
                var q = m / 10; // a multiplication, not a division
                buffer[--p] = (byte)('0' + (int)(m - (q * 10)));
                m = q;
            }
            while (m != 0);
            count = buffer.Length - p;
            buffer = buffer[p..];
        }
        else
        {
            mantissa.TryFormat(buffer, out count, default, CultureInfo.InvariantCulture);
        }

        ReadOnlySpan<byte> digits = buffer;
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        var whole = count - scale;
        if (whole <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -whole).Fill((byte)'0');
            at -= whole;
            digits[..count].CopyTo(destination[at..]);
            return at + count;
        }

        if (grouped && whole > 3)
        {
            for (var i = 0; i < whole; i++)
            {
                if (i > 0 && (whole - i) % 3 == 0)
                {
                    destination[at++] = (byte)',';
                }

                destination[at++] = digits[i];
            }
        }
        else
        {
            digits[..whole].CopyTo(destination[at..]);
            at += whole;
        }

        if (scale == 0)
        {
            return at;
        }

        destination[at++] = (byte)'.';
        digits[whole..count].CopyTo(destination[at..]);
        return at + scale;
    }
}
