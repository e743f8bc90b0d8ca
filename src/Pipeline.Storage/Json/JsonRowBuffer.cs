using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Pipeline.Domain;

namespace Pipeline.Storage.Json;

/// <summary>
/// Minimized JSON written straight into a byte buffer, value by value, with exactly the bytes <see cref="Utf8JsonWriter"/>
/// gives with its default options: the caller writes the structure (names, commas, brackets) as UTF-8 literals.
/// </summary>
/// <remarks>
/// <para>
/// Strings made only of characters the default encoder never escapes (letters, digits, space and the punctuation in
/// <see cref="PlainCharacters"/>) are copied as ASCII; any other string is written by a <see cref="Utf8JsonWriter"/>
/// (its own escaping, invalid UTF-16 included). A decimal whose digits fit 64 bits is written from its digits and scale (what
/// <see cref="Utf8Formatter"/> writes: every digit of the scale, a leading <c>0.</c> below one, a minus sign on negative
/// values); others go through <see cref="Utf8Formatter"/> itself. Tests compare both with the writer's bytes.
/// </para>
/// <para>
/// The buffer is handed to the stream whenever a row ends past <see cref="FlushAt"/> bytes, so a large document is never
/// held whole; it comes from the shared array pool and goes back on <see cref="Dispose"/>.
/// </para>
/// </remarks>
internal sealed class JsonRowBuffer(Stream stream) : IDisposable
{
    /// <summary>The punctuation the default encoder writes as it is (besides letters, digits and space).</summary>
    public const string PlainCharacters = "!#$%()*,-./:;=?@[]^_{|}~";

    private const int FlushAt = 64 * 1024;

    private static readonly SearchValues<char> Plain = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 " + PlainCharacters);

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushAt + 4096);
    private int _length;
    private ArrayBufferWriter<byte>? _escaped;
    private Utf8JsonWriter? _escaper;

    /// <summary>Writes <paramref name="bytes"/> as they are (names, punctuation, literals).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>A JSON string, or <c>null</c>.</summary>
    public void TextOrNull(string? value)
    {
        if (value is null)
        {
            Raw("null"u8);
            return;
        }

        Text(value);
    }

    /// <summary>A JSON string.</summary>
    public void Text(string value)
    {
        if (value.AsSpan().IndexOfAnyExcept(Plain) < 0)
        {
            var target = Reserve(value.Length + 2);
            target[0] = (byte)'"';
            Ascii.FromUtf16(value, target[1..], out var written);
            target[written + 1] = (byte)'"';
            _length += written + 2;
            return;
        }

        // Anything else is escaped by the writer itself (which also writes a lone surrogate as the serializer does).
        _escaped ??= new ArrayBufferWriter<byte>();
        _escaped.ResetWrittenCount();
        _escaper ??= new Utf8JsonWriter(_escaped, new JsonWriterOptions { SkipValidation = true });
        _escaper.Reset(_escaped);
        _escaper.WriteStringValue(value);
        _escaper.Flush();
        Raw(_escaped.WrittenSpan);
    }

    /// <summary>A decimal with every digit of its scale, as <see cref="Utf8JsonWriter.WriteNumberValue(decimal)"/> writes it.</summary>
    public void Number(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var (low, middle, high) = (unchecked((uint)bits[0]), unchecked((uint)bits[1]), bits[2]);
        var negative = bits[3] < 0;
        var scale = value.Scale;
        var mantissa = ((ulong)middle << 32) | low;
        if (high != 0 || (negative && mantissa == 0))
        {
            // 96-bit digits, or a negative zero: the formatter's own rules.
            var target = Reserve(64);
            if (!Utf8Formatter.TryFormat(value, target, out var formatted))
            {
                throw new InvalidOperationException($"Decimal {value} did not fit 64 bytes.");
            }

            _length += formatted;
            return;
        }

        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(mantissa, digits, out var count);
        var span = Reserve(count + scale + 3);
        var at = 0;
        if (negative)
        {
            span[at++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits[..count].CopyTo(span[at..]);
            _length += at + count;
            return;
        }

        if (count <= scale)
        {
            // Below one: 0.0…0 then the digits.
            span[at++] = (byte)'0';
            span[at++] = (byte)'.';
            span.Slice(at, scale - count).Fill((byte)'0');
            at += scale - count;
            digits[..count].CopyTo(span[at..]);
            _length += at + count;
            return;
        }

        var whole = count - scale;
        digits[..whole].CopyTo(span[at..]);
        at += whole;
        span[at++] = (byte)'.';
        digits[whole..count].CopyTo(span[at..]);
        _length += at + scale;
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public void Flag(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>A month as the string <c>yyyy-MM</c>, or <c>null</c>.</summary>
    public void MonthOrNull(BillingMonth? month) => CalendarOrNull(month?.FirstDay, withDay: false);

    /// <summary>A date as the string <c>yyyy-MM-dd</c> (how the serializer writes a <see cref="DateOnly"/>), or <c>null</c>.</summary>
    public void DateOrNull(DateOnly? date) => CalendarOrNull(date, withDay: true);

    /// <summary>Hands the buffer to the stream when it has grown past <see cref="FlushAt"/> (call between rows).</summary>
    public void RowEnded()
    {
        if (_length >= FlushAt)
        {
            Flush();
        }
    }

    /// <summary>Hands everything written so far to the stream.</summary>
    public void Flush()
    {
        stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        _escaper?.Dispose();
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes: the buffer is flushed, or grown for a value larger than it.</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(bytes);
            }
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary><c>"yyyy-MM"</c> or <c>"yyyy-MM-dd"</c> of <paramref name="date"/> (years of four digits, as a <see cref="BillingMonth"/> has), or <c>null</c>.</summary>
    private void CalendarOrNull(DateOnly? date, bool withDay)
    {
        if (date is not { } value)
        {
            Raw("null"u8);
            return;
        }

        var length = withDay ? 12 : 9;
        var target = Reserve(length);
        target[0] = (byte)'"';
        FourDigits(target[1..], value.Year);
        target[5] = (byte)'-';
        TwoDigits(target[6..], value.Month);
        if (withDay)
        {
            target[8] = (byte)'-';
            TwoDigits(target[9..], value.Day);
        }

        target[length - 1] = (byte)'"';
        _length += length;
    }

    private static void FourDigits(Span<byte> target, int value)
    {
        target[0] = (byte)('0' + (value / 1000));
        target[1] = (byte)('0' + (value / 100 % 10));
        target[2] = (byte)('0' + (value / 10 % 10));
        target[3] = (byte)('0' + (value % 10));
    }

    private static void TwoDigits(Span<byte> target, int value)
    {
        target[0] = (byte)('0' + (value / 10));
        target[1] = (byte)('0' + (value % 10));
    }
}
