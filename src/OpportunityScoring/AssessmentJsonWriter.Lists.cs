using System.Text.Json;

namespace OpportunityScoring;

/// <summary>The assessment's lists and the property names, each in the order and shape the serializer writes them.</summary>
internal sealed partial class AssessmentJsonWriter
{
    private void WriteRedFlags(Utf8JsonWriter writer, IReadOnlyList<RedFlag>? flags)
    {
        if (flags is null)
        {
            return;
        }

        writer.WriteStartArray(Names.RedFlags);
        for (var i = 0; i < flags.Count; i++)
        {
            if (flags[i] is not { } flag)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, flag.Code);
            WriteMessage(writer, flag.Text);
            WriteString(writer, Names.Rule, flag.Rule);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteReasons(Utf8JsonWriter writer, IReadOnlyList<Reason>? reasons)
    {
        if (reasons is null)
        {
            return;
        }

        writer.WriteStartArray(Names.Reasons);
        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i] is not { } reason)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Rule, reason.Rule);
            WriteWord(writer, Names.Criterion, reason.Criterion);
            writer.WriteNumber(Names.Points, reason.Points);
            WriteMessage(writer, reason.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteMissingEvidence(Utf8JsonWriter writer, IReadOnlyList<MissingEvidence>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(Names.MissingEvidence);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Field, item.Field);
            WriteMessage(writer, item.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteKnockOuts(Utf8JsonWriter writer, IReadOnlyList<KnockOut>? knockOuts)
    {
        if (knockOuts is null)
        {
            return;
        }

        writer.WriteStartArray(Names.KnockOuts);
        for (var i = 0; i < knockOuts.Count; i++)
        {
            if (knockOuts[i] is not { } knockOut)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, knockOut.Code);
            WriteWord(writer, Names.Cap, knockOut.Cap);
            WriteMessage(writer, knockOut.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteGateItems(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<GateItem>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, item.Code);
            WriteMessage(writer, item.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteFatalFactors(Utf8JsonWriter writer, IReadOnlyList<FatalFactor>? factors)
    {
        if (factors is null)
        {
            return;
        }

        writer.WriteStartArray(Names.FatalFactors);
        for (var i = 0; i < factors.Count; i++)
        {
            if (factors[i] is not { } factor)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, factor.Code);
            WriteMessage(writer, factor.Text);
            WriteFactorValue(writer, Names.Threshold, factor.Threshold);
            WriteFactorValue(writer, Names.Actual, factor.Actual);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

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

    private static void WriteImprovements(Utf8JsonWriter writer, IReadOnlyList<Improvement>? improvements)
    {
        if (improvements is null)
        {
            return;
        }

        writer.WriteStartArray(Names.Improvements);
        for (var i = 0; i < improvements.Count; i++)
        {
            if (improvements[i] is not { } improvement)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, improvement.Code);
            WriteString(writer, Names.Message, improvement.Message);
            writer.WriteNumber(Names.Points, improvement.Points);
            writer.WriteNumber(Names.ScoreAfter, improvement.ScoreAfter);
            WriteWord(writer, Names.GradeAfter, improvement.GradeAfter);
            WriteWord(writer, Names.GateAfter, improvement.GateAfter);
            WriteWord(writer, Names.BidAfter, improvement.BidAfter);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFlipPoints(Utf8JsonWriter writer, IReadOnlyList<FlipPoint>? flips)
    {
        if (flips is null)
        {
            return;
        }

        writer.WriteStartArray(Names.FlipPoints);
        for (var i = 0; i < flips.Count; i++)
        {
            if (flips[i] is not { } flip)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, Names.Code, flip.Code);
            WriteWord(writer, Names.Kind, flip.Kind);
            WriteWord(writer, Names.Criterion, flip.Criterion);
            WriteString(writer, Names.From, flip.From);
            WriteString(writer, Names.To, flip.To);
            WriteNumber(writer, Names.Delta, flip.Delta);
            WriteString(writer, Names.OutcomeBefore, flip.OutcomeBefore);
            WriteString(writer, Names.OutcomeAfter, flip.OutcomeAfter);
            writer.WriteBoolean(Names.Verified, flip.Verified);
            WriteString(writer, Names.Message, flip.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

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
