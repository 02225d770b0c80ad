using System.Globalization;

namespace OpportunityScoring;

/// <summary>
/// A message as a stable code and its arguments, rendered on demand in any shipped language (see <see cref="Texts"/>).
/// Rules record messages this way so that scoring formats nothing nobody reads (a bulk re-score that compares
/// decisions never renders a text) and so that the same assessment can be written in English, Traditional or
/// Simplified Chinese. A literal message (a host's own rule that writes plain text) renders the same in every language.
/// </summary>
/// <remarks>
/// Arguments render culture-invariantly: a <see cref="MessageText"/> argument in the same language, a decimal with
/// thousands separators and without trailing zeros, a double as <c>0.####</c>, anything else by its invariant string.
/// Immutable; thread safe.
/// Equality is by the English text.
/// </remarks>
public sealed partial class MessageText : IEquatable<MessageText>
{
    private static readonly object?[] NoArguments = [];
    // The arguments: typed (a MessageArguments, from the internal overloads of Of) or as objects (an object?[]: as given
    // to the params overload, or boxed from the typed ones when Arguments is first read, which then replaces them —
    // the two read the same through ArgumentAt). One field, not two: an explained assessment makes a dozen messages.
    private object _arguments;
    private string? _english;
    private string? _bare; // a catalogued name's code, shown when no language has the name

    private MessageText(string? code, object?[] arguments, string? literal)
    {
        Code = code;
        _arguments = arguments;
        _english = literal;
    }

    private MessageText(string code, MessageArguments arguments)
    {
        Code = code;
        _arguments = arguments;
    }

    /// <summary>The message code in the catalogue (e.g. <c>redFlag.noCoach</c>); <see langword="null"/> for a literal.</summary>
    public string? Code { get; }

    /// <summary>The arguments of the text's <c>{0}</c>, <c>{1}</c>, … placeholders.</summary>
    public IReadOnlyList<object?> Arguments
    {
        get
        {
            var arguments = _arguments; // read once: another thread may replace the typed arguments by their array
            if (arguments is object?[] boxed)
            {
                return boxed;
            }

            boxed = ((MessageArguments)arguments).ToArray();
            _arguments = boxed; // a race makes two equal arrays
            return boxed;
        }
    }

    /// <summary>How many arguments (the renderers and the writers' caches read them without boxing: <see cref="ArgumentAt"/>).</summary>
    internal int ArgumentCount => _arguments is var a && a is MessageArguments typed ? typed.Count : ((object?[])a).Length;

    /// <summary>An argument, read without boxing when the message holds it typed.</summary>
    /// <param name="index">Its index, below <see cref="ArgumentCount"/>.</param>
    /// <returns>The argument.</returns>
    internal MessageArgument ArgumentAt(int index) => _arguments is var a && a is MessageArguments typed ? typed[index] : MessageArgument.FromObject(((object?[])a)[index]);

    /// <summary>
    /// Whether this is the one shared instance of its catalogue entry (a message without arguments, a catalogued name or
    /// word): there are as many as the catalogue has entries, so a cache keyed by them stays bounded.
    /// </summary>
    internal bool Shared { get; private init; }

    /// <summary>
    /// The JSON writers' last list elements written with this very message (<see cref="JsonFragmentCache"/>): a message
    /// the engine shares between assessments finds its element's bytes here without a look-up. Written by any thread
    /// (an immutable chain replaced whole); not part of the message's value.
    /// </summary>
    internal object? Fragments;

    /// <summary>A catalogued name's bare code (what it renders as when no language has it); <see langword="null"/> otherwise.</summary>
    internal string? Bare => _bare;

    /// <summary>A message from the catalogue.</summary>
    /// <param name="code">The message code; every shipped language must have it (a test checks).</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText Of(string code, params object?[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return arguments is null || arguments.Length == 0
            ? WithoutArguments.GetOrAdd(code, static c => new MessageText(c, NoArguments, null) { Shared = true }) // immutable, so one per code is shared
            : new MessageText(code, arguments, null);
    }

    /// <summary>
    /// A list of catalogued names: the text of <c>{prefix}{code}</c> for each code, joined with the language's list
    /// separator (<c>word.separator</c>: ", " in English, "、" in Chinese), so that a message names fatal factors, review
    /// reasons or knock-outs in the reader's words rather than by their codes. A code the catalogue lacks stands as itself.
    /// </summary>
    /// <param name="prefix">The catalogue prefix of the names (e.g. <c>fatal.name.</c>).</param>
    /// <param name="codes">The codes, in the order to list them.</param>
    /// <returns>The message (the word <c>none</c> of the language when there is no code).</returns>
    [ExplanationOnly]
    internal static MessageText Join(string prefix, IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(codes);
        var items = new object?[codes.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Name(prefix, codes[i]);
        }

        return new MessageText(ListCode, items, null);
    }

    /// <summary>A catalogued name: the text of <c>{prefix}{code}</c> (the code itself in a language that lacks it).</summary>
    /// <param name="prefix">The catalogue prefix (e.g. <c>word.stage.</c>).</param>
    /// <param name="code">The code (e.g. <c>tender</c>).</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    internal static MessageText Name(string prefix, string code)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(code);
        return Names.GetOrAdd(prefix + code, static (key, bare) => new MessageText(key, NoArguments, null) { _bare = bare, Shared = true }, code);
    }

    /// <summary>The contract word of an enumeration value as a catalogued word (<c>word.{enum}.{value}</c>): the contract's word in English, the reader's word in Chinese.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    internal static MessageText Word<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        // One shared message per value, kept by the value's index: an explained assessment asks for a dozen words, and
        // building the catalogue key and looking it up each time was 4% of it.
        var words = WordPrefix<TEnum>.Words;
        var i = ContractEnum<TEnum>.Index(value);
        if ((uint)i < (uint)words.Length && words[i] is { } word)
        {
            return word;
        }

        word = Name(WordPrefix<TEnum>.Prefix, ContractWords.Of(value));
        if ((uint)i < (uint)words.Length)
        {
            words[i] = word; // a race stores the same shared message
        }

        return word;
    }

    private static class WordPrefix<TEnum> where TEnum : struct, Enum
    {
        public static readonly string Prefix = "word." + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(typeof(TEnum).Name) + ".";

        public static readonly MessageText?[] Words = new MessageText?[ContractEnum<TEnum>.Count];
    }

    /// <summary>The code of a list of names (<see cref="Join"/>).</summary>
    internal const string ListCode = "(list)";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MessageText> Names = new(StringComparer.Ordinal);

    /// <summary>What a decisions-only run of the compiled engine puts where an action would have built a message (it is never shown: nothing explained is kept).</summary>
    internal static readonly MessageText Omitted = Literal("(not kept: decisions only)");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MessageText> WithoutArguments = new(StringComparer.Ordinal);

    /// <summary>A plain text that is the same in every language (for rules that write their own text).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    [ExplanationOnly]
    public static MessageText Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MessageText(null, NoArguments, text);
    }

    /// <summary>The text in a language.</summary>
    /// <param name="texts">The catalogue of the language.</param>
    /// <returns>The text.</returns>
    public string Render(Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (Code is null)
        {
            return _english!;
        }

        return texts.IsEnglish ? ToString() : Format(texts);
    }

    /// <summary>The English text (rendered once, then kept).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _english ??= Format(Texts.English);

    /// <inheritdoc />
    public bool Equals(MessageText? other) => other is not null && (ReferenceEquals(this, other) || string.Equals(ToString(), other.ToString(), StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessageText);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private string Format(Texts texts)
    {
        var count = ArgumentCount;
        if (ReferenceEquals(Code, ListCode) || Code == ListCode)
        {
            if (count == 0)
            {
                return texts.Get("word.none");
            }

            var separator = texts.Get("word.separator");
            var names = new string[count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = ((MessageText)ArgumentAt(i).Boxed()!).Render(texts); // an element that is not a message fails as the cast of the object always did
            }

            return string.Join(separator, names);
        }

        if (count == 0)
        {
            return _bare is not null && !texts.Has(Code!) && !Texts.English.Has(Code!) ? _bare : texts.Get(Code!);
        }

        var rendered = new object?[count];
        for (var i = 0; i < rendered.Length; i++)
        {
            var argument = ArgumentAt(i);
            rendered[i] = argument.Kind switch
            {
                ArgumentKind.Null => null,
                ArgumentKind.Message => ((MessageText)argument.Reference!).Render(texts),
                ArgumentKind.Decimal => Numbers.Grouped(argument.Decimal),
                ArgumentKind.Double => argument.Double.ToString("0.####", CultureInfo.InvariantCulture),
                ArgumentKind.Int => argument.Int.ToString(null, CultureInfo.InvariantCulture),
                ArgumentKind.String => argument.Reference,
                _ => argument.Reference is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : argument.Reference,
            };
        }

        return texts.Get(Code!, rendered);
    }
}
