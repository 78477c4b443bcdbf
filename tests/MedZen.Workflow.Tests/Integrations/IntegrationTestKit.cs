using System.Text.Json.Nodes;
using MedZen.States.Integrations;

namespace MedZen.Workflow.Tests.Integrations;

internal static class IntegrationTestKit
{
    public static TaskInvocation Invocation(string resource, string parametersJson, string state = "Task", int attempt = 0) =>
        new(resource, JsonNode.Parse(parametersJson), new JsonObject(), $"exec-1/{state}/1/{attempt}",
            "arn:aws:states:us-east-1:123456789012:execution:soap-note:exec-1", state, attempt);
}
