namespace WebWaka.Web.Components;

/// <summary>How the dashboard writes a date, the same on every page: "7 Dec 2026", or to the minute or second.</summary>
public static class Dates
{
    public static string Day(this DateTimeOffset at) => at.ToString("d MMM yyyy");

    public static string Minute(this DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm");

    public static string Second(this DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm:ss");
}
