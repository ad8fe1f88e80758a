using System.Text.RegularExpressions;

namespace WebWaka.Contracts.Platform;

/// <summary>What a valid instance is made of: known suites, #RRGGBB colours, https logos, real hostnames.</summary>
public static partial class InstanceRules
{
    public static IEnumerable<string> SuiteErrors(IReadOnlyList<string>? suites)
    {
        if (suites is null || suites.Count == 0)
        {
            yield return "At least one suite.";
            yield break;
        }

        foreach (var unknown in suites.Where(s => !SuiteCatalog.Contains(s)).Distinct())
        {
            yield return $"Unknown suite '{unknown}'.";
        }

        if (suites.Distinct().Count() != suites.Count)
        {
            yield return "Each suite once.";
        }
    }

    /// <summary>What is wrong with a branding, each problem under its field (after <paramref name="prefix"/> and a dot, if given).</summary>
    public static IEnumerable<(string Field, string Message)> BrandingProblems(Branding branding, string? prefix = null)
    {
        var field = prefix is null ? "" : $"{prefix}.";
        if (string.IsNullOrWhiteSpace(branding.DisplayName) || branding.DisplayName.Length > 200)
        {
            yield return ($"{field}displayName", "Required, at most 200 characters.");
        }

        if (!IsHttpsUrl(branding.LogoUrl))
        {
            yield return ($"{field}logoUrl", "An https URL.");
        }

        if (!IsColour(branding.PrimaryColor))
        {
            yield return ($"{field}primaryColor", "A colour as #RRGGBB.");
        }

        if (!IsColour(branding.AccentColor))
        {
            yield return ($"{field}accentColor", "A colour as #RRGGBB.");
        }
    }

    public static bool IsColour(string? value) => value is null || Colour().IsMatch(value);

    public static bool IsHttpsUrl(string? value) =>
        value is null || (value.Length <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>A fully qualified hostname: labels of a-z, 0-9 and '-', at least two of them, at most 253 characters.</summary>
    public static bool IsHostname(string? value) => value is not null && value.Length <= 253 && Hostname().IsMatch(value.ToLowerInvariant());

    [GeneratedRegex(@"\A#[0-9A-Fa-f]{6}\z")]
    private static partial Regex Colour();

    [GeneratedRegex(@"\A(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\z")]
    private static partial Regex Hostname();
}
