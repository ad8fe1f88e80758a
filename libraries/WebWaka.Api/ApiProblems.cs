using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WebWaka.Contracts;

namespace WebWaka.Api;

/// <summary>Builds the problem+json answers of the README's API conventions: a status, a title and a machine-readable code.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(string what) =>
        Of(StatusCodes.Status404NotFound, "NOT_FOUND", $"No such {what}.");

    /// <summary>
    /// 429 with <paramref name="code"/>, and Retry-After set on <paramref name="response"/>: the whole seconds to wait, one
    /// at least (a caller told 0 would ask again at once).
    /// </summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string code, string title)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return Of(StatusCodes.Status429TooManyRequests, code, title);
    }
}

/// <summary>Collects what is wrong with a request, field by field, for a 400 VALIDATION_FAILED answer.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public ValidationErrors Check(bool valid, string field, string message)
    {
        if (!valid)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }

            messages.Add(message);
        }

        return this;
    }

    /// <summary>Every message of a rule that lists what is wrong, under one field.</summary>
    public ValidationErrors Add(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Check(false, field, message);
        }

        return this;
    }

    /// <summary>Every problem of a rule that lists what is wrong, each under its own field.</summary>
    public ValidationErrors Add(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
        {
            Check(false, field, message);
        }

        return this;
    }

    public ValidationErrors Required(string field, string? value, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value)
            ? Check(false, field, "Required.")
            : Check(value.Length <= maxLength, field, $"At most {maxLength} characters.");

    public ValidationErrors Email(string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? Check(false, field, "Required.")
            : Check(value.Length <= 320 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value.Trim(),
                field, "Not an email address.");

    /// <summary>The platform's one password rule (<see cref="PasswordPolicy"/>), its reason in words.</summary>
    public ValidationErrors Password(string field, string? value) =>
        PasswordPolicy.ProblemWith(value) is { } problem ? Check(false, field, problem) : this;

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request is not valid.");
}

/// <summary>An error the caller caused, thrown where returning it is awkward; answered as problem+json with its code.</summary>
public sealed class ProblemException(int status, string code, string title) : Exception(title)
{
    public int Status { get; } = status;

    public static ProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "NOT_FOUND", $"No such {what}.");

    public string Code { get; } = code;
}
