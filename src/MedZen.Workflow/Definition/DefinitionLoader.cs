using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using MedZen.Errors;

namespace MedZen.Workflow.Definition;

/// <summary>
/// Loads the SOAP-note ASL definition (embedded <c>soap-note.asl.json</c>) and fills its <c>${Name}</c>
/// placeholders the way CloudFormation's DefinitionSubstitutions does on AWS.
/// </summary>
public static partial class DefinitionLoader
{
    public const string ResourceName = "soap-note.asl.json";

    /// <summary>The definition exactly as shipped, placeholders included.</summary>
    public static string LoadTemplate()
    {
        using var stream = typeof(DefinitionLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from MedZen.Workflow.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Every placeholder name the template uses, sorted.</summary>
    public static IReadOnlyList<string> PlaceholderNames(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Loads the shipped definition and substitutes every placeholder.</summary>
    public static string Load(IReadOnlyDictionary<string, string> substitutions) => Substitute(LoadTemplate(), substitutions);

    /// <exception cref="DefinitionSubstitutionException">A placeholder has no value (all missing names are listed).</exception>
    public static string Substitute(string template, IReadOnlyDictionary<string, string> substitutions)
    {
        var missing = PlaceholderNames(template).Where(name => !substitutions.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new DefinitionSubstitutionException(missing);
        }

        // Values land inside JSON strings, so they are escaped as JSON string content.
        return Placeholder().Replace(template, match =>
        {
            var encoded = JsonSerializer.Serialize(substitutions[match.Groups[1].Value]);
            return encoded[1..^1];
        });
    }

    [GeneratedRegex(@"\$\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The definition still has placeholders without a configured value.</summary>
public sealed class DefinitionSubstitutionException(IReadOnlyList<string> missing)
    : NamedErrorException("DefinitionPlaceholderMissing", $"No value configured for definition placeholder(s): {string.Join(", ", missing)}.")
{
    public IReadOnlyList<string> Missing { get; } = missing;
}
