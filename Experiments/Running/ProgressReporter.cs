using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coevo.Experiments.Running;

/// <summary>
/// Shows progress of a run: a Spectre.Console bar on a terminal, or a plain line at most every
/// <see cref="PlainInterval"/> when output is redirected (logs, CI). Both show the generation, best, mean and
/// diversity, the share of the budget used, the elapsed time and the estimated time left, labelled.
/// <para>
/// The estimate uses the pace since the first generation of this (resumed) part of the run: the first generation
/// also pays for start-up (compiling code, warming caches) and made early estimates several times too high.
/// </para>
/// </summary>
public sealed class ProgressReporter : RunReporter
{
    /// <summary>Least time between two plain progress lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly BudgetOptions _budget;
    private readonly TextWriter _out;
    private readonly Stopwatch _sinceLine = new();
    private ProgressTask? _task;
    private (int Generation, double Elapsed)? _first;
    private string _times = "";

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
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 8 }, new PercentageColumn(), new TimesColumn(this))
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

    /// <summary>
    /// Seconds left: generations (or steps) still to go at the pace measured since <paramref name="first"/>, or the
    /// wall-clock budget left, whichever is less. NaN when unknown: with a generation or step budget, until a pace
    /// has been measured; without any budget that a clock can estimate.
    /// </summary>
    public double SecondsLeft(RunState s, (int Generation, double Elapsed) first)
    {
        double left = double.NaN;
        int? total = _budget.Generations ?? _budget.Steps;
        if (_budget.Generations is int g && _budget.Steps is int st) total = Math.Min(g, st);
        if (total is int t && s.Generation > first.Generation)
            left = (s.ElapsedSeconds - first.Elapsed) / (s.Generation - first.Generation) * Math.Max(0, t - s.Generation);
        if (total is int && double.IsNaN(left)) return left;
        if (_budget.Seconds is double sec)
        {
            double clock = Math.Max(0, sec - s.ElapsedSeconds);
            left = double.IsNaN(left) ? clock : Math.Min(left, clock);
        }
        return left;
    }

    /// <inheritdoc />
    public override void Started(RunState state)
    {
        _sinceLine.Restart();
        _first = null;
    }

    /// <inheritdoc />
    public override void GenerationEnded(GenerationReport r)
    {
        bool first = _first is null;
        _first ??= (r.Generation, r.State.ElapsedSeconds);
        double f = Fraction(r.State);
        string total = _budget.Generations is int g ? $"/{g}" : "";
        _times = $"elapsed {Fmt(r.State.ElapsedSeconds)} eta {Fmt(SecondsLeft(r.State, _first.Value))}";
        if (_task != null)
        {
            // short enough that the bar and both times fit an 80-column terminal
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"gen {r.Generation}{total} best {r.Best:G4} mean {r.Mean:G4} div {r.Diversity:G2}"));
            _task.Value = f;
            return;
        }
        if (first || _sinceLine.Elapsed >= PlainInterval || f >= 1)
        {
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gen {r.Generation}{total} best {r.Best:G4} (ever {r.State.BestEver:G4}) mean {r.Mean:G4} diversity {r.Diversity:G3} | {f * 100:F0}% {_times}"));
            _sinceLine.Restart();
        }
    }

    /// <summary>"0:42", "12:05", "1:02:03"; "?" when unknown.</summary>
    private static string Fmt(double seconds)
    {
        if (!double.IsFinite(seconds)) return "?";
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
    }

    /// <summary>The bar's "elapsed … eta …" column, labelled (Spectre's own time columns are bare and use its own pace).</summary>
    private sealed class TimesColumn(ProgressReporter owner) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(owner._times);
    }
}
