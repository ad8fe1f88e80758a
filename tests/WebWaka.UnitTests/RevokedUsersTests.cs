using WebWaka.Identity;

namespace WebWaka.UnitTests;

public sealed class RevokedUsersTests
{
    private static readonly DateTimeOffset RevokedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_removed_users_tokens_issued_until_the_removal_are_refused_and_nobody_elses()
    {
        var user = Guid.NewGuid();
        var revoked = new RevokedUsers();
        Assert.False(revoked.IsCurrent);

        revoked.Record([new Revocation(user, RevokedAt)]);

        Assert.True(revoked.IsCurrent);
        Assert.True(revoked.Refuses(user, RevokedAt.AddMinutes(-59)));
        Assert.True(revoked.Refuses(user, RevokedAt));
        Assert.False(revoked.Refuses(user, RevokedAt.AddSeconds(1)));
        Assert.False(revoked.Refuses(Guid.NewGuid(), RevokedAt.AddMinutes(-1)));
    }

    [Fact]
    public void An_older_revocation_heard_late_never_shortens_a_newer_one()
    {
        var user = Guid.NewGuid();
        var revoked = new RevokedUsers();

        revoked.Record([new Revocation(user, RevokedAt)]);
        revoked.Record([new Revocation(user, RevokedAt.AddHours(-2))]);

        Assert.True(revoked.Refuses(user, RevokedAt.AddMinutes(-1)));
        Assert.Equal(RevokedAt, revoked.LatestRevocation);
    }
}
