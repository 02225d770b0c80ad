using System.Text.Json.Serialization;

namespace OpportunityScoring;

/// <summary>What a stage gate decided: advance, defer or end.</summary>
public enum GateOutcome
{
    /// <summary>All the stage's exit evidence is there: move to the next stage.</summary>
    Advance = 0,
    /// <summary>Still missing something (see <see cref="GateResult.Missing"/>): stay in the stage.</summary>
    Defer,
    /// <summary>The source says the project is closed (not short-listed, bid lost, no-bid, a knock-out).</summary>
    End,
}

/// <summary>The gate of the opportunity's current stage.</summary>
public sealed class GateResult
{
    /// <summary>The stage whose gate this is.</summary>
    public required Stage Stage { get; init; }

    /// <summary>Advance, defer or end.</summary>
    public required GateOutcome Outcome { get; init; }

    /// <summary>Where the opportunity goes now: the next stage on advance, the same stage on defer, closed on end.</summary>
    public required Stage NextStage { get; init; }

    /// <summary>The evidence the gate still needs, each with a stable code and what to obtain.</summary>
    public IReadOnlyList<GateItem> Missing { get; init; } = [];

    /// <summary>Why the pursuit ends, when it does.</summary>
    public IReadOnlyList<GateItem> EndedBy { get; init; } = [];
}

/// <summary>A piece of gate evidence, or a reason to end.</summary>
public sealed record GateItem : IHasMessageText
{
    /// <summary>The JSON writers' bytes of this element (<see cref="KeptJsonSlot"/>): not part of its value, not copied by <c>with</c>.</summary>
    internal KeptJsonSlot Json;

    private GateItem(GateItem original) => (Code, Text) = (original.Code, original.Text);

    /// <summary>Creates the item with a plain-text message.</summary>
    /// <param name="code">A stable code (e.g. <c>initiationReport.projectNumber</c>, <c>notShortlisted</c>).</param>
    /// <param name="message">What to obtain, or why the pursuit ends, in the source's terms.</param>
    [JsonConstructor]
    public GateItem(string code, string message)
        : this(code, MessageText.Literal(message))
    {
    }

    /// <summary>Creates the item with a message from the catalogue.</summary>
    /// <param name="code">A stable code.</param>
    /// <param name="text">What to obtain, or why the pursuit ends.</param>
    public GateItem(string code, MessageText text)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>A stable code (e.g. <c>initiationReport.projectNumber</c>, <c>notShortlisted</c>).</summary>
    public string Code { get; init; }

    /// <summary>What to obtain, or why the pursuit ends, in English (see <see cref="Text"/>).</summary>
    public string Message => Text.ToString();

    /// <summary>What to obtain, or why the pursuit ends, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}
