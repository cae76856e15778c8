using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Coevo.Coevolution.Datasets;
using Coevo.Coevolution.Imaging;
using Coevo.Coevolution.IO;

namespace Coevo.Coevolution.Schedules;

/// <summary>Options of the <c>coevolve</c> schedule.</summary>
[Description("HERCL-style phases: the critic learns real vs every archived artist image, then the artists evolve to fool it")]
public sealed class CoevolveOptions
{
    [Description("cycles of a critic phase followed by an artist phase")]
    [Range(1, 100_000)]
    public int Cycles { get; set; } = 10;

    [Description("a critic phase ends when its balanced accuracy on real vs archived images reaches this")]
    [Range(0.5, 1.0)]
    public double CriticAccuracy { get; set; } = 0.95;

    [Description("most units of learning (an epoch, a generation) in one critic phase")]
    [Range(1, 100_000)]
    public int CriticUnits { get; set; } = 20;

    [Description("an artist phase ends when this share of the population fools the critics (vote >= 0.5)")]
    [Range(0.0, 1.0)]
    public double FoolingRate { get; set; } = 0.5;

    [Description("most generations in one artist phase")]
    [Range(1, 100_000)]
    public int Generations { get; set; } = 20;

    [Description("real images the critic learns from in each unit (drawn afresh from the data, seeded)")]
    [Range(1, 1_000_000)]
    public int RealImages { get; set; } = 256;

    [Description("most archived artist images; beyond it, new ones replace uniformly chosen old ones")]
    [Range(1, 1_000_000)]
    public int ArchiveLimit { get; set; } = 2000;

    [Description("earlier critics keep voting on the artists, with weights 1, 1/2, 1/4, ... per phase back")]
    public bool HallOfFame { get; set; } = true;
}

/// <summary>
/// Artist–critic co-evolution in phases, after HERCL (Vickers, Soderlund &amp; Blair): (1) the critic learns until it
/// separates real images from every archived artist image (<see cref="CoevolveOptions.CriticAccuracy"/>, or its unit
/// budget); (2) the artists evolve until they fool it (<see cref="CoevolveOptions.FoolingRate"/>, or their generation
/// budget); (3) the images that fooled it join the archive of negatives. The archive starts with one blank image.
/// Finished critics stay in a hall of fame and vote on the artists with weights 1, ½, ¼ … per phase back.
/// </summary>
public sealed class CoevolveSchedule : PhasedSchedule
{
    /// <summary>The options this schedule was made with.</summary>
    public CoevolveOptions Options { get; }

    /// <summary>Phases over one shared archive and hall of fame.</summary>
    public CoevolveSchedule(CoevolveOptions options) : this(options, new CoevolutionArchive(options)) { }

    private CoevolveSchedule(CoevolveOptions options, CoevolutionArchive archive)
        : base("unit", [new CriticPhase(archive), archive.ArtistPhase()], options.Cycles)
    {
        Options = options;
    }
}

/// <summary>
/// What co-evolution's two phases share: the archive of artist images the critic must reject, the hall of fame of
/// frozen critics, and the votes. Checkpointed as <c>archive.bin</c> (the images as 32-bit floats, so a resume is
/// exact) and <c>hall/N/</c> (each frozen critic's own checkpoint files).
/// </summary>
public sealed class CoevolutionArchive(CoevolveOptions options)
{
    private const string ArchiveFile = "archive.bin", HallFolder = "hall";
    private const int RealStream = 601, ArchiveStream = 602;
    private readonly List<Image> _images = [];
    private readonly List<Dictionary<string, byte[]>> _snapshots = []; // newest first, a frozen critic's files each
    private List<ICritic>? _hall;                                        // newest first, rebuilt from the snapshots
    private long _added;

    /// <summary>The options.</summary>
    public CoevolveOptions Options { get; } = options;
    /// <summary>Artist images the critic learns to reject.</summary>
    public IReadOnlyList<Image> Images => _images;
    /// <summary>Frozen critics so far.</summary>
    public int HallSize => _snapshots.Count;

    /// <summary>
    /// The artist phase: evolution scored by the vote, until enough of the population fools the critics or its
    /// generations are spent; then the images that fooled them (or, if none did, the best tenth) join the archive.
    /// </summary>
    public EvolvePhase ArtistPhase() => new(
        score: Vote,
        judged: (images, scores, values) =>
        {
            _lastImages = images;
            values["fooling_rate"] = scores.Count(s => s >= 0.5) / (double)scores.Count;
            values["archive_size"] = _images.Count;
            values["hall_size"] = HallSize;
        },
        finished: (state, scores) =>
        {
            bool done = scores.Count > 0 && scores.Count(s => s >= 0.5) >= Options.FoolingRate * scores.Count || state.PhaseUnits >= Options.Generations;
            if (done) ArchiveFoolers(scores, state.Units);
            return done;
        },
        extraColumns: ["fooling_rate", "archive_size", "hall_size"]);

    private IReadOnlyList<Image> _lastImages = [];
    private int _seed;

    /// <summary>
    /// The critics' weighted vote: the live critic weighs 1, the critic of one phase back ½, two back ¼ …, normalised
    /// by the weights' sum. (The newest frozen critic is the live one, enshrined as its phase ended, so it is skipped.)
    /// </summary>
    public IReadOnlyList<double> Vote(RunSession session, IReadOnlyList<Image> images)
    {
        _seed = session.Seed;
        var total = session.Critic.Score(images).ToArray();
        if (!Options.HallOfFame) return total;
        double weights = 1, w = 1;
        foreach (var frozen in Hall(session).Skip(1))
        {
            w /= 2;
            var s = frozen.Score(images);
            for (int i = 0; i < total.Length; i++) total[i] += w * s[i];
            weights += w;
        }
        for (int i = 0; i < total.Length; i++) total[i] /= weights;
        return total;
    }

    /// <summary>The real images for critic unit <paramref name="unit"/>: a seeded draw from the data.</summary>
    public IReadOnlyList<Image> Real(IImageDataset data, int seed, int unit)
    {
        var rng = SeedSequence.For(seed, unit, RealStream);
        int n = Math.Min(Options.RealImages, data.Count);
        var picks = new HashSet<int>();
        while (picks.Count < n) picks.Add(rng.Next(data.Count));
        return picks.Order().Select(data.Get).ToList();
    }

    /// <summary>Starts the archive with one blank image, as HERCL does, before the first critic phase.</summary>
    public void StartIfEmpty(IArtist artist)
    {
        if (_images.Count > 0) return;
        var like = artist.Produce(new Random(0))[0];
        _images.Add(new Image(like.Width, like.Height));
        _added = 1;
    }

    /// <summary>An artist phase ended: the images that fooled the critics (or, if none did, the best tenth) join the archive.</summary>
    private void ArchiveFoolers(IReadOnlyList<double> scores, int unit)
    {
        var images = _lastImages;
        if (images.Count == 0) return;
        var order = Enumerable.Range(0, images.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var chosen = order.Where(i => scores[i] >= 0.5).ToList();
        if (chosen.Count == 0) chosen = order.Take(Math.Max(1, images.Count / 10)).ToList();
        var rng = SeedSequence.For(_seed, unit, ArchiveStream);
        foreach (int i in chosen)
        {
            _added++;
            if (_images.Count < Options.ArchiveLimit) _images.Add(images[i]);
            else if (rng.NextInt64(_added) < Options.ArchiveLimit) _images[rng.Next(Options.ArchiveLimit)] = images[i]; // reservoir
        }
    }

    /// <summary>A critic phase ended: the critic, as it is now, joins the hall of fame.</summary>
    public void Enshrine(RunSession session)
    {
        var critic = (ILearningCritic)session.Critic;
        string tmp = Directory.CreateTempSubdirectory("coevo-hall-").FullName;
        try
        {
            critic.SaveCheckpoint(tmp);
            _snapshots.Insert(0, Directory.GetFiles(tmp).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes));
        }
        finally { Directory.Delete(tmp, recursive: true); }
        (_hall ??= []).Insert(0, critic.Freeze());
    }

    /// <summary>The frozen critics, newest first; after a resume they are rebuilt from their files through the live critic.</summary>
    private List<ICritic> Hall(RunSession session)
    {
        if (_hall is { } hall && hall.Count == _snapshots.Count) return hall;
        var critic = (ILearningCritic)session.Critic;
        string live = Directory.CreateTempSubdirectory("coevo-live-").FullName;
        try
        {
            critic.SaveCheckpoint(live);
            _hall = [];
            foreach (var snapshot in _snapshots)
            {
                string dir = Directory.CreateTempSubdirectory("coevo-hall-").FullName;
                try
                {
                    foreach (var (name, bytes) in snapshot) File.WriteAllBytes(Path.Combine(dir, name), bytes);
                    critic.LoadCheckpoint(dir);
                    _hall.Add(critic.Freeze());
                }
                finally { Directory.Delete(dir, recursive: true); }
            }
            critic.LoadCheckpoint(live);
        }
        finally { Directory.Delete(live, recursive: true); }
        return _hall;
    }

    /// <summary>Writes the archive and the hall of fame into a checkpoint folder.</summary>
    public void Save(string directory)
    {
        AtomicFile.Write(Path.Combine(directory, ArchiveFile), s =>
        {
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(_added);
            w.Write(_images.Count);
            foreach (var img in _images)
            {
                w.Write(img.Width);
                w.Write(img.Height);
                foreach (float v in img.Data) w.Write(v);
            }
        });
        for (int k = 0; k < _snapshots.Count; k++)
        {
            string dir = Path.Combine(directory, HallFolder, k.ToString("D3", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            foreach (var (name, bytes) in _snapshots[k]) AtomicFile.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote; a missing or corrupt file is an <see cref="InputException"/> naming it.</summary>
    public void Load(string directory)
    {
        string file = Path.Combine(directory, ArchiveFile);
        if (!File.Exists(file)) throw new InputException("the co-evolution archive is missing from the checkpoint", file);
        try
        {
            using var r = new BinaryReader(File.OpenRead(file));
            long added = r.ReadInt64();
            int count = r.ReadInt32();
            if (count < 0 || count > Options.ArchiveLimit || added < count) throw new InputException($"holds {count} images for a limit of {Options.ArchiveLimit}", file);
            var images = new List<Image>(count);
            for (int i = 0; i < count; i++)
            {
                int w = r.ReadInt32(), h = r.ReadInt32();
                if (w < 1 || h < 1 || w > 4096 || h > 4096) throw new InputException($"image {i} claims a size of {w}x{h}", file);
                var data = new float[3 * w * h];
                for (int k = 0; k < data.Length; k++) data[k] = r.ReadSingle();
                images.Add(new Image(w, h, data));
            }
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InputException("has bytes after its last image", file);
            _images.Clear();
            _images.AddRange(images);
            _added = added;
        }
        catch (EndOfStreamException e) { throw new InputException("is truncated", file, inner: e); }
        _snapshots.Clear();
        string hall = Path.Combine(directory, HallFolder);
        if (Directory.Exists(hall))
            foreach (var dir in Directory.GetDirectories(hall).Order(StringComparer.Ordinal))
                _snapshots.Add(Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes));
        _hall = null;
    }
}

/// <summary>
/// Co-evolution's critic phase: each unit, the critic learns (an epoch, a generation) on fresh real images against
/// the whole archive; it ends when the critic's balanced accuracy reaches the threshold or its budget is spent, and
/// the critic then joins the hall of fame.
/// </summary>
public sealed class CriticPhase(CoevolutionArchive archive) : IPhase
{
    private double _lastAccuracy;
    private bool _done;

    /// <inheritdoc />
    public string Name => "critic";

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; } = ["critic_accuracy", "critic_loss", "archive_size", "hall_size"];

    /// <inheritdoc />
    public string? Problem(IArtist artist, ICritic critic, IImageDataset? data) =>
        artist is not IEvolvingArtist ? "co-evolution evolves its artists; this artist learns by gradient (pair it with the gan schedule)"
        : critic is not ILearningCritic ? "co-evolution teaches its critic, but this critic is fixed (choose cnn, gp_critic or novelty, or the evolve schedule)"
        : data is null ? "the critic learns real images against the artists': add a data: section"
        : null;

    /// <inheritdoc />
    public UnitReport Step(RunSession session, RunState next)
    {
        var critic = (ILearningCritic)session.Critic;
        archive.StartIfEmpty(session.Artist);
        int unit = next.Units;
        var real = archive.Real(session.Data!, session.Seed, unit);
        session.Learning = true;
        var learnt = critic.Learn(real, archive.Images, SeedSequence.For(session.Seed, unit));
        session.Learning = false;
        next.CriticUnits++;
        next.ImagesJudged += archive.Images.Count;
        _lastAccuracy = learnt.GetValueOrDefault("accuracy", double.NaN);
        _done = _lastAccuracy >= archive.Options.CriticAccuracy || next.PhaseUnits >= archive.Options.CriticUnits;
        if (_done) archive.Enshrine(session);
        var values = new Dictionary<string, double>
        {
            ["critic_accuracy"] = _lastAccuracy,
            ["critic_loss"] = learnt.GetValueOrDefault("loss", learnt.GetValueOrDefault("cost", double.NaN)),
            ["archive_size"] = archive.Images.Count,
            ["hall_size"] = archive.HallSize,
        };
        var shown = archive.Images.TakeLast(64).ToList();
        return new UnitReport
        {
            Unit = next.Units,
            Phase = Name,
            State = next,
            Values = values,
            Judged = new(() => (shown, critic.Score(shown))),
            Sample = n => archive.Images.TakeLast(n).ToList(),
            Summary = string.Create(CultureInfo.InvariantCulture, $"critic accuracy {_lastAccuracy:0.000}, archive {archive.Images.Count}, hall {archive.HallSize}"),
        };
    }

    /// <inheritdoc />
    public bool Finished(RunState state, UnitReport last) => _done;

    /// <inheritdoc />
    public void SaveCheckpoint(string directory) => archive.Save(directory);

    /// <inheritdoc />
    public void LoadCheckpoint(string directory) => archive.Load(directory);
}
