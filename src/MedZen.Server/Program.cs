using MedZen.Server.Commands;

return await MedZenCli.InvokeAsync(args);
