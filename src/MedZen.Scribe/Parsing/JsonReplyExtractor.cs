using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Parsing;

/// <summary>
/// Finds the JSON object in a model reply and reads it leniently: code fences and prose around it are ignored,
/// comments and trailing commas allowed; when that fails a repair pass fixes the usual slips
/// (typographic quotes, missing closing brackets, a cut-off string) and tries once more.
/// </summary>
internal static class JsonReplyExtractor
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
        // A repeated member name would parse, then throw when the object is first read; refused here instead.
        AllowDuplicateProperties = false,
    };

    /// <summary>True when the reply contains a <c>{</c> at all, i.e. it meant to be JSON.</summary>
    public static bool TryExtract(string reply, out JsonObject? json)
    {
        json = null;
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var candidate = BalancedObject(reply, start);
        json = TryParse(candidate) ?? TryParse(Repair(candidate));
        return true;
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: Lenient) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The text from <paramref name="start"/> to the brace that closes it, or to the end when it never closes.</summary>
    private static string BalancedObject(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return text[start..(i + 1)];
                    }

                    break;
            }
        }

        return text[start..];
    }

    internal static string Repair(string candidate)
    {
        var text = new StringBuilder(candidate.Length + 8);
        var closers = new Stack<char>();
        var inString = false;
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (!inString && c is '\u201C' or '\u201D')
            {
                c = '"';
            }

            if (inString)
            {
                if (c == '\\' && i + 1 < candidate.Length)
                {
                    text.Append(c).Append(candidate[++i]);
                    continue;
                }

                if (c == '"' || (c == '\u201D' && NextNonSpaceCloses(candidate, i + 1)))
                {
                    c = '"';
                    inString = false;
                }
                else if (c is '\n' or '\r' or '\t')
                {
                    text.Append(c == '\t' ? "\\t" : "\\n");
                    continue;
                }

                text.Append(c);
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    closers.Push('}');
                    break;
                case '[':
                    closers.Push(']');
                    break;
                case '}' or ']':
                    if (closers.Count == 0 || closers.Peek() != c)
                    {
                        continue;
                    }

                    closers.Pop();
                    break;
            }

            text.Append(c);
        }

        if (inString)
        {
            text.Append('"');
        }

        TrimDanglingSeparator(text);
        while (closers.Count > 0)
        {
            text.Append(closers.Pop());
        }

        return text.ToString();
    }

    private static bool NextNonSpaceCloses(string text, int from)
    {
        var i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i == text.Length || text[i] is ':' or ',' or '}' or ']';
    }

    private static void TrimDanglingSeparator(StringBuilder text)
    {
        while (text.Length > 0 && (char.IsWhiteSpace(text[^1]) || text[^1] is ',' or ':'))
        {
            text.Length--;
        }
    }
}
