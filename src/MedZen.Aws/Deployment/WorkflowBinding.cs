using MedZen.Aws.Deployment.CloudFormation;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Deployment;

/// <summary>One IAM permission a Task needs: an action on one resource, and the states that need it.</summary>
public sealed record RequiredPermission(string Action, CfnValue Resource, IReadOnlyList<string> States)
{
    public string Service => Action[..Action.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The resource as canonical JSON text, so equal intrinsics compare equal.</summary>
    public string ResourceKey => Resource.ToJson();
}

/// <summary>
/// A definition bound to the stack: the value of each placeholder (its DefinitionSubstitutions entry) and every
/// permission its Task states need, each on exactly the resource the substituted definition names.
/// </summary>
public sealed class WorkflowBinding
{
    private WorkflowBinding(IReadOnlyDictionary<string, DeploymentValue> values, IReadOnlyList<RequiredPermission> permissions)
    {
        Values = values;
        Permissions = permissions;
    }

    /// <summary>Placeholder name → stack value, ordinal order.</summary>
    public IReadOnlyDictionary<string, DeploymentValue> Values { get; }

    public IReadOnlyList<RequiredPermission> Permissions { get; }

    /// <summary>Placeholder name → its value in the stack, ordinal order.</summary>
    public IReadOnlyDictionary<string, CfnValue> DefinitionSubstitutions() =>
        new SortedDictionary<string, CfnValue>(Values.ToDictionary(v => v.Key, v => v.Value.Substitution, StringComparer.Ordinal), StringComparer.Ordinal);

    public static WorkflowBinding Bind(DeployableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var targets = definition.Tasks.Select(task =>
        {
            var integration = ServiceIntegrations.For(task);
            return (Task: task, Integration: integration, Target: ServiceIntegrations.TargetOf(task, integration));
        }).ToArray();

        var usage = new Dictionary<string, DeployedResourceKind>(StringComparer.Ordinal);
        foreach (var (task, integration, target) in targets)
        {
            foreach (var placeholder in PlaceholdersIn(target))
            {
                if (usage.TryGetValue(placeholder, out var seen) && seen != integration.TargetKind)
                {
                    throw new DeploymentTemplateException(
                        $"Placeholder ${{{placeholder}}} is used as a {seen} and, in state '{task.StatePath}', as a {integration.TargetKind}.");
                }

                usage[placeholder] = integration.TargetKind;
            }
        }

        var values = new SortedDictionary<string, DeploymentValue>(StringComparer.Ordinal);
        foreach (var placeholder in definition.Placeholders)
        {
            values[placeholder] = PlaceholderResolver.Resolve(placeholder, usage.TryGetValue(placeholder, out var kind) ? kind : null);
        }

        var permissions = targets
            .Select(t => (t.Task.StatePath, t.Integration.IamAction, Resource: IamResourceOf(t.Task, t.Integration, t.Target, values)))
            .GroupBy(p => (p.IamAction, Key: p.Resource.ToJson()))
            .Select(g => new RequiredPermission(g.Key.IamAction, g.First().Resource, g.Select(p => p.StatePath).ToArray()))
            .OrderBy(p => p.Action, StringComparer.Ordinal).ThenBy(p => p.ResourceKey, StringComparer.Ordinal)
            .ToArray();
        return new WorkflowBinding(values, permissions);
    }

    private static IEnumerable<string> PlaceholdersIn(string text) =>
        DefinitionLoader.PlaceholderNames(text);

    private static CfnValue IamResourceOf(
        TaskStateReference task, ServiceIntegration integration, string target, IReadOnlyDictionary<string, DeploymentValue> values)
    {
        var placeholders = PlaceholdersIn(target).ToArray();
        if (placeholders.Length == 1 && target == $"${{{placeholders[0]}}}")
        {
            return values[placeholders[0]].IamResource
                ?? throw new DeploymentTemplateException($"State '{task.StatePath}' targets ${{{placeholders[0]}}}, which is not a resource.");
        }

        if (placeholders.Length > 0)
        {
            throw new DeploymentTemplateException(
                $"State '{task.StatePath}' builds its {integration.TargetParameter} from text and placeholders; use one placeholder for the whole value.");
        }

        // A literal target: grant exactly it.
        return integration.TargetKind switch
        {
            DeployedResourceKind.Function or DeployedResourceKind.Topic when target.StartsWith("arn:", StringComparison.Ordinal) => target,
            DeployedResourceKind.Table when !target.StartsWith("arn:", StringComparison.Ordinal) =>
                Cfn.Sub($"arn:${{AWS::Partition}}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/{target}"),
            DeployedResourceKind.Table => target,
            DeployedResourceKind.Model when !target.StartsWith("arn:", StringComparison.Ordinal) =>
                Cfn.Sub($"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/{target}"),
            DeployedResourceKind.Model => target,
            _ => throw new DeploymentTemplateException(
                $"State '{task.StatePath}' names its {integration.TargetParameter} literally in a form the template cannot turn into an ARN; use a placeholder."),
        };
    }
}
