using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Ports;

namespace MedZen.Server.Api;

/// <summary>Authorization and audit for reads of patient data, in one place so no endpoint forgets either.</summary>
internal static class PhiAccess
{
    public static Caller Caller(this HttpContext context) =>
        Security.Caller.From(context.User, context.RequestServices.GetService<AuthOptions>()?.RoleClaim ?? Security.Caller.DefaultRoleClaim);

    /// <summary>
    /// Throws 404, the same answer a missing note gets, unless the caller may see notes of <paramref name="providerId"/>:
    /// a 403 would tell a caller that the id exists. Audits the read, or the denial.
    /// </summary>
    public static async Task AuthorizeAndAuditAsync(
        this HttpContext context, IClinicalStore clinical, string? providerId, string action, string entityType, string entityId)
    {
        if (!await context.MaySeeAndAuditAsync(clinical, providerId, action, entityType, entityId))
        {
            throw ApiProblemException.NotFound("NoteNotFound", "No note has this id.");
        }
    }

    /// <summary>Whether the caller may see notes of <paramref name="providerId"/>; audits the read or the denial.</summary>
    public static async Task<bool> MaySeeAndAuditAsync(
        this HttpContext context, IClinicalStore clinical, string? providerId, string action, string entityType, string entityId)
    {
        var caller = context.Caller();
        var allowed = caller.MaySeeProvider(providerId);
        await clinical.AppendAuditAsync(new AuditEntry
        {
            ActorId = caller.Subject,
            Action = allowed ? action : action + ".denied",
            EntityType = entityType,
            EntityId = entityId,
        }, context.RequestAborted);
        return allowed;
    }
}
