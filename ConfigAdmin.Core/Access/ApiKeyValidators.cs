using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using FluentValidation;

namespace ConfigAdmin.Core.Access;

public sealed class ApiKeyInputValidator : AbstractValidator<ApiKeyInput>
{
    public ApiKeyInputValidator()
    {
        // Same grammar as application names: the name appears in the audit log as key:<name>.
        RuleFor(k => k.Name).NotEmpty().MaximumLength(100).Must(ApplicationInputValidator.IsValidName)
            .WithMessage("Name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(k => k.Role).NotNull().IsInEnum();
        RuleFor(k => k.Applications).NotEmpty().WithMessage("'Applications' must be [\"*\"] or a list of application names.")
            .Must(ScopeIsAllOrNames).WithMessage("'Applications' must be [\"*\"] alone, or application names without \"*\".");
        RuleForEach(k => k.Applications).Must(a => a == AccessScopes.All || ApplicationInputValidator.IsValidName(a))
            .WithMessage("'{PropertyValue}' is not an application name.");
        RuleFor(k => k.Environments).Must(ScopeIsAllOrNames!).When(k => k.Environments is not null)
            .WithMessage("'Environments' must be [\"*\"] alone, or environment names without \"*\".");
        RuleForEach(k => k.Environments).Must(e => e == AccessScopes.All || EnvironmentInputValidator.CheckName(e) is null)
            .WithMessage("'{PropertyValue}' is not an environment name.");
        RuleFor(k => k.Applications).Must(a => a is [AccessScopes.All]).When(k => k.Role is Access.Role.Monitor)
            .WithMessage("A monitor key reads the metrics of every application: 'Applications' must be [\"*\"].");
        RuleFor(k => k.Environments).Must(e => e is null || e is [AccessScopes.All])
            .When(k => k.Role is not Access.Role.Client)
            .WithMessage("Only client keys are limited to environments; other roles cover every environment of their applications.");
    }

    private static bool ScopeIsAllOrNames(IReadOnlyList<string>? scope) =>
        scope is null or [] || scope is [AccessScopes.All] || !scope.Contains(AccessScopes.All);
}
