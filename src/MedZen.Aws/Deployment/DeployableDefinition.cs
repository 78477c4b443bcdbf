using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Errors;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Deployment;

/// <summary>
/// An ASL definition as text, before <c>DefinitionSubstitutions</c>: the placeholders it contains and the Task states it runs.
/// Knows nothing of which workflow it is; the template derives everything it needs from here. Placeholders are read by
/// <see cref="DefinitionLoader"/>, the same rule the local engine fills them by.
/// </summary>
public sealed class DeployableDefinition
{
    private DeployableDefinition(string text, JsonObject root)
    {
        Text = text;
        Placeholders = DefinitionLoader.PlaceholderNames(text);
        Tasks = TaskStates(root, "").ToArray();
    }

    /// <summary>The definition exactly as written.</summary>
    public string Text { get; }

    /// <summary>Every distinct <c>${Name}</c>, sorted.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Every Task state, nested Parallel branches and Map processors included.</summary>
    public IReadOnlyList<TaskStateReference> Tasks { get; }

    public static DeployableDefinition Parse(string text)
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

        return new DeployableDefinition(text, obj);
    }

    /// <summary>The SOAP-note definition as shipped (MedZen.Workflow's embedded <c>soap-note.asl.json</c>).</summary>
    public static DeployableDefinition LoadSoapNote() => Parse(DefinitionLoader.LoadTemplate());

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
}

/// <param name="StatePath">The state's name, prefixed by its enclosing Parallel/Map states.</param>
/// <param name="Resource">The Task's Resource ARN as written.</param>
/// <param name="Parameters">Parameters (JSONPath) or Arguments (JSONata), when present.</param>
public sealed record TaskStateReference(string StatePath, string Resource, JsonObject? Parameters);

/// <summary>The template cannot be built from this definition; the message says which state or placeholder.</summary>
public sealed class DeploymentTemplateException(string message) : NamedErrorException("DeploymentTemplateInvalid", message);
