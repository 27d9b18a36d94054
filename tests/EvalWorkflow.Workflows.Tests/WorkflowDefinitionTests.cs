using System.Text.Json;
using System.Text.Json.Serialization;
using EvalWorkflow.Workflows.Definitions;
using static EvalWorkflow.Workflows.Definitions.Stages;

namespace EvalWorkflow.Workflows.Tests;

public sealed class WorkflowDefinitionTests
{
    [Fact]
    public void Default_definition_has_its_stages_in_order()
    {
        var definition = BuiltInDefinitions.Default();

        Assert.Equal([Drafting, AwaitingSignature, FinanceReview, Approved, Published], Codes(definition.Body));
        Assert.Equal(Drafting, definition.Body.InitialStage);
    }

    [Fact]
    public void Department_definition_adds_department_review_after_signature()
    {
        var definition = BuiltInDefinitions.WithDepartmentReview();

        Assert.Equal([Drafting, AwaitingSignature, DepartmentReview, FinanceReview, Approved, Published], Codes(definition.Body));
        Assert.Equal(Drafting, definition.Body.InitialStage);
    }

    [Fact]
    public void BodyJson_names_every_stage()
    {
        foreach (var definition in BuiltInDefinitions.All())
        {
            foreach (var code in Codes(definition.Body))
            {
                Assert.Contains($"\"{code}\"", definition.BodyJson);
            }
        }
    }

    [Fact]
    public void BodyJson_reads_back_as_the_same_body()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };

        foreach (var definition in BuiltInDefinitions.All())
        {
            var read = JsonSerializer.Deserialize<WorkflowDefinitionBody>(definition.BodyJson, options)!;

            Assert.Equal(definition.Body.InitialStage, read.InitialStage);
            Assert.Equal(definition.Body.Stages, read.Stages);
            Assert.Equal(definition.Body.Transitions, read.Transitions);
        }
    }

    [Theory]
    [InlineData(BuiltInDefinitions.DefaultKey, AwaitingSignature, 3)]
    [InlineData(BuiltInDefinitions.DefaultKey, FinanceReview, 10)]
    [InlineData(BuiltInDefinitions.WithDepartmentReviewKey, AwaitingSignature, 3)]
    [InlineData(BuiltInDefinitions.WithDepartmentReviewKey, DepartmentReview, 5)]
    [InlineData(BuiltInDefinitions.WithDepartmentReviewKey, FinanceReview, 10)]
    public void Stage_has_its_time_limit(string key, string stage, int workingDays)
    {
        var definition = BuiltInDefinitions.All().Single(d => d.Key == key);

        Assert.Equal(workingDays, definition.Body.Stage(stage).TimeLimitWorkingDays);
    }

    [Fact]
    public void Only_finance_review_is_a_shared_queue()
    {
        foreach (var definition in BuiltInDefinitions.All())
        {
            Assert.Equal([FinanceReview], definition.Body.Stages.Where(s => s.SharedQueue).Select(s => s.Code));
        }
    }

    [Fact]
    public void Stage_throws_for_an_unknown_code()
    {
        var body = BuiltInDefinitions.Default().Body;

        Assert.False(body.HasStage(DepartmentReview));
        Assert.Throws<InvalidOperationException>(() => body.Stage(DepartmentReview));
    }

    private static string[] Codes(WorkflowDefinitionBody body) => [.. body.Stages.Select(s => s.Code)];
}
