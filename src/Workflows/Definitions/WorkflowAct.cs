namespace EvalWorkflow.Workflows.Definitions;

public enum WorkflowAct
{
    Submit,
    Withdraw,
    Sign,
    Return,
    Claim,
    Release,
    Approve,
    Publish,

    /// <summary>An administrative act, in no workflow definition: the administrator moved a deadline (kept in the history).</summary>
    ExtendDeadline,

    /// <summary>An administrative act: the administrator reopened a published report as a correction (the new revision's first row).</summary>
    Reopen,

    /// <summary>
    /// Not in any workflow definition: the claim holder hands a claimed task to a colleague, or the finance administrator
    /// reassigns it (转交); the stage stays, the history keeps who gave it to whom.
    /// </summary>
    HandOver,
}

public static class WorkflowActs
{
    public static string Label(WorkflowAct act) => act switch
    {
        WorkflowAct.Submit => "提交",
        WorkflowAct.Withdraw => "撤回",
        WorkflowAct.Sign => "签字",
        WorkflowAct.Return => "退回",
        WorkflowAct.Claim => "认领",
        WorkflowAct.Release => "释放",
        WorkflowAct.Approve => "审核通过",
        WorkflowAct.Publish => "公开",
        WorkflowAct.ExtendDeadline => "延长期限",
        WorkflowAct.Reopen => "发起更正",
        WorkflowAct.HandOver => "转交",
        _ => act.ToString(),
    };

    /// <summary>Acts that make an evaluation wait for this person (the inbox's 待办); withdraw and release are options, not duties.</summary>
    public static bool IsDuty(WorkflowAct act) => act is not (WorkflowAct.Withdraw or WorkflowAct.Release);

    /// <summary>Parses a workflow act a user may ask for by name; administrative acts have use cases of their own.</summary>
    public static bool TryParse(string value, out WorkflowAct act) =>
        Enum.TryParse(value, ignoreCase: true, out act) && Enum.IsDefined(act) && act is not (WorkflowAct.ExtendDeadline or WorkflowAct.Reopen or WorkflowAct.HandOver);
}
