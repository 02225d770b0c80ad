using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpportunityScoring;

/// <summary>
/// The contract's words for an enumeration (camelCase, or the <see cref="JsonStringEnumMemberNameAttribute"/>),
/// read strictly: an unknown word is an error that lists the words allowed.
/// </summary>
internal static class ContractEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly bool IntBacked = Enum.GetUnderlyingType(typeof(TEnum)) == typeof(int);
    private static readonly string[] Names;
    private static readonly FrozenDictionary<string, TEnum> ByName;

    static ContractEnum()
    {
        var values = Enum.GetValues<TEnum>();
        Names = new string[values.Length];
        var map = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var field = typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!;
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                       ?? JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
            Names[Index(value)] = name;
            map[name] = value;
        }

        ByName = map.ToFrozenDictionary(StringComparer.Ordinal);
        Utf8Words = [.. map.Keys.Select(System.Text.Encoding.UTF8.GetBytes)];
        Utf8Values = [.. map.Values];
        Allowed = string.Join(", ", Names);
    }

    /// <summary>The words as UTF-8, beside <see cref="Utf8Values"/>: a handful per enumeration, compared byte for byte.</summary>
    private static readonly byte[][] Utf8Words;
    private static readonly TEnum[] Utf8Values;

    /// <summary>Reads a word from its UTF-8 bytes without making a string (the reader's hot path: a record has dozens of them).</summary>
    /// <param name="word">The unescaped UTF-8 bytes.</param>
    /// <param name="value">The value, when the word is allowed.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryParseUtf8(ReadOnlySpan<byte> word, out TEnum value)
    {
        for (var i = 0; i < Utf8Words.Length; i++)
        {
            if (word.SequenceEqual(Utf8Words[i]))
            {
                value = Utf8Values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The words allowed, comma-separated.</summary>
    public static string Allowed { get; }

    public static string Name(TEnum value) => Names[Index(value)];

    /// <summary>How many words there are (the values' indexes run from 0 to this, exclusive).</summary>
    public static int Count => Names.Length;

    /// <summary>The value's word, or its number when it is not one of the enumeration's values (never throws).</summary>
    public static string NameOrNumber(TEnum value)
    {
        var i = Index(value);
        return (uint)i < (uint)Names.Length ? Names[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The value's index in <see cref="Names"/> (its number), without boxing it for the common int-backed enumeration.</summary>
    internal static int Index(TEnum value) =>
        IntBacked ? Unsafe.BitCast<TEnum, int>(value)
            : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? word, out TEnum value) => ByName.TryGetValue(word ?? string.Empty, out value);
}

/// <summary>Reads and writes enumerations as the contract's words; unknown words fail with the allowed list.</summary>
internal sealed class ContractEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ContractEnumConverter<>).MakeGenericType(typeToConvert))!;
}

internal sealed class ContractEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected one of the words {ContractEnum<TEnum>.Allowed}, found {Describe(reader.TokenType)}");
        }

        return ReadWord(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ContractEnum<TEnum>.Name(value));

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadWord(ref reader);

    /// <summary>The enum value of the word under the reader (read from its UTF-8 bytes when it can be), or a message naming the words allowed.</summary>
    private static TEnum ReadWord(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && ContractEnum<TEnum>.TryParseUtf8(reader.ValueSpan, out var known))
        {
            return known;
        }

        var word = reader.GetString(); // escaped, split across buffers, or not allowed (for the message)
        return ContractEnum<TEnum>.TryParse(word, out var value)
            ? value
            : throw new JsonException($"'{word}' is not allowed here; expected one of {ContractEnum<TEnum>.Allowed}");
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(ContractEnum<TEnum>.Name(value));

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
