using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>
/// Ten thousand generated hostile requests across every /v1 route, from a fixed seed: never a 5xx, every error a
/// problem, never a stack trace; afterwards the database is whole and every audit entry belongs to a successful write.
/// </summary>
[Trait("Category", "Database")]
public abstract partial class FuzzTests(ApiHost host, TestReport output)
{
    public const int Seed = 20261125;
    public const int Requests = 10_000;

    [Fact]
    public async Task TenThousandBadRequests_NeverA5xxAlwaysAProblem_AndStoredDataStaysWhole()
    {
        var client = host.Client;
        var app = A.Name("fuzz");
        (await client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var configId = (await (await client.PostJsonAsync("/v1/configs", A.Config(app, overrides: new() { ["production"] = "p" }))).JsonAsync())
            .GetProperty("id").GetString()!;
        long auditBefore;
        await using (var db = await RawContextAsync()) auditBefore = await db.AuditEntries.MaxAsync(e => e.Id);

        var generator = new BadRequestGenerator(Seed, app, configId);
        var failures = new List<string>();
        var successfulWrites = new Dictionary<string, string>();
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var request = generator.Next();
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (!string.IsNullOrEmpty(request.ContentType)) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
            if (request.IfMatch is not null) message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);
            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            var problem = Check(status, response.Content.Headers.ContentType, body);
            if (problem is not null && failures.Count < 20) failures.Add($"#{i} {request.Method} {request.Url} [{request.Kind}] → {status}: {problem}");
            if (status is >= 200 and < 300 && request.Method != "GET")
                successfulWrites[response.Headers.GetValues("X-Correlation-Id").Single()] = $"{request.Method} {request.Url}";
        }

        output.Write($"fuzz seed {Seed}, {Requests} requests on {host.Provider}; statuses: " +
                         string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")) + $"; successful writes: {successfulWrites.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await using var check = await RawContextAsync();
        Assert.Empty(await IntegrityProblemsAsync(check));
        var newEntries = await check.AuditEntries.Where(e => e.Id > auditBefore).Select(e => e.CorrelationId).ToListAsync();
        var auditedWrites = newEntries.Distinct().ToHashSet();
        Assert.All(auditedWrites, id => Assert.True(successfulWrites.ContainsKey(id), $"audit entry of a failed request {id}"));
        Assert.All(successfulWrites.Where(w => !w.Value.StartsWith("PUT", StringComparison.Ordinal)),
            w => Assert.True(auditedWrites.Contains(w.Key), $"successful write without audit: {w.Value}"));
        output.Write($"audit entries written: {newEntries.Count} by {auditedWrites.Count} of {successfulWrites.Count} successful writes (the rest changed nothing)");
    }

    /// <summary>Null when the response is acceptable, else what is wrong with it.</summary>
    private static string? Check(int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (status >= 500) return "server error " + body[..Math.Min(body.Length, 300)];
        if (StackTrace().IsMatch(body)) return "stack trace in body";
        if (status < 400) return null;
        if (contentType?.MediaType != "application/problem+json") return $"not a problem ({contentType?.MediaType ?? "no content type"})";
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.GetProperty("status").GetInt32() == status && json.TryGetProperty("code", out _) && json.TryGetProperty("traceId", out _)
                ? null : "problem without status/code/traceId";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "unreadable problem body";
        }
    }

    private async Task<ConfigAdmin.Data.ConfigAdminContext> RawContextAsync()
    {
        var factory = (ConfigAdmin.Core.Common.IConfigAdminDbFactory)host.Factory.Services.GetService(typeof(ConfigAdmin.Core.Common.IConfigAdminDbFactory))!;
        return (ConfigAdmin.Data.ConfigAdminContext)await factory.CreateAsync();
    }

    /// <summary>Orphans of any kind, plus the engine's own check on SQLite.</summary>
    private async Task<List<string>> IntegrityProblemsAsync(ConfigAdmin.Data.ConfigAdminContext db)
    {
        var problems = new List<string>();
        if (await db.Configs.AnyAsync(c => !db.Applications.Any(a => a.Id == c.ApplicationId))) problems.Add("config without application");
        if (await db.Overrides.AnyAsync(o => !db.Configs.Any(c => c.Id == o.ConfigId))) problems.Add("override without config");
        if (await db.Overrides.AnyAsync(o => !db.Environments.Any(e => e.Id == o.EnvironmentId))) problems.Add("override without environment");
        if (host.Provider == Provider.Sqlite)
        {
            var result = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            if (result is not ["ok"]) problems.Add("integrity_check: " + string.Join("; ", result));
        }
        return problems;
    }

    [GeneratedRegex(@"\bat [\w.`<>]+\(|StackTrace|\.cs:line \d+")]
    private static partial Regex StackTrace();
}

[Collection(LoadCollection.Name)]
public sealed class FuzzTestsOnSqlite(SqliteApiHost host, TestReport output) : FuzzTests(host, output), IClassFixture<SqliteApiHost>, IClassFixture<TestReport>;

[Collection(LoadCollection.Name)]
public sealed class FuzzTestsOnPostgres(PostgresApiHost host, TestReport output) : FuzzTests(host, output), IClassFixture<PostgresApiHost>, IClassFixture<TestReport>;
