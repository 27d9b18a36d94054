namespace EvalWorkflow.Notifications;

/// <summary>The RabbitMQ broker for several machines; without a host, MassTransit runs in memory in each instance.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "";
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
