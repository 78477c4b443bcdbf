using MedZen.Scribe.Models;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Definition;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Tests.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Runtime;

public sealed class WorkflowHostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Configuration_binds_the_documented_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedZen:Data"] = "/var/lib/medzen",
            // What the environment variable MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY becomes (keys are case-insensitive).
            ["MEDZEN:MODEL:OFFLINE:SIMULATEDLATENCY"] = "00:00:02.5",
            ["MedZen:Model:Provider"] = "bedrock",
            ["MedZen:Budget:DailyLimitUsd"] = "12.5",
            ["MedZen:Engine:TimeScale"] = "0.01",
            ["MedZen:Workflow:MaxRestartAttempts"] = "3",
        }).Build();
        await using var services = new ServiceCollection().AddMedZenWorkflow(configuration).BuildServiceProvider();

        var model = services.GetRequiredService<IOptions<ModelOptions>>().Value;
        Assert.Equal((ModelProvider.Bedrock, TimeSpan.FromSeconds(2.5), ModelOptions.DefaultBedrockModelId), (model.Provider, model.Offline.SimulatedLatency, model.EffectiveModelId));
        Assert.Equal("/var/lib/medzen", services.GetRequiredService<IOptions<StoreOptions>>().Value.DataFolder);
        Assert.Equal(12.5m, services.GetRequiredService<IOptions<BudgetOptions>>().Value.DailyTranscriptionBudgetUsd);
        Assert.Equal(0.01, services.GetRequiredService<IOptions<StatesEngineOptions>>().Value.TimeScale);
        Assert.Equal(3, services.GetRequiredService<IOptions<WorkflowOptions>>().Value.MaxRestartAttempts);
        Assert.Equal(ModelOptions.DefaultBedrockModelId, services.GetRequiredService<WorkflowRuntime>().DefinitionSubstitutions()["BedrockModelId"]);
    }

    [Fact]
    public async Task Defaults_need_no_configuration()
    {
        await using var services = new ServiceCollection().AddMedZenWorkflow(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var substitutions = services.GetRequiredService<WorkflowRuntime>().DefinitionSubstitutions();
        Assert.Equal("./medzen-data", services.GetRequiredService<IOptions<StoreOptions>>().Value.DataFolder);
        Assert.Equal(50m, services.GetRequiredService<IOptions<BudgetOptions>>().Value.DailyTranscriptionBudgetUsd);
        Assert.Equal("medzen-offline-writer-1", substitutions["BedrockModelId"]);
        Assert.Equal("https://sqs.us-east-1.amazonaws.com/123456789012/medzen-soap-retry-queue", substitutions["RetryQueueUrl"]);
        Assert.Equal("medzen-fetch-transcript", substitutions["FetchTranscriptFunctionArn"]);

        // The one table fills every placeholder of the shipped definition.
        var definition = System.Text.Json.Nodes.JsonNode.Parse(DefinitionLoader.Load(substitutions))!;
        Assert.Equal("medzen-video-sessions", definition["States"]!["ValidateInput"]!["Parameters"]!["TableName"]!.GetValue<string>());
        Assert.EndsWith("/medzen-soap-retry-queue", definition["States"]!["BedrockUnavailable"]!["Parameters"]!["QueueUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_model_setting_stops_the_host_from_starting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MedZen:Model:Provider"] = "openai" });
        builder.Services.AddMedZenWorkflow(builder.Configuration);
        using var host = builder.Build();
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
    }

    [Fact]
    public async Task The_hosted_service_starts_the_runtime_with_the_host()
    {
        var folder = Directory.CreateTempSubdirectory("medzen-host-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedZen:Data"] = folder,
                ["MedZen:Engine:TimeScale"] = "0",
            });
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));
            builder.Services.AddMedZenWorkflow(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync(Ct);

            var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
            Assert.True(runtime.IsStarted);
            Assert.True(File.Exists(Path.Combine(folder, "states.db")));
            await ClinicalSeed.VisitAsync(runtime.ClinicalStore, "hosted-1", Ct);
            var start = await runtime.StartSoapNoteAsync(new FinalizeRequest("hosted-1"), Ct);
            Assert.Equal(ExecutionStatus.Succeeded, (await runtime.WaitForCompletionAsync(start.ExecutionArn, Ct)).Status);

            await host.StopAsync(Ct);
        }
        finally
        {
            MedZen.Testing.TempFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task An_execution_open_when_the_process_stopped_resumes_on_the_next_start()
    {
        var hanging = new HangingModelClient();
        await using var kit = await RuntimeKit.StartAsync(hanging);
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "crash-1", Ct);
        var start = await kit.Runtime.StartSoapNoteAsync(new FinalizeRequest("crash-1"), Ct);
        await hanging.Called.Task.WaitAsync(Ct);

        await kit.RestartAsync(Offline.Writer());

        var resumed = await kit.Runtime.WaitForCompletionAsync(start.ExecutionArn, Ct);
        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.NotNull(await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("crash-1", Ct));
        Assert.Single(await kit.Runtime.ClinicalStore.ListNotificationsAsync("user-dr-1", null, 10, Ct));
        var again = await kit.Runtime.StartSoapNoteAsync(new FinalizeRequest("crash-1"), Ct);
        Assert.Equal((start.ExecutionArn, "SUCCEEDED", true), (again.ExecutionArn, again.Status, again.AlreadyStarted));
    }
}
