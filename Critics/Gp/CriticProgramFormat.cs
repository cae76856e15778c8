using System.Globalization;
using System.Text;
using Coevo.Coevolution;
using Coevo.Coevolution.Evolution;
using Coevo.Critics.Features;

namespace Coevo.Critics.Gp;

/// <summary>
/// GP critic programs as S-expressions over feature names, e.g. <c>(+ (* edge_density 3.5) (if&gt; hue_spread 0.25 -1 symmetry_lr))</c>.
/// Functions: <c>+ - * / min max neg abs if&gt;</c> (<c>(if&gt; a b c d)</c> is a &gt; b ? c : d); terminals are the names in
/// <see cref="ImageFeatures.Names"/> and numbers, written so that they read back exactly.
/// </summary>
public sealed class CriticProgramFormat : IGenomeFormat<CriticProgram>
{
    /// <inheritdoc />
    public string Extension => "sexp";

    /// <inheritdoc />
    public string Write(CriticProgram genome) => Format(genome.Root);

    /// <summary>The S-expression of a node.</summary>
    public static string Format(CriticNode node)
    {
        var sb = new StringBuilder();
        Append(node, sb);
        return sb.ToString();
    }

    private static void Append(CriticNode node, StringBuilder sb)
    {
        switch (node.Op)
        {
            case CriticOp.Feature:
                sb.Append(ImageFeatures.Names[node.FeatureIndex]);
                return;
            case CriticOp.Const:
                sb.Append(node.Value.ToString("R", CultureInfo.InvariantCulture));
                return;
        }
        sb.Append('(').Append(CriticOps.Name(node.Op));
        foreach (var c in node.Children)
        {
            sb.Append(' ');
            Append(c, sb);
        }
        sb.Append(')');
    }

    /// <inheritdoc />
    public CriticProgram Read(string text, string source)
    {
        var tokens = Tokenize(text);
        int pos = 0;
        if (tokens.Count == 0) throw new InputException("empty critic program", source);
        var root = Parse(tokens, ref pos, source);
        if (pos != tokens.Count)
            throw new InputException($"unexpected '{tokens[pos].Text}' after the end of the program at character {tokens[pos].At + 1}", source);
        return new CriticProgram(root);
    }

    private readonly record struct Token(string Text, int At);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')') { tokens.Add(new Token(c.ToString(), i)); i++; continue; }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')')) i++;
            tokens.Add(new Token(text[start..i], start));
        }
        return tokens;
    }

    private static CriticNode Parse(List<Token> tokens, ref int pos, string source)
    {
        if (pos >= tokens.Count) throw new InputException("critic program ends early (a ')' or an argument is missing)", source);
        var t = tokens[pos++];
        if (t.Text == ")") throw new InputException($"unexpected ')' at character {t.At + 1}", source);
        if (t.Text != "(") return Terminal(t, source);

        if (pos >= tokens.Count) throw new InputException("critic program ends early after '('", source);
        var name = tokens[pos++];
        if (!CriticOps.TryParseFunction(name.Text, out var op))
            throw new InputException($"unknown function '{name.Text}' at character {name.At + 1}; known: {string.Join(' ', CriticOps.Functions.Select(CriticOps.Name))}", source);
        var kids = new List<CriticNode>();
        while (pos < tokens.Count && tokens[pos].Text != ")") kids.Add(Parse(tokens, ref pos, source));
        if (pos >= tokens.Count) throw new InputException($"'({name.Text}' at character {t.At + 1} is never closed", source);
        pos++;
        if (kids.Count != CriticOps.Arity(op))
            throw new InputException($"'{name.Text}' at character {name.At + 1} takes {CriticOps.Arity(op)} argument(s), got {kids.Count}", source);
        return CriticNode.Function(op, kids.ToArray());
    }

    private static CriticNode Terminal(Token t, string source)
    {
        int feature = -1;
        for (int i = 0; i < ImageFeatures.Count; i++)
            if (ImageFeatures.Names[i] == t.Text) feature = i;
        if (feature >= 0) return CriticNode.Feature(feature);
        if (double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            return CriticNode.Constant(v);
        throw new InputException($"'{t.Text}' at character {t.At + 1} is neither a feature ({string.Join(", ", ImageFeatures.Names)}) nor a finite number", source);
    }
}
