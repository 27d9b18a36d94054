using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Notifications.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Notifications;

public static class NotificationsRegistration
{
    /// <summary>MassTransit (in-memory transport), the outbox dispatcher and the in-app consumers.</summary>
    public static IServiceCollection AddEvalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<NotificationFeed>();
        services.AddScoped<NotificationWriter>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<EvaluationActedConsumer>(c => c.UseMessageRetry(r => r.Intervals(100, 500, 2000)));
            bus.AddConsumer<ReminderIssuedConsumer>(c => c.UseMessageRetry(r => r.Intervals(100, 500, 2000)));
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return services;
    }
}
