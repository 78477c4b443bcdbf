using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>Writes a <see cref="CfnValue"/> in CloudFormation's JSON form. Templates are written, never read back.</summary>
internal sealed class CfnValueConverter : JsonConverter<CfnValue>
{
    public override CfnValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("CloudFormation values are only written.");

    public override void Write(Utf8JsonWriter writer, CfnValue value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case CfnText text:
                writer.WriteStringValue(text.Value);
                break;
            case CfnNumber number:
                writer.WriteNumberValue(number.Value);
                break;
            case CfnBoolean flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            case CfnList list:
                WriteList(writer, list.Items, options);
                break;
            case CfnRef reference:
                writer.WriteStartObject();
                writer.WriteString("Ref", reference.Name);
                writer.WriteEndObject();
                break;
            case CfnGetAtt attribute:
                WriteFunction(writer, "Fn::GetAtt", [attribute.LogicalId, attribute.Attribute], options);
                break;
            case CfnSub sub:
                writer.WriteStartObject();
                writer.WriteString("Fn::Sub", sub.Template);
                writer.WriteEndObject();
                break;
            case CfnIf condition:
                WriteFunction(writer, "Fn::If", [condition.Condition, condition.WhenTrue, condition.WhenFalse], options);
                break;
            case CfnEquals equals:
                WriteFunction(writer, "Fn::Equals", [equals.Left, equals.Right], options);
                break;
            default:
                throw new NotSupportedException($"No CloudFormation form for {value.GetType().Name}.");
        }
    }

    private void WriteFunction(Utf8JsonWriter writer, string name, IReadOnlyList<CfnValue> arguments, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(name);
        WriteList(writer, arguments, options);
        writer.WriteEndObject();
    }

    private void WriteList(Utf8JsonWriter writer, IReadOnlyList<CfnValue> items, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            Write(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
