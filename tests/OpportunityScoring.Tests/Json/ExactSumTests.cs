using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Json;

/// <summary>
/// The grading ledger's exact sums of products give bit for bit (value and scale) what summing the products in decimal
/// gives: on policy-like values (the integer path), and on values that force the switch to decimal part-way (negative
/// factors, long mantissas, many decimal places, sums past the integer's range).
/// </summary>
public sealed class ExactSumTests
{
    [Property(MaxTest = 3_000)]
    public Property An_exact_sum_of_policy_like_products_is_the_decimal_sum_bit_for_bit() =>
        Prop.ForAll(Gen.ListOf(Gen.Zip(Gen.Elements(PolicyLike()), Gen.Elements(PolicyLike()))).ToArbitrary(), terms => SameAsDecimal(terms));

    [Property(MaxTest = 3_000)]
    public Property An_exact_sum_that_must_fall_back_to_decimal_part_way_is_the_decimal_sum_bit_for_bit() =>
        Prop.ForAll(Gen.ListOf(Gen.Zip(Gen.Elements([.. PolicyLike(), .. Awkward()]), Gen.Elements([.. PolicyLike(), .. Awkward()]))).ToArbitrary(), terms => SameAsDecimal(terms));

    [Property(MaxTest = 3_000)]
    public Property A_sum_rounded_to_hundredths_from_its_units_is_the_decimal_sum_rounded_and_stripped_bit_for_bit_at_the_midpoints_too() =>
        Prop.ForAll(Gen.ListOf(Gen.Zip(Gen.Elements(Midpoints()), Gen.Elements(PolicyLike()))).ToArbitrary(), terms => SameAsDecimal(terms));

    [Fact]
    public void A_sum_past_the_integer_range_switches_to_decimal_and_keeps_the_value()
    {
        var sum = default(ExactSum);
        decimal expected = 0;
        for (var i = 0; i < 200; i++)
        {
            sum.Add(999.99m, 50m); // 49,999.5 a term: past 922.3… after the first
            expected += 999.99m * 50m;
        }

        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(sum.Value));
    }

    [Fact]
    public void An_exact_sum_takes_sixteen_bytes_so_the_grading_ledgers_eight_sums_take_128() =>
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<ExactSum>());

    [Fact]
    public void A_sum_in_decimal_keeps_a_negative_zero_and_a_negative_total_bit_for_bit()
    {
        var sum = default(ExactSum);
        decimal expected = 0m;
        foreach (var (a, b) in new[] { (1m, 0.5m), (-0.0m, 3m), (-2.25m, 1.5m), (0.1m, -0.1m) })
        {
            sum.Add(a, b);
            expected += a * b;
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(sum.Value));
        }

        Assert.True(expected < 0m);
    }

    [Fact]
    public void An_empty_sum_is_zero() => Assert.Equal(decimal.GetBits(0m), decimal.GetBits(default(ExactSum).Value));

    private static bool SameAsDecimal(IEnumerable<(decimal A, decimal B)> terms)
    {
        var sum = default(ExactSum);
        decimal expected = 0m;
        foreach (var (a, b) in terms)
        {
            sum.Add(a, b);
            expected += a * b;
        }

        var rounded = decimal.GetBits(Numbers.Normalize(Math.Round(expected, 2, MidpointRounding.AwayFromZero)));
        return decimal.GetBits(sum.Value).SequenceEqual(decimal.GetBits(expected)) &&
               decimal.GetBits(Numbers.Normalize(Math.Round(sum.Value, 2, MidpointRounding.AwayFromZero))).SequenceEqual(rounded) &&
               decimal.GetBits(sum.RoundedToHundredths()).SequenceEqual(rounded);
    }

    private static decimal[] PolicyLike() => [0m, 0.0m, 1m, 0.5m, 0.25m, 0.75m, 0.1m, 0.33m, 0.125m, 12.5m, 20m, 25.00m, 6.25m, 3.3333m, 100m, 0.05m];

    private static decimal[] Midpoints() => [0.005m, 0.015m, 0.0050m, 0.125m, 0.045m, 0.0049999m, 0.995m, 9.995m, 0.00m, 0.5000m];

    private static decimal[] Awkward() =>
        [-0.5m, -12.5m, 0.0000000001m, 33.333333333333333333333333333m, 4294967296m, 123456789.123456789m, 1e-20m, 79228162514264.337593543950335m, -0.00m];
}
