using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Metrics.Features;
using Coevo.Coevolution.Reporting;
using Coevo.Coevolution.Schedules;

namespace Coevo.Coevolution.Metrics;

/// <summary>
/// Measures a run's images against its real data set during the run (the config's <c>metrics:</c> section): at
/// unit 1, every <c>every</c> units (generations or steps) and at the last one, the unit's images (at most <c>samples</c>:
/// the judged population of an evolving artist, fresh samples of a generator) are
/// compared with <c>samples</c> real images, drawn once with the run's seed. The figures become metrics.csv columns.
/// Cost is bounded: the real features are computed once; each measurement extracts at most <c>samples</c> images.
/// </summary>
public sealed class RunMeasurement : IMetricColumns
{
    private const int RealStream = 7, KidStream = 8;

    private readonly FeatureExtractor _extractor;
    private readonly IImageDataset _real;
    private readonly int _every, _samples, _seed;
    private readonly int? _last;
    private readonly Action<string> _log;
    private FeatureMatrix? _realFeatures;
    private bool _warned;

    /// <summary>
    /// Measures against <paramref name="real"/> with <paramref name="extractor"/> every <paramref name="every"/>
    /// units (and at 1 and <paramref name="lastUnit"/> when known), using at most <paramref name="samples"/>
    /// images a side; what happened goes to <paramref name="log"/>.
    /// </summary>
    public RunMeasurement(FeatureExtractor extractor, IImageDataset real, int every, int samples, int seed, int? lastUnit, Action<string> log)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every));
        if (samples < PrecisionRecall.DefaultK + 1) throw new ArgumentOutOfRangeException(nameof(samples), $"need at least {PrecisionRecall.DefaultK + 1} samples");
        _extractor = extractor;
        _real = real;
        _every = every;
        _samples = samples;
        _seed = seed;
        _last = lastUnit;
        _log = log;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => MetricSet.CsvColumns;

    /// <summary>True when unit <paramref name="unit"/> is measured.</summary>
    public bool IsDue(int unit) => unit == 1 || unit % _every == 0 || unit == _last;

    /// <inheritdoc />
    public IReadOnlyList<double> Measure(UnitReport report)
    {
        var none = Enumerable.Repeat(double.NaN, Columns.Count).ToArray();
        if (!IsDue(report.Unit)) return none;
        var images = report.Sample(_samples);
        if (images.Count < PrecisionRecall.DefaultK + 1) return none;
        var clock = Stopwatch.StartNew();
        _realFeatures ??= RealFeatures();
        var fake = _extractor.Extract(images);
        var options = new MetricOptions(Seed: SeedSequence.Mix(_seed, report.Unit, KidStream));
        var m = MetricSet.Compute(_realFeatures, fake, _extractor.Card.Name, _extractor.Device, options);
        foreach (var w in m.Warnings.Where(w => !_warned || w.Contains("diagonal")))
            _log($"metrics: {w}");
        _warned = true;
        _log(string.Create(CultureInfo.InvariantCulture,
            $"metrics at {report.Phase} unit {report.Unit} ({_extractor.Card.Label}, {m.NFake} generated vs {m.NReal} real images, {clock.Elapsed.TotalSeconds:F2} s): FID {m.Fid:G5}, KID {m.Kid:G4} ± {m.KidStd:G3}, precision {m.Precision:F3}, recall {m.Recall:F3}, feature diversity {m.Diversity:G4}"));
        return m.CsvValues;
    }

    private FeatureMatrix RealFeatures()
    {
        int n = Math.Min(_samples, _real.Count);
        var order = Enumerable.Range(0, _real.Count).ToArray();
        SeedSequence.For(_seed, 0, RealStream).Shuffle(order);
        var chosen = order.Take(n).Order().ToArray();
        _log($"metrics: reference = {n} images of {_real.Name}, measured in {_extractor.Card.Label}");
        return _extractor.Extract(_real, chosen);
    }
}
