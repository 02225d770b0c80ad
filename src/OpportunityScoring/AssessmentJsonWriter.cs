using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpportunityScoring;

/// <summary>
/// Writes an <see cref="Assessment"/> as the contract's JSON straight into a <see cref="Utf8JsonWriter"/>: the same
/// bytes as <see cref="JsonSerializer"/> with <see cref="ContractJson.For(Texts, bool)"/> (property names and order,
/// nulls left out, enumerations as the contract's words, messages in the language), without the serializer's
/// metadata walk, boxing getters or a string per message — each distinct message is rendered once
/// (<see cref="MessageTextCache"/>) and written as pre-escaped UTF-8, and property names and enumeration words are
/// encoded once. The serializer stays the reference: the differential tests compare the two byte for byte.
/// </summary>
/// <remarks>Not thread safe (its message cache): one per writer, or <see cref="ToUtf8Bytes"/> (one per thread).</remarks>
internal sealed partial class AssessmentJsonWriter
{
    private readonly MessageTextCache _messages;
    private readonly JsonFragmentCache _fragments;
    private readonly bool _omitPolicy;
    private JsonFragmentCache? _fragmentsNow; // the fragments when the assessment being written is compact, in the contract's encoding
    private bool _contractEncoder; // whether the assessment being written is in the contract's encoding (messages written as escaped JSON strings)
    private PolicyStamp? _policy;
    private byte[]? _policyJson;
    private MessageText? _handed; // the message whose bytes the element being written was given (Hand)
    private byte[]? _handedText;

    /// <summary>Creates the writer of a language and shape.</summary>
    /// <param name="texts">The language of the messages.</param>
    /// <param name="omitPolicy">Whether to leave out each assessment's <c>policy</c> (a pipeline document states it once).</param>
    public AssessmentJsonWriter(Texts texts, bool omitPolicy = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _messages = new MessageTextCache(texts, jsonStrings: true);
        _fragments = new JsonFragmentCache(texts);
        _omitPolicy = omitPolicy;
    }

    /// <summary>The contract's encoder (<see cref="ContractJson.Options"/>).</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The options of a <see cref="Utf8JsonWriter"/> that writes the contract's JSON.</summary>
    /// <param name="indented">Whether to indent for people.</param>
    /// <returns>The options.</returns>
    public static JsonWriterOptions WriterOptions(bool indented = false) => new() { Indented = indented, Encoder = Encoder };

    /// <summary>The language of the messages.</summary>
    public Texts Texts => _messages.Texts;

    /// <summary>Distinct messages rendered so far.</summary>
    public long MessagesRendered => _messages.Rendered;

    /// <summary>List elements copied from their kept bytes so far (<see cref="JsonFragmentCache"/>).</summary>
    public long FragmentsCopied => _fragments.Copied;

    /// <summary>Texts kept in the message cache now.</summary>
    public int MessagesKept => _messages.Count;

    /// <summary>Texts kept in the message cache now that were seen more than once.</summary>
    public int MessagesKeptAsRepeated => _messages.Repeated;

    /// <summary>List elements kept in the fragment cache now.</summary>
    public int FragmentsKept => _fragments.Count;

    [ThreadStatic]
    private static Scratch? PerThread;

    /// <summary>
    /// An assessment's contract JSON as a new array (the bytes of <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/>
    /// with <see cref="ContractJson.For(Texts, bool)"/>), written with a buffer, writer and message cache kept per thread.
    /// </summary>
    /// <param name="assessment">The assessment.</param>
    /// <param name="texts">The language of the messages.</param>
    /// <returns>The JSON.</returns>
    public static byte[] ToUtf8Bytes(Assessment assessment, Texts texts)
    {
        var scratch = PerThread ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Json.Reset(scratch.Buffer);
        scratch.For(texts).Write(scratch.Json, assessment);
        scratch.Json.Flush();
        var bytes = scratch.Buffer.WrittenSpan.ToArray();
        if (scratch.Buffer.Capacity > 1 << 20)
        {
            PerThread = null; // one huge assessment does not keep a megabyte per thread
        }

        return bytes;
    }

    /// <summary>Writes the assessment as one JSON object.</summary>
    /// <param name="writer">The JSON writer (its indentation is kept; its encoder should be the contract's).</param>
    /// <param name="a">The assessment.</param>
    public void Write(Utf8JsonWriter writer, Assessment a)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(a);
        var options = writer.Options;
        _contractEncoder = ReferenceEquals(options.Encoder, Encoder);
        _fragmentsNow = !options.Indented && _contractEncoder ? _fragments : null;
        Hand(null, null);
        writer.WriteStartObject();
        WriteString(writer, Names.Id, a.Id);
        WriteWord(writer, Names.Grade, a.Grade);
        WriteDecimal(writer, Names.Score, a.Score);
        if (a.Criteria is { } c)
        {
            writer.WriteStartObject(Names.Criteria);
            WriteDecimal(writer, Names.Need, c.Need);
            WriteDecimal(writer, Names.Budget, c.Budget);
            WriteDecimal(writer, Names.Timeline, c.Timeline);
            WriteDecimal(writer, Names.Competition, c.Competition);
            WriteDecimal(writer, Names.DecisionChain, c.DecisionChain);
            WriteDecimal(writer, Names.StrategicFit, c.StrategicFit);
            WriteDecimal(writer, Names.GrossMargin, c.GrossMargin);
            writer.WriteEndObject();
        }

        writer.WriteNumber(Names.WinProbability, a.WinProbability);
        if (a.Gate is { } gate)
        {
            WriteGate(writer, gate);
        }

        if (a.Bid is { } bid)
        {
            WriteBid(writer, bid);
        }

        WriteRedFlags(writer, a.RedFlags);
        WriteReasons(writer, a.Reasons);
        WriteMissingEvidence(writer, a.MissingEvidence);
        WriteKnockOuts(writer, a.KnockOuts);
        if (!_omitPolicy && a.Policy is { } policy)
        {
            WritePolicy(writer, policy);
        }

        WriteImprovements(writer, a.Improvements);
        WriteFlipPoints(writer, a.FlipPoints);
        writer.WriteEndObject();
    }

    /// <summary>The policy stamp, every assessment's same object: copied from the bytes of the last stamp written when it is that stamp and the output compact.</summary>
    private void WritePolicy(Utf8JsonWriter writer, PolicyStamp policy)
    {
        if (_fragmentsNow is not null)
        {
            if (!ReferenceEquals(policy, _policy))
            {
                _policyJson = _fragments.Render(0, policy, static (_, w, p) => WritePolicyFields(w, p));
                _policy = policy;
            }

            writer.WritePropertyName(Names.Policy);
            writer.WriteRawValue(_policyJson!, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject(Names.Policy);
        WritePolicyFields(writer, policy);
        writer.WriteEndObject();
    }

    private static void WritePolicyFields(Utf8JsonWriter writer, PolicyStamp policy)
    {
        WriteString(writer, Names.Name, policy.Name);
        WriteString(writer, Names.Version, policy.Version);
        WriteString(writer, Names.Sha256, policy.Sha256);
    }

    private void WriteGate(Utf8JsonWriter writer, GateResult gate)
    {
        writer.WriteStartObject(Names.Gate);
        WriteWord(writer, Names.Stage, gate.Stage);
        WriteWord(writer, Names.Outcome, gate.Outcome);
        WriteWord(writer, Names.NextStage, gate.NextStage);
        WriteGateItems(writer, Names.Missing, gate.Missing);
        WriteGateItems(writer, Names.EndedBy, gate.EndedBy);
        writer.WriteEndObject();
    }

    private void WriteBid(Utf8JsonWriter writer, BidResult bid)
    {
        writer.WriteStartObject(Names.Bid);
        WriteWord(writer, Names.Decision, bid.Decision);
        WriteWord(writer, Names.Kind, bid.Kind);
        WriteNumber(writer, Names.GrossMargin, bid.GrossMargin);
        WriteNumber(writer, Names.NetMargin, bid.NetMargin);
        WriteDecimal(writer, Names.MarginFloor, bid.MarginFloor);
        WriteFatalFactors(writer, bid.FatalFactors);
        WriteGateItems(writer, Names.ReviewReasons, bid.ReviewReasons);
        if (bid.CostRisk is { } risk)
        {
            writer.WriteStartObject(Names.CostRisk);
            WriteString(writer, Names.Distribution, risk.Distribution);
            WriteString(writer, Names.Method, risk.Method);
            WriteDecimal(writer, Names.Low, risk.Low);
            WriteDecimal(writer, Names.Mode, risk.Mode);
            WriteDecimal(writer, Names.High, risk.High);
            WriteDecimal(writer, Names.CostAtFloor, risk.CostAtFloor);
            WriteDecimal(writer, Names.CostAtLoss, risk.CostAtLoss);
            writer.WriteNumber(Names.ProbabilityBelowFloor, risk.ProbabilityBelowFloor);
            writer.WriteNumber(Names.ProbabilityOfLoss, risk.ProbabilityOfLoss);
            writer.WriteEndObject();
        }

        if (bid.Economics is { } e)
        {
            writer.WriteStartObject(Names.Economics);
            writer.WriteNumber(Names.WinProbability, e.WinProbability);
            WriteDecimal(writer, Names.MarginAmount, e.MarginAmount);
            WriteDecimal(writer, Names.BidCost, e.BidCost);
            WriteDecimal(writer, Names.ExpectedValue, e.ExpectedValue);
            if (e.BreakEvenWinProbability is { } breakEven)
            {
                writer.WriteNumber(Names.BreakEvenWinProbability, breakEven);
            }

            WriteDecimal(writer, Names.MaxBidCost, e.MaxBidCost);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A message in the language, in the contract's encoding as a JSON string value already escaped (copied with
    /// <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>, without the writer's scan of every text): the
    /// text the list element's look-up just found or rendered (<see cref="Hand"/>), the cache's, or rendered straight
    /// into the output — a literal, a message the cache cannot compare, or a code whose texts seldom repeat
    /// (<see cref="MessageCode.TakeDirect"/>). A writer with another encoder is given the UTF-8 to escape its own way.
    /// </summary>
    private void WriteMessage(Utf8JsonWriter writer, MessageText text)
    {
        if (!_contractEncoder)
        {
            (_handed, _handedText) = (null, null);
            writer.WriteString(Names.Message, _messages.Renderer.Render(text)); // another encoder escapes as it will
            return;
        }

        writer.WritePropertyName(Names.Message);
        if (ReferenceEquals(text, _handed))
        {
            var handed = _handedText;
            (_handed, _handedText) = (null, null);
            writer.WriteRawValue(handed is null ? _messages.Renderer.RenderJsonString(text) : handed, skipInputValidation: true);
            return;
        }

        if (_messages.Renderer.CodeOf(text) is { } code && !code.TakeDirect() && MessageTextCache.Content.TryHash(text, out var hash))
        {
            code.Saw(_messages.Find(text, hash, out var kept));
            writer.WriteRawValue(kept ?? _messages.Renderer.RenderJsonString(text), skipInputValidation: true); // a first sighting: rendered into the output, not kept
            return;
        }

        writer.WriteRawValue(_messages.Renderer.RenderJsonString(text), skipInputValidation: true); // escaped as the writer would escape it
    }

    /// <summary>Hands the next <see cref="WriteMessage"/> of <paramref name="text"/> its bytes (<see langword="null"/>: render it directly), so that an element's message is looked up once.</summary>
    private void Hand(MessageText? text, byte[]? bytes) => (_handed, _handedText) = (text, bytes);

    /// <summary>A string property, left out when null (the contract's <c>WhenWritingNull</c>).</summary>
    private static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } v)
        {
            WriteDecimal(writer, name, v);
        }
    }

    /// <summary>A decimal property: the bytes of <see cref="Utf8JsonWriter.WriteNumber(JsonEncodedText, decimal)"/>, formatted without the runtime's general number formatting (<see cref="NumberUtf8"/>).</summary>
    private static void WriteDecimal(Utf8JsonWriter writer, JsonEncodedText name, decimal value)
    {
        Span<byte> text = stackalloc byte[NumberUtf8.MaxLength];
        var length = NumberUtf8.Format(value, text);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>An enumeration as the contract's word (encoded once per value).</summary>
    private static void WriteWord<TEnum>(Utf8JsonWriter writer, JsonEncodedText name, TEnum value) where TEnum : struct, Enum
    {
        var words = Words<TEnum>.Encoded;
        var i = Words<TEnum>.IndexOf(value);
        if ((uint)i < (uint)words.Length)
        {
            writer.WriteString(name, words[i]);
        }
        else
        {
            writer.WriteString(name, ContractEnum<TEnum>.Name(value)); // what the serializer's converter does with a value outside the enumeration
        }
    }

    private static void WriteWord<TEnum>(Utf8JsonWriter writer, JsonEncodedText name, TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } v)
        {
            WriteWord(writer, name, v);
        }
    }

    /// <summary>The contract's words of an enumeration, JSON-encoded, indexed by value (the shipped enumerations count from 0).</summary>
    private static class Words<TEnum> where TEnum : struct, Enum
    {
        public static readonly JsonEncodedText[] Encoded = Build();

        private static readonly bool IntBacked = Enum.GetUnderlyingType(typeof(TEnum)) == typeof(int);

        private static readonly bool[] Defined = [.. Enumerable.Range(0, Encoded.Length).Select(i => Enum.IsDefined(typeof(TEnum), Enum.ToObject(typeof(TEnum), i)))];

        /// <summary>The value's index in <see cref="Encoded"/>, or -1 when it has no word there.</summary>
        public static int IndexOf(TEnum value)
        {
            var i = IntBacked ? Unsafe.BitCast<TEnum, int>(value) : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            return (uint)i < (uint)Encoded.Length && Defined[i] ? i : -1;
        }

        private static JsonEncodedText[] Build()
        {
            var values = Enum.GetValues<TEnum>();
            var max = values.Length == 0 ? -1 : values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
            var words = new JsonEncodedText[Math.Max(0, max + 1)];
            foreach (var value in values)
            {
                var i = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                if (i >= 0)
                {
                    words[i] = JsonEncodedText.Encode(ContractEnum<TEnum>.Name(value), Encoder);
                }
            }

            return words;
        }
    }

    /// <summary>A buffer, a JSON writer and a writer per language, kept per thread for <see cref="ToUtf8Bytes"/>.</summary>
    private sealed class Scratch
    {
        private readonly AssessmentJsonWriter?[] _byLanguage = new AssessmentJsonWriter?[Texts.Languages.Count];

        public ArrayBufferWriter<byte> Buffer { get; } = new(16 * 1024);

        public Utf8JsonWriter Json { get; }

        public Scratch() => Json = new Utf8JsonWriter(Buffer, WriterOptions());

        public AssessmentJsonWriter For(Texts texts)
        {
            var languages = Texts.Languages;
            for (var i = 0; i < languages.Count; i++)
            {
                if (languages[i] == texts.Language)
                {
                    return _byLanguage[i] ??= new AssessmentJsonWriter(texts);
                }
            }

            throw new ArgumentOutOfRangeException(nameof(texts), texts.Language, "not a shipped language");
        }
    }
}
