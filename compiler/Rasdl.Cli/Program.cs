using Rasdl.Cli;

return RasdlCommandLine.Run(args, Console.Out, Console.Error);
