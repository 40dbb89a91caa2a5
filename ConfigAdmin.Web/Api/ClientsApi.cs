using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Which instance runs which version: every client read that says who it is (<c>ConfigAdmin-Client: &lt;instance id&gt;;
/// host=&lt;host&gt;; version=&lt;library version&gt;</c>) is noted, and <c>GET /v1/applications/{name}/clients</c> lists them.
/// </summary>
public static class ClientsApi
{
    public const string Header = "ConfigAdmin-Client";

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/applications/{name}/clients", List).WithTags("Clients").WithName("ListClients")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Client instances seen in the last 24 h (from their ConfigAdmin-Client header), newest first, paged: host, " +
                         "library version, whether they applied the current document, when last seen; the ETag they applied to " +
                         "editors and admins (null to viewers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>Notes the caller's client instance, when the request says who it is and what it applied.</summary>
    public static void Note(HttpContext http, Guid application, string environment, Caller caller) =>
        Note(http.RequestServices.GetRequiredService<ClientRegistry>(), http, application, environment, caller);

    /// <summary>Notes the instance its <c>ConfigAdmin-Client</c> header names (none: nothing to note).</summary>
    public static void Note(ClientRegistry registry, HttpContext http, Guid application, string environment, Caller caller)
    {
        if (Parse(http.Request.Headers[Header], http.Request.Headers.IfNoneMatch) is not { } sighting) return;
        registry.Saw(application, environment, caller.SecretViewOn(application), sighting);
    }

    public static ResolvedDocument Serve(HttpContext http, Guid application, string environment, bool explain, Caller caller,
        ResolvedDocument document) =>
        Serve(http.RequestServices.GetRequiredService<RolloutRegistry>(), http, application, environment, explain, caller, document);

    /// <summary>
    /// The document this read gets: the target of a rollout running in the environment when it covers the instance the
    /// request names, else <paramref name="document"/>. Nothing to decide (one check) while no rollout runs anywhere.
    /// </summary>
    public static ResolvedDocument Serve(RolloutRegistry rollouts, HttpContext http, Guid application, string environment, bool explain,
        Caller caller, ResolvedDocument document)
    {
        if (rollouts.IsEmpty) return document;
        var sighting = Parse(http.Request.Headers[Header], http.Request.Headers.IfNoneMatch);
        return rollouts.Serve(application, environment, sighting?.InstanceId, sighting?.Host, explain, caller, document);
    }

    /// <summary>
    /// The header's instance id and its host and version parameters; null when absent or malformed (a read never fails
    /// for it). What the client applied is the ETag it sends back in If-None-Match.
    /// </summary>
    public static ClientSighting? Parse(StringValues header, StringValues ifNoneMatch)
    {
        if (header.Count != 1 || header[0] is not { Length: > 0 and <= 600 } value) return null;
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        var instance = parts[0];
        if (instance.Length is 0 or > 100 || instance.Any(c => char.IsControl(c) || c is '=' or ',')) return null;
        string? host = null, version = null;
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[1].Length > 200 || pair[1].Any(char.IsControl)) continue;
            if (pair[0].Equals("host", StringComparison.OrdinalIgnoreCase)) host = pair[1];
            else if (pair[0].Equals("version", StringComparison.OrdinalIgnoreCase)) version = pair[1];
        }
        var applied = ifNoneMatch.Count == 1 && ifNoneMatch[0] is { Length: > 0 and <= 100 } etag ? etag : null;
        return new ClientSighting(instance, host, version, applied);
    }

    private static async Task<Ok<PagedResult<ClientInstanceDto>>> List(ClientService clients, string name, string? environment, int? page,
        int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await clients.ListAsync(name, environment, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));
}

/// <summary>Writes the noted client instances to the database every few seconds.</summary>
public sealed class ClientSightingsFlusher(ClientRegistry registry, ILogger<ClientSightingsFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await registry.FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not record which client instances were seen; retrying in {Seconds} s", Period.TotalSeconds);
            }
        }
    }
}
