using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ResolvedConfigCacheTests
{
    private static readonly Guid App = Guid.NewGuid();
    private static readonly CacheKey Key = new(App, "production", false);
    private static readonly ResolvedDocument Doc = new("{}"u8.ToArray());

    private static ResolvedConfigCache CacheWithEntry()
    {
        var cache = new ResolvedConfigCache();
        cache.RememberName("APP", App, cache.NamesStamp());
        cache.Store(Key, Doc, cache.Begin(App));
        return cache;
    }

    [Fact]
    public void Store_WithNoChangeSinceBegin_IsKept_AndFoundByNameIgnoringCase()
    {
        var cache = CacheWithEntry();

        Assert.True(cache.TryGet(Key, out var hit));
        Assert.Same(Doc, hit);
        Assert.True(cache.TryGetId("app", out var id));
        Assert.True(cache.TryGet(new CacheKeyLookup(id, "PRODUCTION", false, Core.Access.SecretView.Clear), out var byName));
        Assert.Same(Doc, byName);
        Assert.False(cache.TryGet(new CacheKeyLookup(id, "production", true, Core.Access.SecretView.Clear), out _));
        Assert.False(cache.TryGet(new CacheKeyLookup(id, "production", false, Core.Access.SecretView.Masked), out _));
    }

    [Fact]
    public void Store_AfterAChangeToTheSameApplication_IsDropped()
    {
        var cache = new ResolvedConfigCache();
        var stamp = cache.Begin(App);

        cache.Invalidate(ConfigChange.Values(App, "staging"));
        cache.Store(Key, Doc, stamp);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void Store_AfterAnEnvironmentIsDeleted_IsDropped()
    {
        var cache = new ResolvedConfigCache();
        var stamp = cache.Begin(App);

        cache.Invalidate(ConfigChange.EnvironmentDeleted("qa"));
        cache.Store(Key, Doc, stamp);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ChangeToAnotherApplication_KeepsThisOnesEntries()
    {
        var cache = CacheWithEntry();

        cache.Invalidate(ConfigChange.Values(Guid.NewGuid()));

        Assert.True(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ValuesChange_KeepsLastKnownGood_DeleteDropsIt()
    {
        var cache = CacheWithEntry();

        cache.Invalidate(ConfigChange.Values(App));
        Assert.False(cache.TryGet(Key, out _));
        Assert.True(cache.TryGetLastKnownGood(Key, out _));

        cache.Invalidate(ConfigChange.Deleted(App));
        Assert.False(cache.TryGetLastKnownGood(Key, out _));
        Assert.False(cache.TryGetId("APP", out _));
    }

    [Fact]
    public void Rename_ForgetsTheOldName_ButKeepsTheDocuments()
    {
        var cache = CacheWithEntry();

        cache.Invalidate(ConfigChange.Renamed(App));

        Assert.False(cache.TryGetId("APP", out _));
        Assert.True(cache.TryGet(Key, out _));
    }

    [Fact]
    public void RememberName_AfterARenameRacedTheLookup_IsDropped()
    {
        var cache = new ResolvedConfigCache();
        var stamp = cache.NamesStamp();

        cache.Invalidate(ConfigChange.Renamed(App));
        cache.RememberName("OLD", App, stamp);

        Assert.False(cache.TryGetId("OLD", out _));
    }

    [Fact]
    public void EnvironmentDeleted_DropsItsDocumentsAndLastKnownGood_Only()
    {
        var cache = CacheWithEntry();
        var staging = Key with { Environment = "staging" };
        cache.Store(staging, Doc, cache.Begin(App));

        cache.Invalidate(ConfigChange.EnvironmentDeleted("production"));

        Assert.False(cache.TryGet(Key, out _));
        Assert.False(cache.TryGetLastKnownGood(Key, out _));
        Assert.True(cache.TryGet(staging, out _));
        Assert.True(cache.TryGetLastKnownGood(staging, out _));
    }

    [Fact]
    public void ETag_IsStrongAndFollowsTheBytes()
    {
        var a = new ResolvedDocument("{\"a\":1}"u8.ToArray());
        var same = new ResolvedDocument("{\"a\":1}"u8.ToArray());
        var other = new ResolvedDocument("{\"a\":2}"u8.ToArray());

        Assert.StartsWith("\"", a.ETag);
        Assert.Equal(a.ETag, same.ETag);
        Assert.NotEqual(a.ETag, other.ETag);
    }

    [Fact]
    public async Task LoadOnce_ReadersMissingTheSameDocumentSinceTheSameChange_ShareOneLoad_AndALaterChangeStartsAnother()
    {
        var cache = new ResolvedConfigCache();
        var loads = 0;
        var release = new TaskCompletionSource<ResolvedDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ResolvedDocument> Load()
        {
            Interlocked.Increment(ref loads);
            return release.Task;
        }

        var stamp = cache.Begin(App);
        var readers = Enumerable.Range(0, 50).Select(_ => cache.LoadOnceAsync(Key, stamp, Load)).ToList();
        cache.Invalidate(ConfigChange.Values(App, "production"));
        var afterTheChange = cache.LoadOnceAsync(Key, cache.Begin(App), () => { Interlocked.Increment(ref loads); return Task.FromResult(Doc); });
        release.SetResult(new ResolvedDocument("{\"a\":1}"u8.ToArray()));

        var shared = await Task.WhenAll(readers);
        Assert.Equal(2, loads);
        Assert.All(shared, d => Assert.Same(shared[0], d));
        Assert.Same(Doc, await afterTheChange);
        // Once a load has finished, the next miss loads again (a failed or stale load is never served from memory).
        await cache.LoadOnceAsync(Key, stamp, Load);
        Assert.Equal(3, loads);
    }
}
