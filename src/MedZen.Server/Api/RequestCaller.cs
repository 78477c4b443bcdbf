using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Stores.Clinical;

namespace MedZen.Server.Api;

/// <summary>Authorization and audit for reads of patient data, in one place so no endpoint forgets either.</summary>
internal static class PhiAccess
{
    public static Caller Caller(this HttpContext context) => Security.Caller.From(context.User);

    /// <summary>Throws 403 unless the caller may see notes of <paramref name="providerId"/>; audits the read when allowed.</summary>
    public static async Task AuthorizeAndAuditAsync(
        this HttpContext context, IClinicalStore clinical, string? providerId, string action, string entityType, string entityId)
    {
        var caller = context.Caller();
        if (!caller.MaySeeProvider(providerId))
        {
            await clinical.AppendAuditAsync(new AuditEntry
            {
                ActorId = caller.Subject, Action = action + ".denied", EntityType = entityType, EntityId = entityId,
            }, context.RequestAborted);
            throw ApiProblemException.Forbidden("The caller may not see this patient's records.");
        }

        await clinical.AppendAuditAsync(new AuditEntry
        {
            ActorId = caller.Subject, Action = action, EntityType = entityType, EntityId = entityId,
        }, context.RequestAborted);
    }
}
