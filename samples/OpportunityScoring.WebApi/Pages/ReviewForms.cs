using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// Recording from the opportunity page: plan an action (銷售行動計畫) or override the engine's decision, through the same
/// ledger calls as <c>POST /opportunities/{id}/actions</c> and <c>/overrides</c>. Each form carries an antiforgery token;
/// the person recorded is the authenticated user, as for the API (the sample's development scheme: <c>X-User</c>), and
/// without one the forms are not offered and a post is refused (401). A draft the ledger refuses gets a page with its
/// message, naming the field.
/// </summary>
internal static class ReviewForms
{
    /// <summary>The signed-in person, or null.</summary>
    public static string? Who(HttpContext context)
        => context.User.Identity is { IsAuthenticated: true } identity ? identity.Name ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The two forms (or why they are not offered).</summary>
    public static void Write(Html h, PageRequest r, string opportunityId, IAntiforgery antiforgery)
    {
        var t = r.T;
        if (Who(r.Context) is null)
        {
            h.El("p", t["review.signIn"], "class=\"notice\"");
            return;
        }

        var root = PageRoutes.OpportunityOf(opportunityId, null);
        h.Raw("<div class=\"two\">");
        h.Raw($"<form method=\"post\" action=\"{Html.Attr(root)}/actions\" class=\"card\" aria-labelledby=\"plan-form\"><h3 id=\"plan-form\">").Text(t["review.form.plan"]).Raw("</h3>");
        PageForms.Token(h, r.Context, antiforgery);
        Input(h, "action-what", "what", t["review.col.what"], "text", required: true);
        Input(h, "action-owner", "owner", t["review.col.owner"], "text", required: true);
        Input(h, "action-due", "due", t["review.col.due"], "date", required: true);
        Input(h, "action-evidence", "evidenceField", t["review.col.evidence"], "text", required: false);
        h.Raw("<p><button type=\"submit\">").Text(t["review.form.planSubmit"]).Raw("</button></p></form>");

        h.Raw($"<form method=\"post\" action=\"{Html.Attr(root)}/overrides\" class=\"card\" aria-labelledby=\"override-form\"><h3 id=\"override-form\">").Text(t["review.form.override"]).Raw("</h3>");
        PageForms.Token(h, r.Context, antiforgery);
        h.Raw("<p><label for=\"override-value\">").Text(t["review.col.people"]).Raw("</label><select id=\"override-value\" name=\"decision\" required>");
        foreach (var kind in Enum.GetValues<OverrideKind>())
        {
            h.Raw($"<optgroup label=\"{Html.Attr(t["review.kind." + LoopWords.Of(kind)])}\">");
            foreach (var value in LoopWords.ValuesOf(kind))
            {
                var word = kind switch { OverrideKind.Bid => t.Word("bidRecommendation", value), OverrideKind.Gate => t.Word("gateOutcome", value), _ => value };
                h.Raw($"<option value=\"{LoopWords.Of(kind)}:{value}\">").Text(t["review.form.decision", t["review.kind." + LoopWords.Of(kind)], word]).Raw("</option>");
            }

            h.Raw("</optgroup>");
        }

        h.Raw("</select></p>");
        Input(h, "override-reason", "reason", t["review.col.reason"], "text", required: true);
        Input(h, "override-approver", "approvedBy", t["review.col.approver"], "text", required: true);
        Input(h, "override-expires", "expiresOn", t["review.form.expiresOn"], "date", required: false);
        h.Raw("<p><label for=\"override-stage\">").Text(t["review.form.expiresAtStage"]).Raw("</label><select id=\"override-stage\" name=\"expiresAtStage\"><option value=\"\">").Text("—").Raw("</option>");
        foreach (var stage in LoopWords.Stages)
        {
            h.Raw($"<option value=\"{stage}\">").Text(t.Word("stage", stage)).Raw("</option>");
        }

        h.Raw("</select></p><p><button type=\"submit\">").Text(t["review.form.overrideSubmit"]).Raw("</button></p></form></div>");
    }

    private static void Input(Html h, string id, string name, string label, string type, bool required)
        => h.Raw($"<p><label for=\"{id}\">").Text(label).Raw($"</label><input id=\"{id}\" name=\"{name}\" type=\"{type}\"{(required ? " required" : string.Empty)}></p>");

    public static Task<IResult> Plan(string id, HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery)
        => Record(id, context, catalog, antiforgery, "plan", (ledger, form, who) =>
        {
            var due = Day(form["due"], "due") ?? throw new LedgerException($"the action for {id}: due is required (a day, yyyy-MM-dd).");
            ledger.PlanAction(new ActionDraft(id, form["owner"].ToString().Trim(), due) { What = Text(form["what"]), EvidenceField = Text(form["evidenceField"]) }, who);
        });

    public static Task<IResult> Override(string id, HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery)
        => Record(id, context, catalog, antiforgery, "overrides", (ledger, form, who) =>
        {
            var decision = form["decision"].ToString().Split(':', 2);
            if (decision.Length != 2 || !LoopWords.TryRead<OverrideKind>(decision[0], out var kind))
            {
                throw new LedgerException($"the override of {id}: decision is required (a bid decision, a gate outcome or a grade).");
            }

            ledger.Override(new OverrideDraft(id, kind, decision[1], form["reason"].ToString().Trim(), form["approvedBy"].ToString().Trim())
            {
                ExpiresOn = Day(form["expiresOn"], "expiresOn"), ExpiresAtStage = Text(form["expiresAtStage"]),
            }, who);
        });

    private static async Task<IResult> Record(string id, HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery, string anchor, Action<IDecisionLedger, IFormCollection, string> record)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        if (!await PageForms.Valid(context, antiforgery).ConfigureAwait(false))
        {
            return Layout.Problem(r, StatusCodes.Status400BadRequest, t["form.expired.title"], t["form.expired"]);
        }

        if (Who(context) is not { } who)
        {
            return Layout.Problem(r, StatusCodes.Status401Unauthorized, t["review.notRecorded"], t["review.signIn"]);
        }

        if (catalog.Ledger is not { } ledger)
        {
            return Layout.Problem(r, StatusCodes.Status404NotFound, t["review.notRecorded"], t["review.noLedger"]);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            record(ledger, form, who);
        }
        catch (LedgerException e)
        {
            return Layout.Problem(r, e.InnerException is null ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable, t["review.notRecorded"], e.Message);
        }

        return Results.Redirect($"{PageRoutes.OpportunityOf(id, null)}#{anchor}");
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Trim() is { Length: > 0 } s ? s : null;

    private static DateOnly? Day(Microsoft.Extensions.Primitives.StringValues value, string field)
        => Text(value) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new LedgerException($"{field}: '{text}' is not a day; expected yyyy-MM-dd.");
}
