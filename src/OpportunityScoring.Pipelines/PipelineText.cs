namespace OpportunityScoring.Pipelines;

/// <summary>
/// The one encoding policy of every reader: UTF-8, with or without a byte order mark, or UTF-16 (little or big endian)
/// or UTF-32 with one. Every reader works on UTF-8 bytes; UTF-16 and UTF-32 are transcoded to them, and a unit that is
/// not a character (a lone surrogate, a code point beyond U+10FFFF, a last odd byte) becomes the byte 0xFF, which is
/// never UTF-8 — so it reaches the reader as invalid UTF-8 and is an error of its record naming the field, exactly like
/// an invalid byte of a UTF-8 file, never a silent U+FFFD.
/// </summary>
internal static class PipelineText
{
    /// <summary>The input as UTF-8 bytes, without its byte order mark (the caller disposes the original stream).</summary>
    /// <param name="stream">The input.</param>
    /// <returns>A forward-only stream of UTF-8 bytes over <paramref name="stream"/> (left open).</returns>
    public static Stream Utf8(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[4];
        var n = 0;
        while (n < head.Length && stream.Read(head, n, head.Length - n) is var read and > 0)
        {
            n += read;
        }

        var bom = head.AsSpan(0, n);
        return bom switch
        {
            [0xEF, 0xBB, 0xBF, ..] => new PrefixedStream(head[3..n], stream),
            [0xFF, 0xFE, 0x00, 0x00] => new WideToUtf8Stream(stream, [], unit: 4, bigEndian: false),
            [0x00, 0x00, 0xFE, 0xFF] => new WideToUtf8Stream(stream, [], unit: 4, bigEndian: true),
            [0xFF, 0xFE, ..] => new WideToUtf8Stream(stream, head[2..n], unit: 2, bigEndian: false),
            [0xFE, 0xFF, ..] => new WideToUtf8Stream(stream, head[2..n], unit: 2, bigEndian: true),
            _ => new PrefixedStream(head[..n], stream),
        };
    }

    /// <summary>A forward-only stream of some bytes already read from <paramref name="source"/>, then the rest of it (a reader that peeked).</summary>
    /// <param name="prefix">The bytes already read.</param>
    /// <param name="source">The rest (left open).</param>
    /// <returns>The whole input again.</returns>
    public static Stream Prefixed(byte[] prefix, Stream source) => new PrefixedStream(prefix, source);

    /// <summary>A forward-only stream that reads some bytes already taken from its source, then the rest of the source.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream source) : ReadStream
    {
        private int _used;

        public override int Read(Span<byte> buffer)
        {
            if (_used < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _used);
                prefix.AsSpan(_used, n).CopyTo(buffer);
                _used += n;
                return n;
            }

            return source.Read(buffer);
        }
    }

    /// <summary>UTF-16 or UTF-32 code units transcoded to UTF-8, anything that is not a character as 0xFF.</summary>
    private sealed class WideToUtf8Stream(Stream source, byte[] first, int unit, bool bigEndian) : ReadStream
    {
        private readonly byte[] _in = First(first);
        private readonly byte[] _out = new byte[(1 << 16) * 2];
        private int _inCount = first.Length;
        private int _outStart;
        private int _outEnd;
        private int _highSurrogate = -1;
        private bool _ended;

        /// <summary>The input buffer, holding the bytes read after the byte order mark.</summary>
        private static byte[] First(byte[] bytes)
        {
            var buffer = new byte[1 << 16];
            bytes.CopyTo(buffer, 0);
            return buffer;
        }

        public override int Read(Span<byte> buffer)
        {
            while (_outStart == _outEnd)
            {
                if (_ended)
                {
                    return 0;
                }

                Transcode();
            }

            var n = Math.Min(buffer.Length, _outEnd - _outStart);
            _out.AsSpan(_outStart, n).CopyTo(buffer);
            _outStart += n;
            return n;
        }

        private void Transcode()
        {
            var read = source.Read(_in, _inCount, _in.Length - _inCount);
            _inCount += read;
            _outStart = 0;
            _outEnd = 0;
            var whole = _inCount - (_inCount % unit);
            for (var i = 0; i < whole; i += unit)
            {
                Unit(unit == 2
                    ? (bigEndian ? _in[i] << 8 | _in[i + 1] : _in[i + 1] << 8 | _in[i])
                    : (int)(bigEndian ? (uint)(_in[i] << 24 | _in[i + 1] << 16 | _in[i + 2] << 8 | _in[i + 3]) : (uint)(_in[i + 3] << 24 | _in[i + 2] << 16 | _in[i + 1] << 8 | _in[i])));
            }

            Buffer.BlockCopy(_in, whole, _in, 0, _inCount - whole);
            _inCount -= whole;
            if (read == 0)
            {
                _ended = true;
                EndSurrogate();
                if (_inCount > 0)
                {
                    _out[_outEnd++] = 0xFF; // a last, incomplete code unit
                }
            }
        }

        private void Unit(int value)
        {
            if (unit == 2 && value is >= 0xD800 and <= 0xDBFF)
            {
                EndSurrogate();
                _highSurrogate = value;
                return;
            }

            if (unit == 2 && value is >= 0xDC00 and <= 0xDFFF)
            {
                if (_highSurrogate < 0)
                {
                    _out[_outEnd++] = 0xFF; // a low surrogate alone
                    return;
                }

                Scalar(0x10000 + ((_highSurrogate - 0xD800) << 10) + (value - 0xDC00));
                _highSurrogate = -1;
                return;
            }

            EndSurrogate();
            if (value is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                _out[_outEnd++] = 0xFF; // not a character (UTF-32)
                return;
            }

            Scalar(value);
        }

        /// <summary>A high surrogate left without its low one.</summary>
        private void EndSurrogate()
        {
            if (_highSurrogate >= 0)
            {
                _out[_outEnd++] = 0xFF;
                _highSurrogate = -1;
            }
        }

        private void Scalar(int c)
        {
            if (c < 0x80)
            {
                _out[_outEnd++] = (byte)c;
            }
            else if (c < 0x800)
            {
                _out[_outEnd++] = (byte)(0xC0 | c >> 6);
                _out[_outEnd++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (c < 0x10000)
            {
                _out[_outEnd++] = (byte)(0xE0 | c >> 12);
                _out[_outEnd++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                _out[_outEnd++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                _out[_outEnd++] = (byte)(0xF0 | c >> 18);
                _out[_outEnd++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                _out[_outEnd++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                _out[_outEnd++] = (byte)(0x80 | (c & 0x3F));
            }
        }
    }

    /// <summary>The members of a read-only, forward-only stream that are the same for every such stream.</summary>
    private abstract class ReadStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public abstract override int Read(Span<byte> buffer);

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
            // nothing is written
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
