using System.Text.Json.Nodes;

namespace MedZen.States.Intrinsics;

/// <summary>One argument of an intrinsic call, as parsed from the expression text.</summary>
internal abstract record IntrinsicArgument;

/// <summary>A literal: string, number, true, false or null.</summary>
internal sealed record LiteralArgument(JsonNode? Value) : IntrinsicArgument;

/// <summary>
/// A string literal. <see cref="Text"/> has its escapes removed; <see cref="Raw"/> keeps them, because
/// States.Format must tell an escaped <c>\{\}</c> from a placeholder.
/// </summary>
internal sealed record StringArgument(string Text, string Raw) : IntrinsicArgument;

/// <summary>A JSONPath, context path or variable reference, kept as written.</summary>
internal sealed record PathArgument(string Path) : IntrinsicArgument;

/// <summary>A nested call such as <c>States.ArrayLength($.items)</c>.</summary>
internal sealed record FunctionCall(string Name, IReadOnlyList<IntrinsicArgument> Arguments) : IntrinsicArgument;
