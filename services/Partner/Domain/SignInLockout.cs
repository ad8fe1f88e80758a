namespace WebWaka.Partner.Domain;

/// <summary>
/// Wrong passwords for one email, from wherever they come: after <see cref="FreeFailures"/> in a row the email is locked
/// for a minute, then twice as long after each further failure, an hour at most; a right password clears it. Kept per
/// email, whether an account has it or not, so a lock tells nobody that an account exists.
/// </summary>
public sealed class SignInLockout
{
    public const int FreeFailures = 5;
    private static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLock = TimeSpan.FromHours(1);

    public required string Email { get; init; }

    /// <summary>Wrong passwords in a row, counted by the database (concurrent guesses each count).</summary>
    public int Failures { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>How long the email is locked after its <paramref name="failures"/>th wrong password in a row, if at all.</summary>
    public static TimeSpan? LockAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return null;
        }

        var doublings = Math.Min(failures - FreeFailures, 10);
        var lockFor = FirstLock * Math.Pow(2, doublings);
        return lockFor < LongestLock ? lockFor : LongestLock;
    }
}
