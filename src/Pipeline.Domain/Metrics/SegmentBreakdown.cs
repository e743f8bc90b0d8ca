using System.Buffers;

namespace Pipeline.Domain.Metrics;

/// <summary>Cuts one month's close by every segment dimension (METRICS.md §5) while the close merges its customers.</summary>
/// <remarks>
/// <para>
/// Each customer is split into shares (S, S′, E) per dimension value: by its parts for plan, product and currency (a
/// customer on two plans is in both), as a whole for the other dimensions, with the start side judged by the opening
/// row (its attributes, its locked MRR for tier and band) and the end side by the closing row. Shares go into one
/// <see cref="SegmentTally"/> per (dimension, value). Customers are added during the close's merge, while their rows
/// are still in cache; line-level values come from the engine's part numbers through arrays, text attributes through
/// one dictionary per dimension, so the cost is a few lookups per customer and never a rescan per dimension.
/// </para>
/// <para>
/// Tiers need the whole month first (the top 20 % of MRR at that month end), so only the customers' figures are kept
/// in a pooled buffer and tiered at <see cref="Complete"/>. Every customer's S, S′ and E are split without remainder,
/// so the segments of one dimension add up to the tenant's MRR, start MRR and FX impact.
/// </para>
/// <para>
/// Value segments (<see cref="SegmentDimensions.ValueSegment"/>, only with <see cref="ValueSegmentInputs"/>) are tiered
/// the same way: each side by the tier of that side (its cut) or the CLV quintile at that month end, and the referrers;
/// their customer ids are kept next to the figures for that.
/// </para>
/// </remarks>
internal sealed class SegmentBreakdown
{
    private const int LineDimensions = 3;
    private const int TextDimensions = 6;

    private readonly BillingMonth _month;
    private readonly MonthRates _rates;
    private readonly SegmentValues[] _values;
    private readonly int[][] _valueIdsByPart;
    private readonly LineShares _shares = new();
    private readonly MrrBandLabels _bands;
    private readonly SegmentTally[] _bandTallies;
    private readonly SegmentTally[] _tiers =
        [new(SegmentDimensions.Tier, SegmentDimensions.TopTwentyPercent), new(SegmentDimensions.Tier, SegmentDimensions.Rest)];

    private readonly ValueSegmentInputs? _valueInputs;
    private readonly SegmentTally[] _valueTallies =
        [.. SegmentDimensions.ValueSegments.Select(value => new SegmentTally(SegmentDimensions.ValueSegment, value))];

    private readonly List<(MrrFlow[] Buffer, string[]? Ids, int Count)> _absorbed = [];
    private MrrFlow[] _flows;
    private string[]? _ids;
    private int _flowCount;

    /// <exception cref="ArgumentException">The band bounds are not strictly ascending.</exception>
    public SegmentBreakdown(
        BillingMonth month, MonthRates rates, MrrPartCatalog catalog, IReadOnlyList<decimal> bands, int expectedCustomers,
        ValueSegmentInputs? valueSegments = null)
    {
        (_month, _rates, _valueInputs) = (month, rates, valueSegments);
        _values = [.. SegmentDimensions.All.Take(TextDimensions).Select(dimension => new SegmentValues(dimension))];
        _valueIdsByPart =
        [
            [.. catalog.Keys.Select(key => _values[0].IdOf(key.Plan))],
            [.. catalog.Keys.Select(key => _values[1].IdOf(key.Product))],
            [.. catalog.Keys.Select(key => _values[2].IdOf(key.Currency.Code))],
        ];
        _bands = new MrrBandLabels(bands);
        _bandTallies = [.. _bands.Labels.Select(label => new SegmentTally(SegmentDimensions.Band, label))];
        _flows = ArrayPool<MrrFlow>.Shared.Rent(Math.Max(expectedCustomers, 1));
        _ids = valueSegments is null ? null : ArrayPool<string>.Shared.Rent(Math.Max(expectedCustomers, 1));
    }

    /// <summary>The month end's top-20 % cut, once <see cref="Complete"/> has run.</summary>
    public ParetoThreshold? EndTier { get; private set; }

    /// <summary>Adds a customer with start or end MRR; <paramref name="natives"/> are its ledger parts, aligned with the closing parts.</summary>
    public void Add(in CustomerFlow flow, ReadOnlySpan<PartAmount> natives)
    {
        for (var dimension = 0; dimension < LineDimensions; dimension++)
        {
            if (flow.SameNatives && natives.Length == 1)
            {
                // One part before and after: the customer is wholly in one value of every line-level dimension.
                var tally = _values[dimension][_valueIdsByPart[dimension][natives[0].Part]];
                AddWhole(flow.Amounts, tally, tally);
            }
            else
            {
                AddLineShares(dimension, flow, natives);
            }
        }

        var sameRow = ReferenceEquals(flow.Opening, flow.Closing);
        AddText(3, flow, flow.Opening?.Country, flow.Closing.Country, sameRow);
        AddText(4, flow, flow.Opening?.Channel, flow.Closing.Channel, sameRow);
        AddText(5, flow, flow.Opening?.Segment, flow.Closing.Segment, sameRow);
        var amounts = flow.Amounts;
        if (!_bands.IsEmpty)
        {
            AddWhole(amounts, Band(amounts.Start), Band(amounts.End));
        }

        if (_ids is not null)
        {
            _ids[_flowCount] = flow.Closing.CustomerId;
        }

        _flows[_flowCount++] = amounts;
    }

    /// <summary>Adds the segments of <paramref name="upper"/> (the slice of higher customer ids); it must not be used afterwards.</summary>
    public void Absorb(SegmentBreakdown upper)
    {
        for (var dimension = 0; dimension < TextDimensions; dimension++)
        {
            _values[dimension].Absorb(upper._values[dimension]);
        }

        for (var band = 0; band < _bandTallies.Length; band++)
        {
            _bandTallies[band].Absorb(upper._bandTallies[band]);
        }

        _absorbed.Add((upper._flows, upper._ids, upper._flowCount));
        _absorbed.AddRange(upper._absorbed);
    }

    /// <summary>Tiers the month's customers and returns every segment with start or end MRR or a movement.</summary>
    /// <param name="startTier">The opening's cut when the opening is the close's own previous snapshot; else found here.</param>
    /// <remarks>Ordered by dimension (<see cref="SegmentDimensions.All"/>), then value; the breakdown cannot be used afterwards.</remarks>
    public List<SegmentKpis> Complete(ParetoThreshold? startTier)
    {
        List<(MrrFlow[] Buffer, string[]? Ids, int Count)> slices = [(_flows, _ids, _flowCount), .. _absorbed];
        AddTiers(slices, startTier);
        foreach (var (buffer, ids, _) in slices)
        {
            ArrayPool<MrrFlow>.Shared.Return(buffer);
            if (ids is not null)
            {
                ArrayPool<string>.Shared.Return(ids, clearArray: true);
            }
        }

        (_flows, _ids) = ([], null);
        var currency = _rates.Reporting;
        return
        [
            .. _values.SelectMany(values => values.Used())
                .Concat(_tiers.Where(tally => !tally.IsEmpty))
                .Concat(_bandTallies.Where(tally => !tally.IsEmpty))
                .Concat(_valueTallies.Where(tally => !tally.IsEmpty))
                .Select(tally => tally.ToSegment(_month, currency)),
        ];
    }

    private void AddLineShares(int dimension, in CustomerFlow flow, ReadOnlySpan<PartAmount> natives)
    {
        var (ids, closing, amounts) = (_valueIdsByPart[dimension], flow.Closing.Parts, flow.Amounts);
        _shares.Clear();
        if (flow.SameNatives)
        {
            var opening = flow.Opening!.Parts;
            for (var index = 0; index < natives.Length; index++)
            {
                _shares.Add(ids[natives[index].Part], opening[index].Mrr, closing[index].Mrr, closing[index].Mrr);
            }
        }
        else
        {
            AddStartShares(dimension, flow);
            for (var index = 0; index < natives.Length; index++)
            {
                _shares.Add(ids[natives[index].Part], 0m, 0m, closing[index].Mrr);
            }
        }

        var values = _values[dimension];
        foreach (var share in _shares.Shares)
        {
            if (amounts.Steady)
            {
                values[share.ValueId].AddSteady(share.End);
            }
            else if (amounts.RateOnly)
            {
                values[share.ValueId].AddRateOnly(share.Start, share.End);
            }
            else
            {
                values[share.ValueId].Add(share.Start, share.Restated, share.End, amounts.Movement, amounts.Delinquent, amounts.Pause);
            }
        }
    }

    /// <summary>The start side when the parts changed: each opening part at its locked amount and restated at this month's rates.</summary>
    private void AddStartShares(int dimension, in CustomerFlow flow)
    {
        if (flow.Opening is not { Mrr: > 0m } opening)
        {
            return;
        }

        var (values, parts) = (_values[dimension], opening.Parts);
        if (parts.Count == 0)
        {
            var value = dimension == 2 ? _rates.Reporting.Code : null;
            _shares.Add(values.IdOf(value), flow.Amounts.Start, flow.Amounts.Restated, 0m);
        }

        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            var value = dimension switch { 0 => part.Plan, 1 => part.Product, _ => part.Currency.Code };
            _shares.Add(values.IdOf(value), part.Mrr, part.NativeMrr * _rates.Of(part.Currency), 0m);
        }
    }

    private void AddText(int dimension, in CustomerFlow flow, string? startValue, string? endValue, bool sameRow)
    {
        var (values, amounts) = (_values[dimension], flow.Amounts);
        var endSide = amounts.End > 0m ? values[values.IdOf(endValue)] : null;
        var startSide = amounts.Start <= 0m ? null
            : endSide is not null && (sameRow || startValue == endValue) ? endSide
            : values[values.IdOf(startValue)];
        AddWhole(amounts, startSide, endSide);
    }

    private SegmentTally? Band(decimal mrr) => mrr > 0m ? _bandTallies[_bands.BandOf(mrr)] : null;

    /// <summary>Tiers every customer of the month; slices are in customer-id order, as the tie rule needs.</summary>
    private void AddTiers(List<(MrrFlow[] Buffer, string[]? Ids, int Count)> slices, ParetoThreshold? startTier)
    {
        var (startCut, endCut) = ParetoCuts(slices, startTier);
        EndTier = endCut.Threshold;
        foreach (var (buffer, ids, count) in slices)
        {
            for (var index = 0; index < count; index++)
            {
                var amounts = buffer[index];
                var (startTop, endTop) = (amounts.Start > 0m && startCut.IsTop(amounts.Start), amounts.End > 0m && endCut.IsTop(amounts.End));
                var startSide = amounts.Start > 0m ? _tiers[startTop ? 0 : 1] : null;
                var endSide = amounts.End > 0m ? _tiers[endTop ? 0 : 1] : null;
                AddWhole(amounts, startSide, endSide);
                if (_valueInputs is { } inputs && ids is not null)
                {
                    AddWhole(
                        amounts,
                        amounts.Start > 0m ? ValueTally(inputs.SegmentOf(ids[index], _month.Previous(), startTop)) : null,
                        amounts.End > 0m ? ValueTally(inputs.SegmentOf(ids[index], _month, endTop)) : null);
                }
            }
        }
    }

    private SegmentTally ValueTally(string segment) => _valueTallies[IndexOf(SegmentDimensions.ValueSegments, segment)];

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var index = 0; index < values.Count; index++)
        {
            if (string.Equals(values[index], value, StringComparison.Ordinal))
            {
                return index;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a value segment.");
    }

    /// <summary>Adds a customer that is wholly in one segment at the start and wholly in one (maybe another) at the end.</summary>
    private static void AddWhole(in MrrFlow amounts, SegmentTally? startSide, SegmentTally? endSide)
    {
        if (startSide == endSide)
        {
            if (amounts.Steady)
            {
                startSide!.AddSteady(amounts.End);
            }
            else if (amounts.RateOnly)
            {
                startSide!.AddRateOnly(amounts.Start, amounts.End);
            }
            else
            {
                startSide!.Add(amounts.Start, amounts.Restated, amounts.End, amounts.Movement, amounts.Delinquent, amounts.Pause);
            }

            return;
        }

        startSide?.Add(amounts.Start, amounts.Restated, 0m, amounts.Movement, amounts.Delinquent, amounts.Pause);
        endSide?.Add(0m, 0m, amounts.End, amounts.Movement, amounts.Delinquent, amounts.Pause);
    }

    /// <summary>Tier cuts of the start (locked opening MRR) and of the end; customers are in id order, as ties need.</summary>
    private static (ParetoCut Start, ParetoCut End) ParetoCuts(List<(MrrFlow[] Buffer, string[]? Ids, int Count)> slices, ParetoThreshold? startTier)
    {
        var pool = ArrayPool<decimal>.Shared;
        var total = Math.Max(slices.Sum(slice => slice.Count), 1);
        var (starts, ends) = (pool.Rent(total), pool.Rent(total));
        var (startCount, endCount) = (0, 0);
        foreach (var (buffer, _, count) in slices)
        {
            foreach (var amounts in buffer.AsSpan(0, count))
            {
                starts[startCount] = amounts.Start;
                startCount += amounts.Start > 0m ? 1 : 0;
                ends[endCount] = amounts.End;
                endCount += amounts.End > 0m ? 1 : 0;
            }
        }

        var startCut = startTier is { } known ? new ParetoCut(known) : new ParetoCut(starts.AsSpan(0, startCount));
        var cuts = (startCut, new ParetoCut(ends.AsSpan(0, endCount)));
        pool.Return(starts);
        pool.Return(ends);
        return cuts;
    }
}
