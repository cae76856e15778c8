namespace Coevo.Torch;

/// <summary>An error reported by libtorch (through the native shim); the message is libtorch's own.</summary>
public class TorchException : Exception
{
    public TorchException(string message) : base(message) { }
    public TorchException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A weights or optimiser-state file that cannot be read (corrupt, truncated, wrong names or shapes); the message names the file.</summary>
public sealed class TorchFileException : TorchException
{
    public string Path { get; }

    public TorchFileException(string path, string problem) : base($"{path}: {problem}") => Path = path;
}
