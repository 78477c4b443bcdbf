using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudFormationTemplate))]
[JsonSerializable(typeof(CfnValue))]
internal sealed partial class CloudFormationJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For template.json. Relaxed escaping: the template is a file for CloudFormation, not HTML, and \u0022 for every
    /// quote of the embedded definition would push it past the 51,200-byte limit for a template body sent without S3.
    /// One space per level keeps the file readable and leaves room under that limit.
    /// </summary>
    public static CloudFormationJsonContext TemplateFile { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
