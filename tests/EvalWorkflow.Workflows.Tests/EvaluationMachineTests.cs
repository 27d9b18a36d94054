using System.Text.RegularExpressions;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using static EvalWorkflow.Workflows.Definitions.Stages;
using static EvalWorkflow.Workflows.Identity.Roles;

namespace EvalWorkflow.Workflows.Tests;

public sealed partial class EvaluationMachineTests
{
    private const string Default = BuiltInDefinitions.DefaultKey;
    private const string Department = BuiltInDefinitions.WithDepartmentReviewKey;

    /// <summary>Written out by hand, not derived from the definitions, so a wrong definition fails here.</summary>
    private static readonly HashSet<(string Definition, string Stage, WorkflowAct Act, string Role)> Expected =
    [
        (Default, Drafting, WorkflowAct.Submit, Filer),
        (Default, AwaitingSignature, WorkflowAct.Withdraw, Filer),
        (Default, AwaitingSignature, WorkflowAct.Sign, UnitHead),
        (Default, AwaitingSignature, WorkflowAct.Return, UnitHead),
        (Default, FinanceReview, WorkflowAct.Claim, FinanceReviewer),
        (Default, FinanceReview, WorkflowAct.Release, FinanceReviewer),
        (Default, FinanceReview, WorkflowAct.Approve, FinanceReviewer),
        (Default, FinanceReview, WorkflowAct.Return, FinanceReviewer),
        (Default, Approved, WorkflowAct.Publish, FinanceAdmin),

        (Department, Drafting, WorkflowAct.Submit, Filer),
        (Department, AwaitingSignature, WorkflowAct.Withdraw, Filer),
        (Department, AwaitingSignature, WorkflowAct.Sign, UnitHead),
        (Department, AwaitingSignature, WorkflowAct.Return, UnitHead),
        (Department, DepartmentReview, WorkflowAct.Approve, DepartmentReviewer),
        (Department, DepartmentReview, WorkflowAct.Return, DepartmentReviewer),
        (Department, FinanceReview, WorkflowAct.Claim, FinanceReviewer),
        (Department, FinanceReview, WorkflowAct.Release, FinanceReviewer),
        (Department, FinanceReview, WorkflowAct.Approve, FinanceReviewer),
        (Department, FinanceReview, WorkflowAct.Return, FinanceReviewer),
        (Department, Approved, WorkflowAct.Publish, FinanceAdmin),
    ];

    private static readonly EvaluationScope Scope = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    public static TheoryData<string, string, WorkflowAct, string> EveryCase()
    {
        var data = new TheoryData<string, string, WorkflowAct, string>();
        foreach (var key in new[] { Default, Department })
        {
            foreach (var stage in Definition(key).Stages)
            {
                foreach (var act in Enum.GetValues<WorkflowAct>())
                {
                    foreach (var role in Roles.All)
                    {
                        data.Add(key, stage.Code, act, role);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Act_is_allowed_exactly_when_the_table_says_so(string definition, string stage, WorkflowAct act, string role)
    {
        var actor = ActorFor(role);
        var claim = stage == FinanceReview && act != WorkflowAct.Claim ? ClaimOf(actor) : null;

        var check = Machine(definition, stage, actor, claim).Check(act);

        if (Expected.Contains((definition, stage, act, role)))
        {
            Assert.True(check.Allowed, check.Reason);
        }
        else
        {
            Assert.False(check.Allowed);
            Assert.False(string.IsNullOrWhiteSpace(check.Reason));
            Assert.Matches(Chinese(), check.Reason);
        }
    }

    [Fact]
    public void Every_expected_case_appears_in_the_matrix()
    {
        var cases = EveryCase().Select(row => ((string)row[0], (string)row[1], (WorkflowAct)row[2], (string)row[3])).ToHashSet();

        Assert.Subset(cases, Expected);
    }

    [Theory]
    [InlineData(Default, Drafting, WorkflowAct.Submit, Filer, AwaitingSignature)]
    [InlineData(Default, AwaitingSignature, WorkflowAct.Withdraw, Filer, Drafting)]
    [InlineData(Default, AwaitingSignature, WorkflowAct.Sign, UnitHead, FinanceReview)]
    [InlineData(Department, AwaitingSignature, WorkflowAct.Sign, UnitHead, DepartmentReview)]
    [InlineData(Default, AwaitingSignature, WorkflowAct.Return, UnitHead, Drafting)]
    [InlineData(Department, DepartmentReview, WorkflowAct.Approve, DepartmentReviewer, FinanceReview)]
    [InlineData(Department, DepartmentReview, WorkflowAct.Return, DepartmentReviewer, Drafting)]
    [InlineData(Default, FinanceReview, WorkflowAct.Claim, FinanceReviewer, FinanceReview)]
    [InlineData(Default, FinanceReview, WorkflowAct.Release, FinanceReviewer, FinanceReview)]
    [InlineData(Default, FinanceReview, WorkflowAct.Approve, FinanceReviewer, Approved)]
    [InlineData(Department, FinanceReview, WorkflowAct.Return, FinanceReviewer, Drafting)]
    [InlineData(Default, Approved, WorkflowAct.Publish, FinanceAdmin, Published)]
    public void Fire_moves_to_the_next_stage(string definition, string stage, WorkflowAct act, string role, string next)
    {
        var actor = ActorFor(role);
        var claim = stage == FinanceReview && act != WorkflowAct.Claim ? ClaimOf(actor) : null;
        var machine = Machine(definition, stage, actor, claim);

        Assert.Equal(next, machine.Fire(act));
        Assert.Equal(next, machine.Stage);
    }

    [Fact]
    public void Fire_throws_with_the_reason_when_refused()
    {
        var machine = Machine(Default, Drafting, ActorFor(UnitHead), null);

        var error = Assert.Throws<InvalidOperationException>(() => machine.Fire(WorkflowAct.Submit));
        Assert.Equal(machine.Check(WorkflowAct.Submit).Reason, error.Message);
    }

    [Fact]
    public void Approve_is_refused_while_awaiting_signature()
    {
        var check = Machine(Default, AwaitingSignature, ActorFor(FinanceReviewer), null).Check(WorkflowAct.Approve);

        Assert.False(check.Allowed);
        Assert.Contains("需要先由单位负责人签字", check.Reason);
    }

    [Fact]
    public void Claim_is_refused_when_someone_else_holds_the_claim()
    {
        var check = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), new Claim("other", "王会计")).Check(WorkflowAct.Claim);

        Assert.False(check.Allowed);
        Assert.Contains("王会计", check.Reason);
        Assert.Contains("认领", check.Reason);
    }

    [Fact]
    public void Approve_is_refused_when_nobody_has_claimed()
    {
        var check = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), null).Check(WorkflowAct.Approve);

        Assert.False(check.Allowed);
        Assert.Contains("请先认领", check.Reason);
    }

    [Fact]
    public void Approve_is_refused_when_someone_else_holds_the_claim()
    {
        var check = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), new Claim("other", "王会计")).Check(WorkflowAct.Approve);

        Assert.False(check.Allowed);
        Assert.Contains("王会计", check.Reason);
    }

    [Fact]
    public void Release_is_refused_when_someone_else_holds_the_claim()
    {
        var check = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), new Claim("other", "王会计")).Check(WorkflowAct.Release);

        Assert.False(check.Allowed);
        Assert.Contains("王会计", check.Reason);
    }

    [Fact]
    public void Release_is_refused_when_nobody_has_claimed()
    {
        var check = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), null).Check(WorkflowAct.Release);

        Assert.False(check.Allowed);
        Assert.Contains("尚未被认领", check.Reason);
    }

    [Fact]
    public void Submit_is_refused_for_a_filer_of_another_unit()
    {
        var stranger = new Actor("stranger", "外单位填表人", new HashSet<string> { Filer }, Guid.NewGuid(), null);

        var check = Machine(Default, Drafting, stranger, null).Check(WorkflowAct.Submit);

        Assert.False(check.Allowed);
        Assert.Contains("填表人", check.Reason);
    }

    [Fact]
    public void Claim_is_refused_for_a_reviewer_of_another_finance_bureau()
    {
        var stranger = new Actor("stranger", "外地审核人", new HashSet<string> { FinanceReviewer }, null, Guid.NewGuid());

        var check = Machine(Default, FinanceReview, stranger, null).Check(WorkflowAct.Claim);

        Assert.False(check.Allowed);
        Assert.Contains("财政审核人", check.Reason);
    }

    [Fact]
    public void Approve_in_department_review_is_refused_without_a_parent_unit()
    {
        var scope = Scope with { ParentUnitId = null };
        var reviewer = new Actor("dept", "主管部门", new HashSet<string> { DepartmentReviewer }, null, null);

        var check = new EvaluationMachine(Definition(Department), DepartmentReview, scope, null, reviewer).Check(WorkflowAct.Approve);

        Assert.False(check.Allowed);
    }

    [Fact]
    public void Sign_and_withdraw_are_both_allowed_for_someone_who_is_filer_and_unit_head()
    {
        var both = new Actor("both", "兼任", new HashSet<string> { Filer, UnitHead }, Scope.UnitId, null);
        var machine = Machine(Default, AwaitingSignature, both, null);

        Assert.True(machine.Check(WorkflowAct.Sign).Allowed);
        Assert.True(machine.Check(WorkflowAct.Withdraw).Allowed);
        Assert.True(machine.Check(WorkflowAct.Return).Allowed);
    }

    [Fact]
    public void PermittedActs_is_only_claim_for_a_reviewer_on_an_unclaimed_evaluation()
    {
        var acts = Machine(Default, FinanceReview, ActorFor(FinanceReviewer), null).PermittedActs();

        Assert.Equal([WorkflowAct.Claim], acts);
    }

    [Fact]
    public void PermittedActs_for_the_claim_holder_are_release_approve_and_return()
    {
        var reviewer = ActorFor(FinanceReviewer);

        var acts = Machine(Default, FinanceReview, reviewer, ClaimOf(reviewer)).PermittedActs();

        Assert.Equal([WorkflowAct.Return, WorkflowAct.Release, WorkflowAct.Approve], acts);
    }

    private static WorkflowDefinitionBody Definition(string key) => key switch
    {
        Default => BuiltInDefinitions.Default().Body,
        Department => BuiltInDefinitions.WithDepartmentReview().Body,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static EvaluationMachine Machine(string definition, string stage, Actor actor, Claim? claim) =>
        new(Definition(definition), stage, Scope, claim, actor);

    /// <summary>Someone holding exactly <paramref name="role"/>, in the organisation that role answers to for <see cref="Scope"/>.</summary>
    private static Actor ActorFor(string role)
    {
        var roles = new HashSet<string> { role };
        return role switch
        {
            Filer or UnitHead => new Actor(role, role, roles, Scope.UnitId, null),
            DepartmentReviewer => new Actor(role, role, roles, Scope.ParentUnitId, null),
            _ => new Actor(role, role, roles, null, Scope.FinanceBureauId),
        };
    }

    private static Claim ClaimOf(Actor actor) => new(actor.UserId, actor.DisplayName);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
