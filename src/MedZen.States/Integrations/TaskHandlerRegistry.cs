using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MedZen.States.Integrations;

/// <summary>
/// Maps Task state resources to handlers: an exact ARN, or a pattern where <c>*</c> matches any run of characters
/// (e.g. <c>arn:aws:lambda:*:*:function:*</c>). Exact registrations win over patterns; patterns match in registration order.
/// </summary>
public sealed class TaskHandlerRegistry
{
    private readonly ConcurrentDictionary<string, ITaskHandler> _exact = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, string Text, ITaskHandler Handler)> _patterns = [];
    private readonly Lock _gate = new();

    public TaskHandlerRegistry Register(string resourceArn, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        ArgumentNullException.ThrowIfNull(handler);
        _exact[resourceArn] = handler;
        return this;
    }

    public TaskHandlerRegistry RegisterPattern(string pattern, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        var regex = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
        lock (_gate) _patterns.Add((regex, pattern, handler));
        return this;
    }

    /// <summary>Registers a delegate as a handler.</summary>
    public TaskHandlerRegistry Register(string resourceArn, Func<TaskInvocation, CancellationToken, ValueTask<System.Text.Json.Nodes.JsonNode?>> handler) =>
        Register(resourceArn, new DelegateTaskHandler(handler));

    public bool TryResolve(string resource, out ITaskHandler handler)
    {
        if (_exact.TryGetValue(resource, out handler!)) return true;
        lock (_gate)
        {
            foreach (var (pattern, _, h) in _patterns)
            {
                if (pattern.IsMatch(resource))
                {
                    handler = h;
                    return true;
                }
            }
        }
        handler = null!;
        return false;
    }

    public bool IsKnown(string resource) => TryResolve(resource, out _);

    private sealed class DelegateTaskHandler(Func<TaskInvocation, CancellationToken, ValueTask<System.Text.Json.Nodes.JsonNode?>> func) : ITaskHandler
    {
        public ValueTask<System.Text.Json.Nodes.JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => func(invocation, cancellationToken);
    }
}
