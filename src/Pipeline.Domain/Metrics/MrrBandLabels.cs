using System.Globalization;

namespace Pipeline.Domain.Metrics;

/// <summary>Names the MRR bands of dimension <c>band</c> and finds a customer's band.</summary>
/// <remarks>
/// Lower bounds b₀ &lt; b₁ &lt; … make the bands <c>&lt;b₀</c>, <c>b₀-b₁</c>, …, <c>&gt;=bₙ</c>; a band includes its lower
/// bound. Bounds are written with invariant formatting as given (100 → <c>100</c>, 99.5 → <c>99.5</c>).
/// </remarks>
internal sealed class MrrBandLabels
{
    private readonly decimal[] _bounds;

    /// <exception cref="ArgumentException">The bounds are not strictly ascending.</exception>
    public MrrBandLabels(IReadOnlyList<decimal> bounds)
    {
        _bounds = [.. bounds];
        for (var index = 1; index < _bounds.Length; index++)
        {
            if (_bounds[index] <= _bounds[index - 1])
            {
                throw new ArgumentException("MRR band lower bounds must be strictly ascending.", nameof(bounds));
            }
        }

        Labels = _bounds.Length == 0 ? [] : [.. Enumerable.Range(0, _bounds.Length + 1).Select(Label)];
    }

    /// <summary>The band names, lowest band first; empty when no bounds are set.</summary>
    public string[] Labels { get; }

    public bool IsEmpty => _bounds.Length == 0;

    /// <summary>The index in <see cref="Labels"/> of the band that contains <paramref name="mrr"/>.</summary>
    public int BandOf(decimal mrr)
    {
        var band = 0;
        while (band < _bounds.Length && mrr >= _bounds[band])
        {
            band++;
        }

        return band;
    }

    private string Label(int band) => band switch
    {
        0 => "<" + Format(_bounds[0]),
        _ when band == _bounds.Length => ">=" + Format(_bounds[^1]),
        _ => Format(_bounds[band - 1]) + "-" + Format(_bounds[band]),
    };

    private static string Format(decimal bound) => bound.ToString(CultureInfo.InvariantCulture);
}
