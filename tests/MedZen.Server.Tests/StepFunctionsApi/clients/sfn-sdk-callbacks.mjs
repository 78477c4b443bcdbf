// Drives callbacks, activities and a nested .sync execution with the AWS SDK for JavaScript v3.
// Env: SFN_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION.
// Prints one JSON object with what the service answered; exits non-zero on any failure.
import {
  SFNClient, CreateActivityCommand, CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand,
  GetActivityTaskCommand, SendTaskSuccessCommand, SendTaskHeartbeatCommand, ListActivitiesCommand,
} from "@aws-sdk/client-sfn";

const client = new SFNClient({ endpoint: process.env.SFN_ENDPOINT, region: process.env.AWS_REGION ?? "us-east-1", maxAttempts: 1 });

async function finished(executionArn) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== "RUNNING") return execution;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`execution still running: ${executionArn}`);
}

// 1. An activity: the worker polls, heartbeats and answers.
const activity = await client.send(new CreateActivityCommand({ name: "js-review" }));
const reviewMachine = await client.send(new CreateStateMachineCommand({
  name: "js-activity-machine", roleArn: "arn:aws:iam::123456789012:role/js-sdk",
  definition: JSON.stringify({ StartAt: "Review", States: { Review: { Type: "Task", Resource: activity.activityArn, End: true } } }),
}));
const reviewRun = await client.send(new StartExecutionCommand({ stateMachineArn: reviewMachine.stateMachineArn, input: JSON.stringify({ note: "n-7" }) }));
const task = await client.send(new GetActivityTaskCommand({ activityArn: activity.activityArn, workerName: "js-worker" }));
await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ reviewed: JSON.parse(task.input).note }) }));
const reviewed = await finished(reviewRun.executionArn);
const activities = await client.send(new ListActivitiesCommand({}));

// 2. A nested .sync execution: the parent waits for the child and gets its description.
const child = await client.send(new CreateStateMachineCommand({
  name: "js-child", roleArn: "arn:aws:iam::123456789012:role/js-sdk",
  definition: JSON.stringify({ StartAt: "Double", States: { Double: { Type: "Pass", Parameters: { "doubled.$": "States.MathAdd($.n, $.n)" }, End: true } } }),
}));
const parent = await client.send(new CreateStateMachineCommand({
  name: "js-parent", roleArn: "arn:aws:iam::123456789012:role/js-sdk",
  definition: JSON.stringify({
    StartAt: "Nested",
    States: {
      Nested: {
        Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2",
        Parameters: { StateMachineArn: child.stateMachineArn, Input: { "n.$": "$.n", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } },
        OutputPath: "$.Output", End: true,
      },
    },
  }),
}));
const parentRun = await client.send(new StartExecutionCommand({ stateMachineArn: parent.stateMachineArn, input: JSON.stringify({ n: 21 }) }));
const nested = await finished(parentRun.executionArn);

console.log(JSON.stringify({
  activityArn: activity.activityArn,
  listedActivities: activities.activities.map((a) => a.name),
  taskInput: task.input,
  reviewedStatus: reviewed.status,
  reviewedOutput: reviewed.output,
  nestedStatus: nested.status,
  nestedOutput: nested.output,
}));
