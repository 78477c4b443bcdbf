using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.States.Conformance;
using MedZen.States.Definition;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.Server.Commands;

/// <summary><c>medzen states …</c>: conformance, validate, run and bench for the embedded ASL engine.</summary>
internal static class StatesCommands
{
    public static Command Create()
    {
        var states = new Command("states", "The embedded Amazon States Language engine.");
        states.Subcommands.Add(Conformance());
        states.Subcommands.Add(Validate());
        states.Subcommands.Add(Run());
        states.Subcommands.Add(Bench());
        return states;
    }

    private static Command Conformance()
    {
        var cases = new Option<FileInfo>("--cases") { Description = "A cases.jsonl file", Required = true };
        var category = new Option<string?>("--category") { Description = "Only cases of this category" };
        var json = new Option<FileInfo?>("--json") { Description = "Write per-case results as JSON to this file" };
        var command = new Command("conformance", "Run an ASL conformance corpus and compare with the recorded AWS outcomes.") { cases, category, json };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(cases)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"error FileNotFound: {file.FullName} does not exist; check the path.");
                return 2;
            }
            var all = ConformanceCase.Load(file.FullName);
            var only = parse.GetValue(category);
            var selected = only is null ? all : all.Where(c => c.Category == only).ToList();
            var results = await ConformanceRunner.RunAsync(selected, ct: ct);
            foreach (var group in results.GroupBy(r => r.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"{group.Key}: {group.Count(r => r.Passed)} passed, {group.Count(r => !r.Passed)} failed");
            }

            foreach (var failed in results.Where(r => !r.Passed))
            {
                Console.WriteLine($"FAIL {failed.Case.Id}: {failed.Difference}");
            }

            if (parse.GetValue(json) is { } outFile)
            {
                var rows = results.Select(r => new ConformanceResultRow(r.Case.Id, r.Case.Category, r.Passed, r.ActualStatus, r.Difference)).ToList();
                await File.WriteAllTextAsync(outFile.FullName, JsonSerializer.Serialize(rows, StatesCommandsJsonContext.Indented.ListConformanceResultRow), ct);
                await Console.Error.WriteLineAsync($"Results written to {outFile.FullName}");
            }
            var passed = results.Count(r => r.Passed);
            Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
            return passed == results.Count ? 0 : 1;
        });
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An ASL definition" };
        var command = new Command("validate", "Validate an ASL definition; prints every error with its path.") { file };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error FileNotFound: {path.FullName} does not exist; check the path.");
                return 2;
            }
            try
            {
                DefinitionParser.Validate(File.ReadAllText(path.FullName));
                output.WriteLine("valid");
                return 0;
            }
            catch (InvalidDefinitionException e)
            {
                // Every error, one per line: AWS code, JSON path of the field at fault, message.
                foreach (var error in e.Errors)
                {
                    output.WriteLine($"{error.Code} {error.Path}: {error.Message}");
                }

                output.WriteLine($"{e.Errors.Count} error(s)");
                return 1;
            }
        });
        return command;
    }

    private static Command Run()
    {
        var definition = new Option<FileInfo>("--definition") { Required = true, Description = "An ASL definition" };
        var input = new Option<FileInfo?>("--input") { Description = "The execution input (JSON file)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep state in a SQLite database in this folder" };
        var lambdaEndpoints = new Option<string[]>("--lambda-endpoint")
        {
            Description = "[NAME=]URL of an endpoint speaking the Lambda Invoke API for function NAME (no NAME: every function); repeatable",
        };
        var command = new Command("run", "Run one execution and print its output, or its error and cause.") { definition, input, data, lambdaEndpoints };
        command.SetAction(async (parse, ct) =>
        {
            var definitionText = await File.ReadAllTextAsync(parse.GetValue(definition)!.FullName, ct);
            var inputText = parse.GetValue(input) is { } i ? await File.ReadAllTextAsync(i.FullName, ct) : "{}";
            // Both are checked before any store is opened, so a bad definition or input leaves no states.db behind.
            try
            {
                _ = System.Text.Json.Nodes.JsonNode.Parse(inputText);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new CliException("InvalidExecutionInput", $"The input is not JSON: {e.Message}", CliExitCodes.Usage);
            }

            await using (var probe = new StatesService(new InMemoryStatesStore()))
            {
                try
                {
                    _ = await probe.CreateStateMachineAsync("cli-run-check", definitionText, ct: ct);
                }
                catch (StatesApiException e)
                {
                    throw new CliException(e.ErrorName, e.Message, CliExitCodes.Usage);
                }
            }

            IStatesStore store = parse.GetValue(data) is { } dir
                ? await SqliteStatesStore.OpenAsync(StatesDatabase(dir), ct)
                : new InMemoryStatesStore();
            await using (store)
            {
                await using var service = new StatesService(store);
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(15) };
                if (parse.GetValue(lambdaEndpoints) is { Length: > 0 } endpoints)
                {
                    new MedZen.States.Integrations.Lambda.LambdaEndpoints(MedZen.States.Integrations.Lambda.LambdaEndpoints.Parse(endpoints), http).Install(service.Tasks);
                }

                using var httpTaskClient = new HttpClient { Timeout = MedZen.States.Integrations.Http.HttpInvokeTask.CallTimeout };
                new MedZen.States.Integrations.Http.HttpInvokeTask(httpTaskClient).Install(service.Tasks);

                await service.StartAsync(ct);
                string arn;
                try
                {
                    arn = await service.CreateStateMachineAsync("cli-run-" + Hash(definitionText), definitionText, ct: ct);
                }
                catch (StatesApiException e)
                {
                    Console.Error.WriteLine($"error {e.ErrorName}: {e.Message}");
                    return 2;
                }
                var started = await service.StartExecutionAsync(arn, input: inputText, ct: ct);
                var final = await service.WaitForCompletionAsync(started.ExecutionArn, ct);
                if (final.Status == ExecutionStatus.Succeeded)
                {
                    Console.WriteLine(final.Output);
                    return 0;
                }
                Console.WriteLine($"{final.Status.ToAws()} {final.Error}: {final.Cause}");
                return 1;
            }
        });
        return command;
    }

    private static void AtLeastOne(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1)
        {
            result.AddError($"{name} must be at least 1");
        }
    }

    private static Command Bench()
    {
        var definition = new Option<FileInfo>("--definition") { Required = true };
        var input = new Option<FileInfo?>("--input");
        var executions = new Option<int>("--executions") { Required = true };
        executions.Validators.Add(result => AtLeastOne(result, "--executions"));
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 64, Description = "Executions in flight at once (default 64)" };
        concurrency.Validators.Add(result => AtLeastOne(result, "--concurrency"));
        var warmup = new Option<int?>("--warmup")
        {
            Description = "Executions run first and not timed, so the figure is the steady rate rather than JIT compilation (default: a fifth of --executions)",
        };
        warmup.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--warmup must be 0 or more.");
            }
        });
        var inMemory = new Option<bool>("--in-memory");
        var command = new Command("bench", "Measure executions per second (durable SQLite in a temp folder unless --in-memory).")
            { definition, input, executions, concurrency, warmup, inMemory };
        command.SetAction(async (parse, ct) =>
        {
            var definitionText = await File.ReadAllTextAsync(parse.GetValue(definition)!.FullName, ct);
            var inputText = parse.GetValue(input) is { } i ? await File.ReadAllTextAsync(i.FullName, ct) : "{}";
            var count = parse.GetValue(executions);
            var tempDir = Directory.CreateTempSubdirectory("medzen-bench-");
            IStatesStore store = parse.GetValue(inMemory)
                ? new InMemoryStatesStore()
                : await SqliteStatesStore.OpenAsync(Path.Combine(tempDir.FullName, "states.db"), ct);
            try
            {
                await using (store)
                {
                    var clients = parse.GetValue(concurrency);
                    // --concurrency executions in flight: none may wait for admission behind the default bound.
                    var options = new StatesEngineOptions { MaxConcurrentExecutions = clients };
                    options.MaxOpenExecutions = Math.Max(clients, options.MaxOpenExecutions);
                    await using var service = new StatesService(store, options: options);
                    var arn = await service.CreateStateMachineAsync("bench", definitionText, ct: ct);
                    // A pool of C clients, each starting an execution and waiting for it before the next (like bench/peer/run.mjs).
                    async Task<ExecutionRecord[]> RunAsync(string prefix, int total)
                    {
                        var finals = new ExecutionRecord[total];
                        var next = -1;
                        var finished = 0;
                        using var progress = new ProgressLine($"bench {prefix.TrimEnd('-')}", total);
                        async Task ClientAsync()
                        {
                            int n;
                            while ((n = Interlocked.Increment(ref next)) < total)
                            {
                                var started = await service.StartExecutionAsync(arn, prefix + n.ToString(CultureInfo.InvariantCulture), inputText, ct);
                                finals[n] = await service.WaitForCompletionAsync(started.ExecutionArn, ct);
                                progress.Report(Interlocked.Increment(ref finished));
                            }
                        }
                        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, total)).Select(_ => Task.Run(ClientAsync, ct)));
                        return finals;
                    }

                    await RunAsync("warmup-", parse.GetValue(warmup) ?? count / 5);
                    var allocatedBefore = GC.GetTotalAllocatedBytes();
                    var gcBefore = GC.CollectionCount(0);
                    var clock = Stopwatch.StartNew();
                    var finals = await RunAsync("bench-", count);
                    var seconds = clock.Elapsed.TotalSeconds;
                    Console.WriteLine(
                        $"allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / count / 1024.0:F1} KiB per execution, {GC.CollectionCount(0) - gcBefore} gen-0 collections");
                    var failed = finals.Count(f => f.Status != ExecutionStatus.Succeeded);
                    if (failed > 0)
                    {
                        Console.WriteLine($"{failed} executions did not succeed");
                    }

                    var result = new BenchSummary(count, Math.Round(seconds, 3), Math.Round(count / seconds, 1));
                    Console.WriteLine(JsonSerializer.Serialize(result, StatesCommandsJsonContext.Default.BenchSummary));
                    return failed == 0 ? 0 : 1;
                }
            }
            finally
            {
                try
                {
                    tempDir.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
        });
        return command;
    }

    private static string StatesDatabase(DirectoryInfo folder)
    {
        var path = Path.Combine(Directory.CreateDirectory(folder.FullName).FullName, "states.db");
        Console.Error.WriteLine($"State is kept in {path}");
        return path;
    }

    private static string Hash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
}

/// <summary>One line of <c>states conformance --json</c>.</summary>
internal sealed record ConformanceResultRow(string Id, string Category, bool Passed, string? Status, string? Difference);

/// <summary>The last line of <c>states bench</c>.</summary>
internal sealed record BenchSummary(int Executions, double Seconds, double PerSecond);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ConformanceResultRow>))]
[JsonSerializable(typeof(BenchSummary))]
internal sealed partial class StatesCommandsJsonContext : JsonSerializerContext
{
    /// <summary>The results file is for people too: indented.</summary>
    public static StatesCommandsJsonContext Indented { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true });
}
