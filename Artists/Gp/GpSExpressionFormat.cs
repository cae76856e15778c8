using System.Globalization;
using System.Text;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;

namespace Coevo.Artists.Gp;

/// <summary>
/// The readable S-expression form of a GP tree, e.g. <c>(+ (sin (* x 3.1)) (noise 42 y r) #(0.2 0.5 0.9))</c>.
/// Variables are <c>x y r</c>; numbers are scalar constants (invariant culture); <c>#(r g b)</c> is a colour
/// constant; noise ops take their integer seed first: <c>(noise SEED a b)</c>. <c>;</c> starts a comment.
/// </summary>
public sealed class GpSExpressionFormat : IGenomeFormat<GpTree>
{
    /// <summary>Deepest nesting the parser accepts (guards the stack against hostile files).</summary>
    public const int MaxNesting = 2000;

    /// <inheritdoc/>
    public string Extension => "sexp";

    /// <inheritdoc/>
    public string Write(GpTree genome) => Format(genome.Root) + "\n";

    /// <summary>One node as an S-expression (no trailing newline).</summary>
    public static string Format(GpNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static string Num(float v) => v.ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder sb, GpNode n)
    {
        switch (n.Op)
        {
            case GpOp.Const: sb.Append(Num(n.Value.X)); return;
            case GpOp.Color: sb.Append("#(").Append(Num(n.Value.X)).Append(' ').Append(Num(n.Value.Y)).Append(' ').Append(Num(n.Value.Z)).Append(')'); return;
            case GpOp.X or GpOp.Y or GpOp.R: sb.Append(GpOps.Name(n.Op)); return;
        }
        sb.Append('(').Append(GpOps.Name(n.Op));
        if (GpOps.HasSeed(n.Op)) sb.Append(' ').Append(n.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (var c in n.Children)
        {
            sb.Append(' ');
            Append(sb, c);
        }
        sb.Append(')');
    }

    /// <summary>
    /// Parses an S-expression; text starting with '{' is read as the JSON form instead, so a genome file of either
    /// form loads wherever this format is used (e.g. <c>coevo render best.json</c>).
    /// </summary>
    public GpTree Read(string text, string source) =>
        text.TrimStart().StartsWith('{') ? new GpJsonFormat().Read(text, source) : new(new Parser(text, source).ParseDocument());

    /// <summary>Parses one S-expression (convenience for tests and code).</summary>
    public static GpNode Parse(string text, string source = "<string>") => new Parser(text, source).ParseDocument();

    private sealed class Parser(string text, string source)
    {
        private int _pos;

        private (int Line, int Column) Where(int offset)
        {
            int line = 1, col = 1;
            for (int i = 0; i < offset && i < text.Length; i++)
            {
                if (text[i] == '\n') { line++; col = 1; }
                else col++;
            }
            return (line, col);
        }

        private InputException Error(string problem, int offset)
        {
            var (line, col) = Where(offset);
            return new InputException(problem, source, line, col);
        }

        private void SkipSpace()
        {
            while (_pos < text.Length)
            {
                char ch = text[_pos];
                if (char.IsWhiteSpace(ch)) _pos++;
                else if (ch == ';') { while (_pos < text.Length && text[_pos] != '\n') _pos++; }
                else break;
            }
        }

        public GpNode ParseDocument()
        {
            SkipSpace();
            if (_pos >= text.Length) throw Error("empty GP genome: expected an S-expression such as (sin x)", _pos);
            var node = ParseExpr(0);
            SkipSpace();
            if (_pos < text.Length) throw Error($"unexpected '{Token(_pos)}' after the end of the expression", _pos);
            return node;
        }

        private string Token(int start)
        {
            if (start < text.Length && text[start] is '(' or ')') return text[start].ToString();
            int end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or ';')) end++;
            return text[start..end];
        }

        private string ReadAtom(out int start)
        {
            SkipSpace();
            start = _pos;
            if (_pos >= text.Length) throw Error("unexpected end of file", _pos);
            var tok = Token(_pos);
            _pos += tok.Length;
            return tok;
        }

        private static bool TryNumber(string tok, out float value) =>
            float.TryParse(tok, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        private float ReadNumber(string what)
        {
            var tok = ReadAtom(out int start);
            if (tok is "(" or ")") throw Error($"expected {what} (a number), got '{tok}'", start);
            if (!TryNumber(tok, out float v)) throw Error($"expected {what} (a number), got '{tok}'", start);
            if (!float.IsFinite(v)) throw Error($"{what} must be finite, got '{tok}'", start);
            return v;
        }

        private GpNode ParseExpr(int nesting)
        {
            if (nesting > MaxNesting) throw Error($"expression nested deeper than {MaxNesting} levels", _pos);
            SkipSpace();
            int start = _pos;
            if (_pos >= text.Length) throw Error("unexpected end of file: an argument is missing", _pos);
            char ch = text[_pos];
            if (ch == ')') throw Error("unexpected ')': an argument is missing", _pos);
            if (ch == '#')
            {
                if (_pos + 1 >= text.Length || text[_pos + 1] != '(') throw Error("expected '#(' to start a colour constant #(r g b)", _pos);
                _pos += 2;
                float r = ReadNumber("the red component of a colour constant");
                float g = ReadNumber("the green component of a colour constant");
                float b = ReadNumber("the blue component of a colour constant");
                Expect(')', "to close the colour constant #(r g b) opened", start);
                return GpNode.ColorConstant(r, g, b);
            }
            if (ch != '(')
            {
                var tok = ReadAtom(out _);
                if (tok == "x") return GpNode.Variable(GpOp.X);
                if (tok == "y") return GpNode.Variable(GpOp.Y);
                if (tok == "r") return GpNode.Variable(GpOp.R);
                if (TryNumber(tok, out float v))
                {
                    if (!float.IsFinite(v)) throw Error($"constant must be finite, got '{tok}'", start);
                    return GpNode.Constant(v);
                }
                if (GpOps.TryParse(tok, out var f) && GpOps.Arity(f) > 0)
                    throw Error($"function '{tok}' must be called in parentheses: ({tok} ...)", start);
                throw Error($"unknown symbol '{tok}'; expected x, y, r, a number, #(r g b) or (function ...)", start);
            }
            _pos++; // '('
            var name = ReadAtom(out int nameStart);
            if (name is "(" or ")") throw Error($"expected a function name after '(', got '{name}'", nameStart);
            if (!GpOps.TryParse(name, out var op) || op is GpOp.Const or GpOp.Color)
                throw Error($"unknown function '{name}'; known: {GpOps.KnownNames}", nameStart);
            int arity = GpOps.Arity(op);
            if (arity == 0) throw Error($"'{name}' is a variable, write it without parentheses", nameStart);
            int seed = 0;
            if (GpOps.HasSeed(op))
            {
                var tok = ReadAtom(out int seedStart);
                if (!int.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    throw Error($"'{name}' takes an integer seed first: ({name} SEED a b), got '{tok}'", seedStart);
            }
            var kids = new List<GpNode>();
            while (true)
            {
                SkipSpace();
                if (_pos >= text.Length)
                {
                    var (l, c) = Where(start);
                    throw Error($"unexpected end of file: '({name}' opened at {l}:{c} is not closed", _pos);
                }
                if (text[_pos] == ')') break;
                if (kids.Count == arity)
                    throw Error($"'{name}' takes {arity} argument(s), got more", _pos);
                kids.Add(ParseExpr(nesting + 1));
            }
            if (kids.Count != arity) throw Error($"'{name}' takes {arity} argument(s), got {kids.Count}", _pos);
            _pos++; // ')'
            return GpNode.Function(op, seed, kids.ToArray());
        }

        private void Expect(char ch, string why, int openedAt)
        {
            SkipSpace();
            if (_pos >= text.Length || text[_pos] != ch)
            {
                var (l, c) = Where(openedAt);
                string got = _pos >= text.Length ? "end of file" : $"'{Token(_pos)}'";
                throw Error($"expected '{ch}' {why} at {l}:{c}, got {got}", _pos);
            }
            _pos++;
        }
    }
}
