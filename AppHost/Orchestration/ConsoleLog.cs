namespace WebWaka.AppHost.Orchestration;

/// <summary>Every process's output on AppHost's console, each line behind its resource's coloured name.</summary>
public sealed class ConsoleLog
{
    private static readonly string[] Colours = ["36", "33", "35", "32", "34", "91", "96", "93", "95", "92", "94", "31"];
    private readonly bool _useColour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, string> _colourOf = [];
    private readonly Lock _lock = new();

    public void Write(string source, string line)
    {
        lock (_lock)
        {
            if (!_colourOf.TryGetValue(source, out var colour))
            {
                colour = Colours[_colourOf.Count % Colours.Length];
                _colourOf[source] = colour;
            }

            var prefix = source.PadRight(16);
            Console.Out.WriteLine(_useColour ? $"\e[{colour}m{prefix}\e[0m| {line}" : $"{prefix}| {line}");
        }
    }

    public void Info(string line) => Write("apphost", line);
}
