using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>An admin wires a receiver (on 127.0.0.1) to ConfigAdmin in the browser, tests it, and reads the delivery log.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class WebhookFlowTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task RegisterTestAndSendAgain_FromTheWebhooksPage_ReachTheReceiverSigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url + "/" + Unique("flow");
        var page = await NewPageAsync();
        var webhooks = new WebhooksPageObject(page);
        await webhooks.GotoAsync();

        var secret = await webhooks.RegisterAsync(url);
        await Expect(webhooks.Row(url)).ToContainTextAsync("config.changed");
        await webhooks.OpenDeliveriesAsync(url);
        await webhooks.Button("Send test event").ClickAsync();

        var test = Assert.Single(await receiver.WaitForCountAsync(1));
        Assert.Equal("com.configadmin.webhook.test", test.Type);
        Assert.True(test.IsSignedWith(secret));
        // The attempt is recorded just after the receiver answered: the log shows it on a refresh soon after.
        for (var i = 0; i < 40 && await webhooks.LogRows.Filter(new() { HasTextString = "webhook.test" }).CountAsync() == 0; i++)
        {
            await webhooks.Button("Refresh the log").ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }
        await Expect(webhooks.LogRows).ToHaveCountAsync(1);
        await Expect(webhooks.LogRows.First).ToContainTextAsync("webhook.test");
        await Expect(webhooks.LogRows.First).ToContainTextAsync("200");
        await Expect(webhooks.LogRows.First).ToContainTextAsync("delivered");

        await webhooks.LogRows.First.GetByRole(AriaRole.Button).ClickAsync();
        var again = await receiver.WaitForCountAsync(2);
        Assert.Equal(test.Id, again[1].Id);
        Assert.True(again[1].IsSignedWith(secret));

        var name = await NewApplicationAsync("hooked", (configs, app) => configs.CreateAsync(new(app, "Mode", ConfigValueType.String, "a", null)));
        var changed = await receiver.WaitForAsync(r => r.Any(x => x.Type == "com.configadmin.config.changed"));
        Assert.Equal(name, changed.First(x => x.Type == "com.configadmin.config.changed").Data.GetProperty("application").GetString());
        await App.WithServicesAsync(async s =>
        {
            var all = await s.GetRequiredService<Core.Webhooks.WebhookService>().ListAsync(new());
            foreach (var w in all.Items.Where(w => w.Url == url)) await s.GetRequiredService<Core.Webhooks.WebhookService>().DeleteAsync(w.Id, null);
        });
    }
}
