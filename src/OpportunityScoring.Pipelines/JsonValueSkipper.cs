using System.Buffers;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Finds where a JSON value ends, a buffer at a time, without holding it: strings (with their escapes), nested objects
/// and arrays, comments. It does not check the value (an oversized record is rejected unread); it only finds its end,
/// so that the next record can be read. Counts the line ends it passes, for the line numbers of later errors.
/// </summary>
internal struct JsonValueSkipper
{
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]/"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(" \t\r\n,]}/"u8);

    private Mode _mode;
    private int _depth;

    private enum Mode
    {
        Start,
        Container,
        String,
        Escape,
        Scalar,
        Slash,
        LineComment,
        BlockComment,
        BlockStar,
    }

    /// <summary>Whether the value has ended.</summary>
    public bool Done { get; private set; }

    /// <summary>The line ends passed.</summary>
    public long Lines { get; private set; }

    /// <summary>Whether the value is a number or a literal, which ends with the input.</summary>
    public readonly bool InScalar => _mode == Mode.Scalar;

    /// <summary>Scans the next bytes of the value (the first call starts at its first byte).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>How many belong to the value (all of them, until <see cref="Done"/>).</returns>
    public int Advance(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && !Done)
        {
            switch (_mode)
            {
                case Mode.Start:
                    var first = bytes[i++];
                    (_mode, _depth) = first is (byte)'{' or (byte)'[' ? (Mode.Container, 1) : first == '"' ? (Mode.String, 0) : (Mode.Scalar, 0);
                    break;
                case Mode.Scalar:
                    i = To(bytes, i, bytes[i..].IndexOfAny(ScalarEnd), consume: false, Mode.Scalar);
                    Done = i < bytes.Length;
                    break;
                case Mode.String:
                    var quoteOrEscape = bytes[i..].IndexOfAny((byte)'"', (byte)'\\');
                    if (quoteOrEscape < 0)
                    {
                        i = bytes.Length;
                        break;
                    }

                    i += quoteOrEscape + 1;
                    if (bytes[i - 1] == '\\')
                    {
                        _mode = Mode.Escape;
                    }
                    else if (_depth == 0)
                    {
                        Done = true;
                    }
                    else
                    {
                        _mode = Mode.Container;
                    }

                    break;
                case Mode.Escape:
                    i++;
                    _mode = Mode.String;
                    break;
                case Mode.Container:
                    var next = bytes[i..].IndexOfAny(Structure);
                    if (next < 0)
                    {
                        i = bytes.Length;
                        break;
                    }

                    i += next + 1;
                    switch (bytes[i - 1])
                    {
                        case (byte)'"':
                            _mode = Mode.String;
                            break;
                        case (byte)'{' or (byte)'[':
                            _depth++;
                            break;
                        case (byte)'}' or (byte)']':
                            Done = --_depth == 0;
                            break;
                        default:
                            _mode = Mode.Slash;
                            break;
                    }

                    break;
                case Mode.Slash:
                    _mode = bytes[i] switch { (byte)'/' => Mode.LineComment, (byte)'*' => Mode.BlockComment, _ => Mode.Container };
                    i += _mode == Mode.Container ? 0 : 1;
                    break;
                case Mode.LineComment:
                    i = To(bytes, i, bytes[i..].IndexOf((byte)'\n'), consume: true, Mode.Container);
                    break;
                case Mode.BlockComment:
                    i = To(bytes, i, bytes[i..].IndexOf((byte)'*'), consume: true, Mode.BlockStar);
                    break;
                default: // BlockStar: a '*' was read; '/' ends the comment, another '*' keeps the state
                    _mode = bytes[i] == '/' ? Mode.Container : bytes[i] == '*' ? Mode.BlockStar : Mode.BlockComment;
                    i++;
                    break;
            }
        }

        Lines += bytes[..i].Count((byte)'\n');
        return i;
    }

    /// <summary>Moves to a byte found at <paramref name="found"/> bytes from <paramref name="i"/> (past it, when consumed), switching mode; to the end when not found.</summary>
    private int To(ReadOnlySpan<byte> bytes, int i, int found, bool consume, Mode then)
    {
        if (found < 0)
        {
            return bytes.Length;
        }

        _mode = then;
        return i + found + (consume ? 1 : 0);
    }
}
