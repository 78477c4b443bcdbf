using MedZen.Server.Commands;
using MedZen.Server.Hosting;

MallocArenas.Cap();
return await MedZenCli.InvokeAsync(args);
