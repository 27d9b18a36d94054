using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>
/// Issue 11's attack, in a real browser: a page on another port of the same host (the same site for the browser, so the
/// victim's cookie goes with its requests) tries to open the Blazor circuit as the signed-in victim.
/// </summary>
public sealed class CrossOriginInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // What SignalR's client does to open a circuit without negotiating: the WebSocket, then the hub handshake. Resolves with
    // the server's answer to the handshake, or with how the socket was refused.
    private const string OpenCircuit = """
        target => new Promise(resolve => {
            const socket = new WebSocket(target);
            socket.onopen = () => socket.send('{"protocol":"blazorpack","version":1}\u001e');
            socket.onmessage = async e => { resolve('handshake ' + (typeof e.data === 'string' ? e.data : await e.data.text())); socket.close(); };
            socket.onerror = () => resolve('refused');
            socket.onclose = e => resolve('closed ' + e.code);
        })
        """;

    [Fact]
    public async Task A_page_on_another_port_cannot_open_the_signed_in_users_circuit()
    {
        await using var attacker = await StartAttackerSiteAsync();
        var circuit = fixture.BaseUrl.Replace("http://", "ws://") + "/_blazor";

        var victim = await fixture.SignInAsync("filer1");
        // From the app's own page the same script reaches the hub and is answered: the script is the real thing.
        Assert.Equal("handshake {}\u001e", await victim.EvaluateAsync<string>(OpenCircuit, circuit));

        var foreign = await victim.Context.NewPageAsync();
        await foreign.GotoAsync(attacker.Urls.Single());
        Assert.StartsWith("http://127.0.0.1:", foreign.Url);
        Assert.NotEqual(new Uri(fixture.BaseUrl).Port, new Uri(foreign.Url).Port);
        Assert.Equal("refused", await foreign.EvaluateAsync<string>(OpenCircuit, circuit));
    }

    /// <summary>A site of its own on a free port of 127.0.0.1, as a sibling service on the same host would be.</summary>
    private static async Task<WebApplication> StartAttackerSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => Results.Content("<!DOCTYPE html><html><body><h1>抽奖活动</h1></body></html>", "text/html; charset=utf-8"));
        await site.StartAsync();
        return site;
    }
}
