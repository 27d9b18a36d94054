using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Audit;

/// <param name="UserName">Entries of this account (or this typed name) only.</param>
/// <param name="From">First day shown, a Beijing date.</param>
/// <param name="To">Last day shown, a Beijing date.</param>
/// <param name="UnknownNames">Failed sign-ins with names that belong to nobody, which no bureau owns, instead of the bureau's entries.</param>
public sealed record AuditQuery(PageRequest Page, string? UserName = null, AuditKind? Kind = null, DateOnly? From = null, DateOnly? To = null,
    bool UnknownNames = false);

public sealed record AuditRow(long Id, DateTime OccurredAtUtc, AuditKind Kind, string KindLabel, AuditOutcome Outcome, string OutcomeLabel,
    string UserName, string? Address, string? Subject, string Detail);

/// <summary>The security audit log of the administrator's bureau, newest first, filtered and paged in the database.</summary>
public sealed class GetAuditLog(AppDbContext db) : IUseCase
{
    public async Task<Page<AuditRow>> HandleAsync(Actor actor, AuditQuery query, CancellationToken ct = default)
    {
        if (!actor.IsInRole(Roles.FinanceAdmin) || actor.FinanceBureauId is not Guid bureauId)
        {
            throw Refusal.Forbidden("只有财政管理员可以查看安全审计日志");
        }

        if (query.From > query.To)
        {
            throw new Refusal(RefusalKind.Invalid, "起始日期不能晚于截止日期");
        }

        var entries = query.UnknownNames
            ? db.AuditEntries.Where(a => a.FinanceBureauId == null)
            : db.AuditEntries.Where(a => a.FinanceBureauId == bureauId);
        if (query.UserName?.Trim() is { Length: > 0 } name)
        {
            entries = entries.Where(a => a.UserName == name);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(a => a.Kind == kind);
        }

        if (query.From is { } from)
        {
            var start = ChinaDate.StartUtc(from);
            entries = entries.Where(a => a.OccurredAtUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = ChinaDate.StartUtc(to.AddDays(1));
            entries = entries.Where(a => a.OccurredAtUtc < end);
        }

        var page = await entries.AsNoTracking().OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id).ToPageAsync(query.Page, ct);
        return page.Map(a => new AuditRow(a.Id, a.OccurredAtUtc, a.Kind, AuditLabels.Of(a.Kind), a.Outcome, AuditLabels.Of(a.Outcome),
            a.UserName, a.Address, a.Subject, a.Detail));
    }
}

public static class AuditLabels
{
    public static string Of(AuditKind kind) => kind switch
    {
        AuditKind.SignedIn => "登录",
        AuditKind.SignInFailed => "登录失败",
        AuditKind.SignInThrottled => "登录延迟",
        AuditKind.LockedOut => "账户锁定",
        AuditKind.SignedOut => "退出登录",
        AuditKind.SigningFailed => "签字密码错误",
        AuditKind.SigningLockedOut => "签字暂停",
        AuditKind.AccessRefused => "拒绝访问",
        AuditKind.AccountUnlocked => "解除锁定",
        AuditKind.AccountCreated => "创建账户",
        AuditKind.RoundCreated => "创建评价批次",
        AuditKind.DeadlineExtended => "延长期限",
        AuditKind.PublicationScheduled => "定时公开",
        AuditKind.Published => "公开报告",
        AuditKind.CorrectionOpened => "发起更正",
        AuditKind.UnitsReminded => "催报",
        _ => kind.ToString(),
    };

    public static string Of(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "成功",
        AuditOutcome.Failed => "失败",
        AuditOutcome.Refused => "拒绝",
        _ => outcome.ToString(),
    };
}
