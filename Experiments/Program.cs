using Coevo.Experiments.Cli;

return CoevoCli.Main(args, Console.Out, Console.Error);
