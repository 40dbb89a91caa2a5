using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConfigAdmin.Data;

/// <summary>Every stored time is UTC; SQLite forgets the kind on the way back, so it is put back here.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
