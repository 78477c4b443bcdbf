using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Definition;

// Retry and Catch: retriers, catchers and their ErrorEquals lists.
public static partial class DefinitionParser
{
    private static List<Retrier> ParseRetry(JsonObject obj, string path, ParseContext ctx)
    {
        var list = new List<Retrier>();
        if (obj["Retry"] is not JsonArray arr)
        {
            return list;
        }

        for (var i = 0; i < arr.Count; i++)
        {
            var p = $"{path}/Retry[{i}]";
            if (arr[i] is not JsonObject r) { ctx.Error(SchemaValidationFailed, p, "A retrier must be an object"); continue; }
            var errors = ErrorEquals(r, p, ctx);
            var retrier = new Retrier(errors);
            if (r["IntervalSeconds"] is { } iv)
            {
                retrier = TryInt(iv, out var x) && x >= 1 ? retrier with { IntervalSeconds = x } : Bad(retrier, p + "/IntervalSeconds", "IntervalSeconds must be a positive integer");
            }

            if (r["MaxAttempts"] is { } ma)
            {
                retrier = TryInt(ma, out var x) && x >= 0 ? retrier with { MaxAttempts = x } : Bad(retrier, p + "/MaxAttempts", "MaxAttempts must be a non-negative integer");
            }

            if (r["BackoffRate"] is { } br)
            {
                retrier = br.GetValueKind() == JsonValueKind.Number && br.GetValue<double>() >= 1 ? retrier with { BackoffRate = br.GetValue<double>() } : Bad(retrier, p + "/BackoffRate", "BackoffRate must be a number >= 1.0");
            }

            if (r["MaxDelaySeconds"] is { } md)
            {
                retrier = TryInt(md, out var x) && x >= 1 ? retrier with { MaxDelaySeconds = x } : Bad(retrier, p + "/MaxDelaySeconds", "MaxDelaySeconds must be a positive integer");
            }

            if (r["JitterStrategy"] is { } js)
            {
                var text = js.GetValueKind() == JsonValueKind.String ? js.GetValue<string>() : null;
                retrier = text switch
                {
                    "FULL" => retrier with { Jitter = JitterStrategy.Full },
                    "NONE" => retrier with { Jitter = JitterStrategy.None },
                    _ => Bad(retrier, p + "/JitterStrategy", "JitterStrategy must be FULL or NONE"),
                };
            }
            list.Add(retrier);
        }
        return list;

        Retrier Bad(Retrier r, string p, string message)
        {
            ctx.Error(SchemaValidationFailed, p, message);
            return r;
        }
    }

    private static List<Catcher> ParseCatch(JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        var list = new List<Catcher>();
        if (obj["Catch"] is not JsonArray arr)
        {
            return list;
        }

        for (var i = 0; i < arr.Count; i++)
        {
            var p = $"{path}/Catch[{i}]";
            if (arr[i] is not JsonObject c) { ctx.Error(SchemaValidationFailed, p, "A catcher must be an object"); continue; }
            var errors = ErrorEquals(c, p, ctx);
            var next = Str(c, "Next", p, ctx, required: true);
            if (next is null)
            {
                continue;
            }

            list.Add(new Catcher(errors, next, OptPath(c, "ResultPath", p, ctx), c["Output"]?.DeepClone(), c["Assign"]?.DeepClone() as JsonObject));
        }
        return list;
    }

    /// <summary>A retrier or catcher matching States.ALL must be the last one (ASL specification).</summary>
    private static void CheckAllIsLast(IReadOnlyList<IReadOnlyList<string>> lists, string path, ParseContext ctx)
    {
        for (var i = 0; i < lists.Count - 1; i++)
        {
            if (lists[i].Contains("States.ALL"))
            {
                ctx.Error(SchemaValidationFailed, $"{path}[{i}]/ErrorEquals", "States.ALL must appear only in the last retrier or catcher");
            }
        }
    }

    private static List<string> ErrorEquals(JsonObject obj, string path, ParseContext ctx)
    {
        var errors = new List<string>();
        if (obj["ErrorEquals"] is not JsonArray arr || arr.Count == 0)
        {
            ctx.Error(SchemaValidationFailed, path + "/ErrorEquals", "ErrorEquals must be a non-empty array of strings");
            return errors;
        }
        foreach (var e in arr)
        {
            if (e is JsonValue v && v.TryGetValue<string>(out var s))
            {
                errors.Add(s);
            }
            else
            {
                ctx.Error(SchemaValidationFailed, path + "/ErrorEquals", "ErrorEquals must contain strings");
            }
        }
        if (errors.Contains("States.ALL") && errors.Count > 1)
        {
            ctx.Error(SchemaValidationFailed, path + "/ErrorEquals", "States.ALL must appear alone in ErrorEquals");
        }

        return errors;
    }
}
