using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Tests;

public sealed class ReviewTests : AppTest
{
    [Fact]
    public async Task A_return_pins_comments_to_lines_and_the_resubmission_shows_what_changed_cell_by_cell_and_in_the_text()
    {
        var id = await SignedEvaluationAsync();
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");

        var badPin = await Api.ActAsync(reviewer, id, "Return", await Api.VersionAsync(reviewer, id), "请修改",
            pins: [new ReviewPin(new("overall", "indicator:99"), "", "不存在的行")]);
        Assert.Equal(HttpStatusCode.BadRequest, badPin.StatusCode);

        var returned = await Api.ActAsync(reviewer, id, "Return", await Api.VersionAsync(reviewer, id), "请核实签约人数",
            pins: [new ReviewPin(new("overall", "indicator:1"), "客户端写的标签不被采信", "签约人数与统计年报不符"),
                   new ReviewPin(new(ContentCells.ReportPart, "1"), "", "机构设置不完整")]);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        var filer = await App.ClientForAsync("filer1");
        var view = await Api.ContentAsync(filer, id);
        var pins = view["returnPins"]!.AsArray();
        Assert.Equal(2, pins.Count);
        Assert.Equal("附件2 第2行「家庭医生签约人数」", (string?)pins[0]!["label"]);
        Assert.Equal("报告 一、基本情况（职能职责、机构设置）", (string?)pins[1]!["label"]);
        var history = (await Api.EvaluationAsync(filer, id))["history"]!.AsArray();
        Assert.Contains(history, h => h!["pins"]!.AsArray().Any(p => (string?)p!["text"] == "签约人数与统计年报不符"));

        var content = view["content"].Deserialize<EvaluationContent>(Api.Json)!;
        var indicators = content.Overall.Indicators.Select((l, i) => i == 1 ? l with { Actual = "225万人", DeviationExplanation = "按统计年报更正" } : l).ToList();
        var saved = await filer.PutAsJsonAsync($"/api/evaluations/{id}/content",
            new SaveContentRequest((int)view["contentVersion"]!, content with { Overall = content.Overall with { Indicators = indicators } }), Api.Json);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await Api.SaveSectionAsync(filer, id, "1", content.Sections[0].Markdown + "\n\n（三）二级机构 5 个。");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(await App.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");

        var changes = (await Api.ContentAsync(reviewer, id))["changes"]!;
        var cells = changes["cells"]!.AsArray();
        var actual = Assert.Single(cells, c => (string?)c!["at"]!["column"] == "Actual");
        Assert.Equal("附件2 第2行「家庭医生签约人数」 实际完成值", (string?)actual!["label"]);
        Assert.Equal("227万人", (string?)actual["before"]);
        Assert.Equal("225万人", (string?)actual["after"]);
        Assert.Contains(cells, c => (string?)c!["at"]!["column"] == "DeviationExplanation" && (string?)c["after"] == "按统计年报更正");
        var section = Assert.Single(changes["sections"]!.AsArray());
        Assert.Contains(section!["lines"]!.AsArray(), l => (string?)l!["kind"] == "Added" && (string?)l["text"] == "（三）二级机构 5 个。");
    }
}
