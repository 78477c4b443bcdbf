using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.Paths;

// Filter expressions (<c>[?(...)]</c>): comparisons and logical operators over path and literal operands.
internal sealed partial class JsonPath
{
    private abstract class FilterExpression
    {
        public abstract bool Matches(JsonNode? current, JsonNode? root);
    }

    private sealed class LogicalFilter(FilterExpression left, FilterExpression right, bool isAnd) : FilterExpression
    {
        public override bool Matches(JsonNode? current, JsonNode? root) =>
            isAnd ? left.Matches(current, root) && right.Matches(current, root) : left.Matches(current, root) || right.Matches(current, root);
    }

    private sealed class ComparisonFilter(Operand left, string? op, Operand? right) : FilterExpression
    {
        public override bool Matches(JsonNode? current, JsonNode? root)
        {
            var (lFound, l) = left.Resolve(current, root);
            if (op is null)
            {
                return lFound && (l is not JsonValue v || v.GetValueKind() != JsonValueKind.False);
            }

            var (rFound, r) = right!.Resolve(current, root);
            if (!lFound || !rFound)
            {
                return op == "!=" && lFound != rFound;
            }

            return op switch
            {
                "==" => JsonNode.DeepEquals(l, r) || NumEq(l, r),
                "!=" => !(JsonNode.DeepEquals(l, r) || NumEq(l, r)),
                _ => Compare(l, r) is { } c && op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, ">=" => c >= 0, _ => false },
            };
        }

        private static bool NumEq(JsonNode? a, JsonNode? b) =>
            Json.IsNumber(a, out var x) && Json.IsNumber(b, out var y) && x == y;

        private static int? Compare(JsonNode? a, JsonNode? b)
        {
            if (Json.IsNumber(a, out var x) && Json.IsNumber(b, out var y))
            {
                return x.CompareTo(y);
            }

            if (a?.GetValueKind() == JsonValueKind.String && b?.GetValueKind() == JsonValueKind.String)
            {
                return string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>());
            }

            return null;
        }
    }

    private abstract class Operand
    {
        public abstract (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root);
    }

    private sealed class PathOperand(bool fromRoot, IReadOnlyList<Segment> segments) : Operand
    {
        public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root)
        {
            var nodes = new List<JsonNode?> { fromRoot ? root : current };
            foreach (var s in segments)
            {
                var next = new List<JsonNode?>();
                foreach (var n in nodes)
                {
                    s.Select(n, root, next);
                }

                nodes = next;
            }
            return nodes.Count == 0 ? (false, null) : (true, nodes[0]);
        }
    }

    private sealed class LiteralOperand(JsonNode? value) : Operand
    {
        public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, value);
    }
}
