using System.Text.Json.Nodes;

namespace MedZen.Aws.Deployment;

/// <summary>CloudWatch alarms on the workflow and its queues, all notifying the alert topic.</summary>
internal static class AlarmResources
{
    public static void AddTo(JsonObject resources)
    {
        var stateMachine = new JsonObject { ["Name"] = "StateMachineArn", ["Value"] = Cfn.Ref(LogicalIds.StateMachine) };
        // The seed's alarm: Sum of ExecutionsFailed over 300 s, at least 1.
        resources["ExecutionsFailedAlarm"] = Alarm("Alert on SOAP workflow failures.", "AWS/States", "ExecutionsFailed", "Sum", stateMachine, 1);
        resources["ExecutionThrottledAlarm"] = Alarm("SOAP workflow executions are being throttled.", "AWS/States", "ExecutionThrottled", "Sum", stateMachine.DeepClone(), 1);
        resources["RetryQueueDepthAlarm"] = Alarm(
            "Visits are piling up on the SOAP retry queue (model outage or budget).", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
            new JsonObject { ["Name"] = "QueueName", ["Value"] = Cfn.GetAtt(LogicalIds.RetryQueue, "QueueName") },
            Cfn.Ref(ParameterNames.RetryQueueDepthThreshold));
        resources["DeadLetterQueueNotEmptyAlarm"] = Alarm(
            "A visit exhausted its retries and sits on the dead-letter queue: its note needs a person.", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
            new JsonObject { ["Name"] = "QueueName", ["Value"] = Cfn.GetAtt(LogicalIds.DeadLetterQueue, "QueueName") },
            1);
    }

    private static JsonObject Alarm(string description, string metricNamespace, string metric, string statistic, JsonNode dimension, JsonNode threshold) => new()
    {
        ["Type"] = "AWS::CloudWatch::Alarm",
        ["Properties"] = new JsonObject
        {
            ["AlarmDescription"] = description,
            ["Namespace"] = metricNamespace,
            ["MetricName"] = metric,
            ["Dimensions"] = new JsonArray(dimension),
            ["Statistic"] = statistic,
            ["Period"] = 300,
            ["EvaluationPeriods"] = 1,
            ["Threshold"] = threshold,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["TreatMissingData"] = "notBreaching",
            ["AlarmActions"] = new JsonArray(Cfn.Ref(LogicalIds.AlertTopic)),
            ["OKActions"] = new JsonArray(Cfn.Ref(LogicalIds.AlertTopic)),
        },
    };
}
