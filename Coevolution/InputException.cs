namespace Coevo.Coevolution;

/// <summary>
/// Bad input from a user: a config, genome file, checkpoint, dataset or argument. The CLI maps it to exit code 2.
/// The message names the file (and where known the line and column) and what is wrong.
/// </summary>
public class InputException : Exception
{
    /// <summary>The file at fault, if any.</summary>
    public string? File { get; }
    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }
    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }
    /// <summary>The problem without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>A problem at a place in a file; the message reads <c>file:line:column: problem</c>.</summary>
    public InputException(string problem, string? file = null, int line = 0, int column = 0, Exception? inner = null)
        : base(Format(OneLine(problem), file, line, column), inner)
    {
        Problem = OneLine(problem);
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>Messages are one line: a parser's message may quote several lines of the bad input, or a lot of it.</summary>
    private static string OneLine(string problem)
    {
        string line = string.Join(' ', problem.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 600 ? line : line[..600] + "...";
    }

    private static string Format(string problem, string? file, int line, int column) =>
        file is null ? problem
        : line > 0 ? $"{file}:{line}:{column}: {problem}"
        : $"{file}: {problem}";
}
