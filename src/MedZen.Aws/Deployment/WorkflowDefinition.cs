using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Errors;

namespace MedZen.Aws.Deployment;

/// <summary>
/// An ASL definition as text, before <c>DefinitionSubstitutions</c>: the placeholders it contains and the Task states it runs.
/// Knows nothing of which workflow it is; the template derives everything it needs from here.
/// </summary>
public sealed partial class WorkflowDefinition
{
    public const string ResourceName = "soap-note.asl.json";

    private WorkflowDefinition(string text, JsonObject root)
    {
        Text = text;
        Placeholders = PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Tasks = TaskStates(root, "").ToArray();
    }

    /// <summary>The definition exactly as written.</summary>
    public string Text { get; }

    /// <summary>Every distinct <c>${Name}</c>, sorted.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Every Task state, nested Parallel branches and Map processors included.</summary>
    public IReadOnlyList<TaskStateReference> Tasks { get; }

    public static WorkflowDefinition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new DeploymentTemplateException($"The workflow definition is not valid JSON: {e.Message}");
        }

        if (root is not JsonObject { } obj || obj["States"] is not JsonObject)
        {
            throw new DeploymentTemplateException("The workflow definition has no States object.");
        }

        return new WorkflowDefinition(text, obj);
    }

    /// <summary>
    /// The SOAP-note definition: the <c>MedZen.Workflow</c> embedded resource when the assembly carries it,
    /// else <c>src/MedZen.Workflow/soap-note.asl.json</c> under <paramref name="repositoryRoot"/>.
    /// </summary>
    public static WorkflowDefinition LoadSoapNote(string? repositoryRoot = null)
    {
        var workflow = TryLoadWorkflowAssembly();
        using (var stream = workflow?.GetManifestResourceStream(ResourceName))
        {
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                return Parse(reader.ReadToEnd());
            }
        }

        var path = repositoryRoot is null ? null : Path.Combine(repositoryRoot, "src", "MedZen.Workflow", ResourceName);
        if (path is not null && File.Exists(path))
        {
            return Parse(File.ReadAllText(path));
        }

        throw new DeploymentTemplateException(
            $"No workflow definition: MedZen.Workflow has no embedded '{ResourceName}' and '{path ?? "(no repository root)"}' does not exist.");
    }

    private static Assembly? TryLoadWorkflowAssembly()
    {
        try
        {
            return Assembly.Load("MedZen.Workflow");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static IEnumerable<TaskStateReference> TaskStates(JsonObject machine, string prefix)
    {
        if (machine["States"] is not JsonObject states)
        {
            yield break;
        }

        foreach (var (name, node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            var path = prefix.Length == 0 ? name : $"{prefix}/{name}";
            switch (state["Type"]?.GetValue<string>())
            {
                case "Task":
                    yield return new TaskStateReference(
                        path,
                        state["Resource"]?.GetValue<string>() ?? "",
                        (state["Parameters"] ?? state["Arguments"]) as JsonObject);
                    break;
                case "Parallel" when state["Branches"] is JsonArray branches:
                    var index = 0;
                    foreach (var branch in branches.OfType<JsonObject>())
                    {
                        foreach (var nested in TaskStates(branch, $"{path}/branch{index++}"))
                        {
                            yield return nested;
                        }
                    }

                    break;
                case "Map" when (state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor:
                    foreach (var nested in TaskStates(processor, path))
                    {
                        yield return nested;
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    internal static partial Regex PlaceholderPattern();
}

/// <param name="StatePath">The state's name, prefixed by its enclosing Parallel/Map states.</param>
/// <param name="Resource">The Task's Resource ARN as written.</param>
/// <param name="Parameters">Parameters (JSONPath) or Arguments (JSONata), when present.</param>
public sealed record TaskStateReference(string StatePath, string Resource, JsonObject? Parameters);

/// <summary>The template cannot be built from this definition; the message says which state or placeholder.</summary>
public sealed class DeploymentTemplateException(string message) : NamedErrorException("DeploymentTemplateInvalid", message);
