using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Resolution;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConfigAdmin.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the domain services and validators (the database comes from ConfigAdmin.Data).</summary>
    public static IServiceCollection AddConfigAdminCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatorsFromAssemblyContaining<ApplicationInputValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<ResolvedConfigCache>();
        services.AddSingleton<ResolutionService>();
        services.AddSingleton<ChangeFeed>();
        services.TryAddSingleton<Observability.ConfigAdminMetrics>();
        services.AddSingleton<Observability.GaugeReader>();
        services.AddSingleton<ChangeSignals>();
        services.AddSingleton<RevisionRecorder>();
        services.AddSingleton<RevisionsBaseline>();
        services.AddSingleton<RevisionsAt>();
        services.AddScoped<KeyStates>();
        services.AddScoped<HistoryService>();
        services.AddScoped<ConflictCheck>();
        services.AddScoped<PromotionService>();
        services.AddScoped<Transfer.TransferService>();
        services.AddSingleton<Clients.ClientRegistry>();
        services.AddScoped<Clients.ClientService>();
        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<SecretValues>();
        services.AddSingleton<Schemas.SchemaCompiler>();
        services.AddSingleton<SecretsUpgrade>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ResolvedViewService>();
        services.AddScoped<ChangeContext>();
        services.AddScoped<AuditRecorder>();
        services.AddScoped<ConfigAuditor>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<EnvironmentService>();
        services.AddScoped<ConfigService>();
        services.AddScoped<AuditService>();
        services.AddScoped<Search.SearchService>();
        services.AddScoped<Schemas.SchemaService>();
        // The write pipeline's validators, in the order they run.
        services.AddSingleton<Pipeline.IChangeValidator, Pipeline.ValueRules>();
        services.AddSingleton<Pipeline.IChangeValidator, Schemas.SchemaRules>();
        services.AddSingleton<Pipeline.IChangeValidator, Flags.FlagRules>();
        services.AddScoped<Flags.FlagService>();
        services.AddScoped<Pipeline.OperationPlanner>();
        services.AddScoped<Pipeline.WritePipeline>();
        services.AddScoped<Reviews.ReviewAudit>();
        services.AddScoped<Reviews.RequestFiler>();
        services.AddScoped<Reviews.ChangeRequestService>();
        services.AddSingleton<Rollouts.RolloutRegistry>();
        services.AddScoped<Rollouts.RolloutEvents>();
        services.AddScoped<Rollouts.RolloutSteps>();
        services.AddScoped<Rollouts.RolloutService>();
        services.AddScoped<Webhooks.WebhookOutbox>();
        services.AddScoped<Webhooks.WebhookService>();
        services.AddSingleton<Webhooks.WebhookSignal>();
        return services;
    }
}
