using System.Globalization;
using System.Text;

namespace OpportunityScoring.Calibration.History;

/// <summary>How a typed column's cells are read: as they are (a value list), or as numbers, money or dates.</summary>
internal enum CellKind
{
    /// <summary>The cell is looked up in the column's value list.</summary>
    Value = 0,

    /// <summary>A plain number (invariant culture; thousands separators allowed).</summary>
    Number = 1,

    /// <summary>An amount of money: currency symbols and codes and thousands separators are dropped (<c>"$630,385"</c>, <c>"EUR 1 200,50"</c> is not read: a comma is a thousands separator).</summary>
    Money = 2,

    /// <summary>A date (ISO <c>yyyy-MM-dd</c>, or the mapping's <c>format</c>); written as a contract date.</summary>
    Date = 3,
}

// Parsing of typed cells: never a silent placeholder; a cell that does not parse is reported and stays unknown.
internal static class CellValue
{
    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffzzz", "yyyy-MM-ddTHH:mm:ss.fffK", "yyyy/MM/dd", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Reads a number or an amount of money; <see langword="false"/> when the cell is not one.</summary>
    public static bool TryNumber(string raw, CellKind kind, out double value)
    {
        value = 0;
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        var negative = false;
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            negative = true;
            text = text[1..^1];
        }

        var clean = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (kind == CellKind.Money && (char.IsLetter(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.CurrencySymbol))
            {
                continue; // currency symbols and codes: $, €, ¥, USD, EUR…
            }

            if (char.IsDigit(ch) || ch is '.' or '-' or '+' || (kind == CellKind.Number && ch is 'e' or 'E'))
            {
                clean.Append(ch);
            }
            else if (ch is not (',' or '\'' or '_') && !char.IsWhiteSpace(ch))
            {
                return false; // a comma, an apostrophe, an underscore or a space is a thousands separator
            }
        }

        var s = clean.ToString();
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>Reads a date with the mapping's format, else ISO forms.</summary>
    public static bool TryDate(string raw, string? format, out DateOnly date)
    {
        var text = raw.Trim();
        date = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (format is not null)
        {
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact))
            {
                date = DateOnly.FromDateTime(exact);
                return true;
            }

            return false;
        }

        if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            date = DateOnly.FromDateTime(iso);
            return true;
        }

        return false;
    }
}
