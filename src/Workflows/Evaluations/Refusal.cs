namespace EvalWorkflow.Workflows.Evaluations;

public enum RefusalKind
{
    /// <summary>Unknown, or not visible to this user: the two are not told apart.</summary>
    NotFound,
    /// <summary>Bad input: missing or over-long text, wrong password.</summary>
    Invalid,
    /// <summary>Not allowed now: wrong stage, wrong role, someone else acted first.</summary>
    Conflict,
    /// <summary>The store cannot take writes now (disk full, I/O error, read-only): nothing was saved.</summary>
    Unavailable,
}

/// <summary>A use case refused a request; <see cref="Exception.Message"/> is the reason shown to the user, in Chinese.</summary>
public class Refusal(RefusalKind kind, string reason) : Exception(reason)
{
    public RefusalKind Kind { get; } = kind;

    /// <summary>The person lacks the role or the scope for the act (answered like any conflict, and written to the audit log).</summary>
    public bool DeniesAccess { get; private init; }

    public static Refusal Forbidden(string reason) => new(RefusalKind.Conflict, reason) { DeniesAccess = true };

    public static Refusal NotFound(string what = "评价") => new(RefusalKind.NotFound, $"{what}不存在，或您无权查看");

    public static Refusal Stale() => new(RefusalKind.Conflict, "该评价已被他人处理，请刷新后重试");
}
