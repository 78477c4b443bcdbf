using System.Globalization;
using System.Reflection;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using MedZen.States.Intrinsics;

namespace MedZen.States.JSONata;

/// <summary>
/// One Jint engine with jsonata and the Step Functions functions loaded. Not thread-safe:
/// <see cref="JsonataEvaluator"/> hands each one to a single caller at a time.
/// </summary>
internal sealed class JsonataRuntime
{
    private static readonly Lazy<Prepared<Script>> JsonataScript = new(() => Prepare("MedZen.States.JSONata.jsonata.js", "jsonata.js", JsonataScriptTransform.MakeSynchronous));
    private static readonly Lazy<Prepared<Script>> FunctionsScript = new(() => Prepare("MedZen.States.JSONata.StepFunctionsFunctions.js", "StepFunctionsFunctions.js", script => script));

    private readonly Engine _engine;
    private readonly JsValue _evaluate;
    private readonly JsValue _validate;
    private JsonataSources _sources = JsonataSources.Unset;

    public JsonataRuntime()
    {
        _engine = new Engine(options =>
        {
            options.Culture(CultureInfo.InvariantCulture).LimitRecursion(1_000).Strict(false);
            options.TimeSystem = new SourcedTimeSystem(this);
        });
        _engine.SetValue("__hostHash", new Func<string, string, string?>((data, algorithm) =>
            IntrinsicLibrary.TryHash(data, algorithm, out var hex) ? hex : null));
        _engine.SetValue("__hostHashAlgorithms", IntrinsicLibrary.SupportedHashAlgorithms);
        _engine.SetValue("__hostRandom", new Func<double>(() => _sources.NextRandom()));
        _engine.SetValue("__hostSeededRandom", new Func<double, double>(seed => new Random(unchecked((int)(long)seed)).NextDouble()));
        _engine.SetValue("__hostUuid", new Func<string>(() => _sources.NewUuid().ToString("D")));
        _engine.Execute(JsonataScript.Value);
        _engine.Execute(FunctionsScript.Value);
        _evaluate = _engine.GetValue("__evaluate");
        _validate = _engine.GetValue("__validate");
    }

    /// <summary>True after an engine limit was hit; the pool then drops this runtime.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Runs the expression; returns JSON text, or null with <paramref name="failure"/> set.</summary>
    public string? Evaluate(string expression, string inputJson, string bindingsJson, JsonataSources sources, out JsonataFailure? failure)
    {
        _sources = sources;
        try
        {
            var result = _engine.Invoke(_evaluate, expression, inputJson, bindingsJson);
            failure = result.IsUndefined() ? JsonataFailure.ReturnedUndefined
                : result.IsBoolean() ? JsonataFailure.ReturnedUnsupportedType
                : null;
            return failure is null ? result.AsString() : null;
        }
        catch (JavaScriptException e)
        {
            throw JsonataEvaluationException.Threw(expression, DescribeError(e.Error));
        }
        catch (JintException e)
        {
            // Recursion or other engine limits: the engine's state is suspect, so it is not reused.
            IsBroken = true;
            throw JsonataEvaluationException.Threw(expression, e.Message);
        }
        finally
        {
            _sources = JsonataSources.Unset;
        }
    }

    /// <summary>Compiles only; returns jsonata's error (e.g. <c>S0202: ...</c>) or null when the expression parses.</summary>
    public string? Validate(string expression)
    {
        try
        {
            _engine.Invoke(_validate, expression);
            return null;
        }
        catch (JavaScriptException e)
        {
            return DescribeError(e.Error);
        }
    }

    /// <summary>jsonata errors carry a code (T1006, D3001, ...) and a message; AWS shows them as "code: message".</summary>
    private static string DescribeError(JsValue error)
    {
        if (error is JsObject obj)
        {
            var code = obj.Get("code");
            var message = obj.Get("message");
            var text = message.IsUndefined() ? error.ToString() : message.ToString();
            return code.IsString() ? $"{code.AsString()}: {text}" : text;
        }

        return error.ToString();
    }

    /// <summary>JavaScript's clock, answered by the current evaluation's sources; dates are UTC.</summary>
    private sealed class SourcedTimeSystem(JsonataRuntime owner) : DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => owner._sources.UtcNow();
    }

    private static Prepared<Script> Prepare(string resourceName, string sourceName, Func<string, string> transform)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded script '{resourceName}' is missing; rebuild after 'npm install'.");
        using var reader = new StreamReader(stream);
        return Engine.PrepareScript(transform(reader.ReadToEnd()), sourceName);
    }
}

/// <summary>
/// The replay-safe sources behind $uuid(), unseeded $random(), and $now()/$millis()
/// (jsonata reads the clock once per evaluation through JavaScript's Date).
/// </summary>
internal sealed record JsonataSources(Func<Guid> NewUuid, Func<double> NextRandom, Func<DateTimeOffset> UtcNow)
{
    public JsonataSources(Func<Guid> newUuid, Func<double> nextRandom)
        : this(newUuid, nextRandom, TimeProvider.System.GetUtcNow)
    {
    }

    public static readonly JsonataSources Unset = new(
        () => throw new InvalidOperationException("No UUID source is set for this evaluation."),
        () => throw new InvalidOperationException("No random source is set for this evaluation."),
        // jsonata reads the clock when compiling too; that value is replaced when an evaluation starts.
        () => DateTimeOffset.UnixEpoch);
}
