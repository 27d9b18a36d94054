using Microsoft.AspNetCore.Components.Server.Circuits;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// The address a Blazor circuit's connection comes from, for the audit log of what its user does. A circuit has no request
/// of its own; its SignalR connection's request is current while the connection comes up (and again at each reconnection).
/// </summary>
public sealed class CircuitAddress
{
    public string? Value { get; private set; }

    internal sealed class Tracker(CircuitAddress address, IHttpContextAccessor http) : CircuitHandler
    {
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            address.Value = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? address.Value;
            return Task.CompletedTask;
        }
    }
}
