// Runs the SOAP-note workflow on `medzen serve` through its Step Functions API with the AWS SDK for JavaScript v3,
// as a CI pipeline or the seed's edge function would. Args: sessionId appointmentId providerId.
// Env: SFN_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION. Prints one JSON object.
import { SFNClient, ListStateMachinesCommand, StartExecutionCommand, DescribeExecutionCommand } from "@aws-sdk/client-sfn";

const [sessionId, appointmentId, providerId] = process.argv.slice(2);
const client = new SFNClient({ endpoint: process.env.SFN_ENDPOINT, region: process.env.AWS_REGION ?? "us-east-1", maxAttempts: 1 });
const machines = await client.send(new ListStateMachinesCommand({}));
const soapNote = machines.stateMachines.find((m) => m.name === "soap-note");
if (!soapNote) throw new Error("soap-note is not listed");
const started = await client.send(new StartExecutionCommand({
  stateMachineArn: soapNote.stateMachineArn,
  name: `sdk-${sessionId}`,
  input: JSON.stringify({ sessionId, appointmentId, providerId, transcriptionEnabled: true }),
}));
let execution;
for (let attempt = 0; attempt < 600; attempt++) {
  execution = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
  if (execution.status !== "RUNNING") break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(JSON.stringify({ machines: machines.stateMachines.map((m) => m.name), executionArn: started.executionArn, status: execution.status, error: execution.error ?? null }));
