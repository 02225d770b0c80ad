namespace OpportunityScoring.Tests.Properties;

/// <summary>The decisions' red-flag codes are sorted themselves: the same codes, in the same order, as the sorted flags'.</summary>
public sealed class RedFlagCodesTests
{
    private static readonly string[] Codes = ["staleStage", "behindCustomer", "noCoach", "singleThreaded", "a", "", "noCoach"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_red_flag_codes_sorted_directly_are_the_codes_of_the_sorted_red_flags(bool explains)
    {
        var random = new Random(26);
        for (var round = 0; round < 300; round++)
        {
            var log = new AssessmentLog(explains);
            var count = random.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                log.Flag("Rule" + i, null, Codes[random.Next(Codes.Length)], MessageText.Omitted);
            }

            Assert.Equal(AssessmentLog.CodesOf(log.SortedRedFlags(), static f => f.Code), log.SortedRedFlagCodes());
        }
    }
}
