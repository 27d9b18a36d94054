namespace EvalWorkflow.Workflows.Content;

/// <summary>A reviewer's comment pinned to a report section, a table line or an indicator when returning an evaluation.</summary>
/// <param name="Label">Where, in Chinese; set by the server from the target, not taken from the client.</param>
public sealed record ReviewPin(FindingLocation At, string Label, string Text)
{
    public const int MaxText = 500;
    public const int MaxPins = 50;
}
