namespace EvalWorkflow.Workflows.Rounds;

/// <summary>A round (评价批次) opened by a finance bureau: every participating unit files one evaluation.</summary>
public sealed class EvaluationRound
{
    private EvaluationRound() { }

    internal EvaluationRound(Guid financeBureauId, string title, int fiscalYear, DateOnly submissionDeadline,
        string workflowDefinitionKey, string templateKey, DateTime createdAtUtc, DateOnly? publicationDate = null,
        RoundKind kind = RoundKind.Overall)
    {
        Id = Guid.NewGuid();
        FinanceBureauId = financeBureauId;
        Title = title;
        FiscalYear = fiscalYear;
        SubmissionDeadline = submissionDeadline;
        WorkflowDefinitionKey = workflowDefinitionKey;
        TemplateKey = templateKey;
        PublicationDate = publicationDate;
        Kind = kind;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid FinanceBureauId { get; private set; }
    public string Title { get; private set; } = "";
    public int FiscalYear { get; private set; }
    public RoundKind Kind { get; private set; }

    /// <summary>The last day (Asia/Shanghai) to submit to the finance bureau.</summary>
    public DateOnly SubmissionDeadline { get; private set; }

    public string WorkflowDefinitionKey { get; private set; } = "";

    /// <summary>The day (Asia/Shanghai) by which the round's reports are to be published; finance review and publication are due by it.</summary>
    public DateOnly? PublicationDate { get; private set; }

    /// <summary>The evaluation template (outline, tables, scoring) the round's evaluations start with, by key.</summary>
    public string TemplateKey { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Moves the submission deadline later; the history rows are the caller's.</summary>
    internal void ExtendSubmissionDeadline(DateOnly deadline) => SubmissionDeadline = deadline;
}
