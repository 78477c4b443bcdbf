using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Scribe.Models;

namespace MedZen.Workflow.Diagnostics;

/// <summary>Times every model call and counts throttles on <see cref="WorkflowMetrics"/>; the call itself is unchanged.</summary>
public sealed class MeteredModelClient(IModelClient inner, WorkflowMetrics metrics, TimeProvider timeProvider) : IModelClient
{
    public string ModelId => inner.ModelId;

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var outcome = "success";
        try
        {
            return await inner.InvokeAsync(messagesRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelInvocationException error)
        {
            outcome = error.ErrorName;
            if (error.ErrorName is ModelErrorNames.Throttling or ModelErrorNames.ModelNotReady)
            {
                metrics.ModelThrottles.Add(1, new KeyValuePair<string, object?>("model.id", inner.ModelId));
            }

            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            outcome = error.GetType().Name;
            throw;
        }
        finally
        {
            var tags = new TagList { { "model.id", inner.ModelId }, { "outcome", outcome } };
            metrics.ModelLatency.Record(timeProvider.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }
}
