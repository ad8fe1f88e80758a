namespace WebWaka.AppHost.Orchestration;

public sealed record LogLine(long Sequence, DateTimeOffset Time, string Text);

/// <summary>The newest lines a resource printed, numbered so a reader can ask for what came after.</summary>
public sealed class LogBuffer(int capacity = 5000)
{
    private readonly Queue<LogLine> _lines = new();
    private long _next = 1;

    public void Append(string text)
    {
        lock (_lines)
        {
            _lines.Enqueue(new LogLine(_next++, DateTimeOffset.UtcNow, text));
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<LogLine> After(long sequence)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.Sequence > sequence).ToList();
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lines)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text).ToList();
        }
    }
}
