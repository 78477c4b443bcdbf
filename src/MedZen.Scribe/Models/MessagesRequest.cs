using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Models;

/// <summary>One checked Anthropic Messages request (the Bedrock InvokeModel body).</summary>
/// <param name="Body">The request as given, never modified.</param>
/// <param name="MaxTokens">The request's <c>max_tokens</c>, or the configured default when it has none.</param>
/// <param name="AnthropicVersion">The request's <c>anthropic_version</c>, if any.</param>
internal sealed record MessagesRequest(
    JsonObject Body,
    IReadOnlyList<MessagesTurn> Turns,
    JsonNode? System,
    int MaxTokens,
    string? AnthropicVersion)
{
    /// <summary>Bedrock's only documented <c>anthropic_version</c>.</summary>
    public const string BedrockAnthropicVersion = "bedrock-2023-05-31";

    /// <summary>The body for the Anthropic SDK: every field but <c>anthropic_version</c>, with <c>model</c> and <c>max_tokens</c> set.</summary>
    public Dictionary<string, JsonElement> ToAnthropicBody(string modelId)
    {
        var body = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in Body)
        {
            if (name is "anthropic_version" or "model")
            {
                continue;
            }

            body[name] = JsonSerializer.SerializeToElement(value);
        }
        body["model"] = JsonSerializer.SerializeToElement(modelId);
        body["max_tokens"] = JsonSerializer.SerializeToElement(MaxTokens);
        return body;
    }
}

/// <summary>One message of the conversation: its role and its content (a string or an array of blocks).</summary>
internal sealed record MessagesTurn(string Role, JsonNode Content);

/// <summary>
/// Checks the shape of a Messages request before any network call, so a malformed request fails fast as
/// <see cref="ModelErrorNames.Validation"/>. Messages name the field by position and never quote a value (PHI).
/// </summary>
internal static class MessagesRequestReader
{
    public static MessagesRequest Read(JsonObject? request, int defaultMaxTokens)
    {
        if (request is null)
        {
            throw Invalid("The model request is null.");
        }

        if (request["messages"] is not JsonArray messages || messages.Count == 0)
        {
            throw Invalid("The model request's messages must be a non-empty array.");
        }

        var turns = new List<MessagesTurn>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                throw Invalid($"The model request's messages[{i}] must be an object.");
            }

            var role = StringOrNull(message["role"]);
            if (role is not ("user" or "assistant"))
            {
                throw Invalid($"The model request's messages[{i}].role must be 'user' or 'assistant'.");
            }

            var content = message["content"];
            CheckContent(content, $"messages[{i}].content");
            turns.Add(new MessagesTurn(role, content!));
        }

        var system = request["system"];
        if (system is not null)
        {
            CheckSystem(system);
        }

        var maxTokens = defaultMaxTokens;
        if (request["max_tokens"] is { } maxTokensNode)
        {
            if (maxTokensNode is not JsonValue value || !value.TryGetValue(out int parsed) || parsed <= 0)
            {
                throw Invalid("The model request's max_tokens must be a positive integer.");
            }

            maxTokens = parsed;
        }

        if (request["temperature"] is { } temperature
            && (temperature is not JsonValue t || !t.TryGetValue(out double degrees) || degrees is < 0 or > 2))
        {
            throw Invalid("The model request's temperature must be a number from 0 to 2.");
        }

        string? version = null;
        if (request["anthropic_version"] is { } versionNode)
        {
            version = StringOrNull(versionNode) ?? throw Invalid("The model request's anthropic_version must be a string.");
        }

        return new MessagesRequest(request, turns, system, maxTokens, version);
    }

    /// <summary>The text of a content node: a string, or the text blocks of an array joined by blank lines.</summary>
    /// <exception cref="ModelInvocationException">A block is not text (images, tool use): <paramref name="client"/> cannot translate it.</exception>
    public static string TextOf(JsonNode content, string path, string client)
    {
        if (StringOrNull(content) is { } text)
        {
            return text;
        }

        var parts = new List<string>();
        var blocks = content.AsArray();
        for (var j = 0; j < blocks.Count; j++)
        {
            var block = blocks[j]!.AsObject();
            if (StringOrNull(block["type"]) != "text")
            {
                throw Invalid($"The model request's {path}[{j}] is not a text block; the {client} client translates text only.");
            }

            parts.Add(StringOrNull(block["text"])!);
        }
        return string.Join("\n\n", parts);
    }

    private static void CheckContent(JsonNode? content, string path)
    {
        if (content is JsonValue && StringOrNull(content) is not null)
        {
            return;
        }

        if (content is not JsonArray blocks || blocks.Count == 0)
        {
            throw Invalid($"The model request's {path} must be a string or a non-empty array of content blocks.");
        }

        for (var j = 0; j < blocks.Count; j++)
        {
            if (blocks[j] is not JsonObject block || StringOrNull(block["type"]) is not { } type)
            {
                throw Invalid($"The model request's {path}[{j}] must be an object with a type.");
            }

            if (type == "text" && StringOrNull(block["text"]) is null)
            {
                throw Invalid($"The model request's {path}[{j}].text must be a string.");
            }
        }
    }

    private static void CheckSystem(JsonNode system)
    {
        if (system is JsonValue && StringOrNull(system) is not null)
        {
            return;
        }

        if (system is not JsonArray blocks)
        {
            throw Invalid("The model request's system must be a string or an array of text blocks.");
        }

        for (var j = 0; j < blocks.Count; j++)
        {
            if (blocks[j] is not JsonObject block || StringOrNull(block["type"]) != "text" || StringOrNull(block["text"]) is null)
            {
                throw Invalid($"The model request's system[{j}] must be a text block.");
            }
        }
    }

    private static string? StringOrNull(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static ModelInvocationException Invalid(string message) => new(ModelErrorNames.Validation, message);
}
