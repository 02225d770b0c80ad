using System.Globalization;
using OpportunityScoring.Calibration.History;

namespace OpportunityScoring.Calibration;

/// <summary>
/// The model-free ceiling beside a policy's figures: a plain L2 logistic regression, one-hot over the source columns the
/// mapping reads (a value-list column: one indicator per value; a number, money or date column: one indicator per
/// decile, and one for an empty or unreadable cell), fitted and cross-validated exactly as the calibration is (the same
/// folds, λ by inner 5-fold cross-validation over the same grid). It is a yardstick, not a policy: its slopes are not
/// points a sales director can read.
/// </summary>
public static class LogisticBaseline
{
    /// <summary>The prefix of the baseline's feature names (<c>source.Column=value</c>).</summary>
    public const string SourcePrefix = "source.";

    private const int Deciles = 10;

    /// <summary>Cross-validates the baseline on a history read with its source cells.</summary>
    /// <param name="read">The history, as read (<see cref="HistoryReader.ReadWithReport"/>).</param>
    /// <param name="options">Folds, seed and λ grid (those of the calibration it is compared with).</param>
    /// <returns>The cross-validated figures (and the λ chosen on the whole history).</returns>
    /// <exception cref="ArgumentException">The history is too small or has one outcome only.</exception>
    public static CrossValidatedReport Evaluate(HistoryReadResult read, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        options ??= new CalibrationOptions();
        var data = Features(read);
        return WinProbabilityCalibrator.CrossValidate(data, options).Report;
    }

    /// <summary>The one-hot features of the source cells.</summary>
    internal static CalibrationData Features(HistoryReadResult read)
    {
        var n = read.Cells.Count;
        var names = new List<string>();
        var columns = new List<int[]>(); // per source column, each row's feature index (-1: the reference level)
        for (var c = 0; c < read.SourceColumns.Count; c++)
        {
            var levels = new string[n];
            if (read.NumericColumns[c])
            {
                var values = new double?[n];
                for (var i = 0; i < n; i++)
                {
                    var cell = read.Cells[i][c];
                    values[i] = CellValue.TryNumber(cell, CellKind.Money, out var v) ? v
                        : CellValue.TryDate(cell, null, out var d) ? d.DayNumber
                        : null;
                }

                var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
                var cuts = sorted.Length == 0 ? [] : Enumerable.Range(1, Deciles - 1).Select(q => sorted[(int)((long)q * (sorted.Length - 1) / Deciles)]).Distinct().ToArray();
                for (var i = 0; i < n; i++)
                {
                    levels[i] = values[i] is { } v ? "decile " + cuts.Count(x => v > x).ToString(CultureInfo.InvariantCulture) : "(empty)";
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    levels[i] = read.Cells[i][c].Trim();
                }
            }

            // One indicator per level; the most frequent level is the reference, so the intercept carries it.
            var counts = levels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var g in counts.Skip(1))
            {
                index[g.Key] = names.Count;
                names.Add($"{SourcePrefix}{read.SourceColumns[c]}={g.Key}");
            }

            columns.Add([.. levels.Select(l => index.TryGetValue(l, out var j) ? j : -1)]);
        }

        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[names.Count];
            foreach (var col in columns)
            {
                if (col[i] >= 0)
                {
                    row[col[i]] = 1;
                }
            }

            rows[i] = row;
        }

        return new CalibrationData(names, rows, [.. read.Opportunities.Select(o => o.Won)], [.. read.Opportunities.Select(_ => 0.5)]);
    }
}
