using Coevo.Experiments.Cli;

return CoevoCli.Execute(args, Console.Out, Console.Error);
