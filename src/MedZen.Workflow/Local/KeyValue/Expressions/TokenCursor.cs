using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

/// <summary>Walks tokens and parses the pieces condition and update expressions share: paths and placeholders.</summary>
internal sealed class TokenCursor(List<Token> tokens, ExpressionScope scope, string expressionKind)
{
    private int _position;

    public Token Current => tokens[_position];

    public ExpressionScope Scope => scope;

    public Token Next() => tokens[_position++];

    public bool TryTake(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    public bool TryTakeKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _position++;
        return true;
    }

    public Token Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Error();
        }

        return Next();
    }

    public bool PeekIs(int offset, TokenKind kind) =>
        _position + offset < tokens.Count && tokens[_position + offset].Kind == kind;

    public KeyValueTableException Error() => ExpressionLexer.SyntaxError(expressionKind, Current.Text);

    public DocumentPath ParsePath()
    {
        var elements = new List<PathElement> { new MemberElement(ParseName()) };
        while (true)
        {
            if (TryTake(TokenKind.Dot))
            {
                elements.Add(new MemberElement(ParseName()));
            }
            else if (TryTake(TokenKind.LeftBracket))
            {
                var index = Expect(TokenKind.Integer);
                Expect(TokenKind.RightBracket);
                elements.Add(new IndexElement(int.Parse(index.Text, System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                return new DocumentPath(elements);
            }
        }
    }

    private string ParseName()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.NamePlaceholder:
                return scope.ResolveName(token.Text);
            case TokenKind.Identifier when ReservedWords.Contains(token.Text):
                throw KeyValueTableException.Invalid($"Invalid {expressionKind}: Attribute name is a reserved keyword; reserved keyword: {token.Text}");
            case TokenKind.Identifier:
                return token.Text;
            default:
                _position--;
                throw Error();
        }
    }
}
