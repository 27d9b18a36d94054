namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>Which figures of the tables a report section states, so that it can be drafted from them and checked against them.</summary>
public enum SectionDraft
{
    None,

    /// <summary>一般公共预算支出情况: the general budget's spending, basic and project spending, 公用经费, the projects.</summary>
    GeneralBudget,

    /// <summary>政府性基金预算支出情况: the government funds' spending.</summary>
    GovernmentFunds,
}

/// <param name="Draft">The figures the section states; <see cref="SectionDraft.None"/> for free text.</param>
public sealed record OutlineSection(string Code, string Title, SectionDraft Draft = SectionDraft.None);
