using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.States.Intrinsics;

/// <summary>
/// Parses an intrinsic call expression into a <see cref="FunctionCall"/> tree. Syntax errors surface as
/// <see cref="IntrinsicSyntaxException"/> carrying the position, so a definition can be rejected before it runs.
/// </summary>
internal static class IntrinsicParser
{
    /// <summary>AWS: "You can nest up to 10 intrinsic functions within a field".</summary>
    public const int MaxNesting = 10;

    private const string Prefix = "States.";

    public static FunctionCall Parse(string expression)
    {
        var reader = new Reader(expression);
        reader.SkipWhitespace();
        var call = ParseCall(ref reader, depth: 1);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected text after the closing parenthesis");
        }

        return call;
    }

    private static FunctionCall ParseCall(ref Reader reader, int depth)
    {
        if (depth > MaxNesting)
        {
            throw reader.Error($"intrinsic functions can be nested at most {MaxNesting} deep");
        }

        if (!reader.TryConsume(Prefix))
        {
            throw reader.Error("expected a function name starting with 'States.'");
        }

        var nameStart = reader.Position;
        while (!reader.AtEnd && char.IsAsciiLetterOrDigit(reader.Current))
        {
            reader.Advance();
        }

        var name = Prefix + reader.Slice(nameStart);
        if (name.Length == Prefix.Length)
        {
            throw reader.Error("expected a function name after 'States.'");
        }

        reader.SkipWhitespace();
        reader.Expect('(');
        var arguments = new List<IntrinsicArgument>();
        reader.SkipWhitespace();
        if (reader.TryConsume(")"))
        {
            return new FunctionCall(name, arguments);
        }

        while (true)
        {
            reader.SkipWhitespace();
            arguments.Add(ParseArgument(ref reader, depth));
            reader.SkipWhitespace();
            if (reader.TryConsume(")"))
            {
                return new FunctionCall(name, arguments);
            }

            reader.Expect(',');
        }
    }

    private static IntrinsicArgument ParseArgument(ref Reader reader, int depth)
    {
        if (reader.AtEnd)
        {
            throw reader.Error("expected an argument");
        }

        var c = reader.Current;
        if (c == '\'')
        {
            return ParseString(ref reader);
        }

        if (c == '$')
        {
            return ParsePath(ref reader);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ParseNumber(ref reader);
        }

        if (reader.Remaining.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ParseCall(ref reader, depth + 1);
        }

        foreach (var (word, value) in Keywords)
        {
            if (reader.Remaining.StartsWith(word, StringComparison.Ordinal) && IsArgumentEnd(reader.Remaining, word.Length))
            {
                reader.Advance(word.Length);
                return new LiteralArgument(value?.DeepClone());
            }
        }

        throw reader.Error("expected a string, number, boolean, null, path or intrinsic function");
    }

    private static readonly (string Word, JsonNode? Value)[] Keywords =
    [
        ("true", JsonValue.Create(true)),
        ("false", JsonValue.Create(false)),
        ("null", null),
    ];

    private static bool IsArgumentEnd(ReadOnlySpan<char> text, int at)
    {
        var rest = text[at..].TrimStart();
        return rest.IsEmpty || rest[0] == ',' || rest[0] == ')';
    }

    private static StringArgument ParseString(ref Reader reader)
    {
        var start = reader.Position;
        reader.Advance(); // opening quote
        var text = new StringBuilder();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw reader.Error("unterminated string literal", start);
            }

            var c = reader.Current;
            reader.Advance();
            if (c == '\'')
            {
                break;
            }

            if (c == '\\')
            {
                if (reader.AtEnd)
                {
                    throw reader.Error("unterminated string literal", start);
                }

                var escaped = reader.Current;
                reader.Advance();
                if (escaped is '\'' or '{' or '}' or '\\')
                {
                    text.Append(escaped);
                }
                else
                {
                    // Only ' { } \ are escapable; any other backslash stays as written.
                    text.Append('\\').Append(escaped);
                }

                continue;
            }

            text.Append(c);
        }

        var raw = reader.Text[(start + 1)..(reader.Position - 1)];
        return new StringArgument(text.ToString(), raw);
    }

    private static LiteralArgument ParseNumber(ref Reader reader)
    {
        var start = reader.Position;
        if (reader.Current == '-')
        {
            reader.Advance();
        }

        while (!reader.AtEnd && (char.IsAsciiDigit(reader.Current) || reader.Current is '.' or 'e' or 'E' or '+' or '-'))
        {
            reader.Advance();
        }

        var token = reader.Slice(start);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw reader.Error($"'{token}' is not a number", start);
        }

        var value = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? JsonValue.Create(integer)
            : JsonNode.Parse(token) ?? throw reader.Error($"'{token}' is not a number", start);
        return new LiteralArgument(value);
    }

    /// <summary>A path runs to the next top-level ',' or ')'; brackets and quotes inside it are skipped over.</summary>
    private static PathArgument ParsePath(ref Reader reader)
    {
        var start = reader.Position;
        var bracketDepth = 0;
        char? quote = null;
        while (!reader.AtEnd)
        {
            var c = reader.Current;
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    reader.Advance();
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"' && bracketDepth > 0)
            {
                quote = c;
            }
            else if (c == '[' || c == '(')
            {
                bracketDepth++;
            }
            else if (c == ']' || (c == ')' && bracketDepth > 0))
            {
                bracketDepth--;
            }
            else if (bracketDepth == 0 && (c == ',' || c == ')'))
            {
                break;
            }

            reader.Advance();
        }

        var path = reader.Slice(start).TrimEnd();
        return new PathArgument(path);
    }

    private ref struct Reader(string text)
    {
        public string Text { get; } = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= Text.Length;

        public readonly char Current => Text[Position];

        public readonly ReadOnlySpan<char> Remaining => Text.AsSpan(Position);

        public void Advance(int count = 1) => Position += count;

        public readonly string Slice(int start) => Text[start..Position];

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                Position++;
            }
        }

        public bool TryConsume(string token)
        {
            if (Remaining.StartsWith(token, StringComparison.Ordinal))
            {
                Position += token.Length;
                return true;
            }

            return false;
        }

        public void Expect(char c)
        {
            if (AtEnd || Current != c)
            {
                throw Error($"expected '{c}'");
            }

            Position++;
        }

        public readonly IntrinsicSyntaxException Error(string problem, int? at = null) =>
            new($"{problem} at position {at ?? Position}");
    }
}

/// <summary>An intrinsic expression that cannot be parsed.</summary>
internal sealed class IntrinsicSyntaxException(string message) : Exception(message);
