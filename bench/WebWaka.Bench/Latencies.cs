namespace WebWaka.Bench;

/// <summary>Latencies in milliseconds, read as percentiles by nearest rank (p99 of 50 samples is the slowest).</summary>
internal sealed class Latencies(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public override string ToString() => $"p50 {Table.Ms(P50)}, p99 {Table.Ms(P99)}";
}
