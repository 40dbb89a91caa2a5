using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Bench.Live;

/// <summary>
/// A browser's first request, without the browser: the admin signs in through the form once (antiforgery cookie and
/// token first), and each GET of a page is timed until its prerendered HTML has arrived in full. That is when a user
/// sees the page's content; the circuit that makes it interactive starts after and is not counted.
/// </summary>
public static partial class SignedIn
{
    public static async Task<HttpClient> SignInAsync(Uri node, string email, string password)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = node, Timeout = TimeSpan.FromMinutes(5),
        };
        var form = await http.GetStringAsync("/account/signin");
        var token = Token().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("the sign-in form has no antiforgery token");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        });
        using var answer = await http.PostAsync("/account/signin", body);
        var to = answer.Headers.Location?.ToString() ?? "";
        if (answer.StatusCode != HttpStatusCode.Redirect || to.Contains("signin", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"sign-in failed: {(int)answer.StatusCode} {to}");
        return http;
    }

    /// <summary>One GET of a page, timed to its last byte; a page that does not answer 200 with its HTML stops the bench.</summary>
    public static async Task<(double Ms, int Bytes)> GetAsync(HttpClient http, string path)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || html.Contains("action=\"/account/signin\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return (ms, html.Length);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
