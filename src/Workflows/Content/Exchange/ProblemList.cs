namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>Every problem of one upload, in the order found; past <see cref="Max"/> only counted.</summary>
internal sealed class ProblemList
{
    public const int Max = 200;
    public const string Workbook = "工作簿";

    private readonly List<UploadProblem> problems = [];
    private int unlisted;

    public bool Any => problems.Count > 0;

    public void Add(string sheet, int row, string column, string message)
    {
        if (problems.Count < Max)
        {
            problems.Add(new UploadProblem(sheet, row, column, message));
        }
        else
        {
            unlisted++;
        }
    }

    public IReadOnlyList<UploadProblem> ToList() =>
        unlisted == 0 ? problems : [.. problems, new UploadProblem(Workbook, 0, "", $"另有 {unlisted} 处问题未列出")];
}
