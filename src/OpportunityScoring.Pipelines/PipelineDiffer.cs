using System.Text;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Compares a run, assessment by assessment as it streams past, with the previous run: which decisions changed and
/// which rules' points differ (the why). Call <see cref="Finish"/> at the end for the opportunities that are gone.
/// </summary>
/// <remarks>Not thread safe.</remarks>
public sealed class PipelineDiffer
{
    private readonly PreviousRun _previous;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _unchanged;
    private long _changed;
    private long _new;

    /// <summary>Creates a differ against a previous run.</summary>
    /// <param name="previous">The previous run.</param>
    public PipelineDiffer(PreviousRun previous) => _previous = previous ?? throw new ArgumentNullException(nameof(previous));

    /// <summary>Codes in a canonical form for comparison: sorted (ordinal), joined with ", "; empty for none.</summary>
    internal static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Order(StringComparer.Ordinal));

    private static string? Blank(string codes) => codes.Length == 0 ? null : codes;

    /// <summary>Compares one assessment with its previous one.</summary>
    /// <param name="current">The assessment now.</param>
    /// <returns>The change, or <see langword="null"/> when no decision changed.</returns>
    public OpportunityChange? Compare(Assessment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _seen.Add(current.Id);
        var decisions = AssessmentDecisions.From(current);
        var now = DecisionFields.All.Select(f => f.Value(decisions)).ToArray();
        if (!_previous.TryGet(current.Id, out var before))
        {
            _new++;
            return new OpportunityChange(current.Id, ChangeKind.New, Fields(null, now), []);
        }

        var fields = new List<FieldChange>();
        for (var i = 0; i < now.Length; i++)
        {
            if (!Same(before.Values[i], now[i]))
            {
                fields.Add(new FieldChange(DecisionFields.All[i].Path, before.Values[i], now[i]));
            }
        }

        // The red flags and knock-outs are decisions too: one can come or go while grade, score, gate and bid stay.
        if (Codes(decisions.RedFlags) is var flags && flags != before.RedFlags)
        {
            fields.Add(new FieldChange("redFlags", Blank(before.RedFlags), Blank(flags)));
        }

        if (Codes(decisions.KnockOuts) is var knockOuts && knockOuts != before.KnockOuts)
        {
            fields.Add(new FieldChange("knockOuts", Blank(before.KnockOuts), Blank(knockOuts)));
        }

        if (fields.Count == 0)
        {
            _unchanged++;
            return null;
        }

        _changed++;
        var after = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var reason in current.Reasons)
        {
            after[reason.Rule] = after.GetValueOrDefault(reason.Rule) + reason.Points;
        }

        var reasons = new List<ReasonChange>();
        foreach (var (rule, points) in before.Reasons)
        {
            if (!after.TryGetValue(rule, out var p))
            {
                reasons.Add(new ReasonChange(rule, points, null));
            }
            else if (p != points)
            {
                reasons.Add(new ReasonChange(rule, points, p));
            }
        }

        var had = before.Reasons.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        foreach (var (rule, points) in after)
        {
            if (!had.Contains(rule))
            {
                reasons.Add(new ReasonChange(rule, null, points));
            }
        }

        return new OpportunityChange(current.Id, ChangeKind.Changed, fields, reasons);
    }

    /// <summary>The opportunities of the previous run not assessed in this one.</summary>
    /// <returns>The removed opportunities.</returns>
    public IEnumerable<OpportunityChange> Finish()
    {
        foreach (var (id, snapshot) in _previous.All)
        {
            if (!_seen.Contains(id))
            {
                yield return new OpportunityChange(id, ChangeKind.Removed, Fields(snapshot.Values, null), []);
            }
        }
    }

    /// <summary>The counts so far (removed ones once <see cref="Finish"/> has been enumerated).</summary>
    public DiffCounts Counts => new(_unchanged, _changed, _new, _previous.Count - _unchanged - _changed);

    private static List<FieldChange> Fields(string?[]? before, string?[]? after) =>
        DecisionFields.All.Select((f, i) => new FieldChange(f.Path, before?[i], after?[i])).ToList();

    private static bool Same(string? a, string? b) =>
        a == b || (decimal.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var y) && x == y);
}
