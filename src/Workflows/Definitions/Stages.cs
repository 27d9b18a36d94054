namespace EvalWorkflow.Workflows.Definitions;

/// <summary>Stage codes that code relies on; a definition may add others.</summary>
public static class Stages
{
    public const string Drafting = "Drafting";
    public const string AwaitingSignature = "AwaitingSignature";
    public const string DepartmentReview = "DepartmentReview";
    public const string FinanceReview = "FinanceReview";
    public const string Approved = "Approved";
    public const string Published = "Published";
}
