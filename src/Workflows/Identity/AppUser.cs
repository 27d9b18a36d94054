using Microsoft.AspNetCore.Identity;

namespace EvalWorkflow.Workflows.Identity;

/// <summary>
/// A person who signs in. Unit roles (filer, unit head, department reviewer) belong to
/// <see cref="UnitId"/>; finance roles belong to <see cref="FinanceBureauId"/>.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? UnitId { get; set; }
    public Guid? FinanceBureauId { get; set; }

    /// <summary>How this person wants e-mail (only when the installation has SMTP configured and they have an address).</summary>
    public Notifications.EmailMode EmailMode { get; set; } = Notifications.EmailMode.Immediate;

    /// <summary>Wrong signing passwords in a row (counted apart from sign-in failures, which lock the account).</summary>
    public int SigningFailures { get; set; }

    /// <summary>Signing is paused until then after too many wrong signing passwords; sign-in is not affected.</summary>
    public DateTime? SigningPausedUntilUtc { get; set; }
}
