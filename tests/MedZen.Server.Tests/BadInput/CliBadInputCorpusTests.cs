using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Server.Commands;
using Microsoft.Data.Sqlite;

namespace MedZen.Server.Tests.BadInput;

/// <summary>
/// Every case of <c>cli-bad-input.jsonl</c> (unknown commands and options, missing, empty, binary, truncated and huge
/// input files, folders where files belong, unknown ids, hostile ids, out-of-range numbers, commands that need a server)
/// ends with exactly one line <c>error Name: …</c> on stderr and exit code 2 (usage, input) or 1 (failure), and writes
/// nothing: the data folder's databases and files are as they were, no folder is created, no output file appears.
/// </summary>
public sealed partial class CliBadInputCorpusTests(CliBadInputCorpusTests.DataFolder fixture) : IClassFixture<CliBadInputCorpusTests.DataFolder>
{
    private static readonly string CorpusFile = Path.Combine(AppContext.BaseDirectory, "BadInput", "cli-bad-input.jsonl");

    public static TheoryData<string> Cases() => new(Corpus().Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_command_line_gets_one_named_error_line_and_writes_nothing(string name)
    {
        var entry = Corpus()[name];
        var work = Directory.CreateTempSubdirectory("medzen-cli-corpus-").FullName;
        try
        {
            var dir = Directory.CreateDirectory(Path.Combine(work, "empty")).FullName;
            var noData = Path.Combine(work, "no-such-folder");
            var files = new Dictionary<string, string>();
            foreach (var (file, content) in entry["files"]?.AsObject() ?? [])
            {
                var path = Path.Combine(work, "in-" + file);
                await File.WriteAllTextAsync(path, content is JsonObject repeat
                    ? new StringBuilder().Insert(0, repeat["repeat"]!.GetValue<string>(), repeat["times"]!.GetValue<int>()).ToString()
                    : content!.GetValue<string>(), TestContext.Current.CancellationToken);
                files[file] = path;
            }

            var args = entry["args"]!.AsArray().Select(a => Fill(a!.GetValue<string>(), fixture.Folder, dir, noData, files)).ToArray();
            var before = Snapshot(fixture.Folder);
            var inputsBefore = Snapshot(work);

            // As a user runs it: its own process, so whatever any command writes to the console is seen.
            var (exit, output, errors) = await Cli.MedZenProcess.RunAsync(work, null, args);

            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines);
            var match = ErrorLine().Match(line);
            Assert.True(match.Success, $"{name}: not an 'error Name: …' line: {line}");
            if (entry["error"] is { } expected)
            {
                Assert.Equal(expected.GetValue<string>(), match.Groups["name"].Value);
            }

            Assert.Equal(entry["exit"]!.GetValue<int>(), exit);
            Assert.Equal("", output);
            Assert.Equal(before, Snapshot(fixture.Folder));
            Assert.Equal(inputsBefore, Snapshot(work));
            Assert.False(Directory.Exists(noData), $"{name}: created {noData}");
        }
        finally
        {
            MedZen.Testing.TempFolder.Delete(work);
        }
    }

    private static string Fill(string arg, string data, string dir, string noData, Dictionary<string, string> files) =>
        FilePlaceholder().Replace(arg.Replace("{dir}", dir, StringComparison.Ordinal).Replace("{nodata}", noData, StringComparison.Ordinal), m => files[m.Groups[1].Value])
            .Replace("{data}", data, StringComparison.Ordinal);

    private static Dictionary<string, JsonObject> Corpus() => File.ReadLines(CorpusFile)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonNode.Parse(line)!.AsObject())
        .ToDictionary(c => c["name"]!.GetValue<string>());

    /// <summary>
    /// Every file under <paramref name="folder"/> (SQLite's -wal, -shm and the lock file left out): a database by a digest
    /// of each table's rows, any other file by its bytes' digest.
    /// </summary>
    private static SortedDictionary<string, string> Snapshot(string folder)
    {
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
        {
            digests[Path.GetRelativePath(folder, directory) + "/"] = "folder";
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file);
            if (relative.EndsWith("-wal", StringComparison.Ordinal) || relative.EndsWith("-shm", StringComparison.Ordinal) || relative.EndsWith(".lock", StringComparison.Ordinal))
            {
                continue;
            }

            digests[relative] = relative.EndsWith(".db", StringComparison.Ordinal) ? SqliteDigest.Database(file) : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return digests;
    }

    [GeneratedRegex(@"^error (?<name>[A-Z][A-Za-z0-9.]*): \S.*$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\{file:([^}]+)\}")]
    private static partial Regex FilePlaceholder();

    /// <summary>A data folder with one finished visit (the demo's: a session, a note, an execution, a notification), no server.</summary>
    public sealed class DataFolder : IAsyncLifetime
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("medzen-cli-data-").FullName;

        public async ValueTask InitializeAsync()
        {
            var errors = new StringWriter();
            var exit = await MedZenCli.InvokeAsync(["demo", "--data", Folder], output: new StringWriter(), error: errors);
            Assert.True(exit == 0, errors.ToString());
        }

        public ValueTask DisposeAsync()
        {
            MedZen.Testing.TempFolder.Delete(Folder);
            return ValueTask.CompletedTask;
        }
    }
}
