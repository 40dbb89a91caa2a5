using System.Net;
using System.Text.Json;
using ConfigAdmin.Core.Webhooks;

namespace ConfigAdmin.Tests.Unit;

/// <summary>The webhook rules that need no database: signatures, the retry schedule, internal addresses, event filters, the CloudEvent.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookRulesTests
{
    [Fact]
    public void Sign_MatchesTheStandardWebhooksReferenceVector()
    {
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void NewSecret_IsWhsecWith32RandomBytes_EachOneDifferent()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();

        Assert.Equal(32, WebhookSignature.KeyOf(a)!.Length);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_")]
    [InlineData("whsec_c2hvcnQ=")]
    [InlineData("whsec_not base64!")]
    public void KeyOf_RefusesWhatIsNoSecret(string? secret) => Assert.Null(WebhookSignature.KeyOf(secret));

    [Fact]
    public void RetrySchedule_Is5sThen30sThenDoubling_UpToAnHour()
    {
        var waits = Enumerable.Range(1, 12).Select(n => RetrySchedule.After(n).TotalSeconds);

        Assert.Equal([5, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600], waits);
        Assert.Equal(TimeSpan.FromHours(1), RetrySchedule.After(int.MaxValue));
    }

    [Fact]
    public void RetrySchedule_StopsWhenTheNextAttemptWouldBePastTheDeadline()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddSeconds(5), RetrySchedule.Next(1, now, now.AddSeconds(5)));
        Assert.Null(RetrySchedule.Next(1, now, now.AddSeconds(4)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("64:ff9b::10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("203.0.113.10", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    public void IsInternal_KnowsLoopbackLinkLocalAndPrivateRanges(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargets.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://localhost/x", true)]
    [InlineData("http://LOCALHOST./x", true)]
    [InlineData("http://app.localhost:8080/x", true)]
    [InlineData("http://[::1]:9000/x", true)]
    [InlineData("http://127.0.0.1/x", true)]
    [InlineData("https://hooks.example.com/x", false)]
    [InlineData("https://localhost.example.com/x", false)]
    public void NamesInternalHost_JudgesTheUrlsOwnHost(string url, bool expected) =>
        Assert.Equal(expected, WebhookTargets.NamesInternalHost(new Uri(url)));

    [Theory]
    [InlineData("config.changed", "config.changed", true)]
    [InlineData("change_request.*", "change_request.applied", true)]
    [InlineData("change_request.*", "config.changed", false)]
    [InlineData("*", "secret.revealed", true)]
    [InlineData("rollout.*", "change_request.filed", false)]
    public void Matches_NamesFamiliesAndEverything(string subscription, string name, bool expected) =>
        Assert.Equal(expected, WebhookEvents.Matches([subscription], name));

    [Fact]
    public void EveryNamedEvent_AndEachFamily_IsSubscribable_ButTheTestEventIsNot()
    {
        Assert.All(WebhookEvents.Named, n => Assert.True(WebhookEvents.IsKnown(n)));
        Assert.True(WebhookEvents.IsKnown("change_request.*"));
        Assert.True(WebhookEvents.IsKnown("rollout.*"));
        Assert.False(WebhookEvents.IsKnown(WebhookEvents.Test));
        Assert.False(WebhookEvents.IsKnown("config.*"));
    }

    [Fact]
    public void CloudEventBody_IsStructuredCloudEvents10_WithTheRevisionInItsData()
    {
        var e = new WebhookEvent
        {
            Id = Guid.Parse("0193f0c2-0000-7000-8000-000000000001"), Name = "config.changed", Source = CloudEventBody.SourceOf("my app"),
            OccurredAt = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), Data = """{"application":"my app"}""", Revision = 42,
        };

        var body = JsonDocument.Parse(CloudEventBody.Of(e)).RootElement;

        Assert.Equal("1.0", body.GetProperty("specversion").GetString());
        Assert.Equal("0193f0c2-0000-7000-8000-000000000001", body.GetProperty("id").GetString());
        Assert.Equal("/applications/my%20app", body.GetProperty("source").GetString());
        Assert.Equal("com.configadmin.config.changed", body.GetProperty("type").GetString());
        Assert.Equal("2026-03-04T05:06:07.8900000Z", body.GetProperty("time").GetString());
        Assert.Equal("application/json", body.GetProperty("datacontenttype").GetString());
        Assert.Equal(42, body.GetProperty("data").GetProperty("revision").GetInt64());
        Assert.Equal(CloudEventBody.Of(e), CloudEventBody.Of(e));
    }
}

/// <summary>The webhook dialog's form: what it shows of a webhook and what it sends back.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookFormTests
{
    [Fact]
    public void AWebhookOfEverything_RoundTrips_AsAllSwitches()
    {
        var dto = new WebhookDto(Guid.NewGuid(), "https://hooks.example.com/x", "CI", ["*"], ["*"], DateTime.UtcNow, "a", DateTime.UtcNow, 3);

        var form = ConfigAdmin.Web.Components.Model.WebhookForm.Of(dto);
        var input = form.ToInput(version: 3);

        Assert.True(form.AllEvents && form.AllApplications);
        Assert.Equal(("https://hooks.example.com/x", "CI", 3L, (string?)null), (input.Url, input.Description, input.Version, input.Secret));
        Assert.Equal(["*"], input.Events);
        Assert.Equal(["*"], input.Applications);
    }

    [Fact]
    public void ChosenEventsAndApplications_AndANewSecret_GoIntoTheInput()
    {
        var form = new ConfigAdmin.Web.Components.Model.WebhookForm
        {
            Url = "  https://hooks.example.com/y ", AllEvents = false, Events = ["change_request.*", "secret.revealed"],
            AllApplications = false, Applications = ["shop"],
        };

        var input = form.ToInput("whsec_new");

        Assert.Equal("https://hooks.example.com/y", input.Url);
        Assert.Equal(["change_request.*", "secret.revealed"], input.Events);
        Assert.Equal(["shop"], input.Applications);
        Assert.Equal("whsec_new", input.Secret);
        Assert.DoesNotContain(WebhookEvents.All, ConfigAdmin.Web.Components.Model.WebhookForm.Choices);
    }
}
