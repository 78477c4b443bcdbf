using MedZen.Server.Commands;

return await MedZenCli.CreateRootCommand().Parse(args).InvokeAsync();
