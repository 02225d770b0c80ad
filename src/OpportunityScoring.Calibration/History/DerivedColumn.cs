using System.Globalization;

namespace OpportunityScoring.Calibration.History;

/// <summary>
/// A column computed from others in the same row (<c>ratio</c> a / b, <c>difference</c> a − b — in days when both are
/// dates —, <c>log</c> ln a), usable in <c>columns</c> like a column of the file. Cells are read as numbers (money allowed).
/// </summary>
/// <param name="Name">The derived column's name.</param>
/// <param name="Operation"><c>ratio</c>, <c>difference</c> or <c>log</c>.</param>
/// <param name="Inputs">The source columns it reads (two, or one for <c>log</c>).</param>
internal sealed record DerivedColumn(string Name, string Operation, IReadOnlyList<string> Inputs)
{
    internal static readonly string[] Operations = ["ratio", "difference", "log"];

    /// <summary>The derived cell: an invariant number, or empty when an input is empty, does not parse or the operation is undefined.</summary>
    internal string Compute(Func<string, string> cell)
    {
        if (Operation == "difference" && CellValue.TryDate(cell(Inputs[0]), null, out var d1) && CellValue.TryDate(cell(Inputs[1]), null, out var d2))
        {
            return (d1.DayNumber - d2.DayNumber).ToString(CultureInfo.InvariantCulture);
        }

        if (!CellValue.TryNumber(cell(Inputs[0]), CellKind.Money, out var a))
        {
            return string.Empty;
        }

        double result;
        switch (Operation)
        {
            case "log":
                if (a <= 0)
                {
                    return string.Empty;
                }

                result = Math.Log(a);
                break;
            default:
                if (!CellValue.TryNumber(cell(Inputs[1]), CellKind.Money, out var b))
                {
                    return string.Empty;
                }

                if (Operation == "ratio")
                {
                    if (b == 0)
                    {
                        return string.Empty;
                    }

                    result = a / b;
                }
                else
                {
                    result = a - b;
                }

                break;
        }

        return result.ToString("R", CultureInfo.InvariantCulture);
    }
}
