using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content;

/// <summary>附件1: sums of numbered and 其中 parts per amount column (rule 1) and the control rates (rule 2).</summary>
internal static class BasicDataChecks
{
    private const string Table = "附件1";

    private static readonly (string Column, Func<AmountLine, decimal?> Value)[] Columns =
    [
        (nameof(AmountLine.PriorYearActual), l => l.PriorYearActual),
        (nameof(AmountLine.CurrentBudget), l => l.CurrentBudget),
        (nameof(AmountLine.CurrentActual), l => l.CurrentActual),
    ];

    public static BasicRates Run(BasicDataTable table, TemplateBody template, List<Finding> findings)
    {
        var relations = template.BasicDataLines.ToDictionary(d => d.Code, d => d.Relation);
        foreach (var line in table.Lines)
        {
            var numbered = table.Lines.Where(c => IsPartOf(c, line) && RelationOf(c, relations) == PartRelation.Numbered).ToList();
            var ofWhich = table.Lines.Where(c => IsPartOf(c, line) && RelationOf(c, relations) == PartRelation.OfWhich).ToList();
            foreach (var (column, value) in Columns)
            {
                var at = new FindingLocation(ContentChecks.BasicPart, line.Code, column);
                var label = $"{Table} {line.Name} {Figures.Column(column)}";
                if (numbered.Count > 0)
                {
                    ContentChecks.Sum(findings, at, label, "分项合计", value(line), numbered.Select(value));
                }

                var ofWhichSum = ofWhich.Sum(c => value(c) ?? 0);
                if (ofWhich.Count > 0 && ofWhichSum > (value(line) ?? 0))
                {
                    findings.Add(new Finding(FindingSeverity.Error, 1, at,
                        $"{label}：其中各项合计 {Figures.Amount(ofWhichSum)}，超过填报 {Figures.Amount(value(line) ?? 0)}，多 {Figures.Amount(ofWhichSum - (value(line) ?? 0))}"));
                }
            }
        }

        var staff = ContentChecks.Percent(table.ActualStaff, table.AuthorisedPosts);
        if (table.AuthorisedPosts is null or <= 0)
        {
            findings.Add(new Finding(FindingSeverity.Error, 0, new(ContentChecks.BasicPart, "staff", nameof(BasicDataTable.AuthorisedPosts)),
                $"{Table} 编制数：必填，应为正整数"));
        }

        if (table.ActualStaff is null or < 0)
        {
            findings.Add(new Finding(FindingSeverity.Error, 0, new(ContentChecks.BasicPart, "staff", nameof(BasicDataTable.ActualStaff)),
                $"{Table} 实际在职人数：必填，不能为负"));
        }

        ContentChecks.Required(findings, new(ContentChecks.BasicPart, "footer", nameof(TableFooter.Filer)), Table, "填表人", table.Footer.Filer);
        ContentChecks.Required(findings, new(ContentChecks.BasicPart, "footer", nameof(TableFooter.Phone)), Table, "联系电话", table.Footer.Phone);

        var buildings = table.Buildings;
        return new BasicRates(
            staff,
            ContentChecks.Percent(buildings.ActualArea, buildings.ApprovedArea),
            ContentChecks.Percent(buildings.ActualInvestment, buildings.BudgetedInvestment));
    }

    private static bool IsPartOf(AmountLine candidate, AmountLine line) =>
        candidate.Code.StartsWith(line.Code + ".", StringComparison.Ordinal)
        && !candidate.Code[(line.Code.Length + 1)..].Contains('.', StringComparison.Ordinal);

    /// <summary>Lines the filer added under a template line (projects, transfers) are numbered parts.</summary>
    private static PartRelation RelationOf(AmountLine line, Dictionary<string, PartRelation> relations) =>
        relations.TryGetValue(line.Code, out var relation) ? relation : PartRelation.Numbered;
}
