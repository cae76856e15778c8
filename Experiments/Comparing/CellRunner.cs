using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.IO;

namespace Coevo.Experiments.Comparing;

/// <summary>How one cell's run ended in this invocation.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="ExitCode">The child's exit code (0 finished; 130/143/129 stopped with a checkpoint; 1 failed; 2 refused), or 0 when it had finished before.</param>
/// <param name="Skipped">True when it had finished before and was not run again.</param>
public sealed record CellOutcome(CompareCell Cell, int ExitCode, bool Skipped);

/// <summary>
/// Runs a comparison's cells as child <c>coevo run</c> processes, <see cref="CompareConfig.Parallel"/> at a time. A
/// cell that finished before is skipped, one that stopped part-way is resumed (<c>coevo run --resume</c>), so running
/// the comparison again continues it. Cancelling (Ctrl-C, SIGTERM, SIGHUP) passes SIGTERM on to the running cells,
/// which stop with a checkpoint.
/// </summary>
public static class CellRunner
{
    private const int SigTerm = 15;
    private const string SetSid = "/usr/bin/setsid";

    /// <summary>The command that runs this very coevo: <c>dotnet path/to/coevo.dll</c>.</summary>
    public static (string File, string[] Arguments) Self()
    {
        string dll = typeof(CellRunner).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : "dotnet";
        return (dotnet, [dll]);
    }

    /// <summary>The <c>coevo run</c> arguments that start or continue <paramref name="cell"/>.</summary>
    public static string[] RunArguments(string dir, CompareCell cell, CellStatus status) =>
        status == CellStatus.NotStarted
            ? ["run", CompareFolder.ConfigOf(dir, cell), "--out", CompareFolder.RunOf(dir, cell)]
            : ["run", "--resume", CompareFolder.RunOf(dir, cell)];

    /// <summary>Runs every unfinished cell; says what starts and ends on <paramref name="console"/>.</summary>
    public static IReadOnlyList<CellOutcome> Run(CompareConfig config, string dir, TextWriter console, CancellationToken cancel)
    {
        var outcomes = new CellOutcome?[config.Cells.Count];
        var todo = new List<(int Index, CellStatus Status)>();
        for (int i = 0; i < config.Cells.Count; i++)
        {
            var (status, _) = CompareFolder.StatusOf(dir, config.Cells[i]);
            if (status == CellStatus.Finished) outcomes[i] = new CellOutcome(config.Cells[i], 0, Skipped: true);
            else todo.Add((i, status));
        }
        int finishedBefore = config.Cells.Count - todo.Count;
        if (finishedBefore > 0) console.WriteLine($"{CompareFolder.Tally(finishedBefore, config.Cells.Count)} before; running the other {todo.Count}");
        var clock = Stopwatch.StartNew();
        int done = finishedBefore;
        var gate = new object();
        var running = new List<Process>();
        using var stop = cancel.Register(() =>
        {
            lock (gate) foreach (var p in running) Posix.Signal(p.Id, SigTerm);
        });
        // cells start in the compare file's order, one at a time as a slot frees
        Parallel.ForEach(Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = config.Parallel }, item =>
        {
            var cell = config.Cells[item.Index];
            if (cancel.IsCancellationRequested) { outcomes[item.Index] = new CellOutcome(cell, Cli.CoevoCli.Interrupted, false); return; }
            var (file, prefix) = Self();
            // each cell in a session of its own: a Ctrl-C at the terminal reaches only the comparison, which passes
            // exactly one SIGTERM on (a second signal would make a cell quit without its checkpoint; SIGTERM, because
            // a comparison started in the background of a script has SIGINT ignored, and its cells inherit that)
            var psi = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (File.Exists(SetSid) ? [file] : Array.Empty<string>()).Concat(prefix).Concat(RunArguments(dir, cell, item.Status))) psi.ArgumentList.Add(a);
            lock (console) console.WriteLine($"{(item.Status == CellStatus.NotStarted ? "start" : "resume")} {cell.Id}");
            using var log = new StreamWriter(CompareFolder.LogOf(dir, cell), append: true) { AutoFlush = true };
            var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            lock (gate)
            {
                process.Start();
                running.Add(process);
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            lock (gate) running.Remove(process);
            int code = process.ExitCode;
            process.Dispose();
            outcomes[item.Index] = new CellOutcome(cell, code, false);
            lock (console)
            {
                if (code == 0) done++;
                string what = code == 0 ? "finished" : code >= 128 ? "stopped with a checkpoint" : code == 2 ? "refused its input" : "failed";
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{what} {cell.Id} (exit {code}{(code is 1 or 2 ? $"; see {CompareFolder.LogOf(dir, cell)}" : "")}) · {CompareFolder.Tally(done, config.Cells.Count)} · {clock.Elapsed.TotalMinutes:F1} min"));
            }
        });
        return outcomes.Select(o => o!).ToList();
    }
}
