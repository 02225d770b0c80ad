using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// A page being written: every text goes through the HTML encoder (Chinese stays as it is), markup is written as is.
/// Server-rendered HTML: the page works without JavaScript, and a screen reader reads what a sighted user sees.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _sb = new(16 * 1024);

    /// <summary>Markup, written as is (never user input).</summary>
    public Html Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Text, encoded.</summary>
    public Html Text(string? text)
    {
        if (text is not null)
        {
            _sb.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>An element with encoded text content.</summary>
    public Html El(string tag, string? text, string? attributes = null)
    {
        _sb.Append('<').Append(tag);
        if (attributes is not null)
        {
            _sb.Append(' ').Append(attributes);
        }

        _sb.Append('>');
        Text(text);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link with encoded text.</summary>
    public Html Link(string href, string text, string? attributes = null)
        => El("a", text, $"href=\"{Attr(href)}\"" + (attributes is null ? string.Empty : " " + attributes));

    /// <summary>An attribute value, encoded.</summary>
    public static string Attr(string? value) => value is null ? string.Empty : Encoder.Encode(value);

    public static string Num(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Num(decimal value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public override string ToString() => _sb.ToString();
}
