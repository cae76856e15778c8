namespace Coevo.Torch;

/// <summary>Element types Coevo uses (codes match native/shim.cpp).</summary>
public enum ScalarType
{
    Float32 = 0,
    Int64 = 1,
    Bool = 2,
    Float64 = 3,
    Int32 = 4,
    Byte = 5,
}

/// <summary>Kind of device a tensor lives on.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device such as <c>cpu</c> or <c>cuda:0</c>, written and parsed as PyTorch does.</summary>
public sealed record Device(DeviceType type, int index = 0)
{
    public static readonly Device CPU = new(DeviceType.CPU);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static Device Parse(string spec)
    {
        string s = spec.Trim().ToLowerInvariant();
        if (s == "cpu") return CPU;
        if (s == "cuda") return new Device(DeviceType.CUDA, 0);
        if (s.StartsWith("cuda:") && int.TryParse(s[5..], out int i) && i >= 0) return new Device(DeviceType.CUDA, i);
        throw new ArgumentException($"unknown device '{spec}'; expected cpu, cuda or cuda:N");
    }

    public override string ToString() => type == DeviceType.CPU ? "cpu" : $"cuda:{index}";
}
