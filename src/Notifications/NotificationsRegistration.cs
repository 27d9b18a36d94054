using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Notifications.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// MassTransit (in-memory transport), the outbox dispatcher, the in-app consumers and, when <c>Email:Enabled</c>, the
    /// e-mail dispatcher.
    /// </summary>
    public static IServiceCollection AddEvalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        var email = configuration.GetSection(EmailOptions.Section);
        services.AddOptions<EmailOptions>().Bind(email)
            .Validate(o => !o.Enabled || o.SmtpHost.Length > 0, "Email:Enabled needs Email:SmtpHost.")
            .Validate(o => !o.Enabled || o.From.Length > 0, "Email:Enabled needs Email:From.")
            .Validate(o => o.DigestHour is >= 0 and <= 23, "Email:DigestHour is an hour, 0 to 23.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Email:PollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<NotificationFeed>();
        services.AddScoped<NotificationWriter>();
        services.AddScoped<Recipients>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<NodeNotifications>(); // PostgreSQL: live counts on pages of the other nodes
        if (email.GetValue<bool>(nameof(EmailOptions.Enabled)))
        {
            services.AddSingleton<SmtpMailer>();
            services.AddHostedService<EmailDispatcher>();
        }

        services.AddMassTransit(bus =>
        {
            // A government intranet system makes no outbound call it was not configured to make.
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            bus.AddConsumer<EvaluationActedConsumer>(c => c.UseMessageRetry(r => r.Intervals(100, 500, 2000)));
            bus.AddConsumer<ReminderIssuedConsumer>(c => c.UseMessageRetry(r => r.Intervals(100, 500, 2000)));
            var rabbit = configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>();
            if (rabbit is { Host.Length: > 0 })
            {
                // Several machines: one broker; each consumer's queue is shared by the instances (competing consumers).
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, rabbit.VirtualHost, host =>
                    {
                        host.Username(rabbit.Username);
                        host.Password(rabbit.Password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }
}
