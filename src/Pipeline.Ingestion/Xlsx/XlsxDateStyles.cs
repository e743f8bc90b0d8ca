using System.Globalization;
using System.Xml;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Which cell styles of a workbook show numbers as dates or times, and how to write such a number as ISO 8601 text.</summary>
/// <remarks>
/// <para>Excel stores a date as a plain number (days since its epoch, the fraction the time of day); only the cell's style
/// makes it a date. A style (<c>cellXfs</c> in <c>xl/styles.xml</c>, indexed by the cell's <c>s</c> attribute) is a
/// date style when its <c>numFmtId</c> is a built-in date or time format (14–22, 45–47) or a custom <c>numFmt</c> whose
/// code has a <c>d</c>, <c>m</c>, <c>y</c>, <c>h</c> or <c>s</c> outside quoted text, brackets (<c>[$€-413]</c>,
/// colours, conditions) and escaped characters.</para>
/// <para>Such a number is written as <c>yyyy-MM-dd</c> when it is a whole day, else as <c>yyyy-MM-ddTHH:mm:ss</c>
/// (rounded to the second), and a time alone (a number under 1) as <c>HH:mm:ss</c>. No offset is written: Excel keeps
/// no time zone, so the time is the naive local time the sheet shows, and each reader places it as it places such a
/// time in a CSV file (a vendor column in its naive zone). A canonical file promises an instant with an offset, so
/// there only whole days (00:00 in the business time zone) are read, and a time of day stays a row error rather than
/// a guessed zone. The 1900 date system counts from 1899-12-30 with Excel's phantom 29 February 1900 (serial 60,
/// left as the number); a workbook with <c>date1904</c> counts from 1904-01-01.</para>
/// </remarks>
internal sealed class XlsxDateStyles
{
    private const int MaxDays = 2_958_465;

    private static readonly DateOnly Epoch1900 = new(1899, 12, 30);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);
    private static readonly System.Buffers.SearchValues<char> ElapsedTime = System.Buffers.SearchValues.Create("hHmMsS");

    private readonly bool[] _isDate;
    private readonly bool _date1904;

    private XlsxDateStyles(bool[] isDate, bool date1904)
    {
        _isDate = isDate;
        _date1904 = date1904;
    }

    /// <summary>No date styles (a workbook without a styles part): every number is written as a number.</summary>
    public static XlsxDateStyles None { get; } = new([], date1904: false);

    /// <summary>Reads the <c>numFmts</c> and <c>cellXfs</c> of a styles part.</summary>
    public static XlsxDateStyles Read(XmlReader styles, bool date1904)
    {
        var customDates = new HashSet<int>();
        var cellFormats = new List<bool>();
        var section = string.Empty;
        while (styles.Read())
        {
            if (styles.NodeType == XmlNodeType.EndElement && styles.LocalName is "numFmts" or "cellXfs" or "cellStyleXfs" or "dxfs")
            {
                section = string.Empty;
            }

            if (styles.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (styles.LocalName is "numFmts" or "cellXfs" or "cellStyleXfs" or "dxfs")
            {
                section = styles.IsEmptyElement ? string.Empty : styles.LocalName;
            }
            else if (section == "numFmts" && styles.LocalName == "numFmt" && Id(styles) is { } id
                && IsDateFormatCode(styles.GetAttribute("formatCode") ?? string.Empty))
            {
                customDates.Add(id);
            }
            else if (section == "cellXfs" && styles.LocalName == "xf")
            {
                cellFormats.Add(Id(styles) is { } format && (IsBuiltInDate(format) || customDates.Contains(format)));
            }
        }

        return new XlsxDateStyles([.. cellFormats], date1904);
    }

    /// <summary>Whether a number in a cell of style <paramref name="styleIndex"/> is shown as a date or time.</summary>
    public bool IsDate(int styleIndex) => styleIndex >= 0 && styleIndex < _isDate.Length && _isDate[styleIndex];

    /// <summary>The serial number <paramref name="value"/> as ISO 8601 text, or null when it is not a date Excel can show.</summary>
    public string? Format(string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || !double.IsFinite(serial)
            || serial < 0 || serial >= MaxDays + 1)
        {
            return null;
        }

        var days = (int)Math.Floor(serial);
        var seconds = (int)Math.Round((serial - days) * 86_400, MidpointRounding.AwayFromZero);
        if (seconds == 86_400)
        {
            (days, seconds) = (days + 1, 0);
        }

        var time = TimeSpan.FromSeconds(seconds);
        if (days == 0)
        {
            return time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        }

        if (Day(days) is not { } date)
        {
            return null;
        }

        return seconds == 0
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToDateTime(TimeOnly.FromTimeSpan(time)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a custom format code shows a date or time: a d, m, y, h or s outside quotes, brackets and escapes.</summary>
    internal static bool IsDateFormatCode(ReadOnlySpan<char> code)
    {
        for (var index = 0; index < code.Length; index++)
        {
            switch (code[index])
            {
                case '"':
                    var close = code[(index + 1)..].IndexOf('"');
                    index = close < 0 ? code.Length : index + 1 + close;
                    break;
                case '[':
                    var end = code[(index + 1)..].IndexOf(']');
                    // [h], [mm] and [ss] are elapsed hours, minutes and seconds: times, unlike [Red] or [$€-413].
                    var inside = end < 0 ? ReadOnlySpan<char>.Empty : code.Slice(index + 1, end);
                    if (!inside.IsEmpty && !inside.ContainsAnyExcept(ElapsedTime))
                    {
                        return true;
                    }

                    index = end < 0 ? code.Length : index + 1 + end;
                    break;
                case '\\' or '_' or '*':
                    index++;
                    break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }

        return false;
    }

    private static bool IsBuiltInDate(int numFmtId) => numFmtId is (>= 14 and <= 22) or (>= 45 and <= 47);

    private static int? Id(XmlReader reader) =>
        int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The calendar day of a whole serial number (1 or more), or null for Excel's 29 February 1900 and days past 9999.</summary>
    private DateOnly? Day(int days)
    {
        if (_date1904)
        {
            return days <= DateOnly.MaxValue.DayNumber - Epoch1904.DayNumber ? Epoch1904.AddDays(days) : null;
        }

        return days switch
        {
            < 60 => Epoch1900.AddDays(days + 1),
            60 => null,
            _ => Epoch1900.AddDays(days),
        };
    }
}
