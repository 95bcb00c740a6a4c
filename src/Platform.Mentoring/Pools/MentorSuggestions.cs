using System.Text;

namespace Platform.Mentoring.Pools;

/// <summary>One reason a mentor fits: its code, Russian name, points, and what matched.</summary>
public sealed record ScorePart(string Code, string Name, int Points, IReadOnlyList<string> Matches);

public sealed record MentorSuggestion(Guid PersonId, string FullName, string Kind, string? Position, int Score, IReadOnlyList<ScorePart> Parts,
    int Capacity, int CapacityLeft, string[] Subjects, string[] Competencies, string[] PreferredForms, string? Availability, DateOnly? AvailableUntil);

public sealed record SuggestionsView(Guid MenteeId, string MenteeName, IReadOnlyList<MentorSuggestion> Mentors);

/// <summary>A mentor of the pool as the ranking sees them.</summary>
public sealed record MentorCandidate(Guid PersonId, string FullName, string Kind, string? Position, MentorProfile Profile);

/// <summary>
/// Ranks the pool's mentors for one mentee by a score whose parts are shown, so the curator sees why:
/// common subjects (3 points each), mentor competencies whose words meet the mentee's requests and difficulties
/// (2 points per word), the desired form among the mentor's preferred forms (2), a free place (1).
/// Mentors whose availability has ended are left out. Pure: the caller loads the pool and the mentorship counts.
/// </summary>
public static class MentorSuggestions
{
    public const int SubjectPoints = 3, WordPoints = 2, FormPoints = 2, CapacityPoints = 1;

    public static List<MentorSuggestion> Rank(Guid menteeId, MenteeProfile mentee, IEnumerable<MentorCandidate> mentors,
        IReadOnlyDictionary<Guid, int> menteesPerMentor, DateOnly today)
    {
        var menteeSubjects = mentee.Subjects.Select(Normalize).ToHashSet();
        var needs = Stems(mentee.Requests.Concat(mentee.Difficulties));
        var result = new List<MentorSuggestion>();
        foreach (var m in mentors)
        {
            if (m.PersonId == menteeId || m.Profile.AvailableUntil < today) continue;
            var p = m.Profile;
            var subjects = p.Subjects.Where(s => menteeSubjects.Contains(Normalize(s))).ToList();
            var offered = Stems(p.Competencies);
            var words = offered.Keys.Where(needs.ContainsKey).Select(k => offered[k]).Order().ToList();
            var formFits = mentee.DesiredForm is { } form && p.PreferredForms.Contains(form);
            var left = Math.Max(0, p.Capacity - menteesPerMentor.GetValueOrDefault(m.PersonId));
            ScorePart[] parts =
            [
                new("subjects", "Общие предметы", subjects.Count * SubjectPoints, subjects),
                new("competencies", "Компетенции наставника отвечают запросам и затруднениям", words.Count * WordPoints, words),
                new("form", "Желаемая форма наставничества", formFits ? FormPoints : 0,
                    formFits ? [MentoringForms.Names[mentee.DesiredForm!]] : []),
                new("capacity", "Есть свободные места", left > 0 ? CapacityPoints : 0, [$"{left} из {p.Capacity}"]),
            ];
            result.Add(new MentorSuggestion(m.PersonId, m.FullName, m.Kind, m.Position, parts.Sum(x => x.Points), parts, p.Capacity, left,
                p.Subjects, p.Competencies, p.PreferredForms, p.Availability, p.AvailableUntil));
        }
        return result.OrderByDescending(s => s.Score).ThenByDescending(s => s.CapacityLeft).ThenBy(s => s.FullName, StringComparer.Create(Ru, false)).ToList();
    }

    private static readonly System.Globalization.CultureInfo Ru = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

    private static string Normalize(string text) => text.Trim().ToLowerInvariant().Replace('ё', 'е');

    // Words that say nothing about the topic.
    private static readonly HashSet<string> StopWords =
    [
        "для", "при", "или", "как", "что", "это", "его", "над", "под", "без", "про", "через", "также", "том", "числе", "так", "уже",
        "все", "всех", "они", "она", "оно", "мой", "моя", "мне", "нас", "вас", "них", "где", "когда", "чем", "работа", "работы", "работе",
        "помощь", "помощи", "вопросы", "вопросах", "вопросам", "умение", "умения", "навык", "опыт", "опыта",
    ];

    // Russian endings, longest first: «цифровых», «цифровые», «цифровой» → «цифров»; «уроки», «уроков» → «урок».
    private static readonly string[] Endings =
    [
        "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ых", "их", "ах", "ях", "ов", "ев", "ей", "ой", "ий", "ый",
        "ая", "яя", "ое", "ее", "ые", "ие", "ом", "ем", "ам", "ям", "ию", "ия", "ми", "ь", "а", "я", "о", "е", "ы", "и", "у", "ю", "й",
    ];

    /// <summary>
    /// Stem → a word it came from. Normalized word match: lower case, ё as е, words of 3+ letters that are not stop
    /// words, a Russian ending cut off (keeping 3+ letters), at most 6 letters kept. Crude, but it meets
    /// «цифровые ресурсы» with «цифровых образовательных ресурсов» and «ОВЗ» with «дети с ОВЗ».
    /// </summary>
    public static Dictionary<string, string> Stems(IEnumerable<string> texts)
    {
        var stems = new Dictionary<string, string>();
        foreach (var text in texts)
        {
            var word = new StringBuilder();
            foreach (var ch in Normalize(text) + " ")
            {
                if (char.IsLetterOrDigit(ch)) { word.Append(ch); continue; }
                if (word.Length >= 3 && !StopWords.Contains(word.ToString()))
                {
                    var w = word.ToString();
                    stems.TryAdd(Stem(w), w);
                }
                word.Clear();
            }
        }
        return stems;
    }

    private static string Stem(string word)
    {
        foreach (var ending in Endings)
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                word = word[..^ending.Length];
                break;
            }
        return word.Length > 6 ? word[..6] : word;
    }
}
