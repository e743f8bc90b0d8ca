using System.Collections;

namespace Pipeline.Domain.Metrics;

/// <summary>An immutable list that equals another <see cref="ValueList{T}"/> with the same items in the same order.</summary>
/// <remarks>
/// Records compare list members by reference; results built by the engine use this list so that two closes of the
/// same data compare equal (MRR parts, native MRR), which is what tests and change detection mean by "the same".
/// </remarks>
internal sealed class ValueList<T>(T[] items) : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static ValueList<T> Empty { get; } = new([]);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.AsSpan().SequenceEqual(other.Items));

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReadOnlySpan<T> Items => items;
}
