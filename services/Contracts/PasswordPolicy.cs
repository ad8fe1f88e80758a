namespace WebWaka.Contracts;

/// <summary>What a password must be, wherever one is set: one rule for the whole platform.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 200;

    public static string Rule => $"From {MinimumLength} to {MaximumLength} characters.";

    public static bool IsAcceptable(string? password) => password is { Length: >= MinimumLength and <= MaximumLength };
}
