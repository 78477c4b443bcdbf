using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Errors;

namespace MedZen.States.JSONata;

/// <summary>
/// Evaluates JSONata expressions with the npm reference implementation (jsonata 2.x) inside Jint, plus the
/// functions Step Functions adds. Thread-safe: each call rents a preloaded engine from a pool, and each engine
/// caches compiled expressions, so a repeated expression costs one evaluation, not a parse.
/// </summary>
internal sealed class JsonataEvaluator
{
    private readonly ConcurrentBag<JsonataRuntime> _pool = [];
    private readonly SemaphoreSlim _engines;
    private readonly JsonataSources _defaultSources;
    private readonly bool _useShortcuts;

    /// <param name="defaultSources">
    /// Sources for $uuid() and unseeded $random() when a call passes none.
    /// <value>Defaults to Guid.NewGuid and Random.Shared, which are not replay-safe; the engine passes its own per call.</value>
    /// </param>
    /// <param name="maxEngines">
    /// Most engines alive at once; further callers wait for one, since evaluation is CPU-bound.
    /// <value>Defaults to twice the processor count.</value>
    /// </param>
    public JsonataEvaluator(JsonataSources? defaultSources = null, int? maxEngines = null)
        : this(defaultSources, maxEngines, useShortcuts: true)
    {
    }

    /// <summary>With <paramref name="useShortcuts"/> false every expression goes through jsonata (tests compare both).</summary>
    internal JsonataEvaluator(JsonataSources? defaultSources, int? maxEngines, bool useShortcuts)
    {
        _defaultSources = defaultSources ?? new JsonataSources(Guid.NewGuid, Random.Shared.NextDouble);
        var max = maxEngines ?? Math.Max(2, Environment.ProcessorCount * 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxEngines));
        _engines = new SemaphoreSlim(max, max);
        _useShortcuts = useShortcuts;
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> (without <c>{% %}</c>) against <paramref name="input"/> as <c>$</c>,
    /// with <paramref name="bindings"/> as variables (names without <c>$</c>). Throws
    /// <see cref="JsonataEvaluationException"/> (States.QueryEvaluationError) when it fails or yields nothing.
    /// </summary>
    public JsonNode? Evaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> bindings) =>
        Evaluate(expression, input, bindings, _defaultSources);

    /// <summary>As <see cref="Evaluate(string, JsonNode?, IReadOnlyDictionary{string, JsonNode?})"/>, with replay-safe sources for $uuid() and $random().</summary>
    public JsonNode? Evaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> bindings, JsonataSources sources)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(sources);
        if (_useShortcuts)
        {
            switch (JsonataPathShortcut.TryEvaluate(expression, input, bindings, out var value))
            {
                case JsonataPathShortcut.Outcome.Value:
                    return value;
                case JsonataPathShortcut.Outcome.Undefined:
                    throw JsonataEvaluationException.ReturnedUndefined(expression);
            }
        }

        var inputJson = input is null ? "null" : input.ToJsonString();
        var bindingsJson = WriteBindings(bindings);
        var runtime = Rent();
        try
        {
            var json = runtime.Evaluate(expression, inputJson, bindingsJson, sources, out var failure);
            return failure switch
            {
                JsonataFailure.ReturnedUndefined => throw JsonataEvaluationException.ReturnedUndefined(expression),
                JsonataFailure.ReturnedUnsupportedType => throw JsonataEvaluationException.ReturnedUnsupported(expression),
                _ => JsonNode.Parse(json!),
            };
        }
        finally
        {
            Return(runtime);
        }
    }

    /// <summary>Checks that an expression compiles; returns jsonata's error text, or null when it is valid.</summary>
    public string? Validate(string expression)
    {
        var runtime = Rent();
        try
        {
            return runtime.Validate(expression);
        }
        finally
        {
            Return(runtime);
        }
    }

    private JsonataRuntime Rent()
    {
        _engines.Wait();
        try
        {
            return _pool.TryTake(out var runtime) ? runtime : new JsonataRuntime();
        }
        catch
        {
            _engines.Release();
            throw;
        }
    }

    private void Return(JsonataRuntime runtime)
    {
        if (!runtime.IsBroken)
        {
            _pool.Add(runtime);
        }

        _engines.Release();
    }

    private static string WriteBindings(IReadOnlyDictionary<string, JsonNode?> bindings)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in bindings)
            {
                if (name.StartsWith('$'))
                {
                    throw new StatesException(StatesErrorNames.Runtime, $"JSONata binding names are given without '$', but got '{name}'.");
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
