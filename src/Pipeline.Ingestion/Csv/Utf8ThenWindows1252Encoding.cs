using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Pipeline.Ingestion.Csv;

/// <summary>Decodes UTF-8 up to the first invalid byte sequence, and Windows-1252 from there to the end of the file.</summary>
/// <remarks>
/// For files whose first 64 KiB are valid UTF-8 (so the sniffer chose UTF-8) but whose later bytes are not: Excel's
/// Windows-1252 "CSV" with its first accent or € sign deep in the file, or rows appended from another source. When
/// everything before that point is ASCII, which is how such files usually start, this reads exactly what a second
/// pass in Windows-1252 would, in one pass and without re-reading or buffering the stream (which may not seek);
/// UTF-8 text before it is kept as written rather than garbled. Encoding (the writing direction) is plain UTF-8.
/// </remarks>
internal sealed class Utf8ThenWindows1252Encoding : Encoding
{
    private static readonly UTF8Encoding Utf8Text = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Encoding _windows1252;

    public Utf8ThenWindows1252Encoding(Encoding windows1252) => _windows1252 = windows1252;

    /// <summary>Bytes decoded as UTF-8 before the first invalid sequence, once one was found; else null.</summary>
    public long? FallbackOffset { get; private set; }

    public override int GetByteCount(char[] chars, int index, int count) => Utf8Text.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Utf8Text.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) => new SwitchingDecoder(this).GetCharCount(bytes, index, count, flush: true);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        new SwitchingDecoder(this).GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: true);

    public override int GetMaxByteCount(int charCount) => Utf8Text.GetMaxByteCount(charCount);

    /// <summary>Both encodings give at most one character per byte; up to 3 bytes of an unfinished sequence may be carried.</summary>
    public override int GetMaxCharCount(int byteCount) => byteCount + 4;

    public override Decoder GetDecoder() => new SwitchingDecoder(this);

    private sealed class SwitchingDecoder(Utf8ThenWindows1252Encoding owner) : Decoder
    {
        private readonly byte[] _pending = new byte[4];
        private int _pendingCount;
        private bool _switched;
        private long _decoded;

        public override int GetCharCount(byte[] bytes, int index, int count) => GetCharCount(bytes, index, count, flush: false);

        public override int GetCharCount(byte[] bytes, int index, int count, bool flush) => GetCharCount(bytes.AsSpan(index, count), flush);

        public override int GetCharCount(ReadOnlySpan<byte> bytes, bool flush)
        {
            var scratch = ArrayPool<char>.Shared.Rent(bytes.Length + 4);
            try
            {
                return Decode(bytes, scratch, flush, commit: false);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(scratch);
            }
        }

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
            GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: false);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, bool flush) =>
            Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush, commit: true);

        public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush) => Decode(bytes, chars, flush, commit: true);

        public override void Reset()
        {
            _pendingCount = 0;
            _switched = false;
            _decoded = 0;
        }

        /// <summary>Decodes the carried bytes and <paramref name="bytes"/>; with <paramref name="commit"/> false, only counts.</summary>
        private int Decode(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush, bool commit)
        {
            if (_switched)
            {
                return owner._windows1252.GetChars(bytes, chars);
            }

            var rented = _pendingCount > 0 ? ArrayPool<byte>.Shared.Rent(_pendingCount + bytes.Length) : null;
            try
            {
                var input = bytes;
                if (rented is not null)
                {
                    _pending.AsSpan(0, _pendingCount).CopyTo(rented);
                    bytes.CopyTo(rented.AsSpan(_pendingCount));
                    input = rented.AsSpan(0, _pendingCount + bytes.Length);
                }

                var status = Utf8.ToUtf16(input, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: flush);
                if (status == OperationStatus.DestinationTooSmall)
                {
                    throw new ArgumentException("The character buffer is too small for the decoded bytes.", nameof(chars));
                }

                var rest = input[read..];
                if (status == OperationStatus.InvalidData)
                {
                    written += owner._windows1252.GetChars(rest, chars[written..]);
                }

                if (commit)
                {
                    Commit(status, read, rest);
                }

                return written;
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        private void Commit(OperationStatus status, int read, ReadOnlySpan<byte> rest)
        {
            _decoded += read;
            _pendingCount = 0;
            if (status == OperationStatus.NeedMoreData)
            {
                rest.CopyTo(_pending);
                _pendingCount = rest.Length;
            }
            else if (status == OperationStatus.InvalidData)
            {
                _switched = true;
                owner.FallbackOffset ??= _decoded;
            }
        }
    }
}
