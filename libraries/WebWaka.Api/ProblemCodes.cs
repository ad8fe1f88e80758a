namespace WebWaka.Api;

/// <summary>
/// A problem's <c>code</c>: the status it comes with (none for a code only a failed provisioning reports), and what it
/// means to the caller.
/// </summary>
public sealed record ProblemCode(string Code, int? Status, string Meaning);

/// <summary>
/// Every <c>code</c> a problem answer carries, in one list: the API document publishes it, and a test holds the
/// services to it (no code answered that is not here, none here that nothing answers).
/// </summary>
public static class ProblemCodes
{
    public static readonly IReadOnlyList<ProblemCode> All =
    [
        new("VALIDATION_FAILED", 400, "The request's fields are wrong; `errors` maps each field to what is wrong with it."),
        new("MALFORMED_REQUEST", 400, "The body is not JSON of the expected shape, or a query value has the wrong type."),
        new("BAD_REQUEST", 400, "The request cannot be understood."),
        new("PARTNER_ATTRIBUTION_IMMUTABLE", 400, "A client's createdByPartnerId never changes."),
        new("UNAUTHORIZED", 401, "No token, or one that is forged, expired or of a removed user."),
        new("INVALID_CREDENTIALS", 401, "The email or the password is wrong."),
        new("FORBIDDEN", 403, "The token's role may not do this."),
        new("PARTNER_ID_REQUIRED", 403, "A partner role without a partner id."),
        new("TENANT_CREATION_REQUIRES_PARTNER", 403, "Clients are created by partners: the answer names findPartnerUrl and becomePartnerUrl."),
        new("SUPER_ADMIN_CREATES_FOR_WEBWAKA_ONLY", 403, "A super admin creates client platforms for WebWaka Digital Services only."),
        new("PARTNER_NOT_ACTIVE", 403, "The partner is suspended: its people read what is theirs, change nothing and cannot sign in (also a provisioning failure code)."),
        new("NOT_FOUND", 404, "No such thing, or it belongs to another partner."),
        new("INVITATION_NOT_FOUND", 404, "No invitation has this token (or it was sent again with a new one)."),
        new("METHOD_NOT_ALLOWED", 405, "The route does not take this method."),
        new("NOT_ACCEPTABLE", 406, "The answer cannot be given in the asked format."),
        new("CONFLICT", 409, "The request conflicts with the current state."),
        new("INVALID_TRANSITION", 409, "The lifecycle does not allow this move."),
        new("SLUG_TAKEN", 409, "The slug is taken (also a provisioning failure code)."),
        new("DOMAIN_TAKEN", 409, "The hostname is verified for another instance (also a provisioning failure code)."),
        new("DOMAIN_VERIFICATION_FAILED", 409, "The TXT record was not found; `expected` and `found` say what was looked for and what was there."),
        new("DOMAIN_NOT_VERIFIED", 409, "Only a verified domain can be primary."),
        new("DOMAIN_CLAIM_EXPIRED", 409, "The claim was not verified in time: add the domain again."),
        new("CLIENT_READ_ONLY", 409, "The client is suspended, archived or failed: what belongs to it can be read, not changed."),
        new("LAST_INSTANCE", 409, "A client keeps at least one instance."),
        new("LAST_ADMIN", 409, "A partner keeps at least one admin."),
        new("INVITATION_ALREADY_USED", 409, "The invitation was accepted already."),
        new("INVITATION_PENDING", 409, "That email has a pending invitation already."),
        new("INVITATION_NOT_PENDING", 409, "Only a pending invitation can be sent again."),
        new("ACCOUNT_EXISTS", 409, "An account with this email exists already."),
        new("APPLICATION_PENDING", 409, "An application from this email waits for review already."),
        new("APPLICATION_ALREADY_REVIEWED", 409, "The application was approved or rejected already."),
        new("GONE", 410, "It existed and is gone."),
        new("INVITATION_EXPIRED", 410, "The invitation expired: ask for a new one."),
        new("INVITATION_REVOKED", 410, "The invitation was withdrawn."),
        new("SIGNUP_LINK_DISABLED", 410, "The partner disabled this signup link."),
        new("SIGNUP_LINK_EXPIRED", 410, "The signup link expired."),
        new("SIGNUP_LINK_USED_UP", 410, "The signup link was used as many times as it allows."),
        new("PAYLOAD_TOO_LARGE", 413, "The body is over 64 KiB."),
        new("UNSUPPORTED_MEDIA_TYPE", 415, "Send JSON."),
        new("UNPROCESSABLE_ENTITY", 422, "The request is well-formed but cannot be processed."),
        new("IDEMPOTENCY_KEY_REUSED", 422, "The Idempotency-Key was used with another request."),
        new("RATE_LIMITED", 429, "Too many requests: wait for Retry-After."),
        new("QUOTA_EXCEEDED", 429, "A limit of the partner (client platforms a minute, provisionings in flight) is reached: wait for Retry-After; GET /api/partner/limits shows them."),
        new("SIGN_IN_LOCKED", 429, "Too many wrong passwords for this email, from anywhere: wait for Retry-After (a minute, doubling, an hour at most)."),
        new("STEP_TIMED_OUT", null, "Provisioning failure code: a step got no answer before its deadline; everything was undone."),
        new("INVITATION_NOT_SENT", null, "Provisioning failure code: the admin's email could not be sent; everything was undone."),
        new("INTERNAL_ERROR", 500, "Our fault; the traceId identifies it."),
        new("BAD_GATEWAY", 502, "A service behind the gateway answered wrongly."),
        new("SERVICE_UNAVAILABLE", 503, "A service is not ready: try again shortly."),
        new("GATEWAY_TIMEOUT", 504, "A service behind the gateway did not answer in time."),
        new("REQUEST_FAILED", 400, "Any other failure without a more specific code."),
    ];
}
