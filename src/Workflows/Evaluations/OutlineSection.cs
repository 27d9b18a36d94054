namespace EvalWorkflow.Workflows.Evaluations;

/// <param name="DraftedFromTables">The section's figures stand in the tables (sections 二 to 五 of the Hunan outline): it can be drafted from them.</param>
public sealed record OutlineSection(string Code, string Title, bool DraftedFromTables = false);
