using WebWaka.Identity;

namespace WebWaka.UnitTests;

public sealed class RevokedAccessTests
{
    private static readonly DateTimeOffset RevokedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static AccessChanges Removed(params Revocation[] users) => new(users, []);

    [Fact]
    public void A_removed_users_tokens_issued_until_the_removal_are_refused_and_nobody_elses()
    {
        var user = Guid.NewGuid();
        var revoked = new RevokedAccess();
        Assert.False(revoked.Refuses(user, RevokedAt.AddMinutes(-59)));

        revoked.Record(Removed(new Revocation(user, RevokedAt)));

        Assert.True(revoked.Refuses(user, RevokedAt.AddMinutes(-59)));
        Assert.True(revoked.Refuses(user, RevokedAt));
        Assert.False(revoked.Refuses(user, RevokedAt.AddSeconds(1)));
        Assert.False(revoked.Refuses(Guid.NewGuid(), RevokedAt.AddMinutes(-1)));
    }

    [Fact]
    public void An_older_revocation_heard_late_never_shortens_a_newer_one()
    {
        var user = Guid.NewGuid();
        var revoked = new RevokedAccess();

        revoked.Record(Removed(new Revocation(user, RevokedAt)));
        revoked.Record(Removed(new Revocation(user, RevokedAt.AddHours(-2))));

        Assert.True(revoked.Refuses(user, RevokedAt.AddMinutes(-1)));
        Assert.Equal(RevokedAt, revoked.LatestRevocation);
    }

    [Fact]
    public void The_suspended_partners_are_those_of_the_latest_answer_whole()
    {
        var (paused, other) = (Guid.NewGuid(), Guid.NewGuid());
        var revoked = new RevokedAccess();

        revoked.Record(new AccessChanges([], [paused, other]));
        Assert.True(revoked.IsSuspended(paused) && revoked.IsSuspended(other));

        // Reactivated: it is simply no longer named.
        revoked.Record(new AccessChanges([], [other]));
        Assert.False(revoked.IsSuspended(paused));
        Assert.True(revoked.IsSuspended(other));
        Assert.False(revoked.IsSuspended(Guid.NewGuid()));
    }
}
