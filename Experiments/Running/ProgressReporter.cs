using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Spectre.Console;

namespace Coevo.Experiments.Running;

/// <summary>
/// Shows progress of a run: a Spectre.Console bar with ETA and the latest best score on a terminal, or a plain
/// line at most every <see cref="PlainInterval"/> when output is redirected (logs, CI).
/// </summary>
public sealed class ProgressReporter : RunReporter
{
    /// <summary>Least time between two plain progress lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly BudgetOptions _budget;
    private readonly TextWriter _out;
    private readonly Stopwatch _sinceLine = new();
    private ProgressTask? _task;

    /// <summary>Reports against <paramref name="budget"/>; plain lines go to <paramref name="output"/>.</summary>
    public ProgressReporter(BudgetOptions budget, TextWriter output)
    {
        _budget = budget;
        _out = output;
    }

    /// <summary>True when stdout is an interactive terminal that can draw a live bar.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> with a live bar on a terminal, or plainly otherwise.</summary>
    public T Show<T>(string title, Func<T> body)
    {
        if (!Interactive) return body();
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                result = body();
                _task.Value = _task.MaxValue;
                _task.StopTask();
            });
        return result;
    }

    /// <summary>Fraction of the budget used: the largest of generations and wall-clock fractions.</summary>
    public double Fraction(RunState s)
    {
        double f = 0;
        if (_budget.Generations is int g) f = Math.Max(f, (double)s.Generation / g);
        if (_budget.Steps is int st) f = Math.Max(f, (double)s.Generation / st);
        if (_budget.Seconds is double sec) f = Math.Max(f, s.ElapsedSeconds / sec);
        return Math.Clamp(f, 0, 1);
    }

    /// <inheritdoc />
    public override void Started(RunState state) => _sinceLine.Restart();

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        double f = Fraction(r.State);
        string total = _budget.Generations is int g ? $"/{g}" : "";
        string status = string.Create(CultureInfo.InvariantCulture, $"gen {r.Generation}{total} best {r.Best:G4} (ever {r.State.BestEver:G4})");
        if (_task != null)
        {
            _task.Description = Markup.Escape(status);
            _task.Value = f;
            return;
        }
        if (r.Generation == 1 || _sinceLine.Elapsed >= PlainInterval || f >= 1)
        {
            double eta = f > 0 ? r.State.ElapsedSeconds * (1 - f) / f : double.NaN;
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{status} mean {r.Mean:G4} diversity {r.Diversity:G3} | {f * 100:F0}% elapsed {Fmt(r.State.ElapsedSeconds)} eta {Fmt(eta)}"));
            _sinceLine.Restart();
        }
    }

    private static string Fmt(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture) : "?";
}
