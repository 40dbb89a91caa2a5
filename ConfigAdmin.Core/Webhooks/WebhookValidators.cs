using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using FluentValidation;

namespace ConfigAdmin.Core.Webhooks;

public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public const int MaxUrlLength = 2000, MaxDescriptionLength = 200, MaxEvents = 50, MaxApplications = 500;

    public WebhookInputValidator()
    {
        RuleFor(w => w.Url).NotEmpty().MaximumLength(MaxUrlLength)
            .Must(u => CheckUrl(u) is null).WithMessage(w => CheckUrl(w.Url) ?? "");
        RuleFor(w => w.Events).NotEmpty().WithMessage("'Events' must list at least one event, such as \"config.changed\", or [\"*\"].")
            .Must(e => e is null || e.Count <= MaxEvents).WithMessage($"'Events' holds at most {MaxEvents} entries.");
        RuleForEach(w => w.Events).Must(e => e is not null && WebhookEvents.IsKnown(e))
            .WithMessage(_ => $"'{{PropertyValue}}' is not an event. Known: {string.Join(", ", WebhookEvents.Subscriptions)}.");
        RuleFor(w => w.Applications).NotEmpty().WithMessage("'Applications' must be [\"*\"] or a list of application names.")
            .Must(a => a is null || a is [AccessScopes.All] || !a.Contains(AccessScopes.All))
            .WithMessage("'Applications' must be [\"*\"] alone, or application names without \"*\".")
            .Must(a => a is null || a.Count <= MaxApplications).WithMessage($"'Applications' holds at most {MaxApplications} names.");
        RuleForEach(w => w.Applications).Must(a => a == AccessScopes.All || ApplicationInputValidator.IsValidName(a))
            .WithMessage("'{PropertyValue}' is not an application name.");
        RuleFor(w => w.Secret).Must(s => s is null || WebhookSignature.KeyOf(s) is not null)
            .WithMessage($"'Secret' must be {WebhookSignature.SecretPrefix} followed by the base64 of {WebhookSignature.MinKeyBytes}-" +
                         $"{WebhookSignature.MaxKeyBytes} random bytes; leave it out to get a generated one.");
        RuleFor(w => w.Description).MaximumLength(MaxDescriptionLength).Must(TextRules.IsStorable)
            .WithMessage($"'Description' must be at most {MaxDescriptionLength} characters.");
    }

    /// <summary>Why a URL is no webhook target (null: it is one): absolute http(s), with a host, no credentials or fragment.</summary>
    public static string? CheckUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            return "'Url' must be an absolute http or https URL, such as https://hooks.example.com/configadmin.";
        if (uri.UserInfo.Length > 0) return "'Url' must not carry credentials; the signature proves the sender.";
        if (uri.Fragment.Length > 0) return "'Url' must not have a fragment (#...).";
        return null;
    }
}
