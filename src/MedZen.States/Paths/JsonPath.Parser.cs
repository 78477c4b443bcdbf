using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Paths;

// Compiles path text into segments, with AWS's wording for malformed paths.
internal sealed partial class JsonPath
{
    private sealed class Parser(string text, int position)
    {
        private int _pos = position;

        public List<Segment> ParseSegments(bool inFilter = false)
        {
            var segments = new List<Segment>();
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (inFilter && (c == ' ' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|'))
                {
                    break;
                }

                if (c == '.')
                {
                    if (Peek(1) == '.')
                    {
                        _pos += 2;
                        segments.Add(new DescendantSegment(Peek(0) == '[' ? ParseBracket() : ParseDotName()));
                    }
                    else
                    {
                        _pos++;
                        segments.Add(ParseDotName());
                    }
                }
                else if (c == '[')
                {
                    segments.Add(ParseBracket());
                }
                else
                {
                    throw Error($"Unexpected character '{c}'");
                }
            }
            return segments;
        }

        private char Peek(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

        private FormatException Error(string message) => new($"Invalid JSONPath '{text}' at {_pos}: {message}");

        private Segment ParseDotName()
        {
            if (_pos < text.Length && text[_pos] == '*')
            {
                _pos++;
                return new WildcardSegment();
            }
            if (string.CompareOrdinal(text, _pos, "length()", 0, 8) == 0 && (_pos + 8 == text.Length || text[_pos + 8] is '.' or '[' or ' ' or ')'))
            {
                _pos += 8;
                return new LengthSegment();
            }
            var start = _pos;
            while (_pos < text.Length && text[_pos] is not ('.' or '[' or ' ' or ')' or '=' or '!' or '<' or '>' or '&' or '|'))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("Empty member name");
            }

            return new MemberSegment(text[start.._pos]);
        }

        private Segment ParseBracket()
        {
            _pos++; // [
            SkipSpaces();
            if (Peek(0) == '*')
            {
                _pos++;
                Expect(']');
                return new WildcardSegment();
            }
            if (Peek(0) == '?')
            {
                _pos++;
                Expect('(');
                var start = _pos;
                var filter = ParseFilterOr();
                var filterText = text[start.._pos];
                Expect(')');
                Expect(']');
                return new FilterSegment(filter, filterText);
            }
            var parts = new List<Segment>();
            while (true)
            {
                SkipSpaces();
                if (Peek(0) is '\'' or '"')
                {
                    parts.Add(new MemberSegment(ParseQuoted()));
                }
                else
                {
                    var start = _pos;
                    while (_pos < text.Length && text[_pos] is not (',' or ']'))
                    {
                        _pos++;
                    }

                    var token = text[start.._pos].Trim();
                    if (token.Contains(':'))
                    {
                        var pieces = token.Split(':');
                        if (pieces.Length > 3)
                        {
                            throw Error("Bad slice");
                        }

                        int? Part(int i) => i < pieces.Length && pieces[i].Trim().Length > 0 ? ParseInt(pieces[i]) : null;
                        parts.Add(new SliceSegment(Part(0), Part(1), Part(2) ?? 1));
                    }
                    else
                    {
                        parts.Add(new IndexSegment(ParseInt(token)));
                    }
                }
                SkipSpaces();
                if (Peek(0) == ',')
                {
                    _pos++;
                    continue;
                }
                Expect(']');
                break;
            }
            return parts.Count == 1 ? parts[0] : new UnionSegment(parts);
        }

        private int ParseInt(string s) =>
            int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw Error($"Bad index '{s}'");

        private string ParseQuoted()
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length && text[_pos + 1] == quote)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }
            Expect(quote);
            return sb.ToString();
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek(0) != c)
            {
                throw Error($"Expected '{c}'");
            }

            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private FilterExpression ParseFilterOr()
        {
            var left = ParseFilterAnd();
            SkipSpaces();
            while (Peek(0) == '|' && Peek(1) == '|')
            {
                _pos += 2;
                left = new LogicalFilter(left, ParseFilterAnd(), isAnd: false);
                SkipSpaces();
            }
            return left;
        }

        private FilterExpression ParseFilterAnd()
        {
            var left = ParseFilterAtom();
            SkipSpaces();
            while (Peek(0) == '&' && Peek(1) == '&')
            {
                _pos += 2;
                left = new LogicalFilter(left, ParseFilterAtom(), isAnd: true);
                SkipSpaces();
            }
            return left;
        }

        private FilterExpression ParseFilterAtom()
        {
            SkipSpaces();
            if (Peek(0) == '(')
            {
                _pos++;
                var inner = ParseFilterOr();
                Expect(')');
                return inner;
            }
            var left = ParseOperand();
            SkipSpaces();
            string? op = null;
            foreach (var candidate in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _pos, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    _pos += candidate.Length;
                    break;
                }
            }
            return op is null ? new ComparisonFilter(left, null, null) : new ComparisonFilter(left, op, ParseOperand());
        }

        private Operand ParseOperand()
        {
            SkipSpaces();
            var c = Peek(0);
            if (c is '@' or '$')
            {
                _pos++;
                return new PathOperand(c == '$', ParseSegments(inFilter: true));
            }
            if (c is '\'' or '"')
            {
                return new LiteralOperand(JsonValue.Create(ParseQuoted()));
            }

            var start = _pos;
            while (_pos < text.Length && text[_pos] is not (' ' or ')' or '&' or '|' or '=' or '!' or '<' or '>'))
            {
                _pos++;
            }

            var token = text[start.._pos];
            try
            {
                return new LiteralOperand(JsonNode.Parse(token));
            }
            catch (JsonException)
            {
                throw Error($"Bad literal '{token}'");
            }
        }
    }
}
