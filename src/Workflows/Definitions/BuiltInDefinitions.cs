using EvalWorkflow.Workflows.Identity;
using static EvalWorkflow.Workflows.Definitions.Stages;

namespace EvalWorkflow.Workflows.Definitions;

/// <summary>The two definitions every installation starts with.</summary>
public static class BuiltInDefinitions
{
    public const string DefaultKey = "default";
    public const string WithDepartmentReviewKey = "department-review";

    private static readonly StageDefinition DraftingStage =
        new(Drafting, "起草", Roles.Filer, null, "评价尚未提交，需要先由填表人提交");
    private static readonly StageDefinition SignatureStage =
        new(AwaitingSignature, "待单位负责人签字", Roles.UnitHead, 3, "需要先由单位负责人签字");
    private static readonly StageDefinition DepartmentStage =
        new(DepartmentReview, "主管部门审核", Roles.DepartmentReviewer, 5, "需要先由主管部门审核通过");
    private static readonly StageDefinition FinanceStage =
        new(FinanceReview, "财政审核", Roles.FinanceReviewer, 10, "需要先由财政审核人审核通过", SharedQueue: true);
    private static readonly StageDefinition ApprovedStage =
        new(Approved, "已审核通过", Roles.FinanceAdmin, null, "评价已审核通过，等待财政管理员公开");
    private static readonly StageDefinition PublishedStage =
        new(Published, "已公开", null, null, "评价已公开，不能再更改");

    public static WorkflowDefinition Default() => new(DefaultKey, 1, "标准流程：起草 → 签字 → 财政审核 → 公开", new WorkflowDefinitionBody(
        Drafting,
        [DraftingStage, SignatureStage, FinanceStage, ApprovedStage, PublishedStage],
        [
            .. DraftAndSign(signedTo: FinanceReview),
            .. FinanceReviewTransitions(),
        ]));

    public static WorkflowDefinition WithDepartmentReview() => new(WithDepartmentReviewKey, 1, "二级单位流程：起草 → 签字 → 主管部门审核 → 财政审核 → 公开", new WorkflowDefinitionBody(
        Drafting,
        [DraftingStage, SignatureStage, DepartmentStage, FinanceStage, ApprovedStage, PublishedStage],
        [
            .. DraftAndSign(signedTo: DepartmentReview),
            new(WorkflowAct.Approve, DepartmentReview, FinanceReview, Roles.DepartmentReviewer),
            new(WorkflowAct.Return, DepartmentReview, Drafting, Roles.DepartmentReviewer),
            .. FinanceReviewTransitions(),
        ]));

    public static IReadOnlyList<WorkflowDefinition> All() => [Default(), WithDepartmentReview()];

    private static TransitionDefinition[] DraftAndSign(string signedTo) =>
    [
        new(WorkflowAct.Submit, Drafting, AwaitingSignature, Roles.Filer),
        new(WorkflowAct.Withdraw, AwaitingSignature, Drafting, Roles.Filer),
        new(WorkflowAct.Sign, AwaitingSignature, signedTo, Roles.UnitHead),
        new(WorkflowAct.Return, AwaitingSignature, Drafting, Roles.UnitHead),
    ];

    private static TransitionDefinition[] FinanceReviewTransitions() =>
    [
        new(WorkflowAct.Claim, FinanceReview, FinanceReview, Roles.FinanceReviewer),
        new(WorkflowAct.Release, FinanceReview, FinanceReview, Roles.FinanceReviewer),
        new(WorkflowAct.Approve, FinanceReview, Approved, Roles.FinanceReviewer),
        new(WorkflowAct.Return, FinanceReview, Drafting, Roles.FinanceReviewer),
        new(WorkflowAct.Publish, Approved, Published, Roles.FinanceAdmin),
    ];
}
