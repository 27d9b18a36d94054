using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Api;

public sealed record EmailPreferencesRequest(string? Email, EmailMode? Mode);

/// <param name="DeliveryEnabled">Whether this installation sends e-mail at all (an SMTP server is configured).</param>
public sealed record EmailPreferencesResponse(string? Email, EmailMode Mode, bool DeliveryEnabled);

/// <summary>The signed-in person's own settings.</summary>
public static class PreferencesEndpoints
{
    public static void MapPreferencesEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").RequireAuthorization().WithTags("Me")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/email-preferences", async (
            CurrentUser user, GetEmailPreferences query, IOptions<EmailOptions> email, CancellationToken ct) =>
        {
            var preferences = await query.HandleAsync(user.Actor, ct);
            return TypedResults.Ok(new EmailPreferencesResponse(preferences.Email, preferences.Mode, email.Value.Enabled));
        });

        api.MapPut("/email-preferences", async Task<Results<Ok<EmailPreferencesResponse>, ProblemHttpResult>> (
            EmailPreferencesRequest request, CurrentUser user, UpdateEmailPreferences update,
            IOptions<EmailOptions> email, CancellationToken ct) =>
        {
            if (request.Mode is not { } mode)
            {
                return TypedResults.Problem("请选择邮件提醒方式", statusCode: StatusCodes.Status400BadRequest, title: "输入有误");
            }

            var actor = user.Actor;
            var saved = await update.HandleAsync(actor, new EmailPreferences(request.Email, mode), ct);
            return TypedResults.Ok(new EmailPreferencesResponse(saved.Email, saved.Mode, email.Value.Enabled));
        });
    }
}
