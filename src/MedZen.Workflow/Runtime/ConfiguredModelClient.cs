using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Writing;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// The model <see cref="ModelOptions"/> names, built on first use (Bedrock may need the AWS credential chain, which is
/// asynchronous). The offline writer is the default.
/// </summary>
public sealed class ConfiguredModelClient : IModelClient
{
    private readonly Lazy<Task<IModelClient>> _client;

    /// <exception cref="ModelConfigurationException">The options are unusable; the message names each bad setting.</exception>
    public ConfiguredModelClient(ModelOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ModelConfigurationException(string.Join(" ", problems));
        }

        ModelId = options.EffectiveModelId ?? OfflineNoteWriter.DefaultModelId;
        _client = new(() => ModelClientFactory.CreateAsync(options, () => new OfflineNoteWriter(), timeProvider));
    }

    public string ModelId { get; }

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        var model = await _client.Value.ConfigureAwait(false);
        return await model.InvokeAsync(messagesRequest, cancellationToken).ConfigureAwait(false);
    }
}
