using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using MedZen.Backends.SigV4;
using MedZen.Errors;

namespace MedZen.Aws.Deployment;

/// <summary>A stack parameter: a value, or the stack's current value (<c>UsePreviousValue</c>).</summary>
public sealed record StackParameter(string Key, string? Value, bool UsePreviousValue = false)
{
    public override string ToString() => UsePreviousValue ? $"{Key}=(previous)" : $"{Key}={Value}";
}

/// <summary>CreateStack or UpdateStack: the template by URL, or the stack's own (<paramref name="TemplateUrl"/> null).</summary>
public sealed record StackRequest(string StackName, string? TemplateUrl, IReadOnlyList<StackParameter> Parameters, IReadOnlyList<string> Capabilities)
{
    public bool UsePreviousTemplate => TemplateUrl is null;
}

/// <summary>A stack as DescribeStacks reports it.</summary>
public sealed record StackDescription(
    string StackId, string Status, string? StatusReason, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Outputs);

/// <summary>CloudFormation answered with an error (<c>ValidationError</c>, <c>AlreadyExistsException</c>, …).</summary>
public sealed class CloudFormationException(string code, string message)
    : NamedErrorException(code, $"{code}: {message}", ErrorCategory.Dependency)
{
    /// <summary>CloudFormation's message, without the code.</summary>
    public string Detail { get; } = message;
}

/// <summary>The CloudFormation calls a deployment makes.</summary>
public interface ICloudFormation
{
    /// <returns>The stack, or null when none has that name.</returns>
    Task<StackDescription?> DescribeStackAsync(string stackName, CancellationToken cancellationToken);

    Task<string> CreateStackAsync(StackRequest request, CancellationToken cancellationToken);

    /// <returns>False when CloudFormation found nothing to update.</returns>
    Task<bool> UpdateStackAsync(StackRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// CloudFormation's query API (version 2010-05-15: form-encoded POST, XML answer) over SigV4. AWSSDK.CloudFormation is
/// not available here; these are the three calls <c>medzen aws deploy|rollback|restore</c> make.
/// </summary>
public sealed class CloudFormationClient(HttpClient http, Uri endpoint, SigV4Signer signer) : ICloudFormation
{
    private const string Version = "2010-05-15";

    public static Uri EndpointFor(string region) => new($"https://cloudformation.{region}.amazonaws.com/");

    public async Task<StackDescription?> DescribeStackAsync(string stackName, CancellationToken cancellationToken)
    {
        XElement result;
        try
        {
            result = await SendAsync("DescribeStacks", [new("StackName", stackName)], cancellationToken).ConfigureAwait(false);
        }
        catch (CloudFormationException e) when (e.ErrorName == "ValidationError" && e.Detail.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }

        var stack = result.Descendants(Name(result, "Stacks")).Elements(Name(result, "member")).FirstOrDefault();
        if (stack is null)
        {
            return null;
        }

        return new StackDescription(
            Value(stack, "StackId") ?? "",
            Value(stack, "StackStatus") ?? "",
            Value(stack, "StackStatusReason"),
            Pairs(stack, "Parameters", "ParameterKey", "ParameterValue"),
            Pairs(stack, "Outputs", "OutputKey", "OutputValue"));
    }

    public async Task<string> CreateStackAsync(StackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await SendAsync("CreateStack", Form(request), cancellationToken).ConfigureAwait(false);
        return Value(result, "StackId") ?? "";
    }

    public async Task<bool> UpdateStackAsync(StackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await SendAsync("UpdateStack", Form(request), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudFormationException e) when (e.ErrorName == "ValidationError" && e.Detail.Contains("No updates are to be performed", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>The request's form fields, as the query protocol spells lists (<c>Parameters.member.1.ParameterKey</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Form(StackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new List<KeyValuePair<string, string>> { new("StackName", request.StackName) };
        if (request.TemplateUrl is { } url)
        {
            form.Add(new("TemplateURL", url));
        }
        else
        {
            form.Add(new("UsePreviousTemplate", "true"));
        }

        for (var i = 0; i < request.Parameters.Count; i++)
        {
            var prefix = $"Parameters.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}.";
            var parameter = request.Parameters[i];
            form.Add(new(prefix + "ParameterKey", parameter.Key));
            form.Add(parameter.UsePreviousValue ? new(prefix + "UsePreviousValue", "true") : new(prefix + "ParameterValue", parameter.Value ?? ""));
        }

        for (var i = 0; i < request.Capabilities.Count; i++)
        {
            form.Add(new($"Capabilities.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}", request.Capabilities[i]));
        }

        return form;
    }

    private async Task<XElement> SendAsync(string action, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var body = string.Join('&', new[] { new KeyValuePair<string, string>("Action", action), new("Version", Version) }.Concat(fields)
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        await signer.SignAsync(request, cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        XElement? root;
        try
        {
            root = string.IsNullOrWhiteSpace(text) ? null : XElement.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            root = null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            throw new CloudFormationException(
                (error is null ? null : Value(error, "Code")) ?? $"Http{(int)response.StatusCode}",
                (error is null ? null : Value(error, "Message")) ?? response.ReasonPhrase ?? "");
        }

        return root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
            ?? throw new CloudFormationException("InvalidResponse", $"{action} answered without a {action}Result.");
    }

    private static XName Name(XElement context, string localName) => context.Name.Namespace + localName;

    private static string? Value(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static Dictionary<string, string> Pairs(XElement stack, string list, string keyName, string valueName) =>
        (stack.Elements().FirstOrDefault(e => e.Name.LocalName == list)?.Elements() ?? [])
            .Where(m => Value(m, keyName) is not null)
            .GroupBy(m => Value(m, keyName)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Value(g.First(), valueName) ?? "", StringComparer.Ordinal);
}
