using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebWaka.Web.Api;

namespace WebWaka.Web.Components.Dialogs;

/// <summary>
/// A dialog holding one form that one API call submits: it closes with what the API answered, or stays open showing
/// what is wrong with each field and the problem in words. The API is the judge of every value; the dialog only asks.
/// </summary>
public abstract class FormDialog<TAnswer> : ComponentBase
{
    private Dictionary<string, string> _errors = [];

    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = null!;

    [Inject]
    protected WebWakaApi Api { get; set; } = null!;

    protected string? Problem { get; private set; }

    protected bool Busy { get; private set; }

    protected bool Has(string field) => _errors.ContainsKey(field);

    protected string? Error(string field) => _errors.GetValueOrDefault(field);

    protected void Cancel() => Dialog.Cancel();

    /// <summary>The call the form makes.</summary>
    protected abstract Task<ApiResult<TAnswer>> SendAsync();

    protected async Task SubmitAsync()
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        var answer = await SendAsync();
        Busy = false;
        if (answer.Problem is { } problem)
        {
            (_errors, Problem) = (problem.FieldErrors(), problem.Message);
            return;
        }

        Dialog.Close(DialogResult.Ok(answer.Value));
    }

    protected static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An expiry picked as a day: the thing works to the end of that day, in UTC.</summary>
    protected static DateTimeOffset? EndOf(DateTime? day) => day is { } chosen ? new DateTimeOffset(chosen.Date.AddDays(1), TimeSpan.Zero) : null;
}
