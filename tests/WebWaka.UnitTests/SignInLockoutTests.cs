using WebWaka.Partner.Domain;

namespace WebWaka.UnitTests;

public sealed class SignInLockoutTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(20, 60)]
    [InlineData(int.MaxValue, 60)]
    public void Five_wrong_passwords_lock_for_a_minute_each_more_doubles_it_up_to_an_hour(int failures, int? minutes)
    {
        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, SignInLockout.LockAfter(failures));
    }
}
