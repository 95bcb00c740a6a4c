using System.Text.Json;

namespace Platform.Mentoring.Documents.Declension;

/// <summary>The grammatical cases a document inflects a name in (the nominative is the name as stored).</summary>
public enum GrammaticalCase { Genitive, Dative, Accusative, Instrumental, Prepositional }

public enum NameGender { Androgynous, Male, Female }

/// <summary>
/// Russian full names in the cases an order needs: «Назначить куратором Иванову Марию Петровну», «Объявить благодарность
/// Петрову Ивану Ивановичу». An interpreter of the Petrovich rules (petrovich-rules, MIT; the files and their licence are
/// embedded beside this class): each part of the name takes the first rule of its group whose gender fits and whose test
/// ends the word (exceptions: the whole word); the rule's modifier for the case drops as many letters as it has leading «-»
/// and appends the rest, «.» leaves the word as it is. The gender comes from the patronymic («-ич», «-на»), else from
/// the rules' gender lists. No declension library is served on the package mirror (only Humanizer.Core.ru, which does numbers).
/// </summary>
public static class RussianNames
{
    private static readonly Lazy<Rules> Loaded = new(Rules.Load);

    /// <summary>
    /// «Фамилия Имя Отчество» (or «Фамилия Имя») in the case. A name that is not two or three Cyrillic words is returned as it is:
    /// a document prints it uninflected rather than wrongly inflected.
    /// </summary>
    public static string FullName(string fullName, GrammaticalCase @case, NameGender? gender = null)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !parts.All(IsCyrillicWord)) return fullName;
        var (last, first, middle) = (parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        var g = gender is null or NameGender.Androgynous ? Gender(last, first, middle) : gender.Value;
        var rules = Loaded.Value;
        var result = new List<string> { Inflect(rules.LastName, last, g, @case), Inflect(rules.FirstName, first, g, @case) };
        if (middle is not null) result.Add(Inflect(rules.MiddleName, middle, g, @case));
        return string.Join(' ', result);
    }

    /// <summary>The gender a full name shows: the patronymic's, else the first name's, else the surname's.</summary>
    public static NameGender Gender(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length is < 2 or > 3 ? NameGender.Androgynous : Gender(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    private static NameGender Gender(string last, string first, string? middle)
    {
        var rules = Loaded.Value;
        foreach (var (group, word) in new[] { (rules.MiddleGender, middle), (rules.FirstGender, first), (rules.LastGender, last) })
            if (word is not null && group.Detect(word) is { } g and not NameGender.Androgynous) return g;
        return NameGender.Androgynous;
    }

    private static bool IsCyrillicWord(string word) =>
        word.All(c => c is '-' or '\'' || c is >= 'А' and <= 'я' || c is 'Ё' or 'ё') && word.Any(char.IsLetter) && !word.StartsWith('-') && !word.EndsWith('-');

    /// <summary>A double surname («Петрова-Водкина») inflects each part; a first part may match rules tagged «first_word».</summary>
    private static string Inflect(RuleGroup group, string word, NameGender gender, GrammaticalCase @case)
    {
        var parts = word.Split('-');
        return string.Join('-', parts.Select((part, i) => group.Find(part, gender, firstWord: i == 0 && parts.Length > 1) is { } rule
            ? Apply(part, rule.Mods[(int)@case])
            : part));
    }

    private static string Apply(string word, string mod)
    {
        if (mod == ".") return word;
        var cut = mod.TakeWhile(c => c == '-').Count();
        return cut > word.Length ? word : word[..^cut] + mod[cut..];
    }

    private sealed record Rule(NameGender Gender, string[] Test, string[] Mods, bool FirstWordOnly);

    private sealed record RuleGroup(IReadOnlyList<Rule> Exceptions, IReadOnlyList<Rule> Suffixes)
    {
        public Rule? Find(string word, NameGender gender, bool firstWord)
        {
            var lower = word.ToLowerInvariant();
            return Exceptions.FirstOrDefault(r => Fits(r, gender, firstWord) && r.Test.Contains(lower))
                ?? Suffixes.FirstOrDefault(r => Fits(r, gender, firstWord) && r.Test.Any(lower.EndsWith));
        }

        private static bool Fits(Rule rule, NameGender gender, bool firstWord) =>
            (!rule.FirstWordOnly || firstWord) && (rule.Gender == NameGender.Androgynous || rule.Gender == gender);
    }

    /// <summary>Gender by whole word (exceptions), else by the longest ending that names one.</summary>
    private sealed record GenderGroup(IReadOnlyDictionary<string, NameGender> Words, IReadOnlyList<(string Suffix, NameGender Gender)> Suffixes)
    {
        public NameGender? Detect(string word)
        {
            var lower = word.ToLowerInvariant();
            if (Words.TryGetValue(lower, out var g)) return g;
            return Suffixes.Where(s => lower.EndsWith(s.Suffix)).OrderByDescending(s => s.Suffix.Length).Select(s => (NameGender?)s.Gender).FirstOrDefault();
        }
    }

    private sealed record Rules(RuleGroup LastName, RuleGroup FirstName, RuleGroup MiddleName, GenderGroup LastGender, GenderGroup FirstGender, GenderGroup MiddleGender)
    {
        public static Rules Load()
        {
            using var rules = Read("petrovich-rules.json");
            using var gender = Read("petrovich-gender.json");
            var g = gender.RootElement.GetProperty("gender");
            return new(Group(rules.RootElement.GetProperty("lastname")), Group(rules.RootElement.GetProperty("firstname")),
                Group(rules.RootElement.GetProperty("middlename")),
                Genders(g.GetProperty("lastname")), Genders(g.GetProperty("firstname")), Genders(g.GetProperty("middlename")));
        }

        private static JsonDocument Read(string file)
        {
            var assembly = typeof(RussianNames).Assembly;
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(name)!;
            return JsonDocument.Parse(stream);
        }

        private static RuleGroup Group(JsonElement group) => new(
            group.TryGetProperty("exceptions", out var e) ? e.EnumerateArray().Select(ParseRule).ToList() : [],
            group.GetProperty("suffixes").EnumerateArray().Select(ParseRule).ToList());

        private static Rule ParseRule(JsonElement r) => new(ParseGender(r.GetProperty("gender").GetString()!),
            r.GetProperty("test").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            r.GetProperty("mods").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            r.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetString() == "first_word"));

        private static GenderGroup Genders(JsonElement group)
        {
            var words = new Dictionary<string, NameGender>(StringComparer.Ordinal);
            if (group.TryGetProperty("exceptions", out var e))
                foreach (var byGender in e.EnumerateObject())
                    foreach (var w in byGender.Value.EnumerateArray()) words.TryAdd(w.GetString()!, ParseGender(byGender.Name));
            var suffixes = group.TryGetProperty("suffixes", out var s)
                ? s.EnumerateObject().SelectMany(byGender => byGender.Value.EnumerateArray().Select(x => (x.GetString()!, ParseGender(byGender.Name)))).ToList()
                : [];
            return new(words, suffixes);
        }

        private static NameGender ParseGender(string gender) => gender switch
        {
            "male" => NameGender.Male,
            "female" => NameGender.Female,
            _ => NameGender.Androgynous,
        };
    }
}
