using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>附件1–3: a caption, the form's title, the table, and the 填表人 line under it.</summary>
public static partial class ReportDocument
{
    private static readonly string[] StaffHeaders = ["人员控制情况", "编制数", "实际在职人数", "控制率"];
    private static readonly string[] LineHeaders = ["费用项目（万元）", "上年决算数", "本年预算数", "本年决算数"];
    private static readonly string[] BuildingHeaders = ["楼堂馆所控制情况", "核定数", "实际数", "控制率"];
    private static readonly string[] FundsHeaders = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
    private static readonly string[] IndicatorHeaders = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "偏差原因分析及改进措施"];

    /// <summary>The Excel sheets' column widths, scaled to the landscape page.</summary>
    private static readonly int[] BasicWidths = Scale([36, 16, 16, 16]);
    private static readonly int[] SelfEvaluationWidths = Scale([12, 14, 24, 14, 14, 8, 10, 32]);

    private static IEnumerable<OpenXmlElement> Annexes(ReportDocumentInfo info, EvaluationContent content, ContentReport report, TemplateBody template)
    {
        var annexes = new List<OpenXmlElement>();
        annexes.AddRange(Annex("附件1", $"{info.FiscalYear}年度部门整体支出绩效自评基础数据表", first: true,
            Basic(info, content.Basic, report.Basic, template), content.Basic.Footer));
        annexes.AddRange(Annex("附件2", $"{info.FiscalYear}年度部门整体支出绩效自评表", first: false,
            SelfEvaluation(info, content.Overall, report.Overall, project: false), content.Overall.Footer));
        for (var i = 0; i < content.Projects.Count; i++)
        {
            var caption = content.Projects.Count == 1 ? "附件3" : $"附件3-{i + 1}";
            annexes.AddRange(Annex(caption, $"{info.FiscalYear}年度项目支出绩效自评表", first: false,
                SelfEvaluation(info, content.Projects[i], report.Projects[i], project: true), content.Projects[i].Footer));
        }

        return annexes;
    }

    private static IEnumerable<OpenXmlElement> Annex(string caption, string title, bool first, Table table, TableFooter footer)
    {
        var captionParagraph = ReportText.Paragraph(ReportStyles.Caption, caption);
        if (!first)
        {
            captionParagraph.ParagraphProperties!.PageBreakBefore = new PageBreakBefore();
        }

        var filedOn = footer.FiledOn?.ToString("yyyy年M月d日", ReportText.Invariant) ?? "";
        return
        [
            captionParagraph,
            ReportText.Paragraph(ReportStyles.TableTitle, title),
            table,
            ReportText.Paragraph(ReportStyles.TableNote, $"填表人：{footer.Filer}　　联系电话：{footer.Phone}　　填报日期：{filedOn}"),
        ];
    }

    private static Table Basic(ReportDocumentInfo info, BasicDataTable table, BasicRates rates, TemplateBody template)
    {
        var word = new WordTable(BasicWidths);
        word.Row().Cell("单位名称", WordCell.Label).Cell(info.UnitName, span: 3);
        word.Row().Cell(StaffHeaders[0], WordCell.Header).Cell(StaffHeaders[1], WordCell.Header)
            .Cell(StaffHeaders[2], WordCell.Header).Cell(StaffHeaders[3], WordCell.Header);
        word.Row().Cell("人数", WordCell.Label).Cell(table.AuthorisedPosts?.ToString(ReportText.Invariant), WordCell.Amount)
            .Cell(table.ActualStaff?.ToString(ReportText.Invariant), WordCell.Amount).Cell(ReportText.Percent(rates.StaffControlPercent), WordCell.Computed);
        Headers(word.Row(), LineHeaders);
        foreach (var line in table.Lines)
        {
            var definition = template.BasicDataLines.FirstOrDefault(d => d.Code == line.Code);
            var label = definition?.Relation == PartRelation.OfWhich ? "其中：" + line.Name : line.Name;
            var kind = line.Code.Count(c => c == '.') switch { 0 => WordCell.Label, 1 => WordCell.LabelIndent1, _ => WordCell.LabelIndent2 };
            word.Row().Cell(label, kind).Amount(line.PriorYearActual).Amount(line.CurrentBudget).Amount(line.CurrentActual);
        }

        var buildings = table.Buildings;
        Headers(word.Row(), BuildingHeaders);
        word.Row().Cell("建筑面积（平方米）", WordCell.Label).Amount(buildings.ApprovedArea).Amount(buildings.ActualArea)
            .Cell(ReportText.Percent(rates.AreaControlPercent), WordCell.Computed);
        word.Row().Cell("投资（万元）", WordCell.Label).Amount(buildings.BudgetedInvestment).Amount(buildings.ActualInvestment)
            .Cell(ReportText.Percent(rates.InvestmentControlPercent), WordCell.Computed);
        word.Row().Cell("厉行节约保障措施", WordCell.Label).Cell(table.SavingMeasures, span: 3);
        var signature = info.SignerName is { } signer && info.SignedAtUtc is DateTime signed ? $"{signer}　{ReportText.ChinaDay(signed)}" : null;
        word.Row().Cell("单位负责人签字", WordCell.Label).Cell(signature, span: 3);
        return word.ToTable();
    }

    private static Table SelfEvaluation(ReportDocumentInfo info, SelfEvaluationTable table, TableScore score, bool project)
    {
        var word = new WordTable(SelfEvaluationWidths);
        word.Row().Cell("单位名称", WordCell.Label).Cell(info.UnitName, span: 7);
        if (project)
        {
            word.Row().Cell("项目名称", WordCell.Label).Cell(table.ProjectName, span: 7);
            word.Row().Cell("主管部门", WordCell.Label).Cell(table.SupervisingDepartment, span: 3)
                .Cell("实施单位", WordCell.Label).Cell(table.ImplementingUnit, span: 3);
        }

        Headers(word.Row().Cell("年度资金（万元）", WordCell.Header, span: 2), FundsHeaders);
        word.Row().Cell("年度资金总额", WordCell.Label, span: 2)
            .Amount(table.Total.InitialBudget).Amount(table.Total.AdjustedBudget).Amount(table.Total.Executed)
            .Amount(score.BudgetExecutionWeight, WordCell.Computed).Cell(ReportText.Percent(score.ExecutionRatePercent), WordCell.Computed)
            .Amount(score.BudgetExecutionScore, WordCell.Computed);
        foreach (var split in table.Splits)
        {
            word.Row().Cell(split.Name, WordCell.Label, span: 8);
            foreach (var line in split.Lines)
            {
                word.Row().Cell(line.Name, WordCell.LabelIndent1, span: 2)
                    .Amount(line.InitialBudget).Amount(line.AdjustedBudget).Amount(line.Executed)
                    .Cell(null, WordCell.ComputedText, span: 3);
            }
        }

        word.Row().Cell("年度总体目标", WordCell.Header, span: 2, down: 1)
            .Cell("预期目标", WordCell.Header, span: 3).Cell("实际完成情况", WordCell.Header, span: 3);
        word.Row().Cell(table.Goals.Expected, span: 3).Cell(table.Goals.Achieved, span: 3);

        Headers(word.Row(), IndicatorHeaders);
        var lines = table.Indicators;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            word.Row();
            if (i == 0 || lines[i - 1].Level1 != line.Level1)
            {
                word.Cell(line.Level1, WordCell.Label, down: lines.Skip(i).TakeWhile(l => l.Level1 == line.Level1).Count() - 1);
            }

            if (i == 0 || lines[i - 1].Level1 != line.Level1 || lines[i - 1].Level2 != line.Level2)
            {
                word.Cell(line.Level2, WordCell.Label,
                    down: lines.Skip(i).TakeWhile(l => l.Level1 == line.Level1 && l.Level2 == line.Level2).Count() - 1);
            }

            var claimed = line.Score ?? (i < score.Indicators.Count ? score.Indicators[i].SuggestedScore : null);
            word.Cell(line.Name).Cell(line.Target).Cell(line.Actual).Amount(line.Weight).Amount(claimed).Cell(line.DeviationExplanation);
        }

        word.Row().Cell("总分", WordCell.Header, span: 5)
            .Amount(score.BudgetExecutionWeight + score.Groups.Sum(g => g.Weight), WordCell.Computed)
            .Amount(score.Total, WordCell.Computed).Cell($"评价等级：{score.GradeLabel}", WordCell.ComputedText);
        return word.ToTable();
    }

    private static void Headers(WordTable row, IReadOnlyList<string> texts)
    {
        foreach (var text in texts)
        {
            row.Cell(text, WordCell.Header);
        }
    }

    private static int[] Scale(int[] widths) =>
        widths.Select(w => w * LandscapeWidth / widths.Sum()).ToArray();
}
