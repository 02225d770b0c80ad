using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Json;

/// <summary>The fast trailing-zero strip gives exactly what the classic divide-by-1.000…0m idiom gives.</summary>
public sealed class NumbersTests
{
    private const decimal One = 1.000000000000000000000000000000000m;

    [Property(MaxTest = 5_000)]
    public Property Normalize_equals_the_division_idiom_bit_for_bit() =>
        Prop.ForAll(Gen.Elements(Decimals()).ToArbitrary(), d =>
            decimal.GetBits(Numbers.Normalize(d)).SequenceEqual(decimal.GetBits(d / One)));

    [Property(MaxTest = 2_000)]
    public Property Normalize_equals_the_division_idiom_on_random_mantissas_at_every_scale_and_sign() =>
        Prop.ForAll<int, int, int>((lo, mid, hi) =>
            Enumerable.Range(0, 29).All(scale => new[] { false, true }.All(negative =>
            {
                var d = new decimal(lo, mid, hi, negative, (byte)scale);
                return decimal.GetBits(Numbers.Normalize(d)).SequenceEqual(decimal.GetBits(d / One));
            })));

    [Property(MaxTest = 2_000)]
    public Property Normalize_equals_the_division_idiom_on_small_mantissas_with_trailing_zeros() =>
        Prop.ForAll<int, byte, byte>((m, zeros, scale) =>
        {
            var value = (decimal)m;
            for (var i = 0; i < zeros % 12; i++)
            {
                value *= 10m;
            }

            var d = new decimal(decimal.GetBits(value)[0], decimal.GetBits(value)[1], decimal.GetBits(value)[2], value < 0, (byte)(scale % 29));
            return decimal.GetBits(Numbers.Normalize(d)).SequenceEqual(decimal.GetBits(d / One));
        });

    [Fact]
    public void On_this_runtime_the_mantissa_is_read_in_place_so_the_properties_above_test_the_fast_path() =>
        Assert.True(Numbers.DecimalLayoutKnown);

    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("0.000", "0")]
    [InlineData("-3.1000", "-3.1")]
    [InlineData("100", "100")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("7922816251426433759354395033.0", "7922816251426433759354395033")]
    public void Normalize_strips_trailing_zeros_only(string input, string expected) =>
        Assert.Equal(expected, Numbers.Normalize(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static decimal[] Decimals() =>
        [0m, 0.0m, -0.00m, 1m, 1.0m, 10.00m, 9.6000m, 0.15m, 0.1500m, 123456789.1234567890m, -42.4200m, 1e-28m, 0.0000000000000000000000000010m, decimal.MaxValue, decimal.MinValue, 33.333333333333333333333333333m, 100.000m];
}
