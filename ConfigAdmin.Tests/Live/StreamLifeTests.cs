using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Live;

/// <summary>A host whose streams live a minute, on a clock that moves only when the test moves it.</summary>
public sealed class StreamLifeHost() : ApiHost(Provider.Sqlite)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Api:StreamMaxLifeSeconds", "60");
        builder.UseSetting("Api:StreamHeartbeatSeconds", "15");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A stream ends after its maximum life, and the client resumes where it was with Last-Event-ID.</summary>
[Trait("Category", "Database")]
public sealed class StreamLifeTests(StreamLifeHost host) : IClassFixture<StreamLifeHost>
{
    [Fact]
    public async Task Stream_EndsAfterItsMaximumLife_AndResumesWithLastEventId()
    {
        var app = A.Name("life");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config/stream?environment=production";
        using var events = await EventReader.OpenAsync(host.Client, url);
        var first = await events.NextAsync(TimeSpan.FromSeconds(10));
        var id = first!.Single(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..];

        for (var i = 0; i < 4; i++) host.Clock.Advance(TimeSpan.FromSeconds(16));

        Assert.True(await events.EndedAsync(TimeSpan.FromSeconds(10)), "the stream outlived its maximum life");
        using var resumed = await EventReader.OpenAsync(host.Client, url, lastEventId: id);
        Assert.Null(await resumed.NextAsync(TimeSpan.FromMilliseconds(500))); // nothing new: nothing sent again
    }
}
