using System.Globalization;
using System.Text;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The charts, drawn on the server as SVG: no script, no library, nothing fetched; each chart is an image with a text
/// alternative (<c>role="img"</c> and a label), and the page shows the same figures as a table or list beside it.
/// </summary>
internal static class Charts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The score as a waterfall: one bar per reason from the running total before it to the total after it, in the
    /// order of the reasons, then the score from zero. Bars carry their points (<c>data-points</c>) and the total its
    /// score (<c>data-score</c>), so what the eye adds up a test can add up too.
    /// </summary>
    public static string Waterfall(IReadOnlyList<decimal> points, decimal score, string label, string scoreLabel)
    {
        const int row = 24, left = 56, width = 720, right = 64;
        var running = 0m;
        var low = 0m;
        var high = Math.Max(score, 1m);
        foreach (var p in points)
        {
            running += p;
            low = Math.Min(low, running);
            high = Math.Max(high, running);
        }

        var plot = width - left - right;
        double X(decimal v) => left + (double)((v - low) / (high - low)) * plot;
        var height = (points.Count + 1) * row + 30;
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg class=\"chart waterfall\" role=\"img\" aria-label=\"{Html.Attr(label)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" data-score=\"{Exact(score)}\">");
        sb.Append(Inv, $"<line x1=\"{X(0):0.#}\" y1=\"0\" x2=\"{X(0):0.#}\" y2=\"{height - 24}\" class=\"axis\"/>");
        running = 0m;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var from = running;
            running += p;
            var x = Math.Min(X(from), X(running));
            var w = Math.Max(Math.Abs(X(running) - X(from)), 1);
            var y = i * row + 4;
            sb.Append(Inv, $"<g class=\"step\" data-points=\"{Exact(p)}\"><text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{i + 1}</text>");
            sb.Append(Inv, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{row - 8}\" class=\"{(p < 0 ? "down" : "up")}\"/>");
            sb.Append(Inv, $"<text x=\"{Math.Max(X(from), X(running)) + 4:0.#}\" y=\"{y + 13}\">{(p > 0 ? "+" : string.Empty)}{Html.Num(p)}</text></g>");
        }

        var ty = points.Count * row + 4;
        sb.Append(Inv, $"<g class=\"total\"><text x=\"{left - 8}\" y=\"{ty + 15}\" text-anchor=\"end\">{Html.Attr(scoreLabel)}</text>");
        sb.Append(Inv, $"<rect x=\"{X(0):0.#}\" y=\"{ty}\" width=\"{Math.Max(X(score) - X(0), 1):0.#}\" height=\"{row - 8}\" class=\"sum\" data-score=\"{Exact(score)}\"/>");
        sb.Append(Inv, $"<text x=\"{X(score) + 4:0.#}\" y=\"{ty + 13}\">{Html.Num(score)}</text></g>");
        foreach (var tick in Ticks(low, high))
        {
            sb.Append(Inv, $"<text x=\"{X(tick):0.#}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"tick\">{Html.Num(tick)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars of counts (gate outcomes, bid decisions), each labelled with its word and count.</summary>
    public static string Bars(IReadOnlyList<(string Label, long Count)> bars, string label)
    {
        const int row = 26, left = 150, width = 480;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg class=\"chart bars\" role=\"img\" aria-label=\"{Html.Attr(label)}\" viewBox=\"0 0 {width} {bars.Count * row + 4}\" width=\"100%\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (text, count) = bars[i];
            var w = (width - left - 70) * (double)count / max;
            sb.Append(Inv, $"<text x=\"{left - 8}\" y=\"{i * row + 18}\" text-anchor=\"end\">{Html.Attr(text)}</text>");
            sb.Append(Inv, $"<rect x=\"{left}\" y=\"{i * row + 4}\" width=\"{Math.Max(w, 1):0.#}\" height=\"{row - 8}\" class=\"bar\"/>");
            sb.Append(Inv, $"<text x=\"{left + w + 6:0.#}\" y=\"{i * row + 18}\">{count.ToString("#,0", Inv)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// The cost's distribution (PERT or triangular over low, mode, high) with the margin floor's cost marked and the
    /// costs beyond it — where the margin falls below the floor — shaded; the cost of a loss marked too.
    /// </summary>
    public static string CostRisk(CostRisk risk, string label, string floorLabel, string lossLabel)
    {
        const int width = 720, height = 220, left = 20, right = 20, top = 24, bottom = 40;
        var low = (double)Math.Min(risk.Low, Math.Min(risk.CostAtFloor, risk.CostAtLoss) * 0.98m);
        var high = (double)Math.Max(risk.High, Math.Max(risk.CostAtFloor, risk.CostAtLoss) * 1.02m);
        low = Math.Min(low, (double)risk.Low);
        high = Math.Max(high, (double)risk.High);
        if (high <= low)
        {
            high = low + 1;
        }

        double X(double v) => left + (v - low) / (high - low) * (width - left - right);
        const int samples = 160;
        var a = (double)risk.Low;
        var m = (double)risk.Mode;
        var c = (double)risk.High;
        var densities = new double[samples + 1];
        for (var i = 0; i <= samples; i++)
        {
            densities[i] = Density(a + (c - a) * i / samples, a, m, c, risk.Distribution);
        }

        var peak = Math.Max(densities.Max(), double.Epsilon);
        double Y(double d) => top + (1 - d / peak) * (height - top - bottom);
        var curve = new StringBuilder();
        var shade = new StringBuilder();
        var floor = (double)risk.CostAtFloor;
        for (var i = 0; i <= samples; i++)
        {
            var cost = a + (c - a) * i / samples;
            curve.Append(Inv, $"{(i == 0 ? "M" : "L")}{X(cost):0.#},{Y(densities[i]):0.#} ");
            if (cost >= floor)
            {
                shade.Append(Inv, $"{(shade.Length == 0 ? $"M{X(cost):0.#},{Y(0):0.#} L" : "L")}{X(cost):0.#},{Y(densities[i]):0.#} ");
            }
        }

        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg class=\"chart costrisk\" role=\"img\" aria-label=\"{Html.Attr(label)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\">");
        sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Y(0):0.#}\" x2=\"{width - right}\" y2=\"{Y(0):0.#}\" class=\"axis\"/>");
        if (shade.Length > 0)
        {
            sb.Append(Inv, $"<path d=\"{shade}L{X(c):0.#},{Y(0):0.#} Z\" class=\"beyond\"/>");
        }

        sb.Append(Inv, $"<path d=\"{curve}\" class=\"curve\"/>");
        Marker(sb, X(floor), top, Y(0), "floor", floorLabel, risk.CostAtFloor, "start");
        Marker(sb, X((double)risk.CostAtLoss), top, Y(0), "loss", lossLabel, risk.CostAtLoss, "end");
        foreach (var (value, anchor) in new[] { (a, "start"), (m, "middle"), (c, "end") })
        {
            sb.Append(Inv, $"<text x=\"{X(value):0.#}\" y=\"{height - 12}\" text-anchor=\"{anchor}\" class=\"tick\">{value.ToString("#,0", Inv)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>The score over the ledger's runs: a line through each run's score, each point titled with its day, grade and score.</summary>
    public static string Trend(IReadOnlyList<(DateOnly AsOf, string Grade, decimal Score)> runs, string label)
    {
        const int width = 720, height = 200, left = 40, right = 20, top = 12, bottom = 36;
        double X(int i) => runs.Count == 1 ? (left + width - right) / 2.0 : left + i * (width - left - right) / (double)(runs.Count - 1);
        double Y(decimal s) => top + (double)(100 - s) / 100 * (height - top - bottom);
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg class=\"chart trend\" role=\"img\" aria-label=\"{Html.Attr(label)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\">");
        foreach (var g in new[] { 0, 25, 50, 75, 100 })
        {
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Y(g):0.#}\" x2=\"{width - right}\" y2=\"{Y(g):0.#}\" class=\"grid\"/><text x=\"{left - 6}\" y=\"{Y(g) + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{g}</text>");
        }

        sb.Append("<polyline class=\"line\" points=\"");
        for (var i = 0; i < runs.Count; i++)
        {
            sb.Append(Inv, $"{X(i):0.#},{Y(runs[i].Score):0.#} ");
        }

        sb.Append("\"/>");
        for (var i = 0; i < runs.Count; i++)
        {
            var (day, grade, score) = runs[i];
            var when = day.ToString("yyyy-MM-dd", Inv);
            sb.Append(Inv, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(score):0.#}\" r=\"4\" class=\"point\" data-score=\"{Html.Num(score)}\"><title>{when}: {grade} {Html.Num(score)}</title></circle>");
            if (runs.Count <= 12 || i == 0 || i == runs.Count - 1)
            {
                sb.Append(Inv, $"<text x=\"{X(i):0.#}\" y=\"{height - 12}\" text-anchor=\"middle\" class=\"tick\">{when}</text>");
            }
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// The 80/20 curve (Pareto): for each figure (revenue, weighted pipeline), the cumulative share it reaches by account
    /// rank, largest first — x the share of the accounts, y the share of the figure. The top 20% of the accounts are
    /// marked with the share they carry; each line ends at 100% (<c>data-last</c>), and carries its share at 20%
    /// (<c>data-top</c>). A figure that is zero for every account draws no line.
    /// </summary>
    public static string Pareto(IReadOnlyList<(string Name, string Css, IReadOnlyList<decimal> Values)> series, int topAccounts, string label, string accountsLabel)
    {
        const int width = 720, height = 300, left = 48, right = 20, top = 16, bottom = 44;
        var count = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        double X(double share) => left + (share * (width - left - right));
        double Y(double share) => top + ((1 - share) * (height - top - bottom));
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg class=\"chart pareto\" role=\"img\" aria-label=\"{Html.Attr(label)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" data-accounts=\"{count}\">");
        foreach (var g in new[] { 0, 20, 40, 60, 80, 100 })
        {
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Y(g / 100.0):0.#}\" x2=\"{width - right}\" y2=\"{Y(g / 100.0):0.#}\" class=\"grid\"/><text x=\"{left - 6}\" y=\"{Y(g / 100.0) + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{g}%</text>");
            sb.Append(Inv, $"<text x=\"{X(g / 100.0):0.#}\" y=\"{height - 26}\" text-anchor=\"middle\" class=\"tick\">{g}%</text>");
        }

        sb.Append(Inv, $"<text x=\"{X(0.5):0.#}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"tick\">{Html.Attr(accountsLabel)}</text>");
        if (count > 0)
        {
            var at = topAccounts / (double)count;
            sb.Append(Inv, $"<line x1=\"{X(at):0.#}\" y1=\"{top}\" x2=\"{X(at):0.#}\" y2=\"{Y(0):0.#}\" class=\"top\"/>");
        }

        foreach (var (name, css, values) in series)
        {
            var total = values.Sum();
            if (total <= 0 || values.Count == 0)
            {
                continue;
            }

            var sorted = values.OrderByDescending(v => v).ToArray();
            var cumulative = 0m;
            var topShare = 0m;
            var points = new StringBuilder($"{X(0):0.#},{Y(0):0.#} ");
            for (var i = 0; i < sorted.Length; i++)
            {
                cumulative += sorted[i];
                var share = (double)(cumulative / total);
                points.Append(Inv, $"{X((i + 1) / (double)sorted.Length):0.#},{Y(share):0.#} ");
                topShare = i + 1 == topAccounts ? cumulative / total : topShare;
            }

            var last = cumulative / total;
            sb.Append(Inv, $"<polyline class=\"line {css}\" points=\"{points}\" data-series=\"{css}\" data-last=\"{Pct(last)}\" data-top=\"{Pct(topShare)}\"><title>{Html.Attr(name)}</title></polyline>");
            sb.Append(Inv, $"<circle cx=\"{X(topAccounts / (double)sorted.Length):0.#}\" cy=\"{Y((double)topShare):0.#}\" r=\"4\" class=\"point {css}\"><title>{Html.Attr(name)}: {Pct(topShare)}%</title></circle>");
            sb.Append(Inv, $"<text x=\"{X(topAccounts / (double)sorted.Length) + 6:0.#}\" y=\"{Y((double)topShare) + (css == "revenue" ? -6 : 14):0.#}\" class=\"marker\">{Html.Attr(name)} {Pct(topShare)}%</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string Pct(decimal share) => Math.Round(share * 100, 1).ToString("0.#", Inv);

    private static void Marker(StringBuilder sb, double x, double top, double bottom, string kind, string label, decimal cost, string anchor)
    {
        sb.Append(Inv, $"<line x1=\"{x:0.#}\" y1=\"{top - 8}\" x2=\"{x:0.#}\" y2=\"{bottom:0.#}\" class=\"{kind}\" data-cost=\"{Html.Num(cost)}\"/>");
        sb.Append(Inv, $"<text x=\"{x + (anchor == "start" ? 4 : -4):0.#}\" y=\"{top + (kind == "loss" ? 12 : 0)}\" text-anchor=\"{anchor}\" class=\"marker\">{Html.Attr(label)} {cost.ToString("#,0", Inv)}</text>");
    }

    /// <summary>The cost's density (up to a constant): PERT is a beta on [a, c] with shape from the mode; else triangular.</summary>
    private static double Density(double x, double a, double m, double c, string distribution)
    {
        if (c <= a)
        {
            return 1;
        }

        var u = (x - a) / (c - a);
        if (distribution == "pert")
        {
            var alpha = 1 + 4 * (m - a) / (c - a);
            var beta = 1 + 4 * (c - m) / (c - a);
            return u is <= 0 or >= 1 ? 0 : Math.Pow(u, alpha - 1) * Math.Pow(1 - u, beta - 1);
        }

        return x < m ? (m > a ? (x - a) / (m - a) : 1) : (c > m ? (c - x) / (c - m) : 1);
    }

    /// <summary>A number exactly, for the data attributes a test adds up.</summary>
    private static string Exact(decimal value) => value.ToString(Inv);

    private static IEnumerable<decimal> Ticks(decimal low, decimal high)
    {
        var step = (high - low) switch { <= 20 => 5m, <= 60 => 10m, _ => 25m };
        for (var t = Math.Ceiling(low / step) * step; t <= high; t += step)
        {
            yield return t;
        }
    }
}
