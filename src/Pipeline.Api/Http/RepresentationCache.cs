using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Pipeline.Api.Http;

/// <summary>Response bodies kept by the very row instances they were written from, so a hot read of unchanged rows is not serialised again.</summary>
/// <remarks>
/// <para>
/// Only for rows that are immutable and handed out again as the same instances while they are current: the KPI reads,
/// whose rows come from the application's cache (a new stamp means new instances, so a changed row can never meet an old
/// body). The key compares the rows by reference, with the format, the culture and the shape (list, single row, segment rows).
/// </para>
/// <para>At most <see cref="MaxEntries"/> bodies are kept; past that the cache starts again empty.</para>
/// </remarks>
internal static class RepresentationCache
{
    public const int MaxEntries = 512;

    private static readonly ConcurrentDictionary<Key, Representation> Entries = new();

    public static Representation GetOrAdd(string shape, TabularFormat format, IReadOnlyList<object> sources, Func<Representation> create)
    {
        var key = new Key(shape, format.Kind, format.Culture.Name, [.. sources]);
        if (Entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (Entries.Count >= MaxEntries)
        {
            Entries.Clear();
        }

        return Entries.GetOrAdd(key, create());
    }

    private sealed class Key(string shape, TabularFormatKind kind, string culture, object[] sources) : IEquatable<Key>
    {
        private readonly int _hash = Hash(shape, kind, culture, sources);

        public bool Equals(Key? other) =>
            other is not null && other._hash == _hash && other.Shape == Shape && other.Kind == Kind && other.Culture == Culture
            && other.Sources.Length == Sources.Length && other.Sources.Zip(Sources).All(pair => ReferenceEquals(pair.First, pair.Second));

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _hash;

        private string Shape { get; } = shape;

        private TabularFormatKind Kind { get; } = kind;

        private string Culture { get; } = culture;

        private object[] Sources { get; } = sources;

        private static int Hash(string shape, TabularFormatKind kind, string culture, object[] sources)
        {
            var hash = new HashCode();
            hash.Add(shape, StringComparer.Ordinal);
            hash.Add(kind);
            hash.Add(culture, StringComparer.Ordinal);
            foreach (var source in sources)
            {
                hash.Add(RuntimeHelpers.GetHashCode(source));
            }

            return hash.ToHashCode();
        }
    }
}
