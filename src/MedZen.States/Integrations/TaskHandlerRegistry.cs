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
    private readonly List<Func<string, ITaskHandler?, ITaskHandler?>> _decorators = [];
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
        lock (_gate)
        {
            _patterns.Add((regex, pattern, handler));
        }

        return this;
    }

    /// <summary>Registers a delegate as a handler.</summary>
    public TaskHandlerRegistry Register(string resourceArn, Func<TaskInvocation, CancellationToken, ValueTask<System.Text.Json.Nodes.JsonNode?>> handler) =>
        Register(resourceArn, new DelegateTaskHandler(handler));

    /// <summary>
    /// Wraps every resolution: the decorator gets the resource and the registered handler (null when none) and returns the
    /// handler to use (null: none). Decorators apply in registration order. Used by engine-level layers such as mocking.
    /// </summary>
    public TaskHandlerRegistry Decorate(Func<string, ITaskHandler?, ITaskHandler?> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        lock (_gate)
        {
            _decorators.Add(decorator);
        }

        return this;
    }

    public bool TryResolve(string resource, out ITaskHandler handler)
    {
        var found = TryResolveRegistered(resource, out var registered) ? registered : null;
        Func<string, ITaskHandler?, ITaskHandler?>[] decorators;
        lock (_gate)
        {
            decorators = [.. _decorators];
        }

        foreach (var decorate in decorators)
        {
            found = decorate(resource, found);
        }

        handler = found!;
        return found is not null;
    }

    private bool TryResolveRegistered(string resource, out ITaskHandler handler)
    {
        if (_exact.TryGetValue(resource, out handler!))
        {
            return true;
        }

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
