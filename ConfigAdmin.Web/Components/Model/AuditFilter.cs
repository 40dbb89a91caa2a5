using System.Globalization;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>
/// The audit grid's filters as a value, and as the query string of <c>/audit</c> (so a filtered view can be
/// bookmarked, reloaded, and walked with back and forward). Dates are whole UTC days; <c>To</c> is included.
/// </summary>
public sealed record AuditFilter(
    string? Application = null, string? Key = null, string? Environment = null, string? Actor = null, AuditAction? Action = null,
    DateOnly? From = null, DateOnly? To = null)
{
    public static readonly AuditFilter None = new();

    /// <summary>The service query: an application matched by part of its name, unless <paramref name="exactApplication"/> pins one.</summary>
    public AuditQuery ToQuery(int page, int pageSize, string? exactApplication = null) => new(
        Application: exactApplication, ApplicationSearch: exactApplication is null ? Blank(Application) : null,
        Key: Blank(Key), Environment: Blank(Environment)?.ToLowerInvariant(), Actor: Blank(Actor), Action: Action,
        From: Utc(From), To: Utc(To?.AddDays(1)), Page: page, PageSize: pageSize);

    /// <summary>Query-string values, named as the REST filters are; null removes a parameter.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryString() => new Dictionary<string, object?>
    {
        ["application"] = Blank(Application),
        ["key"] = Blank(Key),
        ["environment"] = Blank(Environment),
        ["actor"] = Blank(Actor),
        ["action"] = Action?.ToString().ToLowerInvariant(),
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads the query string's values; anything unreadable is left out rather than failing the page.</summary>
    public static AuditFilter FromQueryString(string? application, string? key, string? environment, string? actor, string? action,
        string? from, string? to) => new(
        Blank(application), Blank(key), Blank(environment), Blank(actor),
        EnumNames.Parse<AuditAction>(action),
        Day(from), Day(to));

    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateTime? Utc(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
