using System.Globalization;
using System.Text;

namespace Highwater.Simulators.Salesforce.Soql;

/// <summary>
/// Parses the subset of SOQL in <see cref="SoqlQuery"/>. String literals take SOQL's backslash
/// escapes (<c>\' \" \\ \n \r \t \b \f</c>); anything else is <c>MALFORMED_QUERY</c>, so a quote
/// inside a value can neither end the literal early nor inject a condition.
/// </summary>
internal sealed class SoqlParser
{
    private readonly List<Token> _tokens;
    private int _at;

    private SoqlParser(List<Token> tokens) => _tokens = tokens;

    public static SoqlQuery Parse(string text)
    {
        var parser = new SoqlParser(Tokenize(text));
        var query = parser.ParseQuery(nested: false);
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw Malformed($"unexpected token: '{parser.Peek.Text}'");
        }

        return query;
    }

    private Token Peek => _tokens[_at];

    private Token Next() => _tokens[_at++];

    private SoqlQuery ParseQuery(bool nested)
    {
        Keyword("SELECT");
        var fields = new List<string>();
        var children = new List<SoqlQuery>();
        do
        {
            if (Peek.Kind == TokenKind.Open)
            {
                if (nested)
                {
                    throw Malformed("nested subqueries are not supported");
                }

                Next();
                children.Add(ParseQuery(nested: true));
                Expect(TokenKind.Close, "')'");
            }
            else
            {
                fields.Add(Identifier());
            }
        }
        while (Accept(TokenKind.Comma));

        Keyword("FROM");
        var from = Identifier();
        var where = new List<SoqlCondition>();
        if (IsKeyword("WHERE"))
        {
            Next();
            do
            {
                where.Add(ParseCondition());
            }
            while (AcceptKeyword("AND"));
        }

        int? limit = null;
        if (IsKeyword("LIMIT"))
        {
            Next();
            var token = Next();
            if (token.Kind != TokenKind.Word || !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Malformed($"unexpected token: '{token.Text}'");
            }

            limit = n;
        }

        return new SoqlQuery(fields, children, from, where, limit);
    }

    private SoqlCondition ParseCondition()
    {
        var field = Identifier();
        if (Accept(TokenKind.Equals))
        {
            return new SoqlCondition(field, [Literal()]);
        }

        Keyword("IN");
        Expect(TokenKind.Open, "'('");
        var values = new List<string?>();
        do
        {
            values.Add(Literal());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.Close, "')'");
        return new SoqlCondition(field, values);
    }

    private string? Literal()
    {
        var token = Next();
        return token.Kind switch
        {
            TokenKind.String => token.Text,
            TokenKind.Word when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase) => null,
            _ => throw Malformed($"unexpected token: '{token.Text}'"),
        };
    }

    private string Identifier()
    {
        var token = Next();
        if (token.Kind != TokenKind.Word || Reserved.Contains(token.Text))
        {
            throw Malformed($"unexpected token: '{token.Text}'");
        }

        return token.Text;
    }

    private void Keyword(string keyword)
    {
        var token = Next();
        if (token.Kind != TokenKind.Word || !token.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed($"unexpected token: '{token.Text}', expecting {keyword}");
        }
    }

    private bool IsKeyword(string keyword) => Peek.Kind == TokenKind.Word && Peek.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private bool AcceptKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            return false;
        }

        Next();
        return true;
    }

    private bool Accept(TokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            return false;
        }

        Next();
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw Malformed($"unexpected token: '{token.Text}', expecting {what}");
        }
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "SELECT", "FROM", "WHERE", "AND", "OR", "IN", "LIMIT", "NOT" };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.Open, "("));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.Close, ")"));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ","));
                    i++;
                    continue;
                case '=':
                    tokens.Add(new Token(TokenKind.Equals, "="));
                    i++;
                    continue;
                case '\'':
                    tokens.Add(new Token(TokenKind.String, ReadString(text, ref i)));
                    continue;
            }

            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
                continue;
            }

            throw Malformed($"unexpected token: '{c}'");
        }

        tokens.Add(new Token(TokenKind.End, "<EOF>"));
        return tokens;
    }

    private static string ReadString(string text, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\'')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                break;
            }

            var escaped = text[i++];
            value.Append(escaped switch
            {
                '\'' or '"' or '\\' => escaped,
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\b',
                'f' => '\f',
                _ => throw Malformed($"Invalid string literal: invalid escape sequence '\\{escaped}'"),
            });
        }

        throw Malformed("unterminated string literal");
    }

    private static SoqlException Malformed(string message) => new("MALFORMED_QUERY", message);

    private enum TokenKind
    {
        Word,
        String,
        Open,
        Close,
        Comma,
        Equals,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
