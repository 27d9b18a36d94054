using EvalWorkflow.Workflows.Identity;
using Stateless;

namespace EvalWorkflow.Workflows.Definitions;

/// <summary>The answer to "may this person do this now?": allowed, or refused with a reason in Chinese.</summary>
public sealed record ActCheck(bool Allowed, string? Reason)
{
    public static readonly ActCheck Yes = new(true, null);

    public static ActCheck No(string reason) => new(false, reason);
}

/// <summary>Who holds the claim on an evaluation in a shared-queue stage.</summary>
public sealed record Claim(string UserId, string UserName);

/// <summary>
/// A Stateless machine built from a <see cref="WorkflowDefinitionBody"/> for one evaluation and one actor.
/// Guards carry their refusal reasons so <see cref="Check"/> can tell the user why.
/// </summary>
public sealed class EvaluationMachine
{
    private readonly WorkflowDefinitionBody definition;
    private readonly StateMachine<string, WorkflowAct> machine;

    public EvaluationMachine(WorkflowDefinitionBody definition, string stage, EvaluationScope scope, Claim? claim, Actor actor)
    {
        this.definition = definition;
        machine = new StateMachine<string, WorkflowAct>(stage);

        foreach (var group in definition.Transitions.GroupBy(t => (t.From, t.Act)))
        {
            var targets = group.Select(t => t.To).Distinct().ToList();
            if (targets.Count != 1)
            {
                throw new InvalidOperationException($"Act {group.Key.Act} from {group.Key.From} leads to several stages.");
            }

            var from = definition.Stage(group.Key.From);
            var act = group.Key.Act;
            var roles = group.Select(t => t.Role).Distinct().ToList();
            var guards = new List<Tuple<Func<bool>, string>>
            {
                Guard(() => roles.Any(role => actor.MayActAs(role, scope)),
                    $"只有{string.Join("或", roles.Select(Roles.Label))}可以{WorkflowActs.Label(act)}"),
            };
            if (from.SharedQueue)
            {
                guards.Add(ClaimGuard(act, claim, actor));
            }

            var configuration = machine.Configure(from.Code);
            if (targets[0] == from.Code)
            {
                configuration.PermitReentryIf(act, [.. guards]);
            }
            else
            {
                configuration.PermitIf(act, targets[0], [.. guards]);
            }
        }
    }

    public string Stage => machine.State;

    public ActCheck Check(WorkflowAct act)
    {
        if (machine.CanFire(act, out var unmetGuards))
        {
            return ActCheck.Yes;
        }

        if (unmetGuards is { Count: > 0 })
        {
            return ActCheck.No(unmetGuards.First());
        }

        var stage = definition.Stage(machine.State);
        return ActCheck.No($"{stage.WaitingMessage}（当前阶段「{stage.Name}」不能{WorkflowActs.Label(act)}）");
    }

    public IReadOnlyList<WorkflowAct> PermittedActs() =>
        Enum.GetValues<WorkflowAct>().Where(act => Check(act).Allowed).ToList();

    /// <summary>Fires <paramref name="act"/> and returns the stage it led to.</summary>
    public string Fire(WorkflowAct act)
    {
        var check = Check(act);
        if (!check.Allowed)
        {
            throw new InvalidOperationException(check.Reason);
        }

        machine.Fire(act);
        return machine.State;
    }

    private static Tuple<Func<bool>, string> ClaimGuard(WorkflowAct act, Claim? claim, Actor actor) => act switch
    {
        WorkflowAct.Claim => Guard(() => claim is null,
            claim?.UserId == actor.UserId ? "您已认领该评价" : $"该评价已由{claim?.UserName}认领"),
        WorkflowAct.Release => Guard(() => claim?.UserId == actor.UserId,
            claim is null ? "该评价尚未被认领" : $"该评价已由{claim.UserName}认领，只有认领人可以释放"),
        _ => Guard(() => claim?.UserId == actor.UserId,
            claim is null ? "请先认领该评价再处理" : $"该评价已由{claim.UserName}认领"),
    };

    private static Tuple<Func<bool>, string> Guard(Func<bool> condition, string reason) => Tuple.Create(condition, reason);
}
