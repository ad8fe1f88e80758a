namespace WebWaka.Web.Api;

/// <summary>What a problem code means, in the words a partner reads on a page.</summary>
public static class ProblemMessages
{
    private static readonly Dictionary<string, string> Words = new()
    {
        ["INVALID_CREDENTIALS"] = "The email or the password is not right.",
        ["UNAUTHORIZED"] = "Your session has ended. Sign in again.",
        ["FORBIDDEN"] = "Your account cannot do this.",
        ["NOT_FOUND"] = "We could not find that. It may have been removed, or it is not yours to see.",
        ["SLUG_TAKEN"] = "That web address (slug) is taken. Choose another.",
        ["DOMAIN_TAKEN"] = "That domain belongs to another platform already.",
        ["DOMAIN_VERIFICATION_FAILED"] = "The TXT record is not there yet, or holds another value. DNS changes can take a while to show: try again later.",
        ["LAST_INSTANCE"] = "A client keeps at least one instance.",
        ["LAST_ADMIN"] = "The last admin cannot be removed: invite another one first.",
        ["PARTNER_NOT_ACTIVE"] = "Your partner account is suspended: your clients can be looked at, not changed. Contact WebWaka.",
        ["INVITATION_NOT_SENT"] = "The admin's invitation email could not be sent, so everything was undone. Try again later.",
        ["INVALID_TRANSITION"] = "The client cannot move to that state from where it is.",
        ["CLIENT_READ_ONLY"] = "This client is suspended or archived: it can be looked at, not changed.",
        ["INVITATION_NOT_FOUND"] = "This invitation link is not valid: it may have been replaced by a newer one.",
        ["INVITATION_EXPIRED"] = "This invitation has expired. Ask for a new one.",
        ["INVITATION_REVOKED"] = "This invitation was withdrawn.",
        ["INVITATION_ALREADY_USED"] = "This invitation has been accepted already. Sign in instead.",
        ["ACCOUNT_EXISTS"] = "An account with this email exists already. Sign in instead.",
        ["APPLICATION_PENDING"] = "An application from this email is waiting for review already: we will write to you.",
        ["RATE_LIMITED"] = "Too many attempts. Wait a minute and try again.",
        ["QUOTA_EXCEEDED"] = "You have reached your limit of new client platforms for now. Wait a minute, then try again.",
        ["SIGN_IN_LOCKED"] = "Too many wrong passwords for this email. Wait a few minutes, then try again.",
        ["VALIDATION_FAILED"] = "Some fields need correcting.",
        ["SERVICE_UNAVAILABLE"] = "WebWaka is not answering right now. Try again in a moment.",
    };

    public static string For(string code, string? title) => Words.TryGetValue(code, out var words) ? words : title ?? "Something went wrong. Try again.";
}
