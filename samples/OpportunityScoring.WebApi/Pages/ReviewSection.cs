using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The review loop on the opportunity page (docs/review.md): the action plan (銷售行動計畫) with each action's owner,
/// due day, evidence field, state and result at the last stored run (成果／得失, flagged for 補救), and the overrides —
/// the engine's decision beside the person's, the reason, the approver, the expiry, where each stands — oldest first,
/// so the withdrawn and superseded ones show the history. Read from the ledger (<see cref="IDecisionLedger"/>), as
/// <c>GET /opportunities/{id}/actions</c> and <c>/overrides</c> answer.
/// </summary>
internal static class ReviewSection
{
    /// <summary>The opportunity page's "actions and overrides" section.</summary>
    public static void Write(Html h, PageRequest r, string opportunityId, IDecisionLedger? ledger, IAntiforgery antiforgery)
    {
        var t = r.T;
        h.Raw("<section aria-labelledby=\"review\"><h2 id=\"review\">").Text(t["opportunity.review"]).Raw("</h2>");
        if (ledger is null)
        {
            h.El("p", t["review.noLedger"]).Raw("</section>");
            return;
        }

        IReadOnlyList<ActionReview> actions;
        IReadOnlyList<OverrideStatus> overrides;
        try
        {
            actions = ledger.Actions(opportunityId);
            overrides = ledger.OverridesOf(opportunityId);
        }
        catch (LedgerException e)
        {
            h.El("p", t["review.unreadable", e.Message], "role=\"alert\" class=\"problem\"").Raw("</section>");
            return;
        }

        h.El("h3", t["review.plan"], "id=\"plan\"");
        if (actions.Count == 0)
        {
            h.El("p", t["review.plan.none"], "class=\"none\"");
        }
        else
        {
            Actions(h, t, actions, withOpportunity: false);
        }

        h.El("h3", t["review.overrides"], "id=\"overrides\"");
        if (overrides.Count == 0)
        {
            h.El("p", t["review.overrides.none"], "class=\"none\"");
        }
        else
        {
            Overrides(h, t, overrides, withOpportunity: false);
        }

        ReviewForms.Write(h, r, opportunityId, antiforgery);
        h.Raw("</section>");
    }

    /// <summary>Actions as a table: what, owner, due, evidence field, planned, state, result, remedy, score before and after.</summary>
    public static void Actions(Html h, PageText t, IEnumerable<ActionReview> actions, bool withOpportunity)
    {
        TableStart(h, t, "review.plan", "actions", withOpportunity, ["review.col.what", "review.col.owner", "review.col.due", "review.col.evidence", "review.col.planned", "review.col.state", "review.col.result", "review.col.remedy", "review.col.score"]);
        foreach (var a in actions)
        {
            var result = LoopWords.Of(a.Result);
            h.Raw($"<tr data-action=\"{a.ActionId}\" data-result=\"{result}\" data-remedy=\"{(a.NeedsRemedy ? "true" : "false")}\">");
            if (withOpportunity)
            {
                h.Raw("<td>").Link(PageRoutes.OpportunityOf(a.OpportunityId, null) + "#plan", a.OpportunityId).Raw("</td>");
            }

            h.El("th", a.What, "scope=\"row\"").El("td", a.Owner).El("td", Day(a.Due)).El("td", a.EvidenceField ?? "—", a.EvidenceField is null ? null : "class=\"code\" translate=\"no\"")
                .El("td", t["review.by", Day(a.PlannedOn), a.PlannedBy])
                .El("td", t["review.state." + LoopWords.Of(a.State)] + (a.State == ActionState.Open && a.StateOn == a.PlannedOn ? string.Empty : t["review.stateBy", Day(a.StateOn), a.StateBy]) + (a.Note is null ? string.Empty : t["sentence.colon"] + a.Note))
                .El("td", t["review.result." + result], $"class=\"result {result}\"")
                .El("td", a.NeedsRemedy ? t["review.remedy"] : "—", a.NeedsRemedy ? "class=\"remedy\"" : null)
                .El("td", a.ScoreBefore is { } before ? $"{Html.Num(before)} → {(a.ScoreAfter is { } after ? Html.Num(after) : "—")}" : "—", "class=\"num\"")
                .Raw("</tr>");
        }

        h.Raw("</tbody></table></div>");
    }

    /// <summary>Overrides as a table: the engine's decision then and now beside the people's, why, who approved, until when, where it stands.</summary>
    public static void Overrides(Html h, PageText t, IEnumerable<OverrideStatus> overrides, bool withOpportunity)
    {
        TableStart(h, t, "review.overrides", "overrides", withOpportunity, ["review.col.kind", "review.col.engine", "review.col.people", "review.col.engineNow", "review.col.reason", "review.col.approver", "review.col.expiry", "review.col.recorded", "review.col.standing"]);
        foreach (var o in overrides)
        {
            var state = LoopWords.Of(o.State);
            h.Raw($"<tr data-override=\"{o.OverrideId}\" data-state=\"{state}\">");
            if (withOpportunity)
            {
                h.Raw("<td>").Link(PageRoutes.OpportunityOf(o.OpportunityId, null) + "#overrides", o.OpportunityId).Raw("</td>");
            }

            var expiry = o.ExpiresOn is { } on ? t["review.expiresOn", Day(on)] : o.ExpiresAtStage is { } stage ? t["review.expiresAtStage", t.Word("stage", stage)] : "—";
            h.El("th", t["review.kind." + LoopWords.Of(o.Kind)], "scope=\"row\"")
                .El("td", Decision(t, o.Kind, o.EngineThen), "class=\"engine\"")
                .El("td", Decision(t, o.Kind, o.Value), "class=\"people\"")
                .El("td", Decision(t, o.Kind, o.EngineNow))
                .El("td", o.Reason).El("td", o.ApprovedBy).El("td", expiry)
                .El("td", t["review.by", o.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), o.RecordedBy])
                .El("td", t["review.override." + state] + (o.WithdrawnBecause is { } why ? t["sentence.colon"] + why : string.Empty), $"class=\"standing {state}\"")
                .Raw("</tr>");
        }

        h.Raw("</tbody></table></div>");
    }

    /// <summary>A decision in the page's language: a bid decision or gate outcome by the catalogue's words, a grade as it is.</summary>
    private static string Decision(PageText t, OverrideKind kind, string? value) => value is null ? "—" : kind switch
    {
        OverrideKind.Bid when t.Library.Has("word.bidRecommendation." + value) => t.Word("bidRecommendation", value),
        OverrideKind.Gate when t.Library.Has("word.gateOutcome." + value) => t.Word("gateOutcome", value),
        _ => value,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A scrolling region labelled <paramref name="label"/>, its table's head (the opportunity's id first when the table spans opportunities) and the body's start.</summary>
    private static void TableStart(Html h, PageText t, string label, string cssClass, bool withOpportunity, string[] columns)
    {
        h.Raw("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"").Text(t[label]).Raw($"\"><table class=\"{cssClass}\"><thead><tr>");
        foreach (var col in withOpportunity ? columns.Prepend("col.id") : columns)
        {
            h.El("th", t[col], "scope=\"col\"");
        }

        h.Raw("</tr></thead><tbody>");
    }
}
