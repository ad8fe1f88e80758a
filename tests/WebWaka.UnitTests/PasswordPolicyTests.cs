using WebWaka.Contracts;

namespace WebWaka.UnitTests;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Correct-Horse-42")]
    [InlineData("Client-Admin-Pass-42")]
    [InlineData("correct-horse-battery")]
    [InlineData("mango tree by the river")]
    [InlineData("4819!#9fK2x")]
    public void A_long_password_of_ones_own_is_accepted(string password) => Assert.Null(PasswordPolicy.ProblemWith(password));

    [Theory]
    [InlineData("password123")]
    [InlineData("Passw0rd!!")]
    [InlineData("P@ssw0rd2026")]
    [InlineData("iloveyou123")]
    [InlineData("Trustno1!!")]
    [InlineData("Chelsea2026!")]
    [InlineData("Administrator")]
    [InlineData("qwertyuiop")]
    [InlineData("QWERTYUIOP1")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("1234567890")]
    [InlineData("0987654321")]
    [InlineData("abcdefghij")]
    [InlineData("zyxwvutsrq")]
    [InlineData("aaaaaaaaaa")]
    [InlineData("ababababab")]
    [InlineData("abc1234567")]
    [InlineData("WebWaka-Partner-2026")]
    public void A_password_guessers_try_first_is_refused_in_words(string password) =>
        Assert.Equal("This is one of the passwords guessers try first: choose one of your own.", PasswordPolicy.ProblemWith(password));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Short-1!")]
    public void A_password_of_the_wrong_length_is_refused(string? password)
    {
        Assert.Equal("From 10 to 200 characters.", PasswordPolicy.ProblemWith(password));
        Assert.Equal("From 10 to 200 characters.", PasswordPolicy.ProblemWith("Correct-Horse-42" + new string('x', 185) + password));
    }
}
