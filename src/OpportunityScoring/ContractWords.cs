namespace OpportunityScoring;

/// <summary>The contract's words for its enumerations, as JSON writes them.</summary>
public static class ContractWords
{
    /// <summary>The contract's (camelCase) word for an enumeration value; a value outside the enumeration is written as its number.</summary>
    [ExplanationOnly]
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => ContractEnum<TEnum>.NameOrNumber(value);
}
