namespace MedZen.Server.Tests.Commands;

public sealed class StatesBenchCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Exit, string Output)> BenchAsync(params string[] options)
    {
        var file = Path.Combine(_directory, "definition.json");
        await File.WriteAllTextAsync(file, """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""", TestContext.Current.CancellationToken);
        return await StatesCli.InvokeAsync(["bench", "--definition", file, "--in-memory", .. options]);
    }

    [Fact]
    public async Task Runs_with_an_explicit_warm_up_or_none()
    {
        Assert.Equal(0, (await BenchAsync("--executions", "4", "--warmup", "3")).Exit);
        Assert.Equal(0, (await BenchAsync("--executions", "4", "--warmup", "0")).Exit);
    }

    [Fact]
    public async Task A_negative_warm_up_is_refused_with_a_clear_error()
    {
        var (exit, output) = await BenchAsync("--executions", "4", "--warmup", "-1");
        Assert.NotEqual(0, exit);
        Assert.Contains("--warmup must be 0 or more.", output, StringComparison.Ordinal);
    }
}
