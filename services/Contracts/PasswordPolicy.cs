namespace WebWaka.Contracts;

/// <summary>
/// What a password must be, wherever one is set: one rule for the whole platform. Ten characters at least, and not one
/// a guesser tries first: a common password or one of its usual variants (the word with digits or symbols after it,
/// letters swapped for look-alikes), one or two characters repeated, a run along the keyboard or the alphabet, or the
/// platform's own name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 200;

    private const string TrailingDigitsAndSymbols = "0123456789!@#$%^&*()-_=+.,?~";

    // Words at the heart of the passwords found most often in breaches, and the platform's own.
    private static readonly HashSet<string> CommonWords =
    [
        "password", "passwort", "motdepasse", "qwerty", "azerty", "iloveyou", "welcome", "letmein", "admin", "administrator", "login",
        "access", "master", "hello", "secret", "changeme", "default", "trustno", "whatever", "nothing", "freedom", "forever", "family",
        "football", "baseball", "basketball", "soccer", "hockey", "chelsea", "arsenal", "liverpool", "manchester", "barcelona",
        "dragon", "monkey", "sunshine", "princess", "shadow", "superman", "batman", "spiderman", "starwars", "pokemon", "naruto",
        "michael", "jennifer", "jordan", "charlie", "hunter", "ranger", "thomas", "robert", "jessica", "daniel", "ashley",
        "summer", "winter", "flower", "cookie", "chocolate", "butterfly", "purple", "orange", "pepper", "ginger", "lovely",
        "computer", "internet", "google", "facebook", "microsoft", "samsung", "apple", "matrix", "mustang",
        "jesus", "blessed", "blessing", "favour", "victory", "nigeria", "lagos", "abuja", "africa", "webwaka",
    ];

    // Runs a guesser walks: the alphabet, the digits, the keyboard's rows and columns; forwards and backwards.
    private static readonly string[] Runs = WithReversed(
        "abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p", "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0");

    /// <summary>Why <paramref name="password"/> is refused, in words for the person choosing it, or null when it is not.</summary>
    public static string? ProblemWith(string? password) => password switch
    {
        not { Length: >= MinimumLength and <= MaximumLength } => $"From {MinimumLength} to {MaximumLength} characters.",
        _ when IsCommon(password) => "This is one of the passwords guessers try first: choose one of your own.",
        _ => null,
    };

    private static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (lower.Distinct().Count() <= 2 || Runs.Any(run => run.Contains(lower, StringComparison.Ordinal)))
        {
            return true;
        }

        // What is left once the digits and symbols people add at the end are taken off, with look-alikes read as letters.
        var core = string.Concat(lower.TrimEnd(TrailingDigitsAndSymbols.ToCharArray()).Select(c => c switch
        {
            '@' or '4' => 'a', '0' => 'o', '$' or '5' => 's', '3' => 'e', '1' or '!' => 'i', '7' => 't', _ => c,
        }));
        return core.Length < 4
            || Runs.Any(run => run.Contains(core, StringComparison.Ordinal))
            || CommonWords.Contains(core)
            || lower.Contains("webwaka", StringComparison.Ordinal);
    }

    private static string[] WithReversed(params string[] runs) => [.. runs, .. runs.Select(run => new string(run.Reverse().ToArray()))];
}
