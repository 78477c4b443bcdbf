// Runs N executions of a definition on aws-local-stepfunctions (the peer) and prints, as its last line,
// {"executions":N,"seconds":S,"perSecond":X} — the same line as `medzen states bench`.
// Usage: node bench/peer/run.mjs --definition FILE --input FILE --executions N [--concurrency C] [--warmup W]
// As `medzen states bench`, W executions (default N/5) run first and are not timed, so both report their steady rate.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
if (!args.definition || !args.executions) {
  console.error('usage: run.mjs --definition FILE [--input FILE] --executions N [--concurrency C]');
  process.exit(2);
}
const definition = JSON.parse(readFileSync(args.definition, 'utf8'));
const input = args.input ? JSON.parse(readFileSync(args.input, 'utf8')) : {};
const count = Number(args.executions);
const concurrency = Number(args.concurrency ?? 64);
const warmup = Number(args.warmup ?? Math.floor(count / 5));

const machine = new StateMachine(definition);
let next = 0;
let failed = 0;
async function worker(prefix, total) {
  while (next < total) {
    const n = next++;
    const name = `${prefix}-${n}`;
    try {
      // Each execution gets its own copy of the input, as a service would after parsing a request, and a context
      // object like the engine's (the peer's default lacks Execution.Name).
      const executionInput = structuredClone(input);
      const context = {
        Execution: { Id: `arn:aws:states:us-east-1:123456789012:execution:bench:${name}`, Input: executionInput, Name: name,
          StartTime: new Date().toISOString(), RoleArn: 'arn:aws:iam::123456789012:role/medzen-states' },
        StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench', Name: 'bench' },
      };
      await machine.run(executionInput, { context }).result;
    } catch {
      failed++;
    }
  }
}
async function run(prefix, total) {
  next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => worker(prefix, total)));
}
await run('warmup', warmup);
failed = 0;
const start = process.hrtime.bigint();
await run('bench', count);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (failed > 0) console.log(`${failed} executions did not succeed`);
console.log(JSON.stringify({ executions: count, seconds: Math.round(seconds * 1000) / 1000, perSecond: Math.round(count / seconds * 10) / 10 }));
process.exit(failed === 0 ? 0 : 1);
