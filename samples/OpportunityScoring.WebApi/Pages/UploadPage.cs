using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// Upload a pipeline file to score it, and beside it, if wanted, its key accounts' records (the accounts page then grades
/// them): the form posts the files (with a script, the bytes sent show in a progress bar),
/// the host writes it to a temporary file and scores it in the background, and the progress page follows the scoring
/// (refreshing itself without a script, polled with one) until it opens the scored pipeline.
/// </summary>
internal static class UploadPage
{
    public static IResult Form(HttpContext context, IAntiforgery antiforgery, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        return Layout.Page(r, t["upload.title"], PageRoutes.Upload, h =>
        {
            h.El("h1", t["upload.title"]).El("p", t["upload.about", (catalog.Options.MaxUploadBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)], "class=\"lead\"");
            h.Raw($"<form id=\"upload\" method=\"post\" enctype=\"multipart/form-data\" action=\"{PageRoutes.Upload}\" class=\"card\">");
            PageForms.Token(h, context, antiforgery);
            h.Raw("<p><label for=\"pipeline-file\">").Text(t["upload.file"]).Raw("</label><input id=\"pipeline-file\" name=\"pipeline\" type=\"file\" accept=\".json,.jsonl,.ndjson,.csv\" required></p>");
            h.Raw("<p><label for=\"accounts-file\">").Text(t["upload.accounts"]).Raw("</label><input id=\"accounts-file\" name=\"accounts\" type=\"file\" accept=\".json,.jsonl,.ndjson\" aria-describedby=\"accounts-hint\"></p>");
            h.El("p", t["upload.accounts.hint"], "id=\"accounts-hint\" class=\"hint\"");
            h.Raw("<p><label for=\"format\">").Text(t["upload.format"]).Raw("</label><select id=\"format\" name=\"format\">");
            foreach (var (value, code) in new[] { (string.Empty, "upload.format.auto"), ("json", "upload.format.json"), ("jsonl", "upload.format.jsonl"), ("csv", "upload.format.csv"), ("salesforce", "upload.format.salesforce") })
            {
                h.Raw($"<option value=\"{value}\">").Text(t[code]).Raw("</option>");
            }

            h.Raw("</select></p><p><button type=\"submit\">").Text(t["upload.submit"]).Raw("</button></p>");
            h.Raw("<p class=\"progress\" hidden><label for=\"upload-progress\">").Text(t["upload.sending"]).Raw("</label> <progress id=\"upload-progress\" max=\"100\" value=\"0\"></progress> <span id=\"upload-status\" aria-live=\"polite\"></span></p></form>");
            h.Raw("<script src=\"/pages/assets/upload.js\" defer></script>");
        });
    }

    public static async Task<IResult> Receive(HttpContext context, IAntiforgery antiforgery, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = catalog.Options.MaxUploadBytes;
        }

        if (!await PageForms.Valid(context, antiforgery).ConfigureAwait(false))
        {
            return Layout.Problem(r, StatusCodes.Status400BadRequest, t["form.expired.title"], t["form.expired"]);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = catalog.Options.MaxUploadBytes }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Layout.Problem(r, StatusCodes.Status413PayloadTooLarge, t["upload.title"], t["upload.tooLarge", (catalog.Options.MaxUploadBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)]);
        }

        if (form.Files.GetFile("pipeline") is not { Length: > 0 } file)
        {
            return Layout.Problem(r, StatusCodes.Status400BadRequest, t["upload.title"], t["upload.noFile"]);
        }

        var path = Path.Combine(Path.GetTempPath(), "os-upload-" + Guid.NewGuid().ToString("N"));
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, context.RequestAborted).ConfigureAwait(false);
        }

        AccountsFile? accounts = null;
        if (form.Files.GetFile("accounts") is { Length: > 0 } accountsFile)
        {
            accounts = new AccountsFile(path + "-accounts", Path.GetFileName(accountsFile.FileName));
            await using var target = File.Create(accounts.Path);
            await accountsFile.CopyToAsync(target, context.RequestAborted).ConfigureAwait(false);
        }

        var upload = catalog.StartUpload(path, Path.GetFileName(file.FileName), form["format"].ToString(), accounts);
        var next = $"{PageRoutes.Uploads}/{upload.Id}";
        return context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal)
            ? Results.Json(new { progress = next + "/progress", page = next })
            : Results.Redirect(next, permanent: false, preserveMethod: false);
    }

    public static IResult Progress(string id, HttpContext context, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        if (catalog.FindUpload(id) is not { } upload)
        {
            return Layout.Problem(r, StatusCodes.Status404NotFound, t["upload.title"], t["pipeline.uploadGone"]);
        }

        if (upload.Result is not null)
        {
            return Results.Redirect($"{PageRoutes.Pipeline}?source={Uri.EscapeDataString(id)}");
        }

        var refresh = upload.Error is null ? "<meta http-equiv=\"refresh\" content=\"1\">" : null;
        return Layout.Page(r, t["upload.scoring", upload.Name], PageRoutes.Upload, h =>
        {
            h.El("h1", t["upload.scoring", upload.Name]);
            if (upload.Error is { } error)
            {
                h.El("p", t["upload.failed", upload.Name, error], "role=\"alert\" class=\"problem\"");
                return;
            }

            var percent = (int)Math.Round(upload.Fraction * 100);
            h.Raw("<p><label for=\"score-progress\">").Text(t["upload.read"]).Raw($"</label> <progress id=\"score-progress\" max=\"100\" value=\"{percent}\">{percent}%</progress></p>");
            h.El("p", t["upload.counts", upload.Read, upload.Assessed, upload.Rejected], "aria-live=\"polite\"");
        }, refresh);
    }

    public static IResult ProgressJson(string id, PipelineCatalog catalog)
        => catalog.FindUpload(id) is not { } u
            ? Results.NotFound()
            : Results.Json(new { read = u.Read, assessed = u.Assessed, rejected = u.Rejected, fraction = u.Fraction, done = u.Done, error = u.Error, next = $"{PageRoutes.Uploads}/{u.Id}" });
}
