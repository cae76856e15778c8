using System.Diagnostics;
using System.Globalization;
using Coevo.Coevolution.Schedules;
using Coevo.Experiments.Config;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coevo.Experiments.Running;

/// <summary>
/// Shows progress of a run: a Spectre.Console bar on a terminal, or a plain line at most every
/// <see cref="PlainInterval"/> when output is redirected (logs, CI). Both show the unit (generation or step) and its
/// figures (best, mean and diversity; a GAN's losses), the share of the budget used, the elapsed time and the
/// estimated time left, labelled.
/// <para>
/// The estimate uses the pace since the first unit of this (resumed) part of the run: the first unit
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
    private RunState? _first;
    private readonly string _unitName;
    private string _times = "";

    /// <summary>Reports against <paramref name="budget"/>; plain lines go to <paramref name="output"/>; units are called <paramref name="unitName"/>.</summary>
    public ProgressReporter(BudgetOptions budget, TextWriter output, string unitName = "generation")
    {
        _unitName = unitName;
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

    /// <summary>Fraction of the budget used: the largest of the generation, step, image and wall-clock fractions.</summary>
    public double Fraction(RunState s) => Math.Clamp(Math.Max(CountFraction(s), _budget.Seconds is double sec ? s.ElapsedSeconds / sec : 0), 0, 1);

    /// <summary>The largest fraction of the budgets that count work (generations, steps, images judged); 0 without one.</summary>
    private double CountFraction(RunState s)
    {
        double f = 0;
        if (_budget.Generations is int g) f = Math.Max(f, (double)s.Generation / g);
        if (_budget.Steps is int st) f = Math.Max(f, (double)s.Steps / st);
        if (_budget.Images is long img) f = Math.Max(f, (double)s.ImagesJudged / img);
        return f;
    }

    private bool CountsWork => _budget.Generations is not null || _budget.Steps is not null || _budget.Images is not null;

    /// <summary>
    /// Seconds left: the work still to do at the pace measured since <paramref name="first"/>, or the wall-clock
    /// budget left, whichever is less. NaN when unknown: with a budget that counts work, until a pace has been
    /// measured; without any budget that a clock can estimate.
    /// </summary>
    public double SecondsLeft(RunState s, RunState first)
    {
        double left = double.NaN;
        if (CountsWork)
        {
            double done = CountFraction(s) - CountFraction(first);
            if (done > 0) left = (s.ElapsedSeconds - first.ElapsedSeconds) / done * Math.Max(0, 1 - CountFraction(s));
            else return left;
        }
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
    public override void UnitEnded(UnitReport r)
    {
        bool first = _first is null;
        _first ??= r.State;
        double f = Fraction(r.State);
        string total = _unitName switch
        {
            "generation" when _budget.Generations is int g => $"/{g}",
            "step" when _budget.Steps is int st => $"/{st}",
            _ => "",
        };
        string unit = _unitName == "generation" ? "gen" : _unitName;
        _times = $"elapsed {Fmt(r.State.ElapsedSeconds)} eta {Fmt(SecondsLeft(r.State, _first))}";
        if (_task != null)
        {
            _task.Description = Markup.Escape(Shorten($"{unit} {r.Unit}{total} {r.Summary}", 56));
            _task.Value = f;
            return;
        }
        if (first || _sinceLine.Elapsed >= PlainInterval || f >= 1)
        {
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{unit} {r.Unit}{total} {r.Summary} | {f * 100:F0}% {_times}"));
            _sinceLine.Restart();
        }
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

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
