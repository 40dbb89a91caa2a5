using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ConfigAdmin.Client;

/// <summary>What one request for the document came to.</summary>
internal enum PollOutcome
{
    /// <summary>200: a document (maybe the one already applied, when the server ignores If-None-Match).</summary>
    Document,
    /// <summary>304: the applied document is current.</summary>
    NotModified,
    /// <summary>The server refused (401, 403, 404 and other 4xx): asking again the same way will not help soon.</summary>
    Refused,
    /// <summary>A network error, timeout, 5xx, 429 or an unreadable answer: worth retrying with backoff.</summary>
    Failed,
}

internal sealed record PollResult(PollOutcome Outcome)
{
    public byte[]? Body { get; init; }
    public Dictionary<string, string?>? Data { get; init; }
    public List<string>? Collisions { get; init; }
    public string? ETag { get; init; }
    /// <summary>The server said <c>Preference-Applied: wait</c>: it held the request, so the next one may follow at once.</summary>
    public bool WaitHonoured { get; init; }
    /// <summary>The server answered with <c>Warning: 110</c> (a stale, last-known-good document during its outage).</summary>
    public bool Stale { get; init; }
    public int? Status { get; init; }
    public string? ProblemCode { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>Why it failed or was refused, for logs and exceptions.</summary>
    public string? Reason { get; init; }
    public Exception? Error { get; init; }
}

/// <summary>
/// The client read over HTTP: <c>GET {server}/v1/applications/{app}/config?environment={env}</c> with the client
/// header, the API key, <c>If-None-Match</c> and <c>Prefer: wait</c>. Never throws except on cancellation by the caller.
/// </summary>
internal sealed class ConfigDocumentClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly string? _apiKey;
    private readonly string _clientHeader;
    private readonly TimeProvider _time;

    public ConfigDocumentClient(ConfigAdminClientOptions options, string clientHeader)
    {
        var handler = options.HttpMessageHandlerFactory?.Invoke() ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
        };
        // Each request has its own deadline (the startup budget, or the long poll's wait plus a margin).
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _url = Url(options.ServerUrl!, options.Application!, options.Environment!);
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _clientHeader = clientHeader;
        _time = options.Time;
    }

    public Uri Url() => _url;

    internal static Uri Url(Uri server, string application, string environment) =>
        new($"{server.AbsoluteUri.TrimEnd('/')}/v1/applications/{Uri.EscapeDataString(application)}/config?environment={Uri.EscapeDataString(environment)}");

    /// <param name="etag">The applied ETag, sent as If-None-Match.</param>
    /// <param name="wait">The long poll's wait, sent as <c>Prefer: wait</c>; <see langword="null"/> for an immediate answer.</param>
    /// <param name="timeout">The deadline of this request.</param>
    /// <param name="cancellationToken">Cancels the request; then <see cref="OperationCanceledException"/> is thrown.</param>
    public async Task<PollResult> GetAsync(string? etag, TimeSpan? wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        request.Headers.TryAddWithoutValidation(ClientHeader.Name, _clientHeader);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (wait is { } w) request.Headers.TryAddWithoutValidation("Prefer", $"wait={(int)Math.Ceiling(w.TotalSeconds)}");

        using var timed = new CancellationTokenSource(timeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timed.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return await ReadAsync(response, etag, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PollResult(PollOutcome.Failed) { Reason = $"no answer within {timeout.TotalSeconds:0.#} s" };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new PollResult(PollOutcome.Failed) { Reason = Describe(ex), Error = ex };
        }
    }

    /// <summary>
    /// Reports this instance's health (design §14): <c>POST {server}/v1/applications/{app}/clients/{instance}/health</c>.
    /// Never throws except on cancellation by the caller; the outcome says whether to try again.
    /// </summary>
    public async Task<PollResult> ReportHealthAsync(string instanceId, HealthState state, string? etag, CancellationToken cancellationToken)
    {
        var url = new Uri(_url.AbsoluteUri.Replace("/config?", $"/clients/{Uri.EscapeDataString(instanceId)}/health?", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent(state.Failing ? "failing" : "ok", state.Reason, etag),
        };
        request.Headers.TryAddWithoutValidation(ClientHeader.Name, _clientHeader);
        if (_apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        using var timed = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timed.Token);
        try
        {
            using var response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new PollResult(PollOutcome.Document) { Status = (int)response.StatusCode }
                : await NotOkAsync(response, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PollResult(PollOutcome.Failed) { Reason = "no answer within 10 s" };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new PollResult(PollOutcome.Failed) { Reason = Describe(ex), Error = ex };
        }
    }

    private static ByteArrayContent JsonContent(string status, string? reason, string? etag)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", status);
            if (reason is not null) writer.WriteString("reason", reason);
            if (etag is not null) writer.WriteString("etag", etag);
            writer.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<PollResult> ReadAsync(HttpResponseMessage response, string? sentETag, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var honoured = WaitApplied(response.Headers);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotModified when sentETag is not null:
                return new PollResult(PollOutcome.NotModified) { Status = status, WaitHonoured = honoured, ETag = sentETag };
            case HttpStatusCode.OK:
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                var collisions = new List<string>();
                Dictionary<string, string?> data;
                try
                {
                    using var json = JsonDocument.Parse(body);
                    data = JsonFlattener.Flatten(json.RootElement, collisions);
                }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    return new PollResult(PollOutcome.Failed) { Status = status, Reason = $"the server sent a document that is not a JSON object ({ex.Message})" };
                }
                return new PollResult(PollOutcome.Document)
                {
                    Status = status,
                    Body = body,
                    Data = data,
                    Collisions = collisions,
                    ETag = response.Headers.TryGetValues("ETag", out var etags) ? etags.FirstOrDefault() : null,
                    WaitHonoured = honoured,
                    Stale = response.Headers.TryGetValues("Warning", out var warnings) && warnings.Any(w => w.TrimStart().StartsWith("110", StringComparison.Ordinal)),
                };
        }

        return await NotOkAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>An answer that is no document: worth retrying (5xx, 408, 429, a stray 304) or a refusal, with its problem's code and detail.</summary>
    private async Task<PollResult> NotOkAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var (code, detail) = await ProblemAsync(response, ct).ConfigureAwait(false);
        var reason = $"{status} {response.ReasonPhrase}{(code is null ? "" : $" ({code})")}{(detail is null ? "" : $": {detail}")}";
        var transient = status >= 500 || status is 408 or 429 || response.StatusCode == HttpStatusCode.NotModified;
        return new PollResult(transient ? PollOutcome.Failed : PollOutcome.Refused)
        {
            Status = status,
            ProblemCode = code,
            Reason = response.StatusCode == HttpStatusCode.NotModified ? "304 Not Modified to a request without If-None-Match" : reason,
            RetryAfter = RetryAfter(response.Headers),
        };
    }

    /// <summary><c>Preference-Applied: wait=55</c> (possibly among other preferences).</summary>
    internal static bool WaitApplied(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Preference-Applied", out var values)) return false;
        foreach (var value in values)
        foreach (var part in value.Split(','))
        {
            var name = part.Split('=', 2)[0].Trim();
            if (name.Equals("wait", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The RFC 9457 problem's <c>code</c> and <c>detail</c> (else <c>title</c>), when the body is one.</summary>
    private static async Task<(string? Code, string? Detail)> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)) return (null, null);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("code"), Text("detail") ?? Text("title"));
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException)
        {
            return (null, null);
        }
    }

    private static string Describe(Exception ex)
    {
        var message = ex.Message;
        if (ex.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal)) message += $" ({inner.Message})";
        return message;
    }

    public void Dispose() => _http.Dispose();
}
