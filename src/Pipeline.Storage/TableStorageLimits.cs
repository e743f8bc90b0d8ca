using System.Collections.Concurrent;
using System.Reflection;
using Azure.Data.Tables;

namespace Pipeline.Storage;

/// <summary>The Table Storage limits that Azurite does not enforce, checked before anything is sent.</summary>
/// <remarks>
/// Keys: at most 512 characters (1 KiB), none of <c>/ \ # ?</c> or a control character. Entities: at most 252
/// custom properties, strings at most 32 Ki characters (64 KiB), 1 MiB in all. Transactions: at most 100
/// operations, one partition, 4 MiB. Sizes follow the documented estimate (UTF-16 strings, 8 bytes per property).
/// </remarks>
internal static class TableStorageLimits
{
    public const int MaxKeyLength = 512;
    public const int MaxCustomProperties = 252;
    public const int MaxStringLength = 32 * 1024;
    public const long MaxEntityBytes = 1024 * 1024;
    public const int MaxBatchOperations = 100;
    public const long MaxBatchBytes = 4 * 1024 * 1024;

    private static readonly string[] SystemProperties =
        [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), nameof(ITableEntity.Timestamp), nameof(ITableEntity.ETag)];

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> CustomProperties = new();

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="key"/> cannot be a partition or row key.</summary>
    public static string ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new ArgumentException($"A table key must be 1-{MaxKeyLength} characters; '{Shorten(key)}' has {key.Length}.", paramName);
        }

        foreach (var character in key)
        {
            if (character is '/' or '\\' or '#' or '?' || char.IsControl(character))
            {
                throw new ArgumentException(
                    $"A table key may not contain '/', '\\', '#', '?' or control characters; '{Shorten(key)}' contains U+{(int)character:X4}.",
                    paramName);
            }
        }

        return key;
    }

    /// <summary>Validates the keys, property count, string lengths and estimated size of an entity.</summary>
    public static void ValidateEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, nameof(entity.PartitionKey));
        ValidateKey(entity.RowKey, nameof(entity.RowKey));
        var size = EstimateSize(entity, out var properties);
        if (properties > MaxCustomProperties)
        {
            throw new ArgumentException($"An entity may have at most {MaxCustomProperties} properties; {entity.RowKey} has {properties}.", nameof(entity));
        }

        if (size > MaxEntityBytes)
        {
            throw new ArgumentException($"An entity may be at most 1 MiB; {entity.RowKey} is about {size} bytes.", nameof(entity));
        }
    }

    /// <summary>Estimated bytes of an entity as the service counts them; also checks each string's length.</summary>
    public static long EstimateSize(ITableEntity entity, out int propertyCount)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + (2L * entity.PartitionKey.Length) + (2L * entity.RowKey.Length);
        propertyCount = 0;
        foreach (var (name, value) in Values(entity))
        {
            propertyCount++;
            if (value is string text && text.Length > MaxStringLength)
            {
                throw new ArgumentException(
                    $"A table string may be at most {MaxStringLength} characters; {name} of {entity.RowKey} has {text.Length}.", nameof(entity));
            }

            size += 8 + (2L * name.Length) + ValueSize(value);
        }

        return size;
    }

    /// <summary>Splits actions into transactions of one partition, at most 100 operations and 4 MiB each.</summary>
    /// <param name="actions">The actions to split.</param>
    /// <param name="reservedOperations">Operations (of at most 64 KiB each) to leave room for in every transaction.</param>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> SplitIntoBatches(
        IEnumerable<TableTransactionAction> actions, int reservedOperations = 0)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfNegative(reservedOperations);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(reservedOperations, MaxBatchOperations);
        var maxOperations = MaxBatchOperations - reservedOperations;
        var maxBytes = MaxBatchBytes - (reservedOperations * 64L * 1024);
        var batches = new List<IReadOnlyList<TableTransactionAction>>();
        foreach (var partition in actions.GroupBy(action => action.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableTransactionAction>();
            long batchBytes = 0;
            foreach (var action in partition)
            {
                ValidateEntity(action.Entity);
                var bytes = EstimateSize(action.Entity, out _);
                if (batch.Count == maxOperations || batchBytes + bytes > maxBytes)
                {
                    batches.Add(batch);
                    batch = [];
                    batchBytes = 0;
                }

                batch.Add(action);
                batchBytes += bytes;
            }

            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Submits the actions as as many transactions as the limits require (each one atomic, not the whole).</summary>
    public static async Task SubmitInBatchesAsync(
        TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var batch in SplitIntoBatches(actions))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static IEnumerable<(string Name, object? Value)> Values(ITableEntity entity) => entity is TableEntity dynamic
        ? dynamic.Where(pair => !SystemProperties.Contains(pair.Key, StringComparer.Ordinal)).Select(pair => (pair.Key, (object?)pair.Value))
        : CustomProperties.GetOrAdd(entity.GetType(), ReadableProperties).Select(property => (property.Name, property.GetValue(entity)));

    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0)
            .Where(property => !SystemProperties.Contains(property.Name, StringComparer.Ordinal))
            .ToArray();

    private static long ValueSize(object? value) => value switch
    {
        null => 0,
        string text => 4 + (2L * text.Length),
        byte[] bytes => 4 + bytes.Length,
        BinaryData binary => 4 + binary.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8,
    };

    private static string Shorten(string key) => key.Length <= 40 ? key : string.Concat(key.AsSpan(0, 40), "…");
}
