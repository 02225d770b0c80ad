using System.Text.Json;

namespace OpportunityScoring;

/// <summary>The assessment's lists and the property names, each in the order and shape the serializer writes them.</summary>
internal sealed partial class AssessmentJsonWriter
{
    /// <summary>
    /// A list as the serializer writes it: nothing when the list is null, a null element as <c>null</c>, every other
    /// element an object of the fields <paramref name="writeFields"/> writes (a static lambda: no closure per list).
    /// When the output is compact and <paramref name="slotOf"/> gives the element's slot, an element the engine shares
    /// between assessments is copied from the bytes kept on it (a reference check); otherwise, when
    /// <paramref name="keyOf"/> gives it a key, it is copied from the bytes kept for its message
    /// (<see cref="JsonFragmentCache"/>) once that message has been seen before, and the bytes found are kept on it.
    /// </summary>
    private void WriteList<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T>? items, Action<AssessmentJsonWriter, Utf8JsonWriter, T> writeFields, SlotOf<T>? slotOf = null, KeyOf<T>? keyOf = null)
        where T : class
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        var fragments = keyOf is null ? null : _fragmentsNow;
        var texts = _messages.Texts;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                writer.WriteNullValue();
                continue;
            }

            if (fragments is not null)
            {
                ref var slot = ref slotOf!(item);
                if (slot.Kept is { } onItem && ReferenceEquals(onItem.Texts, texts))
                {
                    fragments.Write(writer, onItem); // a shared element written before: no key, no look-up
                    continue;
                }

                if (WriteKept(writer, fragments, item, writeFields, keyOf!) is { } kept)
                {
                    slot = new KeptJsonSlot(kept);
                    continue;
                }
            }

            writer.WriteStartObject();
            writeFields(this, writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an element from the bytes kept for its message or content (or keeps them, on its message's second sighting) and returns them; <see langword="null"/> when the element is to be written field by field.</summary>
    private KeptJson? WriteKept<T>(Utf8JsonWriter writer, JsonFragmentCache fragments, T item, Action<AssessmentJsonWriter, Utf8JsonWriter, T> writeFields, KeyOf<T> keyOf)
    {
        if (!keyOf(item, out var same))
        {
            return null;
        }

        if (fragments.FindSame(same) is { } attached)
        {
            fragments.Write(writer, attached);
            return attached;
        }

        var code = _messages.Renderer.CodeOf(same.Message);
        if (code is not null && code.TakeDirect())
        {
            Hand(same.Message, null); // a code whose texts seldom repeat: no look-up, rendered into the output
        }
        else if (code is not null && same.WithContentHash(out var key))
        {
            if (fragments.Find(key) is { } found)
            {
                code.Saw(hit: true);
                fragments.Write(writer, found);
                return found;
            }

            var seen = _messages.Find(key.Message, key.MessageHash, out var text);
            code.Saw(seen);
            Hand(key.Message, text); // the fields below write this text without looking it up again (render it, on a first sighting)
            if (seen)
            {
                var added = fragments.Add(key, this, item, writeFields);
                writer.WriteRawValue(added.Bytes, skipInputValidation: true);
                return added;
            }
        }

        return null;
    }

    /// <summary>Where an element keeps its bytes (<see cref="KeptJsonSlot"/>).</summary>
    private delegate ref KeptJsonSlot SlotOf<in T>(T item);

    /// <summary>An element's key in the <see cref="JsonFragmentCache"/>; <see langword="false"/> when it is written field by field (a message that is not cacheable, a word outside its enumeration).</summary>
    private delegate bool KeyOf<in T>(T item, out FragmentKey key);

    private static bool Keyed(int list, string? first, string? second, int word, decimal number, MessageText text, out FragmentKey key)
    {
        key = word < -1 ? default : new FragmentKey(list, first, second, word, number, text);
        return word >= -1;
    }

    /// <summary>A word's index as a key: -2 (not keyed) for a value outside the enumeration, whose name the serializer writes.</summary>
    private static int Known(int index) => index < 0 ? -2 : index;

    private void WriteRedFlags(Utf8JsonWriter writer, IReadOnlyList<RedFlag>? flags) =>
        WriteList(
            writer,
            Names.RedFlags,
            flags,
            static (self, w, flag) =>
            {
                WriteString(w, Names.Code, flag.Code);
                self.WriteMessage(w, flag.Text);
                WriteString(w, Names.Rule, flag.Rule);
            },
            static ref KeptJsonSlot (RedFlag flag) => ref flag.Json,
            static (RedFlag flag, out FragmentKey key) => Keyed(1, flag.Code, flag.Rule, -1, 0m, flag.Text, out key));

    private void WriteReasons(Utf8JsonWriter writer, IReadOnlyList<Reason>? reasons) =>
        WriteList(
            writer,
            Names.Reasons,
            reasons,
            static (self, w, reason) =>
            {
                WriteString(w, Names.Rule, reason.Rule);
                WriteWord(w, Names.Criterion, reason.Criterion);
                WriteDecimal(w, Names.Points, reason.Points);
                self.WriteMessage(w, reason.Text);
            },
            static ref KeptJsonSlot (Reason reason) => ref reason.Json,
            static (Reason reason, out FragmentKey key) =>
                Keyed(2, reason.Rule, null, reason.Criterion is { } c ? Known(Words<Criterion>.IndexOf(c)) : -1, reason.Points, reason.Text, out key));

    private void WriteMissingEvidence(Utf8JsonWriter writer, IReadOnlyList<MissingEvidence>? items) =>
        WriteList(
            writer,
            Names.MissingEvidence,
            items,
            static (self, w, item) =>
            {
                WriteString(w, Names.Field, item.Field);
                self.WriteMessage(w, item.Text);
            },
            static ref KeptJsonSlot (MissingEvidence item) => ref item.Json,
            static (MissingEvidence item, out FragmentKey key) => Keyed(3, item.Field, null, -1, 0m, item.Text, out key));

    private void WriteKnockOuts(Utf8JsonWriter writer, IReadOnlyList<KnockOut>? knockOuts) =>
        WriteList(
            writer,
            Names.KnockOuts,
            knockOuts,
            static (self, w, knockOut) =>
            {
                WriteString(w, Names.Code, knockOut.Code);
                WriteWord(w, Names.Cap, knockOut.Cap);
                self.WriteMessage(w, knockOut.Text);
            },
            static ref KeptJsonSlot (KnockOut knockOut) => ref knockOut.Json,
            static (KnockOut knockOut, out FragmentKey key) => Keyed(4, knockOut.Code, null, Known(Words<Grade>.IndexOf(knockOut.Cap)), 0m, knockOut.Text, out key));

    private void WriteGateItems(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<GateItem>? items) =>
        WriteList(
            writer,
            name,
            items,
            static (self, w, item) =>
            {
                WriteString(w, Names.Code, item.Code);
                self.WriteMessage(w, item.Text);
            },
            static ref KeptJsonSlot (GateItem item) => ref item.Json,
            static (GateItem item, out FragmentKey key) => Keyed(5, item.Code, null, -1, 0m, item.Text, out key));

    private void WriteFatalFactors(Utf8JsonWriter writer, IReadOnlyList<FatalFactor>? factors) =>
        WriteList(writer, Names.FatalFactors, factors, static (self, w, factor) =>
        {
            WriteString(w, Names.Code, factor.Code);
            self.WriteMessage(w, factor.Text);
            WriteFactorValue(w, Names.Threshold, factor.Threshold);
            WriteFactorValue(w, Names.Actual, factor.Actual);
        });

    /// <summary>A threshold or actual as <see cref="FactorValueConverter"/> writes it: a number, or its words.</summary>
    private static void WriteFactorValue(Utf8JsonWriter writer, JsonEncodedText name, FactorValue? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }

    private void WriteImprovements(Utf8JsonWriter writer, IReadOnlyList<Improvement>? improvements) =>
        WriteList(writer, Names.Improvements, improvements, static (_, w, improvement) =>
        {
            WriteString(w, Names.Code, improvement.Code);
            WriteString(w, Names.Message, improvement.Message);
            WriteDecimal(w, Names.Points, improvement.Points);
            WriteDecimal(w, Names.ScoreAfter, improvement.ScoreAfter);
            WriteWord(w, Names.GradeAfter, improvement.GradeAfter);
            WriteWord(w, Names.GateAfter, improvement.GateAfter);
            WriteWord(w, Names.BidAfter, improvement.BidAfter);
        });

    private void WriteFlipPoints(Utf8JsonWriter writer, IReadOnlyList<FlipPoint>? flips) =>
        WriteList(writer, Names.FlipPoints, flips, static (_, w, flip) =>
        {
            WriteString(w, Names.Code, flip.Code);
            WriteWord(w, Names.Kind, flip.Kind);
            WriteWord(w, Names.Criterion, flip.Criterion);
            WriteString(w, Names.From, flip.From);
            WriteString(w, Names.To, flip.To);
            WriteNumber(w, Names.Delta, flip.Delta);
            WriteString(w, Names.OutcomeBefore, flip.OutcomeBefore);
            WriteString(w, Names.OutcomeAfter, flip.OutcomeAfter);
            w.WriteBoolean(Names.Verified, flip.Verified);
            WriteString(w, Names.Message, flip.Message);
        });

    /// <summary>The contract's property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = E("id"), Grade = E("grade"), Score = E("score"), Criteria = E("criteria");
        public static readonly JsonEncodedText Need = E("need"), Budget = E("budget"), Timeline = E("timeline"), Competition = E("competition");
        public static readonly JsonEncodedText DecisionChain = E("decisionChain"), StrategicFit = E("strategicFit"), GrossMargin = E("grossMargin");
        public static readonly JsonEncodedText WinProbability = E("winProbability"), Gate = E("gate"), Bid = E("bid"), Policy = E("policy");
        public static readonly JsonEncodedText Stage = E("stage"), Outcome = E("outcome"), NextStage = E("nextStage"), Missing = E("missing"), EndedBy = E("endedBy");
        public static readonly JsonEncodedText Decision = E("decision"), Kind = E("kind"), NetMargin = E("netMargin"), MarginFloor = E("marginFloor");
        public static readonly JsonEncodedText FatalFactors = E("fatalFactors"), ReviewReasons = E("reviewReasons"), CostRisk = E("costRisk"), Economics = E("economics");
        public static readonly JsonEncodedText Distribution = E("distribution"), Method = E("method"), Low = E("low"), Mode = E("mode"), High = E("high");
        public static readonly JsonEncodedText CostAtFloor = E("costAtFloor"), CostAtLoss = E("costAtLoss");
        public static readonly JsonEncodedText ProbabilityBelowFloor = E("probabilityBelowFloor"), ProbabilityOfLoss = E("probabilityOfLoss");
        public static readonly JsonEncodedText MarginAmount = E("marginAmount"), BidCost = E("bidCost"), ExpectedValue = E("expectedValue");
        public static readonly JsonEncodedText BreakEvenWinProbability = E("breakEvenWinProbability"), MaxBidCost = E("maxBidCost");
        public static readonly JsonEncodedText RedFlags = E("redFlags"), Reasons = E("reasons"), MissingEvidence = E("missingEvidence"), KnockOuts = E("knockOuts");
        public static readonly JsonEncodedText Code = E("code"), Message = E("message"), Rule = E("rule"), Criterion = E("criterion"), Points = E("points");
        public static readonly JsonEncodedText Field = E("field"), Cap = E("cap"), Threshold = E("threshold"), Actual = E("actual");
        public static readonly JsonEncodedText Name = E("name"), Version = E("version"), Sha256 = E("sha256");
        public static readonly JsonEncodedText Improvements = E("improvements"), FlipPoints = E("flipPoints"), ScoreAfter = E("scoreAfter");
        public static readonly JsonEncodedText GradeAfter = E("gradeAfter"), GateAfter = E("gateAfter"), BidAfter = E("bidAfter");
        public static readonly JsonEncodedText From = E("from"), To = E("to"), Delta = E("delta"), OutcomeBefore = E("outcomeBefore"), OutcomeAfter = E("outcomeAfter"), Verified = E("verified");

        private static JsonEncodedText E(string name) => JsonEncodedText.Encode(name, Encoder);
    }
}
