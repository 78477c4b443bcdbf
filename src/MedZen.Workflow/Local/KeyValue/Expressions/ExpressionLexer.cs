using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

internal enum TokenKind
{
    Identifier, NamePlaceholder, ValuePlaceholder, Integer,
    LeftParen, RightParen, LeftBracket, RightBracket, Comma, Dot,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Plus, Minus,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits a DynamoDB condition or update expression into tokens.</summary>
internal static class ExpressionLexer
{
    public static List<Token> Tokenize(string expression, string expressionKind)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new(TokenKind.RightParen, ")", i++)); continue;
                case '[': tokens.Add(new(TokenKind.LeftBracket, "[", i++)); continue;
                case ']': tokens.Add(new(TokenKind.RightBracket, "]", i++)); continue;
                case ',': tokens.Add(new(TokenKind.Comma, ",", i++)); continue;
                case '.': tokens.Add(new(TokenKind.Dot, ".", i++)); continue;
                case '+': tokens.Add(new(TokenKind.Plus, "+", i++)); continue;
                case '-': tokens.Add(new(TokenKind.Minus, "-", i++)); continue;
                case '=': tokens.Add(new(TokenKind.Equal, "=", i++)); continue;
                case '<':
                    if (Peek(expression, i + 1) == '>') { tokens.Add(new(TokenKind.NotEqual, "<>", i)); i += 2; }
                    else if (Peek(expression, i + 1) == '=') { tokens.Add(new(TokenKind.LessOrEqual, "<=", i)); i += 2; }
                    else { tokens.Add(new(TokenKind.Less, "<", i++)); }
                    continue;
                case '>':
                    if (Peek(expression, i + 1) == '=') { tokens.Add(new(TokenKind.GreaterOrEqual, ">=", i)); i += 2; }
                    else { tokens.Add(new(TokenKind.Greater, ">", i++)); }
                    continue;
                case '#' or ':':
                    i++;
                    while (i < expression.Length && IsNameChar(expression[i]))
                    {
                        i++;
                    }

                    if (i == start + 1)
                    {
                        throw SyntaxError(expressionKind, c.ToString());
                    }

                    tokens.Add(new(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, expression[start..i], start));
                    continue;
            }

            if (char.IsAsciiDigit(c))
            {
                while (i < expression.Length && char.IsAsciiDigit(expression[i]))
                {
                    i++;
                }

                tokens.Add(new(TokenKind.Integer, expression[start..i], start));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < expression.Length && IsNameChar(expression[i]))
                {
                    i++;
                }

                tokens.Add(new(TokenKind.Identifier, expression[start..i], start));
                continue;
            }

            throw KeyValueTableException.Invalid($"Invalid {expressionKind}: Syntax error; character at position {i} is not allowed");
        }

        tokens.Add(new(TokenKind.End, "<EOF>", expression.Length));
        return tokens;
    }

    public static KeyValueTableException SyntaxError(string expressionKind, string token) =>
        KeyValueTableException.Invalid($"Invalid {expressionKind}: Syntax error; token: \"{token}\"");

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
