using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpportunityScoring;

/// <summary>The bid decision.</summary>
public enum BidRecommendation
{
    /// <summary>Bid.</summary>
    Bid = 0,
    /// <summary>Do not bid: a fatal factor holds; close the project and file the summary report.</summary>
    NoBid,
    /// <summary>People must decide: the margin is near the floor, unknown, or the cost risk is high.</summary>
    Review,
    /// <summary>
    /// Bid to build the relationship, not to win this time (source: "可以選擇退出競爭,或者利用這次機會與其建立關係,等待下次機會"):
    /// the buying criteria against us are the only fatal factor, the account is worth it (a key account, or a high
    /// relevance to the company's future) and the bid does not lose money. At the tender it does not end the pursuit.
    /// </summary>
    RelationshipBid,
}

/// <summary>Whether the bid result is the tender's decision or, before the tender, an outlook on it.</summary>
public enum BidKind
{
    /// <summary>
    /// Before the tender (development, initiation, proposal): what the bid decision would be on today's evidence. A
    /// no-bid outlook defers the stage gate until its fatal factors are cleared; it does not end the pursuit.
    /// </summary>
    Outlook = 0,
    /// <summary>At the tender (招投標): the decision itself; a no-bid closes the project (可專案結項).</summary>
    Decision,
}

/// <summary>The bid / no-bid decision (at the tender) or outlook (before it), with the figures behind it.</summary>
public sealed class BidResult
{
    /// <summary>Bid, no-bid, review or a relationship bid.</summary>
    public required BidRecommendation Decision { get; init; }

    /// <summary>The tender's decision, or an outlook on it before the tender.</summary>
    public BidKind Kind { get; init; } = BidKind.Decision;

    /// <summary>The gross margin (amount − estimated cost) / amount, or the initiation report's estimate; absent when unknown.</summary>
    public decimal? GrossMargin { get; init; }

    /// <summary>The margin after sales expense and bid cost; absent when the cost is unknown.</summary>
    public decimal? NetMargin { get; init; }

    /// <summary>The company's margin floor that applied (by classification).</summary>
    public required decimal MarginFloor { get; init; }

    /// <summary>The fatal factors (any one means no-bid), each with threshold and actual.</summary>
    public IReadOnlyList<FatalFactor> FatalFactors { get; init; } = [];

    /// <summary>Why people must review, when the decision is review (or would be, but for a fatal factor).</summary>
    public IReadOnlyList<GateItem> ReviewReasons { get; init; } = [];

    /// <summary>The cost risk, when a cost range is given.</summary>
    public CostRisk? CostRisk { get; init; }

    /// <summary>The bid economics, when the margin amount is known.</summary>
    public BidEconomics? Economics { get; init; }
}

/// <summary>A fatal factor: a reason not to bid, with the threshold it broke and the actual value.</summary>
public sealed record FatalFactor : IHasMessageText
{
    /// <summary>Creates the factor with a plain-text message.</summary>
    /// <param name="code">A stable code (<c>marginBelowFloor</c>, <c>loss</c>, <c>criteriaAgainstUs</c>, …).</param>
    /// <param name="message">What it means, in the source's terms.</param>
    /// <param name="threshold">The threshold (a number, or the words of the condition).</param>
    /// <param name="actual">The actual value.</param>
    [JsonConstructor]
    public FatalFactor(string code, string message, FactorValue threshold, FactorValue actual)
        : this(code, MessageText.Literal(message), threshold, actual)
    {
    }

    /// <summary>Creates the factor with a message from the catalogue.</summary>
    /// <param name="code">A stable code.</param>
    /// <param name="text">What it means.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="actual">The actual value.</param>
    public FatalFactor(string code, MessageText text, FactorValue threshold, FactorValue actual)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Threshold = threshold ?? throw new ArgumentNullException(nameof(threshold));
        Actual = actual ?? throw new ArgumentNullException(nameof(actual));
    }

    /// <summary>A stable code (<c>marginBelowFloor</c>, <c>loss</c>, <c>criteriaAgainstUs</c>, …).</summary>
    public string Code { get; init; }

    /// <summary>What it means, in English (see <see cref="Text"/>).</summary>
    public string Message => Text.ToString();

    /// <summary>The threshold (a number, or the words of the condition).</summary>
    public FactorValue Threshold { get; init; }

    /// <summary>The actual value.</summary>
    public FactorValue Actual { get; init; }

    /// <summary>What it means, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}

/// <summary>A threshold or actual value: a number (margins as fractions, amounts) or the contract's words.</summary>
[JsonConverter(typeof(FactorValueConverter))]
public sealed record FactorValue
{
    private FactorValue(decimal? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The value when numeric.</summary>
    public decimal? Number { get; }

    /// <summary>The value when it is words.</summary>
    public string? Text { get; }

    /// <summary>A numeric value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    [ExplanationOnly]
    public static FactorValue Of(decimal value) => new(Numbers.Normalize(value), null);

    /// <summary>A value in words.</summary>
    /// <param name="words">The words.</param>
    /// <returns>The value.</returns>
    [ExplanationOnly]
    public static FactorValue Of(string words) => new(null, words ?? throw new ArgumentNullException(nameof(words)));

    /// <summary>What a decisions-only run of the compiled engine puts where an action would have built a factor's value (never shown: no fatal factor is kept).</summary>
    internal static readonly FactorValue Omitted = Of("(not kept: decisions only)");

    /// <inheritdoc />
    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}

internal sealed class FactorValueConverter : JsonConverter<FactorValue>
{
    public override FactorValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => FactorValue.Of(reader.GetDecimal()),
        JsonTokenType.String => FactorValue.Of(reader.GetString()!),
        _ => throw new JsonException("a threshold or actual is a number or a string"),
    };

    public override void Write(Utf8JsonWriter writer, FactorValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

/// <summary>Bid economics: is the bid worth its cost?</summary>
/// <param name="WinProbability">P(win) used.</param>
/// <param name="MarginAmount">The margin amount if won: amount − estimated cost − sales expense.</param>
/// <param name="BidCost">What the bid costs (0 when not given).</param>
/// <param name="ExpectedValue">P(win) × margin amount − bid cost.</param>
/// <param name="BreakEvenWinProbability">The win probability at which the bid pays for itself (bid cost / margin amount); absent when the margin amount is not positive.</param>
/// <param name="MaxBidCost">The largest bid cost the opportunity can carry: P(win) × margin amount.</param>
public sealed record BidEconomics(double WinProbability, decimal MarginAmount, decimal BidCost, decimal ExpectedValue, double? BreakEvenWinProbability, decimal MaxBidCost);
