using ConfigAdmin.Core.Rollouts;
using FluentValidation;

namespace ConfigAdmin.Web.Components.Rollouts;

/// <summary>
/// The editable twin of <see cref="RolloutInput"/>: canary ids, stages with their bake in minutes, and the failing share
/// as a percentage. It is checked by the same <see cref="RolloutInputValidator"/> the server runs, and the server's field
/// errors (<c>rollout.Stages[1].Percent</c>) land beside the same fields.
/// </summary>
public sealed class RolloutForm
{
    public sealed class StageRow
    {
        public int Percent { get; set; }
        public double BakeMinutes { get; set; }
    }

    public List<string> Canary { get; } = [];

    /// <summary>Canaries with the first stage, then 10 % for 5 minutes, 50 % for 10 minutes, everyone.</summary>
    public List<StageRow> Stages { get; } =
    [
        new() { Percent = 10, BakeMinutes = 5 }, new() { Percent = 50, BakeMinutes = 10 }, new() { Percent = 100 },
    ];

    public double MaxFailingPercent { get; set; } = RolloutInput.DefaultMaxFailingRatio * 100;

    /// <summary>Adds a canary once (blank and repeated ids are ignored); true when it was added.</summary>
    public bool AddCanary(string? id)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || Canary.Contains(trimmed, StringComparer.Ordinal)) return false;
        Canary.Add(trimmed);
        return true;
    }

    /// <summary>A new stage before the last (100 %), halfway between its neighbours, baking as long as the one before.</summary>
    public void AddStage()
    {
        var before = Stages.Count >= 2 ? Stages[^2] : null;
        var last = Stages.Count > 0 ? Stages[^1].Percent : 100;
        var from = before?.Percent ?? 0;
        Stages.Insert(Math.Max(0, Stages.Count - 1), new StageRow { Percent = (from + last) / 2, BakeMinutes = before?.BakeMinutes ?? 5 });
    }

    public RolloutInput ToInput() => new(
        Canary.ToList(),
        Stages.Select(s => new RolloutStage(s.Percent, (int)Math.Round(s.BakeMinutes * 60))).ToList(),
        MaxFailingPercent / 100);

    /// <summary>The validator's verdict on the form as it stands, by field.</summary>
    public RolloutFormErrors Check(IValidator<RolloutInput> validator) =>
        RolloutFormErrors.From(validator.Validate(ToInput()).Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
}

/// <summary>
/// Validation messages by the form's fields. The validator speaks of the REST shape (bake seconds, a ratio from 0 to 1);
/// the form asks for minutes and a percentage, so those two messages are said in the form's units.
/// </summary>
public sealed class RolloutFormErrors
{
    private readonly ILookup<string, string> _errors;

    private RolloutFormErrors(ILookup<string, string> errors) => _errors = errors;

    public static readonly RolloutFormErrors None = From([]);

    /// <summary>From (property, message) pairs, the client's own or the server's (prefixed <c>rollout.</c>).</summary>
    public static RolloutFormErrors From(IEnumerable<(string Property, string Message)> errors) => new(errors
        .Select(e => (Property: e.Property.StartsWith("rollout.", StringComparison.OrdinalIgnoreCase) ? e.Property["rollout.".Length..] : e.Property,
            e.Message))
        .ToLookup(e => Field(e.Property), e => InFormUnits(e.Property, e.Message), StringComparer.OrdinalIgnoreCase));

    public bool Any => _errors.Count > 0;

    public string? Stages => Of("Stages");

    public string? Canary => Of("Canary");

    public string? MaxFailing => Of("MaxFailingRatio");

    public string? Percent(int stage) => Of($"Stages[{stage}].Percent");

    public string? Bake(int stage) => Of($"Stages[{stage}].BakeSeconds");

    /// <summary>Every message, for an alert when a field of the message is not on screen.</summary>
    public IEnumerable<string> All => _errors.SelectMany(g => g).Distinct();

    private string? Of(string field) => _errors.Contains(field) ? string.Join(" ", _errors[field].Distinct()) : null;

    /// <summary>Each canary's error is the canary list's (the list shows them together).</summary>
    private static string Field(string property) => property.StartsWith("Canary", StringComparison.OrdinalIgnoreCase) ? "Canary" : property;

    private static string InFormUnits(string property, string message) => property switch
    {
        _ when property.EndsWith(".BakeSeconds", StringComparison.OrdinalIgnoreCase) =>
            $"Bake between 0 and {RolloutInput.MaxBakeSeconds / 60} minutes (a week).",
        "MaxFailingRatio" => "Between 0 % and 100 %.",
        _ => message,
    };
}
