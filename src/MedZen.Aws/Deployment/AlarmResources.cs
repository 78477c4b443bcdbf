using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>CloudWatch alarms on the workflow and its queues, all notifying the alert topic.</summary>
internal static class AlarmResources
{
    public static void AddTo(OrderedDictionary<string, Resource> resources)
    {
        var stateMachine = new AlarmDimension("StateMachineArn", Cfn.Ref(LogicalIds.StateMachine));
        // The seed's alarm: Sum of ExecutionsFailed over 300 s, at least 1.
        resources.Add("ExecutionsFailedAlarm", Alarm("Alert on SOAP workflow failures.", "AWS/States", "ExecutionsFailed", "Sum", stateMachine, 1));
        resources.Add("ExecutionThrottledAlarm", Alarm("SOAP workflow executions are being throttled.", "AWS/States", "ExecutionThrottled", "Sum", stateMachine, 1));
        resources.Add("RetryQueueDepthAlarm", Alarm(
            "Visits are piling up on the SOAP retry queue (model outage or budget).", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
            new AlarmDimension("QueueName", Cfn.GetAtt(LogicalIds.RetryQueue, "QueueName")),
            Cfn.Ref(ParameterNames.RetryQueueDepthThreshold)));
        resources.Add("DeadLetterQueueNotEmptyAlarm", Alarm(
            "A visit exhausted its retries and sits on the dead-letter queue: its note needs a person.", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
            new AlarmDimension("QueueName", Cfn.GetAtt(LogicalIds.DeadLetterQueue, "QueueName")),
            1));
    }

    private static Resource Alarm(string description, string metricNamespace, string metric, string statistic, AlarmDimension dimension, CfnValue threshold) =>
        new(new CloudWatchAlarm
        {
            AlarmDescription = description,
            Namespace = metricNamespace,
            MetricName = metric,
            Dimensions = [dimension],
            Statistic = statistic,
            Period = 300,
            EvaluationPeriods = 1,
            Threshold = threshold,
            ComparisonOperator = "GreaterThanOrEqualToThreshold",
            TreatMissingData = "notBreaching",
            AlarmActions = [Cfn.Ref(LogicalIds.AlertTopic)],
            OKActions = [Cfn.Ref(LogicalIds.AlertTopic)],
        });
}
