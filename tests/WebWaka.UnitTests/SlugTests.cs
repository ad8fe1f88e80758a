using WebWaka.Contracts;

namespace WebWaka.UnitTests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("webwaka-digital-services")]
    [InlineData("a1-b2")]
    [InlineData("123")]
    public void Valid_slugs(string slug) => Assert.True(Slug.IsValid(slug));

    [Theory]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("ABC")]
    [InlineData("a_b_c")]
    [InlineData("ab c")]
    [InlineData("ábc")]
    [InlineData("abc\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_slugs(string? slug) => Assert.False(Slug.IsValid(slug));

    [Fact]
    public void Length_is_3_to_63()
    {
        Assert.True(Slug.IsValid(new string('a', 63)));
        Assert.False(Slug.IsValid(new string('a', 64)));
    }

    [Theory]
    [InlineData("Ada & Sons Digital, Ltd.", "ada-sons-digital-ltd")]
    [InlineData("  --Lagos   Tech--  ", "lagos-tech")]
    [InlineData("ÀBC Agency", "bc-agency")]
    public void A_name_suggests_a_valid_slug(string name, string slug)
    {
        Assert.Equal(slug, Slug.From(name));
        Assert.True(Slug.IsValid(Slug.From(name)));
    }

    [Fact]
    public void A_long_name_suggests_a_slug_of_63_characters_at_most()
    {
        var slug = Slug.From(string.Join(" ", Enumerable.Repeat("agency", 20)));

        Assert.True(slug.Length <= 63);
        Assert.True(Slug.IsValid(slug));
    }
}
