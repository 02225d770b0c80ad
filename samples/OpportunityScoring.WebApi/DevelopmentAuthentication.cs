using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpportunityScoring.WebApi;

/// <summary>
/// The sample's development authentication: the person named by the <c>X-User</c> header is signed in. For development
/// and tests only (registered in the Development environment); a real host configures any ASP.NET Core scheme (JWT
/// bearer, OpenID Connect, Negotiate) and the ledger's endpoints take the person from whatever it authenticates.
/// </summary>
internal sealed class DevelopmentAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Development";

    public const string Header = "X-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 and <= 200 } name || string.IsNullOrWhiteSpace(name))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name.Trim())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Registers the scheme as the default (Development environment only).</summary>
    public static void Register(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, DevelopmentAuthentication>(SchemeName, null);
        }
        else
        {
            builder.Services.AddAuthentication(); // no scheme: writes are refused (401) until the host configures one
        }
    }
}
