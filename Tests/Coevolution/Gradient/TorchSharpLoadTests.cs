using Coevo.Coevolution.Gradient;
using Coevo.Tests.Support;

namespace Coevo.Tests.Coevolution.Gradient;

[TestClass]
public class TorchSharpLoadTests
{
    [TestMethod]
    public void AFreshProcessLoadsTorchSharpAndRunsForwardAndBackward()
    {
        // A new process loads the patched libLibTorchSharp.so from the build output, as `coevo` does for a user.
        var (code, output, error) = CoevoProcess.Run(Path.GetTempPath(), 120, "info");
        Assert.AreEqual(0, code, output + error);
        StringAssert.Contains(output, "self-check (forward and backward on cpu): ok");
        StringAssert.Contains(output, "dy/dx = [13.5, -9, 16.5]");
        StringAssert.Contains(output, "libtorch 2.10");
    }

    [TestMethod]
    public void TheSelfCheckGradientMatchesItsClosedForm()
    {
        var (ok, detail) = TorchSelfCheck.Run(TorchSharp.torch.CPU);
        Assert.IsTrue(ok, detail);
    }

    [TestMethod]
    public void CudaOnACpuBuildNamesTheBuildSwitch()
    {
        Assert.AreEqual("cpu", TorchDevices.Backend);
        string? problem = TorchDevices.Problem("cuda");
        Assert.IsNotNull(problem);
        StringAssert.Contains(problem, "-p:TorchBackend=cuda");
        Assert.IsNull(TorchDevices.Problem("cpu"));
        StringAssert.Contains(TorchDevices.Problem("tpu")!, "unknown device 'tpu'");
        Assert.ThrowsExactly<global::Coevo.Coevolution.InputException>(() => TorchDevices.Resolve("cuda"));
    }

    [TestMethod]
    public void TheOutputCopyIsPatchedAndTheNuGetCacheIsNot()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.IsTrue(File.Exists(Path.Combine(AppContext.BaseDirectory, "libcoevo_glibcxx_compat.so")), "the compat library sits beside the output copy");
        Assert.IsTrue(Contains(File.ReadAllBytes(output), "libcoevo_glibcxx_compat.so"), "the output copy needs the compat library");
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (File.Exists(cached))
            Assert.IsFalse(Contains(File.ReadAllBytes(cached), "libcoevo_glibcxx_compat.so"), "the NuGet cache must stay untouched");
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text)) >= 0;
}
