using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Coevo.Torch;
using Coevo.Torch.Modules;
using Coevo.Torch.Optim;
using Coevo.Torch.Serialization;

namespace Coevo.Tests.Torch;

[TestClass]
public class SerializationTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "coevo-torch-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    private static Sequential Net(ulong seed)
    {
        torch.manual_seed(seed);
        return torch.nn.Sequential(torch.nn.Conv2d(1, 3, 3, bias: false), torch.nn.BatchNorm2d(3), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(3 * 4 * 4, 2));
    }

    [TestMethod]
    public void StateDict_SaveLoad_IsBitExact()
    {
        using var a = Net(1);
        using (torch.NewDisposeScope()) a.call(torch.randn(4, 1, 6, 6)); // moves the batch-norm buffers off their initial values
        string path = Path.Combine(_dir, "net.safetensors");
        a.save(path);
        using var b = Net(2);
        Assert.AreNotEqual(a.state_dict()["0.weight"].data<float>()[0], b.state_dict()["0.weight"].data<float>()[0]);
        b.load(path);
        var sa = a.state_dict();
        var sb = b.state_dict();
        foreach (var (name, t) in sa)
        {
            if (t.dtype == ScalarType.Int64) CollectionAssert.AreEqual(t.data<long>(), sb[name].data<long>(), name);
            else CollectionAssert.AreEqual(t.data<float>().Select(BitConverter.SingleToInt32Bits).ToArray(), sb[name].data<float>().Select(BitConverter.SingleToInt32Bits).ToArray(), name);
        }
        Assert.AreEqual(1L, sb["1.num_batches_tracked"].item<long>());
        Assert.IsFalse(Directory.EnumerateFiles(_dir).Any(f => f.EndsWith(".tmp")), "temporary file left behind");
    }

    [TestMethod]
    public void File_FollowsTheSafetensorsLayout()
    {
        string path = Path.Combine(_dir, "t.safetensors");
        using (torch.NewDisposeScope())
            Safetensors.Save(path, new Dictionary<string, Tensor>
            {
                ["w"] = torch.tensor([1.5f, -2f, 3.25f, 0f, 1e-3f, 7f], [2, 3]),
                ["labels"] = torch.tensor(new long[] { 7, -1 }),
            }, new Dictionary<string, string> { ["format"] = "pt" });
        byte[] bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.AreEqual(0UL, n % 8, "header is padded to 8 bytes");
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' '));
        var root = header.RootElement;
        Assert.AreEqual("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        var w = root.GetProperty("w");
        Assert.AreEqual("F32", w.GetProperty("dtype").GetString());
        CollectionAssert.AreEqual(new long[] { 2, 3 }, w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        CollectionAssert.AreEqual(new long[] { 0, 24 }, w.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        var l = root.GetProperty("labels");
        Assert.AreEqual("I64", l.GetProperty("dtype").GetString());
        CollectionAssert.AreEqual(new long[] { 24, 40 }, l.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        int data = 8 + (int)n;
        Assert.AreEqual(data + 40, bytes.Length);
        Assert.AreEqual(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data)));
        Assert.AreEqual(-2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 4)));
        Assert.AreEqual(7f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 20)));
        Assert.AreEqual(7L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(data + 24)));
        Assert.AreEqual(-1L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(data + 32)));
    }

    [TestMethod]
    public void HandWrittenFile_IsRead()
    {
        // a file built byte by byte from the spec, as Python's safetensors writes it
        string json = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while ((json.Length) % 8 != 0) json += " ";
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)json.Length));
        bytes.AddRange(Encoding.UTF8.GetBytes(json));
        bytes.AddRange(BitConverter.GetBytes(0.25f));
        bytes.AddRange(BitConverter.GetBytes(-4f));
        string path = Path.Combine(_dir, "hand.safetensors");
        File.WriteAllBytes(path, bytes.ToArray());
        var loaded = Safetensors.Load(path);
        CollectionAssert.AreEqual(new[] { 0.25f, -4f }, loaded["x"].data<float>());
        loaded["x"].Dispose();
    }

    [TestMethod]
    public void CorruptOrTruncatedFiles_ThrowNamingTheFile()
    {
        using var net = Net(3);
        string good = Path.Combine(_dir, "good.safetensors");
        net.save(good);
        byte[] bytes = File.ReadAllBytes(good);
        void Expect(string name, byte[] content, string problem)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, content);
            using var target = Net(4);
            var e = Assert.ThrowsException<TorchFileException>(() => target.load(path), name);
            StringAssert.Contains(e.Message, path);
            StringAssert.Contains(e.Message, problem);
        }
        Expect("truncated.safetensors", bytes[..^5], "past the end");
        Expect("tiny.safetensors", bytes[..5], "truncated");
        var badLen = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(badLen, 1UL << 40);
        Expect("badlen.safetensors", badLen, "header length");
        var badJson = (byte[])bytes.Clone();
        badJson[9] = (byte)'#';
        Expect("badjson.safetensors", badJson, "JSON");
        Expect("missing.safetensors", File.ReadAllBytes(good)[..0].Concat(SaveOther()).ToArray(), "missing");
        var e2 = Assert.ThrowsException<TorchFileException>(() => net.load(Path.Combine(_dir, "nope.safetensors")));
        StringAssert.Contains(e2.Message, "nope.safetensors");
    }

    private byte[] SaveOther()
    {
        string p = Path.Combine(_dir, "other.safetensors");
        using var lin = torch.nn.Linear(2, 2);
        lin.save(p);
        return File.ReadAllBytes(p);
    }

    [TestMethod]
    public void OptimizerState_RoundTrip_ContinuesIdentically()
    {
        string mPath = Path.Combine(_dir, "m.safetensors"), oPath = Path.Combine(_dir, "o.safetensors");
        var x = torch.randn(8, 1, 6, 6).DetachFromDisposeScope();
        void Step(Module<Tensor, Tensor> m, Optimizer o)
        {
            using var scope = torch.NewDisposeScope();
            o.zero_grad();
            m.call(x).square().mean().backward();
            o.step();
        }
        foreach (bool adam in new[] { true, false })
        {
            using var a = Net(5);
            using Optimizer oa = adam ? new Adam(a.parameters(), 0.01, 0.5, 0.999) : new SGD(a.parameters(), 0.01, momentum: 0.9);
            Step(a, oa);
            Step(a, oa);
            a.save(mPath);
            oa.save(oPath);
            Step(a, oa);

            using var b = Net(6);
            using Optimizer ob = adam ? new Adam(b.parameters(), 0.01, 0.5, 0.999) : new SGD(b.parameters(), 0.01, momentum: 0.9);
            b.load(mPath);
            ob.load(oPath);
            Step(b, ob);
            foreach (var (name, t) in a.state_dict())
                if (t.dtype == ScalarType.Float32) CollectionAssert.AreEqual(t.data<float>(), b.state_dict()[name].data<float>(), $"{(adam ? "Adam" : "SGD")} {name}");
            if (adam)
            {
                Assert.AreEqual(3L, ((Adam)ob).step_count);
                var e = Assert.ThrowsException<TorchFileException>(() => new SGD(b.parameters(), 0.1).load(oPath));
                StringAssert.Contains(e.Message, oPath);
            }
        }
        x.Dispose();
    }
}
