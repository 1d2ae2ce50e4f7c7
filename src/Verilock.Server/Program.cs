using Verilock.Server.Cli;

return await CommandLine.RunAsync(args);
