// Drives a Step Functions endpoint with the AWS SDK for JavaScript v3, as an application would.
// Env: SFN_ENDPOINT (e.g. http://127.0.0.1:5000), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION.
// Prints one JSON object with what the service answered; exits non-zero on any failure.
import {
  SFNClient, CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand,
  GetExecutionHistoryCommand, ListStateMachinesCommand, DescribeStateMachineCommand, StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";

const client = new SFNClient({ endpoint: process.env.SFN_ENDPOINT, region: process.env.AWS_REGION ?? "us-east-1", maxAttempts: 1 });
const name = process.argv[2] ?? "js-sdk-machine";
const definition = {
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Parameters: { "patient.$": "$.patient", "score.$": "$.score" }, Next: "Hold" },
    Hold: { Type: "Wait", Seconds: 3, Next: "Route" },
    Route: {
      Type: "Choice",
      Choices: [{ Variable: "$.score", NumericGreaterThanEquals: 5, Next: "High" }],
      Default: "Low",
    },
    High: { Type: "Pass", Result: "high", ResultPath: "$.band", End: true },
    Low: { Type: "Pass", Result: "low", ResultPath: "$.band", End: true },
  },
};

const created = await client.send(new CreateStateMachineCommand({
  name, definition: JSON.stringify(definition), roleArn: "arn:aws:iam::123456789012:role/js-sdk",
}));
const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
const started = await client.send(new StartExecutionCommand({
  stateMachineArn: created.stateMachineArn, name: "js-run-1", input: JSON.stringify({ patient: "p-1", score: 7 }),
}));

let execution;
for (let attempt = 0; attempt < 200; attempt++) {
  execution = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
  if (execution.status !== "RUNNING") break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const history = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 100 }));
const listed = await client.send(new ListStateMachinesCommand({}));

// StartSyncExecution carries the "sync-" host prefix on AWS; against a local endpoint the prefix must be disabled.
const syncClient = new SFNClient({
  endpoint: process.env.SFN_ENDPOINT, region: process.env.AWS_REGION ?? "us-east-1", maxAttempts: 1, disableHostPrefix: true,
});
const express = await client.send(new CreateStateMachineCommand({
  name: name + "-express", type: "EXPRESS", definition: JSON.stringify(definition), roleArn: "arn:aws:iam::123456789012:role/js-sdk",
}));
const sync = await syncClient.send(new StartSyncExecutionCommand({
  stateMachineArn: express.stateMachineArn, input: JSON.stringify({ patient: "p-2", score: 1 }),
}));

let missing = null;
try {
  await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn + "-missing" }));
} catch (e) {
  missing = { name: e.name, status: e.$metadata?.httpStatusCode };
}

console.log(JSON.stringify({
  stateMachineArn: created.stateMachineArn,
  creationDateIsDate: created.creationDate instanceof Date,
  machineType: machine.type,
  executionArn: started.executionArn,
  startDateIsDate: started.startDate instanceof Date,
  status: execution.status,
  output: execution.output,
  stopAfterStart: execution.stopDate >= execution.startDate,
  historyTypes: history.events.map((e) => e.type),
  historyTimestampsAreDates: history.events.every((e) => e.timestamp instanceof Date),
  syncStatus: sync.status,
  syncOutput: sync.output,
  listedNames: listed.stateMachines.map((m) => m.name),
  missingError: missing,
}));
