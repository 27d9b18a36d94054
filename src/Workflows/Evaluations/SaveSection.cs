using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <param name="BaseVersion">The section version the text was based on.</param>
public sealed record SaveSectionRequest(string Markdown, int BaseVersion);

/// <summary>A save refused because someone saved the section first: carries the newer text so nothing is lost silently.</summary>
public sealed class StaleSection(SectionView current)
    : Refusal(RefusalKind.Conflict, "该部分已被他人修改：请对照最新内容后再保存")
{
    public SectionView Current { get; } = current;
}

/// <summary>Saves one report section's Markdown, refusing a save based on an older version.</summary>
public sealed class SaveSection(AppDbContext db) : IUseCase
{
    private const int Attempts = 3;

    /// <returns>The saved section and the evaluation's new version.</returns>
    public async Task<(SectionView Section, int EvaluationVersion)> HandleAsync(
        Actor actor, Guid evaluationId, string code, SaveSectionRequest request, CancellationToken ct = default)
    {
        // Null is not "empty": a save that forgot the text must not erase the section.
        var markdown = request.Markdown ?? throw new Refusal(RefusalKind.Invalid, "缺少必填字段：markdown，未做任何更改");
        if (markdown.Length > ReportSection.MaxLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"内容过长：每部分最多 {ReportSection.MaxLength} 字，现有 {markdown.Length} 字");
        }

        for (var attempt = 1; ; attempt++)
        {
            var evaluation = await db.Evaluations.Include(e => e.Sections).FindVisibleAsync(evaluationId, actor, ct);
            var section = evaluation.Sections.SingleOrDefault(s => s.Code == code) ?? throw Refusal.NotFound("报告部分");
            if (section.Version != request.BaseVersion)
            {
                throw new StaleSection(SectionView.Of(section));
            }

            evaluation.ReplaceSection(section, markdown, actor);
            try
            {
                await db.SaveChangesAsync(ct);
                return (SectionView.Of(section), evaluation.Version);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another section of the same evaluation was saved meanwhile: reload and try again;
                // a save of this very section is caught by the version check above.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Refusal.Stale();
            }
        }
    }
}

public sealed record SectionView(string Code, string Title, string Markdown, int Version)
{
    public static SectionView Of(ReportSection section) => new(section.Code, section.Title, section.Markdown, section.Version);
}
