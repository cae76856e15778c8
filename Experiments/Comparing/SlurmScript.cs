using System.Globalization;
using Coevo.Coevolution.IO;
using Coevo.Experiments.Running;

namespace Coevo.Experiments.Comparing;

/// <summary>
/// <c>coevo compare compare.yaml --emit slurm DIR</c>: a comparison folder prepared for a cluster. Besides the cell
/// configs it holds <c>cells.txt</c> (one cell id per line), <c>run-cell.sh N</c> (starts cell N, or continues it
/// after a requeue, as an ordinary <c>coevo run</c>) and <c>compare.sbatch</c>, a Slurm job array with one task per
/// cell. When the tasks are done, <c>coevo compare --collect DIR</c> measures the cells and writes the tables and report.
/// </summary>
public static class SlurmScript
{
    /// <summary>File names.</summary>
    public const string CellList = "cells.txt", CellScript = "run-cell.sh", JobScript = "compare.sbatch";

    /// <summary>Writes the folder; returns the job script's path.</summary>
    public static string Emit(CompareConfig config, string dir)
    {
        CompareFolder.Prepare(dir, config);
        AtomicFile.WriteAllText(Path.Combine(dir, CellList), string.Concat(config.Cells.Select(c => c.Id + "\n")));
        var (dotnet, prefix) = CellRunner.Self();
        string coevo = string.Join(' ', new[] { dotnet }.Concat(prefix).Select(ExperimentRunner.Quote));
        string full = Path.GetFullPath(dir);
        string cellScript = $$"""
            #!/usr/bin/env bash
            # Runs cell number $1 (0-based, a line of cells.txt) of the comparison '{{config.Name}}' as an ordinary coevo run,
            # or continues it from its checkpoint when its run folder exists (a requeued or restarted task).
            # Set COEVO to the command that runs coevo on the cluster if it differs from the one below.
            set -euo pipefail
            dir={{ExperimentRunner.Quote(full)}}
            coevo="${COEVO:-{{coevo.Replace("\"", "\\\"")}}}"
            n="${1:?usage: run-cell.sh N (0-based cell number)}"
            id="$(sed -n "$((n + 1))p" "$dir/{{CellList}}")"
            if [ -z "$id" ]; then echo "no cell number $n: $dir/{{CellList}} has $(wc -l < "$dir/{{CellList}}") lines" >&2; exit 2; fi
            if [ -f "$dir/{{CompareFolder.Runs}}/$id/{{RunFolder.ConfigFile}}" ]; then
              exec $coevo run --resume "$dir/{{CompareFolder.Runs}}/$id"
            else
              exec $coevo run "$dir/{{CompareFolder.Configs}}/$id.yaml" --out "$dir/{{CompareFolder.Runs}}/$id"
            fi

            """;
        string script = Path.Combine(dir, CellScript);
        AtomicFile.WriteAllText(script, cellScript);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

        int threads = config.Cells.Max(c => c.Config.Threads);
        long memory = (long)config.Cells.Max(c => MemoryEstimate.Bytes(c.Config));
        string time = config.Budget.Seconds is { } s
            ? TimeSpan.FromSeconds(Math.Ceiling(s * 1.5 + 900)).ToString(@"d\-hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "1-00:00:00";
        string job = $$"""
            #!/usr/bin/env bash
            #SBATCH --job-name={{config.Name}}
            #SBATCH --array=0-{{config.Cells.Count - 1}}
            #SBATCH --cpus-per-task={{threads}}
            #SBATCH --mem={{Math.Max(1, (memory + (1L << 20) - 1) >> 20) + 1024}}M
            #SBATCH --time={{time}}
            #SBATCH --output={{full}}/{{CompareFolder.Logs}}/slurm-%A_%a.txt
            # The comparison '{{config.Name}}': {{config.Cells.Count}} cells ({{config.Approaches.Count}} approaches x seeds {{string.Join(", ", config.Seeds)}}),
            # one array task each, every one an ordinary coevo run. The folder must be on a file system the nodes share.
            #   sbatch {{Path.Combine(full, JobScript)}}
            # then, when all tasks are done:
            #   coevo compare --collect {{full}}
            bash {{ExperimentRunner.Quote(Path.Combine(full, CellScript))}} "$SLURM_ARRAY_TASK_ID"

            """;
        string jobPath = Path.Combine(dir, JobScript);
        AtomicFile.WriteAllText(jobPath, job);
        return jobPath;
    }
}
