using System.Text.RegularExpressions;

namespace WebWaka.Contracts;

/// <summary>Slugs (README, API conventions): 3 to 63 of a-z, 0-9 and '-', neither starting nor ending with '-'.</summary>
public static partial class Slug
{
    public const string Rule = "3 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-'.";

    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    /// <summary>The slug a name suggests: lower-cased, runs of anything else made one '-', cut to 63 characters.</summary>
    public static string From(string name)
    {
        var slug = NotAllowed().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 63 ? slug[..63].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
