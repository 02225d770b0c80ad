using System.Text;
using System.Text.Json;

namespace OpportunityScoring;

/// <summary>
/// A message code in one language: its template split into UTF-8 pieces around its placeholders (<see cref="MessageUtf8"/>),
/// and whether its texts repeat often enough to be worth looking up in the caches (<see cref="TakeDirect"/>).
/// </summary>
internal sealed class MessageCode
{
    /// <summary>Sightings per trial of the caches.</summary>
    internal const int Window = 256;

    /// <summary>The longest run of direct renderings between two trials.</summary>
    private const int LongestRun = 1 << 20;

    private int _seen;
    private int _hits;
    private int _directLeft;
    private int _run = Window * 16;

    /// <summary>Reads and splits the code's template.</summary>
    public MessageCode(Texts texts, string code)
    {
        Found = texts.TryGetTemplate(code, out var template);
        Raw = Encoding.UTF8.GetBytes(template ?? code);
        EscapedRaw = Escape(Raw);
        if (template is not null)
        {
            Split(template);
        }
    }

    /// <summary>Whether a catalogue has the code (this language or English).</summary>
    public bool Found { get; }

    /// <summary>The template as it stands (the text of a message without arguments), or the code when no catalogue has it.</summary>
    public byte[] Raw { get; }

    /// <summary><see cref="Raw"/> JSON-escaped as the contract's writer escapes a string (<see cref="AssessmentJsonWriter.Encoder"/>).</summary>
    public byte[] EscapedRaw { get; }

    /// <summary><see cref="Pieces"/> JSON-escaped as the contract's writer escapes a string (escaping is per character, so the pieces' escapings joined are the text's).</summary>
    public byte[][]? EscapedPieces { get; private set; }

    /// <summary>The template's text between its placeholders (one more than <see cref="Slots"/>); <see langword="null"/> when it was not split.</summary>
    public byte[][]? Pieces { get; private set; }

    /// <summary>The argument index of each placeholder in order; <see langword="null"/> when the template has anything but text and <c>{n}</c>.</summary>
    public int[]? Slots { get; private set; }

    /// <summary>The highest argument index of the template.</summary>
    public int HighestSlot { get; private set; } = -1;

    /// <summary>
    /// Whether this sighting of the code is to be rendered straight into the output, skipping the caches: after a trial
    /// of <see cref="Window"/> sightings in which fewer than a quarter of its texts had been seen before (amounts,
    /// probabilities, scores), for a run of sightings that doubles each time a trial confirms it.
    /// </summary>
    /// <returns>Whether to render it directly.</returns>
    public bool TakeDirect()
    {
        if (_directLeft == 0)
        {
            return false;
        }

        _directLeft--;
        return true;
    }

    /// <summary>Counts a sighting looked up in the caches: <paramref name="hit"/> when its text had been seen before.</summary>
    /// <param name="hit">Whether the caches had it.</param>
    public void Saw(bool hit)
    {
        _seen++;
        if (hit)
        {
            _hits++;
        }

        if (_seen < Window)
        {
            return;
        }

        if (_hits * 4 < _seen)
        {
            _directLeft = _run;
            _run = Math.Min(_run * 2, LongestRun);
        }
        else
        {
            _run = Window * 16;
        }

        _seen = 0;
        _hits = 0;
    }

    private void Split(string template)
    {
        if (TrySplit(template, out var pieces, out var slots))
        {
            Pieces = pieces;
            EscapedPieces = [.. pieces.Select(Escape)];
            Slots = slots;
            HighestSlot = slots.Length == 0 ? -1 : slots.Max();
        }
    }

    private static byte[] Escape(byte[] utf8) => JsonEncodedText.Encode(utf8, AssessmentJsonWriter.Encoder).EncodedUtf8Bytes.ToArray();

    /// <summary>A template as its UTF-8 text between placeholders and the placeholders' argument indexes; <see langword="false"/> when it has anything but text and <c>{n}</c> (<c>{{</c>, an alignment, a format, a stray brace), which is left to <see cref="string.Format(IFormatProvider, string, object[])"/>.</summary>
    internal static bool TrySplit(string template, out byte[][] pieces, out int[] slots)
    {
        var texts = new List<byte[]>();
        var indexes = new List<int>();
        (pieces, slots) = ([], []);
        var start = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                return false;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            var j = i + 1;
            var index = 0;
            while (j < template.Length && j - i <= 3 && char.IsAsciiDigit(template[j]))
            {
                index = (index * 10) + (template[j] - '0');
                j++;
            }

            if (j == i + 1 || j >= template.Length || template[j] != '}')
            {
                return false;
            }

            texts.Add(Encoding.UTF8.GetBytes(template[start..i]));
            indexes.Add(index);
            i = j + 1;
            start = i;
        }

        texts.Add(Encoding.UTF8.GetBytes(template[start..]));
        (pieces, slots) = ([.. texts], [.. indexes]);
        return true;
    }
}
