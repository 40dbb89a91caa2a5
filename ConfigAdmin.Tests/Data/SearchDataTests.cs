using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Search;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Data;

/// <summary>Key search across applications (design §5 /search): what matches, what never does, whose keys, in which order.</summary>
[Trait("Category", "Database")]
public abstract class SearchDataTests(ServiceHost host)
{
    [Fact]
    public async Task Search_MatchesKeyNameDescriptionAndValues_IgnoringCase()
    {
        var term = Term();
        await using var scope = host.Scope();
        var app = await AppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(app, $"Payments:{term}Timeout", defaultValue: "30"));
        await configs.CreateAsync(new ConfigCreateInput(app, "Described", ConfigValueType.String, "x", $"Mentions {term.ToUpperInvariant()} here"));
        await configs.CreateAsync(A.Config(app, "ByDefault", defaultValue: $"prefix-{term}-suffix"));
        await configs.CreateAsync(A.Config(app, "ByOverride", defaultValue: "plain", overrides: new() { ["staging"] = $"{term}!" }));
        await configs.CreateAsync(A.Config(app, "Unrelated", defaultValue: "nothing"));

        var hits = (await SearchAsync(scope, term.ToUpperInvariant())).Items.ToDictionary(h => h.Key);

        Assert.Equal(["ByDefault", "ByOverride", "Described", $"Payments:{term}Timeout"], hits.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["key"], hits[$"Payments:{term}Timeout"].MatchedIn);
        Assert.Equal(["description"], hits["Described"].MatchedIn);
        Assert.Equal([new SearchValue("default", $"prefix-{term}-suffix")], hits["ByDefault"].Values);
        Assert.Equal([new SearchValue("staging", $"{term}!")], hits["ByOverride"].Values);
        Assert.Equal(["staging"], hits["ByOverride"].MatchedIn);
        Assert.All(hits.Values, h => Assert.Equal(app, h.Application));
    }

    [Fact]
    public async Task Search_SecretKeys_AreFoundByNameButTheirValuesAreNeverMatchedNorShown()
    {
        var term = Term();
        await using var scope = host.Scope();
        var app = await AppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: $"{term}-secret", secret: true,
            overrides: new() { ["production"] = $"{term}-prod" }));
        await configs.CreateAsync(A.Config(app, $"Api:{term}Token", defaultValue: $"{term}-token", secret: true));

        var hit = Assert.Single((await SearchAsync(scope, term)).Items);

        Assert.Equal(($"Api:{term}Token", true), (hit.Key, hit.IsSecret));
        Assert.Equal(["key"], hit.MatchedIn);
        Assert.Empty(hit.Values);
    }

    [Fact]
    public async Task Search_OnlyFindsKeysOfApplicationsTheCallerMayRead()
    {
        var term = Term();
        string mine, theirs;
        await using (var admin = host.Scope())
        {
            mine = await AppAsync(admin);
            theirs = await AppAsync(admin);
            await host.Get<ConfigService>(admin).CreateAsync(A.Config(mine, $"{term}:Mine"));
            await host.Get<ConfigService>(admin).CreateAsync(A.Config(theirs, $"{term}:Theirs"));
        }
        await using var viewer = host.Scope(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, [await host.ApplicationIdAsync(mine)])]));

        var hit = Assert.Single((await SearchAsync(viewer, term)).Items);

        Assert.Equal((mine, $"{term}:Mine"), (hit.Application, hit.Key));
    }

    [Fact]
    public async Task Search_ClientKey_IsRefused()
    {
        await using var client = host.Scope(new Caller(CallerKind.ApiKey, "reader", [new Grant(Role.Client, null)]));

        await Assert.ThrowsAsync<Core.Common.ForbiddenException>(() => SearchAsync(client, "anything"));
    }

    [Fact]
    public async Task Search_Pages_ByApplicationThenKey()
    {
        var term = Term();
        await using var scope = host.Scope();
        var first = await AppAsync(scope, "a");
        var second = await AppAsync(scope, "b");
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(second, $"{term}:One"));
        await configs.CreateAsync(A.Config(first, $"{term}:Two"));
        await configs.CreateAsync(A.Config(first, $"{term}:One"));

        var one = await host.Get<SearchService>(scope).SearchAsync(new SearchQuery(term, Page: 1, PageSize: 2));
        var two = await host.Get<SearchService>(scope).SearchAsync(new SearchQuery(term, Page: 2, PageSize: 2));

        Assert.Equal(3, one.TotalCount);
        Assert.Equal([(first, $"{term}:One"), (first, $"{term}:Two")], one.Items.Select(h => (h.Application, h.Key)));
        Assert.Equal([(second, $"{term}:One")], two.Items.Select(h => (h.Application, h.Key)));
    }

    [Fact]
    public async Task Search_WildcardCharacters_MatchOnlyThemselves()
    {
        var term = Term();
        await using var scope = host.Scope();
        var app = await AppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(app, "Percent", defaultValue: $"{term} 50%_off"));
        await configs.CreateAsync(A.Config(app, "Digits", defaultValue: $"{term} 500 off"));

        var hit = Assert.Single((await SearchAsync(scope, "50%_")).Items, h => h.Application == app);

        Assert.Equal("Percent", hit.Key);
    }

    [Fact]
    public async Task Search_NonAsciiTypedAsStored_IsFound()
    {
        var term = Term();
        await using var scope = host.Scope();
        var app = await AppAsync(scope);
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, "Greeting", defaultValue: $"Grüße {term}"));

        var hit = Assert.Single((await SearchAsync(scope, $"Grüße {term}")).Items);

        Assert.Equal("Greeting", hit.Key);
    }

    [Fact]
    public async Task Search_LongValue_ShowsAWindowAroundTheMatch()
    {
        var term = Term();
        await using var scope = host.Scope();
        var app = await AppAsync(scope);
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, "Long", defaultValue: new string('a', 1000) + term + new string('b', 1000)));

        var value = Assert.Single(Assert.Single((await SearchAsync(scope, term)).Items).Values).Value;

        Assert.Contains(term, value);
        Assert.StartsWith("…", value);
        Assert.EndsWith("…", value);
        Assert.Equal(SearchService.ValueExcerptLength + 2, value.Length);
    }

    [Theory]
    [InlineData(null, 1, 50, "Q")]
    [InlineData("   ", 1, 50, "Q")]
    [InlineData("x", 0, 50, "Page")]
    [InlineData("x", 1, 501, "PageSize")]
    public async Task Search_BadQuery_IsAFieldError(string? q, int page, int pageSize, string field)
    {
        await using var scope = host.Scope();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => host.Get<SearchService>(scope).SearchAsync(new SearchQuery(q, page, pageSize)));

        Assert.Equal(field, Assert.Single(ex.Errors).PropertyName);
    }

    [Fact]
    public async Task Search_TooLongQuery_IsAFieldError()
    {
        await using var scope = host.Scope();

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            host.Get<SearchService>(scope).SearchAsync(new SearchQuery(new string('x', SearchQueryValidator.MaxLength + 1))));

        Assert.Equal("Q", Assert.Single(ex.Errors).PropertyName);
    }

    /// <summary>A term no other test's data contains, so tests sharing the database never see each other's keys.</summary>
    private static string Term() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<string> AppAsync(AsyncServiceScope scope, string prefix = "search")
    {
        // Unique, and sorted by the prefix: the order test relies on it.
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await scope.ServiceProvider.GetRequiredService<ApplicationService>().CreateAsync(A.Application(name));
        return name;
    }

    private Task<Core.Common.PagedResult<SearchHit>> SearchAsync(AsyncServiceScope scope, string q) =>
        host.Get<SearchService>(scope).SearchAsync(new SearchQuery(q));
}

public sealed class SearchDataTestsOnSqlite(SqliteServiceHost host) : SearchDataTests(host), IClassFixture<SqliteServiceHost>;

public sealed class SearchDataTestsOnPostgres(PostgresServiceHost host) : SearchDataTests(host), IClassFixture<PostgresServiceHost>;
