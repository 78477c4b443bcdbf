// Writes the engine benchmark definitions and inputs next to this script: node bench/engine/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const write = (name, value) => writeFileSync(join(here, name), JSON.stringify(value, null, 2) + '\n');

// 1. A chain of 100 Pass states, each adding a field through Parameters/ResultPath.
const chain = { Comment: '100 Pass states in a row', StartAt: 'Pass000', States: {} };
for (let i = 0; i < 100; i++) {
  const name = `Pass${String(i).padStart(3, '0')}`;
  const state = { Type: 'Pass', Parameters: { 'step': i, 'id.$': '$.id' }, ResultPath: '$.last' };
  if (i < 99) state.Next = `Pass${String(i + 1).padStart(3, '0')}`; else state.End = true;
  chain.States[name] = state;
}
write('pass-chain-100.asl.json', chain);
write('pass-chain-100.input.json', { id: 'visit-1', counter: 0 });

// 1b. Variants of the chain that split the cost of a state (docs/benchmarks.md, "Where the time goes now").
const variant = (name, make) => {
  const d = { Comment: `100 Pass states: ${name}`, StartAt: 'P000', States: {} };
  for (let i = 0; i < 100; i++) {
    const state = make(i);
    if (i < 99) state.Next = `P${String(i + 1).padStart(3, '0')}`; else state.End = true;
    d.States[`P${String(i).padStart(3, '0')}`] = state;
  }
  write(`chain-${name}.asl.json`, d);
};
variant('plain', () => ({ Type: 'Pass' }));
variant('parameters', (i) => ({ Type: 'Pass', Parameters: { step: i, 'id.$': '$.id' } }));
variant('resultpath', (i) => ({ Type: 'Pass', Result: { step: i }, ResultPath: '$.last' }));

// 2. An inline Map over 1,000 items with one Pass state per item.
write('map-1000.asl.json', {
  Comment: 'Map over 1,000 items',
  StartAt: 'EachItem',
  States: {
    EachItem: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Double',
        States: { Double: { Type: 'Pass', Parameters: { 'value.$': '$.value', 'seen': true }, End: true } },
      },
      ResultPath: '$.results',
      End: true,
    },
  },
});
write('map-1000.input.json', { items: Array.from({ length: 1000 }, (_, i) => ({ value: i })) });

// 3. The SOAP-note workflow's shape (src/MedZen.Workflow/soap-note.asl.json): the same states, Choices and paths,
//    with Pass states standing in for its Tasks (Parameters build the task's result; Retry/Catch dropped).
const task = (parameters, resultPath, next) => ({ Type: 'Pass', Parameters: parameters, ResultPath: resultPath, Next: next });
write('soap-shaped.asl.json', {
  Comment: 'SOAP-note workflow shape with Pass states in place of Tasks',
  QueryLanguage: 'JSONPath',
  StartAt: 'ValidateInput',
  States: {
    ValidateInput: task({ Item: { 'sessionId': { 'S.$': '$.sessionId' }, transcriptionEnabled: { BOOL: true } } }, '$.session', 'CheckSession'),
    CheckSession: {
      Type: 'Choice',
      Choices: [
        { Not: { Variable: '$.session.Item', IsPresent: true }, Next: 'SessionNotFound' },
        {
          Or: [
            { And: [{ Variable: '$.transcriptionEnabled', IsPresent: true }, { Variable: '$.transcriptionEnabled', BooleanEquals: false }] },
            { And: [{ Variable: '$.session.Item.transcriptionEnabled.BOOL', IsPresent: true }, { Variable: '$.session.Item.transcriptionEnabled.BOOL', BooleanEquals: false }] },
          ],
          Next: 'TranscriptionDisabled',
        },
      ],
      Default: 'FetchTranscript',
    },
    SessionNotFound: { Type: 'Fail', Error: 'SessionNotFound', Cause: 'The video-call session does not exist in the sessions table.' },
    TranscriptionDisabled: { Type: 'Succeed' },
    FetchTranscript: task({ 'transcriptId.$': '$.sessionId', language: 'en-US', segmentCount: 2,
      segments: [{ id: 1, speaker: 'clinician', text: 'seg-1', start: 0, end: 1.5 }, { id: 2, speaker: 'patient', text: 'seg-2', start: 1.5, end: 3 }] },
      '$.transcript', 'EnrichMetadata'),
    EnrichMetadata: task({ overBudget: false, budgetDay: '2026-11-25', 'retryAt': null, delaySeconds: 0, estimatedCostUsd: 0.01,
      visit: { 'appointmentId.$': '$.appointmentId', 'providerId.$': '$.providerId' },
      modelRequest: { max_tokens: 4000, 'messages.$': '$.transcript.segments' } }, '$.enrichment', 'CheckBudget'),
    CheckBudget: { Type: 'Choice', Choices: [{ Variable: '$.enrichment.overBudget', BooleanEquals: true, Next: 'ParkOverBudget' }], Default: 'GenerateSoapNote' },
    ParkOverBudget: task({ 'messageId.$': '$$.Execution.Name', reason: 'OverBudget' }, '$.parked', 'MarkSessionParked'),
    GenerateSoapNote: task({ 'body.$': '$.enrichment.modelRequest' }, '$.model', 'ParseModelResponse'),
    MarkSessionParked: { Type: 'Pass', Parameters: { 'sessionId.$': '$.sessionId', 'now.$': '$$.Execution.StartTime' }, ResultPath: null, Next: 'Parked' },
    Parked: { Type: 'Succeed' },
    ParseModelResponse: task({ 'soapNoteId.$': '$.sessionId', soapNote: { subjective: ['s'], objective: ['o'], assessment: ['a'], plan: ['p'] },
      statementCount: 4, unsupportedCount: 0, costUsd: 0.01, modelId: 'model' }, '$.note', 'SaveNote'),
    SaveNote: { Type: 'Pass', Parameters: { 'note.$': 'States.JsonToString($.note.soapNote)', 'executionName.$': '$$.Execution.Name', 'createdAt.$': '$$.Execution.StartTime' },
      ResultPath: null, Next: 'UpdateClinicalRecord' },
    UpdateClinicalRecord: task({ 'clinicalNoteId.$': '$.note.soapNoteId', version: 1 }, '$.clinicalRecord', 'UpdateSessionStatus'),
    UpdateSessionStatus: { Type: 'Pass', Parameters: { 'noteId.$': '$.note.soapNoteId', 'now.$': '$$.Execution.StartTime' }, ResultPath: null, Next: 'CheckNotification' },
    CheckNotification: {
      Type: 'Choice',
      Choices: [
        { And: [{ Variable: '$.note.unsupportedCount', NumericGreaterThan: 0 }, { Variable: '$.note.statementCount', NumericLessThan: 1 }], Next: 'RecordNotificationFailure' },
        { Variable: '$.clinicalRecord.version', NumericEquals: 1, Next: 'SendNotification' },
      ],
      Default: 'SendNotification',
    },
    SendNotification: task({ channel: 'email', status: 'sent', 'soapNoteId.$': '$.note.soapNoteId' }, '$.notification', 'NoteReady'),
    RecordNotificationFailure: { Type: 'Pass', Parameters: { channel: 'none', status: 'failed' }, ResultPath: '$.notification', Next: 'NoteReady' },
    NoteReady: { Type: 'Succeed' },
  },
});
write('soap-shaped.input.json', { sessionId: 'session-1', appointmentId: 'appointment-1', providerId: 'provider-1', transcriptionEnabled: true });
