using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WebWaka.Api;

/// <summary>
/// Every error leaves a service as RFC 9457 problem+json with a machine-readable <c>code</c> (README, API conventions):
/// thrown exceptions, bare status codes and malformed requests alike.
/// </summary>
public static class ProblemResponses
{
    public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>The largest request body any endpoint accepts (README, API conventions).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// The contract's conventions for every API: problem+json errors, bodies of 64 KiB at most, and an OpenAPI
    /// document of its routes (<see cref="MapApiDocument"/>).
    /// </summary>
    public static IHostApplicationBuilder AddApiConventions(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddProblemResponses();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The service's routes as an OpenAPI document at <c>/openapi/v1.json</c>, readable without a token.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", problem is HttpValidationProblemDetails
                ? ValidationFailed
                : CodeForStatus(problem.Status ?? StatusCodes.Status500InternalServerError));
            problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A malformed body surfaces as an exception everywhere, so it gets the same answer in every environment.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Call early in the pipeline, before authentication and the endpoints.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The code of an error that has no more specific one.</summary>
    public static string CodeForStatus(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        409 => "CONFLICT",
        410 => "GONE",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => "UNPROCESSABLE_ENTITY",
        429 => "RATE_LIMITED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        >= 500 => "INTERNAL_ERROR",
        _ => "REQUEST_FAILED",
    };
}

/// <summary>A body that is not JSON, too large, or of the wrong shape is the caller's error: 4xx, never 500.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed.",
                Detail = WhereItWentWrong(badRequest),
                Extensions = { ["code"] = status == StatusCodes.Status413PayloadTooLarge ? "PAYLOAD_TOO_LARGE" : "MALFORMED_REQUEST" },
            },
        });
    }

    // In the caller's terms: where in the body, never the .NET types and parameters behind it (the exception's message).
    private static string? WhereItWentWrong(BadHttpRequestException badRequest) =>
        badRequest.InnerException is JsonException { Path: { } path } ? $"The value at {path} is not of the expected shape." : null;
}

/// <summary>Answers a <see cref="ProblemException"/> with its status and code, and a write that lost an optimistic-concurrency race with 409 CONFLICT.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            ProblemException problem => (problem.Status, problem.Code, problem.Message),
            // Another request changed the same row between this one's read and its write (an optimistic-concurrency
            // token refused the write): nothing was saved, and the caller reads it again.
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "CONFLICT", "It changed while this request was handled: read it again."),
            _ => (0, null, null),
        };
        if (code is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        });
    }
}
