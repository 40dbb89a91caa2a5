using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>The client read as a client key of every application and environment would make it (secrets in clear).</summary>
public static class ResolutionForTests
{
    public static readonly Caller Client = new(CallerKind.ApiKey, "test-client", [new Grant(Role.Client, null)]);

    public static Task<ResolvedDocument> GetDocumentAsync(this ResolutionService resolution, string application, string environment, bool explain) =>
        resolution.GetDocumentAsync(application, environment, explain, Client);

    public static bool TryGetLastKnownGood(this ResolutionService resolution, string application, string environment, bool explain,
        out ResolvedDocument document) =>
        resolution.TryGetLastKnownGood(application, environment, explain, Client, out document);

    /// <summary>The document straight from the database, past the cache, as the client key sees it.</summary>
    public static async Task<string> FreshAsync(this ResolutionService resolution, string application, string environment, bool explain = false)
    {
        var (_, values) = await resolution.ResolveStoredAsync(application, environment);
        return System.Text.Encoding.UTF8.GetString(resolution.ToDocument(values, explain, SecretView.Clear).Body);
    }
}
