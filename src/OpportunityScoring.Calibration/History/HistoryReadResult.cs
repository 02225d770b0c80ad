namespace OpportunityScoring.Calibration.History;

/// <summary>
/// What reading a history gave: the closed opportunities, the rows skipped by outcome value, the typed cells that did
/// not parse (by column; their field stays unknown), and the source cells of every column the mapping reads (for the
/// plain logistic-regression baseline over the same columns).
/// </summary>
public sealed class HistoryReadResult
{
    internal HistoryReadResult(IReadOnlyList<ClosedOpportunity> opportunities, IReadOnlyDictionary<string, int> skipped, IReadOnlyDictionary<string, int> unparsed,
        IReadOnlyList<string> sourceColumns, IReadOnlyList<bool> numeric, IReadOnlyList<string[]> cells)
    {
        Opportunities = opportunities;
        Skipped = skipped;
        Unparsed = unparsed;
        SourceColumns = sourceColumns;
        NumericColumns = numeric;
        Cells = cells;
    }

    /// <summary>The closed opportunities (won or lost), in file order.</summary>
    public IReadOnlyList<ClosedOpportunity> Opportunities { get; }

    /// <summary>Rows skipped (neither won nor lost), counted by outcome value.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; }

    /// <summary>Typed cells (numbers, money, dates, the amount) that did not parse, counted by column; each left its field unknown.</summary>
    public IReadOnlyDictionary<string, int> Unparsed { get; }

    /// <summary>The source columns the mapping reads (mapped columns, derived columns' inputs, the amount and the segment), in order.</summary>
    public IReadOnlyList<string> SourceColumns { get; }

    /// <summary>Whether each source column is read as a number (or a date) rather than a value from a list.</summary>
    public IReadOnlyList<bool> NumericColumns { get; }

    /// <summary>The cells of <see cref="SourceColumns"/>, one array per opportunity.</summary>
    public IReadOnlyList<string[]> Cells { get; }

    /// <summary>The earliest date in the mapping's date columns (the training window's start), if it has any.</summary>
    public DateOnly? FirstDate { get; init; }

    /// <summary>The latest date in the mapping's date columns (the training window's end), if it has any.</summary>
    public DateOnly? LastDate { get; init; }
}
