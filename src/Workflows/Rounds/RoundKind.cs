namespace EvalWorkflow.Workflows.Rounds;

/// <summary>What a round evaluates: a unit's overall spending (部门整体支出) or its projects (项目支出).</summary>
public enum RoundKind
{
    Overall,
    Project,
}

public static class RoundKinds
{
    public static string Label(RoundKind kind) => kind switch
    {
        RoundKind.Project => "项目支出绩效自评",
        _ => "部门整体支出绩效自评",
    };
}
