using System.Globalization;
using System.Text;

namespace ChatHistory.Simulator.SuperOffice;

/// <summary>
/// The part of SuperOffice's archive restriction language ($filter) the simulator understands:
/// terms "column op value" with eq/=/ne/gt/lt/ge/le, after/before/dateBetween on dates, joined
/// by and/or with brackets. Dates are written 2014.3.4 or ISO 8601, in the request's zone.
/// </summary>
public sealed class ArchiveFilter
{
    private readonly List<string> tokens;
    private readonly Func<string, DateTimeOffset> parseDate;
    private readonly ISet<string> columns;
    private int position;

    private ArchiveFilter(string text, Func<string, DateTimeOffset> parseDate, ISet<string> columns)
    {
        tokens = Tokenize(text);
        this.parseDate = parseDate;
        this.columns = columns;
    }

    /// <summary>Parses a filter; throws FormatException with a message fit for a 400 answer.</summary>
    public static Func<IReadOnlyDictionary<string, object?>, bool> Parse(
        string text, ISet<string> columns, Func<string, DateTimeOffset> parseDate)
    {
        var parser = new ArchiveFilter(text, parseDate, columns);
        var predicate = parser.Or();
        if (parser.position != parser.tokens.Count)
        {
            throw new FormatException($"Unexpected '{parser.tokens[parser.position]}' in $filter.");
        }

        return predicate;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> Or()
    {
        var left = And();
        while (Accept("or"))
        {
            var first = left;
            var second = And();
            left = row => first(row) || second(row);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> And()
    {
        var left = Primary();
        while (Accept("and"))
        {
            var first = left;
            var second = Primary();
            left = row => first(row) && second(row);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> Primary()
    {
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var column = Next();
        if (!columns.Contains(column))
        {
            throw new FormatException($"Unknown column '{column}' in $filter.");
        }

        var op = Next().ToLowerInvariant();
        if (op == "datebetween")
        {
            Expect("(");
            var from = parseDate(Literal());
            Expect(",");
            var to = parseDate(Literal());
            Expect(")");
            return row => row[column] is DateTimeOffset value && value >= from && value <= to;
        }

        var literal = Literal();
        return op switch
        {
            "after" => DateTest(column, parseDate(literal), (value, bound) => value > bound),
            "before" => DateTest(column, parseDate(literal), (value, bound) => value < bound),
            "eq" or "=" or "equals" or "is" => row => Compare(row[column], literal) == 0,
            "ne" or "unequals" or "isnot" => row => Compare(row[column], literal) != 0,
            "gt" or "greater" => row => Compare(row[column], literal) > 0,
            "lt" or "less" => row => Compare(row[column], literal) < 0,
            "ge" => row => Compare(row[column], literal) >= 0,
            "le" => row => Compare(row[column], literal) <= 0,
            _ => throw new FormatException($"Unknown operator '{op}' in $filter."),
        };
    }

    private static Func<IReadOnlyDictionary<string, object?>, bool> DateTest(
        string column, DateTimeOffset bound, Func<DateTimeOffset, DateTimeOffset, bool> test) =>
        row => row[column] is DateTimeOffset value && test(value, bound);

    private static int Compare(object? value, string literal) => value switch
    {
        null => literal.Length == 0 ? 0 : -1,
        int or long when long.TryParse(literal, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) =>
            Convert.ToInt64(value, CultureInfo.InvariantCulture).CompareTo(number),
        _ => string.Compare(Convert.ToString(value, CultureInfo.InvariantCulture), literal, StringComparison.OrdinalIgnoreCase),
    };

    private string Literal()
    {
        var token = Next();
        return token.StartsWith('\'') ? token[1..^1] : token;
    }

    private bool Accept(string token)
    {
        if (position < tokens.Count && string.Equals(tokens[position], token, StringComparison.OrdinalIgnoreCase))
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"Expected '{token}' in $filter.");
        }
    }

    private string Next() =>
        position < tokens.Count ? tokens[position++] : throw new FormatException("The $filter ended too early.");

    /// <summary>Words, quoted strings (backslash escapes), brackets and commas. A string keeps its quotes so that it reads as a literal.</summary>
    private static List<string> Tokenize(string text)
    {
        var result = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',' or '=')
            {
                result.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var literal = new StringBuilder("'");
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    literal.Append(text[i]);
                }

                if (i >= text.Length)
                {
                    throw new FormatException("A string in $filter is not closed.");
                }

                result.Add(literal.Append('\'').ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '\'' or '='))
                {
                    i++;
                }

                result.Add(text[start..i]);
            }
        }

        return result;
    }
}
