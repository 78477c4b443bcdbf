using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using MedZen.Errors;

namespace MedZen.States.Mocking;

/// <summary>The mock configuration file is malformed; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class MockConfigException(IReadOnlyList<string> problems)
    : NamedErrorException("InvalidMockConfiguration", "Invalid mock configuration: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>One attempt's mocked outcome: a <c>Return</c> value, or a <c>Throw</c> with Error and optional Cause.</summary>
public sealed record MockedOutcome(JsonNode? Return, string? Error, string? Cause)
{
    public bool Throws => Error is not null;
}

/// <summary>A named mocked response: outcomes keyed by attempt ranges (<c>"0"</c>, <c>"1-2"</c>).</summary>
public sealed class MockedResponse(string name, IReadOnlyList<(int First, int Last, MockedOutcome Outcome)> attempts)
{
    public string Name { get; } = name;

    public IReadOnlyList<(int First, int Last, MockedOutcome Outcome)> Attempts { get; } = attempts;

    /// <summary>The outcome for a 0-based attempt, or null when the response does not cover it.</summary>
    public MockedOutcome? For(int attempt) =>
        Attempts.Where(a => attempt >= a.First && attempt <= a.Last).Select(a => a.Outcome).FirstOrDefault();
}

/// <summary>
/// Step Functions Local's mock configuration (<c>MockConfigFile.json</c>):
/// <c>StateMachines.&lt;machine&gt;.TestCases.&lt;case&gt;.&lt;state&gt; = &lt;response name&gt;</c> and
/// <c>MockedResponses.&lt;name&gt;.&lt;attempts&gt; = {"Return": …} | {"Throw": {"Error", "Cause"}}</c>.
/// </summary>
public sealed class MockConfig
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _machines;

    private MockConfig(Dictionary<string, Dictionary<string, Dictionary<string, string>>> machines, Dictionary<string, MockedResponse> responses)
    {
        _machines = machines;
        Responses = responses;
    }

    public IReadOnlyDictionary<string, MockedResponse> Responses { get; }

    public bool HasTestCase(string stateMachineName, string testCase) =>
        _machines.TryGetValue(stateMachineName, out var cases) && cases.ContainsKey(testCase);

    /// <summary>The response the test case assigns to a state, or null when the state is not mocked in it.</summary>
    public MockedResponse? ResponseFor(string stateMachineName, string testCase, string stateName) =>
        _machines.TryGetValue(stateMachineName, out var cases) && cases.TryGetValue(testCase, out var states) && states.TryGetValue(stateName, out var response)
            ? Responses[response]
            : null;

    public static MockConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new MockConfigException([$"file not found: {path}"]);
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses and checks the whole file, collecting every problem before failing.</summary>
    public static MockConfig Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new MockConfigException(["$: must be a JSON object"]);
        }
        catch (JsonException e)
        {
            throw new MockConfigException([$"$: not valid JSON ({e.Message})"]);
        }
        var problems = new List<string>();
        var responses = ParseResponses(root["MockedResponses"], problems);
        var machines = ParseMachines(root["StateMachines"], responses, problems);
        if (problems.Count > 0)
        {
            throw new MockConfigException(problems);
        }

        return new MockConfig(machines, responses);
    }

    private static Dictionary<string, MockedResponse> ParseResponses(JsonNode? node, List<string> problems)
    {
        var result = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject responses)
        {
            problems.Add("$.MockedResponses: must be an object");
            return result;
        }
        foreach (var (name, value) in responses)
        {
            var path = $"$.MockedResponses.{name}";
            if (value is not JsonObject byAttempt || byAttempt.Count == 0)
            {
                problems.Add($"{path}: must be an object of attempt ranges");
                continue;
            }
            var attempts = new List<(int, int, MockedOutcome)>();
            foreach (var (range, outcomeNode) in byAttempt)
            {
                if (!TryParseRange(range, out var first, out var last))
                {
                    problems.Add($"{path}.{range}: an attempt key must be a number (\"0\") or a range (\"1-2\")");
                    continue;
                }
                if (attempts.Any(a => first <= a.Item2 && a.Item1 <= last))
                {
                    problems.Add($"{path}.{range}: overlaps another attempt range");
                }

                if (ParseOutcome(outcomeNode, $"{path}.{range}", problems) is { } outcome)
                {
                    attempts.Add((first, last, outcome));
                }
            }
            result[name] = new MockedResponse(name, attempts);
        }
        return result;
    }

    private static MockedOutcome? ParseOutcome(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject o || o.Count != 1 || !(o.ContainsKey("Return") || o.ContainsKey("Throw")))
        {
            problems.Add($"{path}: must be {{\"Return\": …}} or {{\"Throw\": {{\"Error\": …, \"Cause\": …}}}}");
            return null;
        }
        if (o.TryGetPropertyValue("Return", out var value))
        {
            return new MockedOutcome(value?.DeepClone(), null, null);
        }

        if (o["Throw"] is not JsonObject t || t["Error"] is not JsonValue error || !error.TryGetValue<string>(out var errorName) || errorName.Length == 0)
        {
            problems.Add($"{path}.Throw: must be an object with a non-empty string Error");
            return null;
        }
        string? cause = null;
        if (t["Cause"] is { } c && !(c is JsonValue cv && cv.TryGetValue(out cause)))
        {
            problems.Add($"{path}.Throw.Cause: must be a string");
        }

        return new MockedOutcome(null, errorName, cause);
    }

    private static Dictionary<string, Dictionary<string, Dictionary<string, string>>> ParseMachines(
        JsonNode? node, Dictionary<string, MockedResponse> responses, List<string> problems)
    {
        var result = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject machines)
        {
            problems.Add("$.StateMachines: must be an object");
            return result;
        }
        foreach (var (machine, machineNode) in machines)
        {
            var path = $"$.StateMachines.{machine}";
            if (machineNode?["TestCases"] is not JsonObject cases)
            {
                problems.Add($"{path}.TestCases: must be an object");
                continue;
            }
            var parsedCases = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var (testCase, caseNode) in cases)
            {
                if (caseNode is not JsonObject states)
                {
                    problems.Add($"{path}.TestCases.{testCase}: must be an object of state name → mocked response name");
                    continue;
                }
                var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (state, responseNode) in states)
                {
                    if (responseNode is not JsonValue v || !v.TryGetValue<string>(out var response))
                    {
                        problems.Add($"{path}.TestCases.{testCase}.{state}: must be the name of a mocked response");
                    }
                    else if (!responses.ContainsKey(response))
                    {
                        problems.Add($"{path}.TestCases.{testCase}.{state}: no mocked response named '{response}'");
                    }
                    else
                    {
                        mapped[state] = response;
                    }
                }
                parsedCases[testCase] = mapped;
            }
            result[machine] = parsedCases;
        }
        return result;
    }

    private static bool TryParseRange(string key, out int first, out int last)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        var style = NumberStyles.None;
        if (dash < 0)
        {
            var ok = int.TryParse(key, style, CultureInfo.InvariantCulture, out first);
            last = first;
            return ok;
        }
        last = 0;
        return int.TryParse(key[..dash], style, CultureInfo.InvariantCulture, out first)
            && int.TryParse(key[(dash + 1)..], style, CultureInfo.InvariantCulture, out last)
            && first <= last;
    }
}
