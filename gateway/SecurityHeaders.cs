namespace WebWaka.Gateway;

/// <summary>
/// What every answer of the public door tells the browser: no sniffing, no framing, no referrer (invitation and signup
/// links carry tokens in their paths), and a content security policy per kind of answer. HSTS outside Development.
/// </summary>
internal static class SecurityHeaders
{
    // An API answer is data, never a page.
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    // The dashboard runs its own scripts only; MudBlazor sets inline styles; a client's logo may live on its own https host.
    private const string PagePolicy =
        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    // The API reference (Scalar) starts itself with an inline module script.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; " +
        "base-uri 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // Set as the answer starts, over whatever the service behind sent.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = context.Request.Path switch
                {
                    var path when path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") => ApiPolicy,
                    var path when path.StartsWithSegments("/docs") => ReferencePolicy,
                    _ => PagePolicy,
                };
                return Task.CompletedTask;
            });
            return next();
        });
        return app;
    }
}
