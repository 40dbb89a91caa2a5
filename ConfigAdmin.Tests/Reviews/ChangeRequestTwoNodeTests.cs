using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// Change requests on two nodes of one PostgreSQL database: applying one request on both nodes at once applies it
/// exactly once, whole; a request approved on one node is applied on the other.
/// </summary>
[Trait("Category", "Database")]
public sealed class ChangeRequestTwoNodeTests : IAsyncLifetime
{
    private TwoNodes _nodes = default!;
    private WebApplicationFactory<Program> _a = default!, _b = default!;
    private HttpClient _nodeA = default!, _nodeB = default!, _reviewerOnB = default!;

    public async Task InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync();
        (_a, _b, _nodeA, _nodeB) = (_nodes.A, _nodes.B, _nodes.ClientA, _nodes.ClientB);
        await (await _nodeA.PutJsonAsync("/v1/environments/production", new { name = "production", sortOrder = 30, requiredApprovals = 1 }))
            .EnsureSuccessStatusCodeAsync();
        // A second principal, created through A; B knows it once it followed A's change record.
        _reviewerOnB = _b.CreateClient().WithKey(await KeyAsync("editor"));
        await Eventually.TrueAsync(async () => (await _reviewerOnB.GetAsync("/v1/applications")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task OneRequestAppliedOnBothNodesAtOnce_IsAppliedExactlyOnce()
    {
        for (var round = 0; round < 5; round++)
        {
            var (app, request) = await ApprovedRequestAsync();

            var answers = await Task.WhenAll(_nodeA.PostJsonAsync($"{request}/apply", new { }), _nodeB.PostJsonAsync($"{request}/apply", new { }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).AssertProblemAsync(409, "request_closed");
            Assert.Equal("""{"Retry:Count":5,"Timeout":15}""", await _nodeB.GetStringAsync($"/v1/applications/{app}/config?environment=production"));
            var audit = await (await _nodeA.GetAsync($"/v1/audit?application={app}&entityType=changeRequest&action=applied")).JsonAsync();
            Assert.Equal(1, audit.GetProperty("totalCount").GetInt32());
        }
    }

    /// <summary>An application with Timeout 10 in production, and a request (approved on node B) for 15 and a new key.</summary>
    private async Task<(string App, string Request)> ApprovedRequestAsync()
    {
        var app = A.Name();
        await (await _nodeA.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        var filed = await _nodeA.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Both",
            operations = new object[]
            {
                new { op = "createKey", key = "Timeout", valueType = "integer", overrides = new Dictionary<string, string> { ["production"] = "15" } },
                new { op = "createKey", key = "Retry:Count", valueType = "integer", defaultValue = "5" },
            },
        });
        await filed.EnsureSuccessStatusCodeAsync();
        var request = filed.Headers.Location!.OriginalString;
        await (await _reviewerOnB.PostJsonAsync($"{request}/approve", new { })).EnsureSuccessStatusCodeAsync();
        return (app, request);
    }

    private async Task<string> KeyAsync(string role)
    {
        var created = await (await _nodeA.PostJsonAsync("/v1/api-keys", new { name = A.Name(role), role, applications = new[] { "*" } })).JsonAsync();
        return created.GetProperty("secret").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
    }
}
