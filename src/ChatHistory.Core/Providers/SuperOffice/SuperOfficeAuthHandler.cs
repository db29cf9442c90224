using System.Net.Http.Headers;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// Puts the connection's Authorization (Basic, SOTicket or Bearer), SO-AppToken and locale
/// headers on every attempt, and asks for JSON: without Accept the WebAPI answers XML or HTML.
/// </summary>
internal sealed class SuperOfficeAuthHandler(SuperOfficeSettings settings) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        headers.Authorization = settings.Scheme switch
        {
            SuperOfficeAuthScheme.Bearer => new AuthenticationHeaderValue("Bearer", settings.AccessToken!.Reveal()),
            SuperOfficeAuthScheme.Ticket => new AuthenticationHeaderValue("SOTicket", settings.Ticket!.Reveal()),
            _ => new AuthenticationHeaderValue("Basic", settings.BasicCredential()!.Reveal()),
        };
        Replace(headers, SuperOfficeHeaders.AppToken, settings.ApplicationToken?.Reveal());
        headers.Accept.Clear();
        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Replace(headers, "Accept-Language", settings.Language);
        Replace(headers, SuperOfficeHeaders.Language, settings.Language);
        Replace(headers, SuperOfficeHeaders.Culture, settings.Culture);
        Replace(headers, SuperOfficeHeaders.TimeZone, settings.TimeZone is { Length: > 0 } zone ? SuperOfficeHeaders.TimeZoneValue(zone) : null);
        return base.SendAsync(request, cancellationToken);
    }

    private static void Replace(HttpRequestHeaders headers, string name, string? value)
    {
        headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
