using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Rounds;

/// <summary>Who holds an evaluation, as the board and its export say it.</summary>
public static class HolderLabels
{
    public static string Of(string? claimedByName, string? holderRole, string unitName) => (claimedByName, holderRole) switch
    {
        ({ } claimedBy, _) => $"{claimedBy}（已认领）",
        (_, null) => "—",
        (_, Roles.FinanceReviewer) => "财政审核人（待认领）",
        (_, Roles.FinanceAdmin) => "财政管理员",
        (_, Roles.DepartmentReviewer) => "主管部门审核人",
        (_, var role) => $"{unitName} {Roles.Label(role)}",
    };
}
