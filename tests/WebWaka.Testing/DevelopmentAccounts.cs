namespace WebWaka.Testing;

/// <summary>The accounts the first start seeds in Development (services/Partner/appsettings.Development.json, README).</summary>
public static class DevelopmentAccounts
{
    public const string SuperAdminEmail = "admin@webwaka.local";
    public const string SuperAdminPassword = "WebWaka-Admin-2026";
    public const string PartnerAdminEmail = "partner@webwaka.local";
    public const string PartnerAdminPassword = "WebWaka-Partner-2026";
}
