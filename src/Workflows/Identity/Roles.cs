namespace EvalWorkflow.Workflows.Identity;

public static class Roles
{
    public const string Filer = "Filer";
    public const string UnitHead = "UnitHead";
    public const string DepartmentReviewer = "DepartmentReviewer";
    public const string FinanceReviewer = "FinanceReviewer";
    public const string FinanceAdmin = "FinanceAdmin";

    public static readonly IReadOnlyList<string> All =
        [Filer, UnitHead, DepartmentReviewer, FinanceReviewer, FinanceAdmin];

    public static bool IsFinanceRole(string role) => role is FinanceReviewer or FinanceAdmin;

    public static string Label(string role) => role switch
    {
        Filer => "填表人",
        UnitHead => "单位负责人",
        DepartmentReviewer => "主管部门审核人",
        FinanceReviewer => "财政审核人",
        FinanceAdmin => "财政管理员",
        _ => role,
    };
}
