using System.CommandLine;
using Coevo.Coevolution;
using Coevo.Coevolution.Reporting;
using Coevo.Experiments.Config;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Cli;

public static partial class CoevoCli
{
    private static Command ReportCommand(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("run-dir") { Description = "the run folder" };
        var cmd = new Command("report", "Rebuild a run folder's report.html (plots of metrics.csv, sample timeline, best image, config, log); it opens from disk without a server.") { runDir };
        cmd.SetAction(parse => Guard(stderr, () =>
        {
            string dir = parse.GetValue(runDir)!;
            if (!Directory.Exists(dir)) throw new InputException("run folder not found", dir);
            string config = Path.Combine(dir, RunFolder.ConfigFile);
            if (!File.Exists(config)) throw new InputException($"not a run folder: {RunFolder.ConfigFile} is missing", dir);
            string path = RunReport.Write(dir, RunReports.Info(ExperimentConfig.Load(config)));
            stdout.WriteLine($"wrote {path}");
            return Ok;
        }));
        return cmd;
    }
}
