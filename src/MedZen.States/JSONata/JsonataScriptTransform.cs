using System.Text.RegularExpressions;

namespace MedZen.States.JSONata;

/// <summary>
/// jsonata 2.x awaits at every step so user functions may be async. Step Functions binds no async functions,
/// and Jint's promise machinery made each evaluation several times slower, so the script is made synchronous
/// at load time: <c>async</c>/<c>await</c> are dropped and <c>Promise.all</c> becomes an identity function
/// (<c>__jsonataAll</c>, defined in StepFunctionsFunctions.js). Guarded awaits such as
/// <c>if (isPromise(r)) r = await r</c> become no-ops because no bound function returns a promise.
/// </summary>
internal static partial class JsonataScriptTransform
{
    public static string MakeSynchronous(string script)
    {
        var result = AsyncFunction().Replace(script, "function");
        result = AsyncArrow().Replace(result, "$1");
        result = Await().Replace(result, "");
        result = PromiseAll().Replace(result, "__jsonataAll(");
        if (Leftover().IsMatch(result))
        {
            throw new InvalidOperationException(
                "The jsonata script uses async constructs this loader does not rewrite; check the jsonata version in package.json.");
        }

        return result;
    }

    [GeneratedRegex(@"\basync\s+function\b")]
    private static partial Regex AsyncFunction();

    [GeneratedRegex(@"\basync\s*(\([^()]*\)\s*=>)")]
    private static partial Regex AsyncArrow();

    [GeneratedRegex(@"\bawait\s+")]
    private static partial Regex Await();

    [GeneratedRegex(@"\bPromise\.all\(")]
    private static partial Regex PromiseAll();

    /// <summary>Anything async left after the rewrite (the <c>async:</c> property name is harmless).</summary>
    [GeneratedRegex(@"\bawait\b|\basync\b(?!\s*:)|\bPromise\b|\.then\(")]
    private static partial Regex Leftover();
}
