namespace Platform.Tests.EventStore;

// A small aggregate for the store's own tests, in the shape the domain uses.
public sealed record NotebookOpened(Guid NotebookId, string Title);
public sealed record NoteAdded(string Text);
public sealed record NotebookRetitled(string Title);

public sealed record Notebook(Guid Id, string Title, IReadOnlyList<string> Notes)
{
    public static Notebook Create(NotebookOpened e) => new(e.NotebookId, e.Title, []);
    public Notebook Apply(NoteAdded e) => this with { Notes = [.. Notes, e.Text] };
    public Notebook Apply(NotebookRetitled e) => this with { Title = e.Title };
}
