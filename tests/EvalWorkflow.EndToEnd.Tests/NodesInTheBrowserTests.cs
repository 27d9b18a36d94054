using EvalWorkflow.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>Two app nodes on one PostgreSQL database (issue 12): a page open on one node follows what happens on the other.</summary>
[Trait("Category", "SeveralMachines")]
public sealed class NodesInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_unread_count_on_a_page_of_node_A_goes_up_when_the_act_goes_through_node_B()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var homes = new[] { Directory.CreateTempSubdirectory("evalworkflow-node-").FullName, Directory.CreateTempSubdirectory("evalworkflow-node-").FullName };
        var nodes = await Task.WhenAll(homes.Select(home => AppProcess.StartAsync("", database.NodeSettings(home))));
        try
        {
            // head1 has node A's inbox open; filer1 submits through node B.
            var head = await fixture.SignInAsync("head1", nodes[0].BaseAddress.ToString().TrimEnd('/'));
            var before = int.Parse(await head.GetByTestId("unread-count").TextContentAsync() ?? "0");
            var filer = await nodes[1].ClientForAsync("filer1");
            var id = await Api.OverallEvaluationIdAsync(filer);
            await Api.CompleteContentAsync(filer, id);
            await Api.ActOkAsync(filer, id, "Submit");

            // Without a reload: node B's consumer wrote the notification and told node A, which pushed it to the page.
            await Expect(head.GetByTestId("unread-count")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            foreach (var home in homes)
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
