using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Workflows.Content;

/// <param name="BaseVersion">The content version the filer saw; drafting overwrites those sections' text.</param>
public sealed record DraftSectionsRequest(int BaseVersion);

/// <summary>
/// Drafts the report sections whose figures stand in the tables (二 and 三 of the Hunan outline) from the tables.
/// The filer edits the text afterwards; the checks warn when a figure left in it no longer matches the tables.
/// </summary>
public sealed class DraftSections(AppDbContext db) : IUseCase
{
    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, DraftSectionsRequest request, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        if (evaluation.ContentVersion != request.BaseVersion)
        {
            throw new Refusal(RefusalKind.Conflict, "内容已被他人修改：请刷新后再起草");
        }

        var content = evaluation.Content();
        var outline = evaluation.Template.Body.Outline;
        var sections = content.Sections.Select(section =>
            outline.FirstOrDefault(o => o.Code == section.Code) is { } o
            && ReportFigures.Draft(o.Draft, content, evaluation.Round.FiscalYear) is { } drafted
                ? section with { Markdown = drafted }
                : section).ToList();
        if (sections.SequenceEqual(content.Sections))
        {
            throw new Refusal(RefusalKind.Conflict, "本模板的报告提纲中没有可由附表起草的部分，或起草结果与现有正文相同");
        }

        evaluation.ReplaceContent(content with { Sections = sections }, actor);
        await db.SaveOrRefuseStaleAsync(ct);
        return await GetContent.ViewAsync(db, evaluation, actor, ct);
    }
}
