using Bunit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Admin;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Components.Pages;

/// <summary>The Webhooks admin page: register (secret shown once), refusals in the dialog, edit, delete, the delivery log.</summary>
[Trait("Category", "Unit")]
public sealed class WebhooksPageTests : ComponentTestBase
{
    private static void Register(IRenderedComponent<TestHost> host, string url)
    {
        host.WaitForElement("button[aria-label='New webhook']").Click();
        host.WaitForElement("input[aria-label='URL']").Input(url);
        host.Find("button[aria-label='Register']").Click();
    }

    [Fact]
    public void Register_ShowsTheSecretOnceWithACopyButton_ThenTheListShowsTheWebhook()
    {
        var host = RenderHosted<WebhooksPage>();

        Register(host, "https://hooks.example.com/ci");

        var secret = host.WaitForElement("input[aria-label='Signing secret']").GetAttribute("value")!;
        Assert.NotNull(WebhookSignature.KeyOf(secret));
        Assert.Contains("you will not see it again", host.Find("[role='alert']").TextContent);
        host.Find("button[aria-label='Copy secret']").Click();
        Assert.Equal(secret, JSInterop.VerifyInvoke("configAdmin.copy").Arguments[0]);
        host.Find("button[aria-label='Done']").Click();

        host.WaitForAssertion(() => Assert.Contains("https://hooks.example.com/ci", host.Find("tbody").TextContent));
        Assert.Contains("config.changed", host.Find("tbody").TextContent);
        Assert.DoesNotContain(secret, host.Markup);
    }

    [Fact]
    public void Register_AnInternalTarget_IsRefusedInTheDialog_AndABadUrlInline()
    {
        var host = RenderHosted<WebhooksPage>();

        Register(host, "http://169.254.169.254/latest");
        host.WaitForAssertion(() => Assert.Contains("Webhooks:AllowPrivateTargets", host.Find("[role='alert']").TextContent));
        host.Find("input[aria-label='URL']").Input("hooks.example.com/no-scheme");
        host.Find("button[aria-label='Register']").Click();

        host.WaitForAssertion(() => Assert.Contains("must be an absolute http or https URL", host.Markup));
        Assert.Empty(host.FindAll("input[aria-label='Signing secret']"));
    }

    [Fact]
    public async Task Edit_KeepsTheSecret_UnlessANewOneIsAsked_WhichIsShownOnce()
    {
        var created = await Service<WebhookService>().CreateAsync(new WebhookInput("https://hooks.example.com/a", ["*"], ["*"]));
        var host = RenderHosted<WebhooksPage>();

        host.WaitForElement("button[aria-label='Edit https://hooks.example.com/a']").Click();
        host.WaitForElement("input[aria-label='Description']").Change("CI");
        host.Find("button[aria-label='Save']").Click();
        host.WaitForAssertion(() => Assert.Contains("CI", host.Find("tbody").TextContent));
        Assert.Empty(host.FindAll("input[aria-label='Signing secret']"));

        host.Find("button[aria-label='Edit https://hooks.example.com/a']").Click();
        host.WaitForElement("input[aria-label='New signing secret']").Change(true);
        host.Find("button[aria-label='Save']").Click();

        var secret = host.WaitForElement("input[aria-label='Signing secret']").GetAttribute("value")!;
        Assert.NotEqual(created.Secret, secret);
        Assert.NotNull(WebhookSignature.KeyOf(secret));
    }

    [Fact]
    public async Task Delete_AfterConfirming_RemovesTheWebhook()
    {
        await Service<WebhookService>().CreateAsync(new WebhookInput("https://hooks.example.com/old", ["*"], ["*"]));
        var host = RenderHosted<WebhooksPage>();

        host.WaitForElement("button[aria-label='Delete https://hooks.example.com/old']").Click();
        host.WaitForElement("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Delete https://hooks.example.com/old']")));
        Assert.Equal(0, (await Service<WebhookService>().ListAsync(new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task TheDeliveryLog_ShowsEachAttempt_AndSendsAgainAndTests()
    {
        var webhook = await Service<WebhookService>().CreateAsync(new WebhookInput("https://hooks.example.com/log", ["*"], ["*"]));
        var delivery = await Service<WebhookService>().TestAsync(webhook.Id);
        await using (var db = await Gate.CreateAsync())
        {
            db.WebhookAttempts.Add(new WebhookAttempt
            {
                DeliveryId = delivery.Id, WebhookId = webhook.Id, Attempt = 1, At = DateTime.UtcNow, Status = 500, DurationMs = 12,
                Response = "upstream broke", Error = "The receiver answered 500.",
            });
            await db.SaveChangesAsync();
        }
        var host = RenderHosted<WebhooksPage>();

        host.WaitForElement("button[aria-label='Deliveries of https://hooks.example.com/log']").Click();

        var row = host.WaitForElement("table[aria-label='Delivery log'] tbody tr, [aria-label='Delivery log'] tbody tr");
        Assert.Contains("webhook.test", row.TextContent);
        Assert.Contains("500", row.TextContent);
        Assert.Contains("upstream broke", row.TextContent);
        Assert.Contains("The receiver answered 500.", row.TextContent);
        host.Find($"button[aria-label='Send delivery {delivery.Id} again']").Click();
        host.WaitForAssertion(() => Assert.Contains($"Delivery #{delivery.Id} queued again.", host.Markup));
        host.Find("button[aria-label='Send test event']").Click();
        host.WaitForAssertion(() => Assert.Contains("Test event queued", host.Markup));
        await using var check = await Gate.CreateAsync();
        Assert.Equal(2, await check.WebhookDeliveries.CountAsync(d => d.WebhookId == webhook.Id));
    }
}
