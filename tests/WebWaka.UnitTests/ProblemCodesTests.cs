using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using WebWaka.Api;

namespace WebWaka.UnitTests;

public sealed partial class ProblemCodesTests
{
    private static readonly string[] Roles = ["SUPER_ADMIN", "PARTNER_ADMIN", "TENANT_ADMIN"];

    private static string RepositoryRoot([CallerFilePath] string file = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    /// <summary>Every UPPER_SNAKE string the product's code answers with, roles aside.</summary>
    private static HashSet<string> CodesInSource() =>
        new[] { "services", "libraries", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains("Migrations") &&
                           !file.EndsWith("ProblemCodes.cs"))
            .SelectMany(file => QuotedCode().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Except(Roles)
            .ToHashSet();

    [Fact]
    public void Every_code_the_services_answer_with_is_listed_once_with_its_meaning()
    {
        var listed = ProblemCodes.All.Select(c => c.Code).ToList();
        Assert.Contains("SLUG_TAKEN", CodesInSource());

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Empty(CodesInSource().Except(listed));
        Assert.All(ProblemCodes.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Meaning)));
    }

    [Fact]
    public void Every_listed_code_is_answered_somewhere()
    {
        var fromStatus = Enumerable.Range(400, 200).Select(ProblemResponses.CodeForStatus);

        Assert.Empty(ProblemCodes.All.Select(c => c.Code).Except(CodesInSource()).Except(fromStatus));
    }

    [GeneratedRegex("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"")]
    private static partial Regex QuotedCode();
}
