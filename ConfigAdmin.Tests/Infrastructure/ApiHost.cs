using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>The whole app through <see cref="WebApplicationFactory{TEntryPoint}"/> on a fresh database of one provider.</summary>
public abstract class ApiHost(Provider provider) : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigAdmin.Web.Api.ApiSetup.Configure(options);
        return options;
    }

    /// <summary>An admin key from configuration (<c>Security:BootstrapApiKey</c>): what <see cref="Client"/> sends.</summary>
    public static readonly string BootstrapKey = "bootstrap-" + Guid.NewGuid().ToString("N");

    public TestDatabase Database { get; private set; } = default!;
    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public HttpClient Client { get; private set; } = default!;
    public Provider Provider => provider;

    /// <summary>Webhook deliveries resolve names here: loopback only, unless a test maps a name.</summary>
    public LoopbackOnlyResolver Resolver { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync(provider);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in Database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Test receivers listen on 127.0.0.1; the resolver keeps every delivery there.
            b.UseSetting("Webhooks:AllowPrivateTargets", "true");
            b.ConfigureTestServices(s => s.AddSingleton<Core.Webhooks.IWebhookResolver>(Resolver));
            Configure(b);
        });
        if (OnKestrel)
        {
            // A free port on 127.0.0.1, set on Kestrel itself: the port of UseKestrel(int) is lost on a factory made by
            // WithWebHostBuilder, which then listens on 5000 and collides with any other host doing the same.
            Factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            Factory.StartServer();
        }
        Client = ClientWith(BootstrapKey);
        await Client.WaitReadyAsync();
    }

    /// <summary>A client that sends <c>Authorization: Bearer <paramref name="key"/></c>, or nothing when null.</summary>
    public HttpClient ClientWith(string? key) => key is null ? Factory.CreateClient() : Factory.CreateClient().WithKey(key);

    /// <summary>A client that does not follow redirects (to see a page's redirect to sign-in), with or without a key.</summary>
    public HttpClient RawClient(string? key)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.WithKey(key);
        return client;
    }

    /// <summary>Creates an API key through the API (as the bootstrap admin) and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string role, string[]? applications = null, string[]? environments = null, string? name = null)
    {
        var response = await Client.PostJsonAsync("/v1/api-keys", new
        {
            name = name ?? A.Name(role), role, applications = applications ?? ["*"], environments = environments ?? ["*"],
        });
        var created = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        return created.GetProperty("secret").GetString()!;
    }

    /// <summary>Creates an API key through the API (as the bootstrap admin) and returns a client that uses it.</summary>
    public async Task<HttpClient> ClientForKeyAsync(string role, string[]? applications = null, string[]? environments = null, string? name = null) =>
        ClientWith(await CreateKeyAsync(role, applications, environments, name));

    /// <summary>
    /// Posts the sign-in form as a browser does (its antiforgery token included) and returns that browser, which keeps
    /// the cookies; the form answers a redirect whether or not the password was right.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var cookies = new System.Net.CookieContainer();
        var browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        Jars.Add(browser, cookies);
        var form = await browser.GetStringAsync("/account/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, System.Net.CookieContainer> Jars = new();

    /// <summary>The cookies a browser from <see cref="SignInAsync"/> holds (to copy them, as a thief would).</summary>
    public static string CookieHeaderOf(HttpClient browser) =>
        string.Join("; ", Jars.TryGetValue(browser, out var jar) ? jar.GetCookies(browser.BaseAddress!).Select(c => $"{c.Name}={c.Value}") : []);

    /// <summary>
    /// Posts a form of the signed-in <paramref name="browser"/> to <paramref name="url"/> with the antiforgery token a page
    /// gave it, as the page's own form would.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await PageTokenAsync(browser) };
        return await browser.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token a server-rendered page gives this browser (its signed-in user's).</summary>
    public static async Task<string> PageTokenAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/account/password");
        return Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    /// <summary>Runs the app on real Kestrel (a loopback port) instead of the in-memory server: for what only a socket shows.</summary>
    protected virtual bool OnKestrel => false;

    /// <summary>More settings for a derived host.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqliteApiHost() : ApiHost(Provider.Sqlite);

public sealed class PostgresApiHost() : ApiHost(Provider.Postgres);

/// <summary>Short helpers for API tests.</summary>
public static class HttpExtensions
{
    /// <summary>Sends <c>Authorization: Bearer <paramref name="key"/></c> from now on (the bootstrap admin key by default).</summary>
    public static HttpClient WithKey(this HttpClient client, string? key = null)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", key ?? ApiHost.BootstrapKey);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiHost.Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.SendJsonAsync(HttpMethod.Post, url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.SendJsonAsync(HttpMethod.Put, url, body);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return client.SendAsync(request);
    }

    /// <summary>Like EnsureSuccessStatusCode, with the body in the message when it fails.</summary>
    public static async Task EnsureSuccessStatusCodeAsync(this HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    /// <summary>Asserts an RFC 9457 problem with the status, code and a trace id; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
