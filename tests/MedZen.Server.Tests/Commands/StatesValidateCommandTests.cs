namespace MedZen.Server.Tests.Commands;

public sealed class StatesValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Exit, string[] Lines)> ValidateAsync(string definition)
    {
        var file = Path.Combine(_directory, "definition.json");
        await File.WriteAllTextAsync(file, definition, TestContext.Current.CancellationToken);
        var (exit, output) = await StatesCli.InvokeAsync("validate", file);
        return (exit, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Lists_every_error_with_its_AWS_code_and_JSON_path()
    {
        var (exit, lines) = await ValidateAsync("""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"Nowhere"},
              "B":{"Type":"Pass","End":true},
              "C":{"Type":"Wait","End":true},
              "D":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}}}
            """);
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith("MISSING_TRANSITION_TARGET /States/A/Next:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("UNREACHABLE_STATE /States/B:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SCHEMA_VALIDATION_FAILED /States/C", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SCHEMA_VALIDATION_FAILED /States/D/Retry[0]/ErrorEquals:", StringComparison.Ordinal));
        Assert.True(lines.Length >= 5, string.Join("\n", lines));
        Assert.Equal($"{lines.Length - 1} error(s)", lines[^1]);
    }

    [Fact]
    public async Task Valid_definition_says_valid()
    {
        var (exit, lines) = await ValidateAsync("""{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""");
        Assert.Equal(0, exit);
        Assert.Equal(["valid"], lines);
    }
}
