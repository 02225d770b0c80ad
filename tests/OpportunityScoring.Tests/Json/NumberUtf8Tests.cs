using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// Issue 26, the writer's ninth round: decimals written without the runtime's general number formatting
/// (<see cref="NumberUtf8"/>) are the bytes a <see cref="Utf8JsonWriter"/> writes for them, and the messages' grouped
/// numbers are the custom grouped format's — over random mantissas of every width, every scale, both signs and zero.
/// </summary>
public sealed class NumberUtf8Tests
{
    [Property(MaxTest = 5000, QuietOnSuccess = true)]
    public Property A_decimal_is_written_as_the_json_writer_writes_it(int low, int mid, int high, bool negative, byte scale, byte width)
    {
        var value = Value(low, mid, high, negative, scale, width);
        var expected = Json(value);
        var actual = Formatted(value);
        return (actual == expected).Label($"{value}: {actual} against {expected}");
    }

    [Property(MaxTest = 5000, QuietOnSuccess = true)]
    public Property A_grouped_number_is_what_the_custom_grouped_format_writes(int low, int mid, int high, bool negative, byte scale, byte width)
    {
        var value = Value(low, mid, high, negative, scale, width);
        Span<byte> text = stackalloc byte[NumberUtf8.MaxLength];
        var actual = Encoding.UTF8.GetString(text[..NumberUtf8.Grouped(value, text)]);
        var expected = Numbers.Normalize(value).ToString(Numbers.GroupedFormat, CultureInfo.InvariantCulture);
        return (actual == expected).Label($"{value}: {actual} against {expected}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("1")]
    [InlineData("-1.50")]
    [InlineData("46.05")]
    [InlineData("0.0375")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("1844674407370955161.5")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335")]
    [InlineData("1234567.8900")]
    public void An_edge_value_is_written_as_the_json_writer_and_the_grouped_format_write_it(string text)
    {
        var value = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(Json(value), Formatted(value));
        Span<byte> grouped = stackalloc byte[NumberUtf8.MaxLength];
        Assert.Equal(Numbers.Normalize(value).ToString(Numbers.GroupedFormat, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(grouped[..NumberUtf8.Grouped(value, grouped)]));
    }

    /// <summary>A decimal of 32, 64 or 96 bits of mantissa (so that both the fast path and the fallback are taken).</summary>
    private static decimal Value(int low, int mid, int high, bool negative, byte scale, byte width) => (width % 5) switch
    {
        0 => new decimal(low, 0, 0, negative, (byte)(scale % 29)),
        1 => new decimal(low, mid, 0, negative, (byte)(scale % 29)),
        2 => new decimal(low, mid, high, negative, (byte)(scale % 29)),
        3 => new decimal(low % 1000, 0, 0, negative, (byte)(scale % 8)), // small values, as an assessment holds
        _ => new decimal(0, 0, 0, negative, (byte)(scale % 29)), // zeros of every sign and scale
    };

    private static string Formatted(decimal value)
    {
        Span<byte> text = stackalloc byte[NumberUtf8.MaxLength];
        return Encoding.UTF8.GetString(text[..NumberUtf8.Format(value, text)]);
    }

    private static string Json(decimal value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteNumberValue(value);
        }

        Span<byte> formatted = stackalloc byte[64];
        Assert.True(Utf8Formatter.TryFormat(value, formatted, out var length));
        Assert.Equal(Encoding.UTF8.GetString(formatted[..length]), Encoding.UTF8.GetString(buffer.WrittenSpan));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
