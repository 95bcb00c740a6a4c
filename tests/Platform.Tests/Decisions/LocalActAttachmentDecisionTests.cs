using System.Text;
using Platform.Mentoring.LocalActs;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>Scans attached to a local act: accepted by their signature, each file once, at most 20, removed by id.</summary>
public sealed class LocalActAttachmentDecisionTests
{
    private static readonly Guid ActId = Guid.Parse("0a000000-0000-4000-8000-000000000001");
    private static readonly Guid FileId = Guid.Parse("0f000000-0000-4000-8000-000000000001");

    private static readonly byte[] Scan = Encoding.UTF8.GetBytes("%PDF-1.7 приказ 12-о");

    private static LocalAct Act() => LocalAct.Create(new LocalActRegistered(ActId, LocalActKind.Regulation, "12-о", new DateOnly(2025, 9, 1), "Положение о наставничестве", null));

    private static AcceptedFile File(string name, string text) => AttachmentFiles.Accept(name, Encoding.UTF8.GetBytes(text));

    private static LocalAct WithScan() => Act().Apply(LocalActCommands.AddAttachment(Act(), FileId, AttachmentFiles.Accept(@"C:\Сканы\Приказ 12-о.pdf", Scan)));

    [Fact]
    public void A_scan_is_attached_under_its_clean_name_with_its_size_and_hash()
    {
        var file = AttachmentFiles.Accept(@"C:\Сканы\Приказ 12-о.pdf", Scan);
        LocalActCommands.AddAttachment(Act(), FileId, file).ShouldBe(new LocalActAttachmentAdded(FileId, "Приказ 12-о.pdf", "application/pdf", 27,
            "a67dd5a6e5674266bb795bc7ae738e8b829ff679259ba61e775f9150d509ac98"));
        WithScan().FindAttachment(FileId).ShouldNotBeNull().FileName.ShouldBe("Приказ 12-о.pdf");
    }

    [Fact]
    public void The_same_file_is_not_attached_twice_even_under_another_name()
    {
        Rule(() => LocalActCommands.AddAttachment(WithScan(), Guid.NewGuid(), AttachmentFiles.Accept("копия.pdf", Scan)))
            .ShouldBe("Этот файл уже приложен к акту (под именем «Приказ 12-о.pdf»).");
        LocalActCommands.AddAttachment(WithScan(), Guid.NewGuid(), File("Приказ 13-о.pdf", "%PDF-1.7 приказ 13-о")).Sha256
            .ShouldBe("5d36b98f84598204678e7345a6235716d0ec9a19fae5daa6d384aa4c45bd09f2");
    }

    [Fact]
    public void An_act_takes_at_most_twenty_files()
    {
        var act = Enumerable.Range(1, 20).Aggregate(Act(), (a, i) =>
            a.Apply(LocalActCommands.AddAttachment(a, Guid.NewGuid(), File($"Лист {i}.pdf", $"%PDF-1.7 лист {i}"))));
        act.Attachments.Count.ShouldBe(20);
        Rule(() => LocalActCommands.AddAttachment(act, Guid.NewGuid(), File("Лист 21.pdf", "%PDF-1.7 лист 21")))
            .ShouldBe("К акту приложено 20 файлов: удалите лишние, прежде чем добавлять новые.");
    }

    [Fact]
    public void A_file_is_removed_by_its_id_and_then_is_gone()
    {
        var e = LocalActCommands.RemoveAttachment(WithScan(), FileId);
        e.ShouldBe(new LocalActAttachmentRemoved(FileId, "Приказ 12-о.pdf"));
        var removed = WithScan().Apply(e);
        removed.Attachments.ShouldBeEmpty();
        NotFound(() => LocalActCommands.RemoveAttachment(removed, FileId)).ShouldBe("Такого файла у акта нет.");
        LocalActCommands.AddAttachment(removed, Guid.NewGuid(), AttachmentFiles.Accept("Приказ 12-о.pdf", Scan)).FileName.ShouldBe("Приказ 12-о.pdf");
    }

    [Fact]
    public void A_file_whose_content_is_not_its_type_is_not_accepted()
    {
        Invalid(() => AttachmentFiles.Accept("Приказ.pdf", Encoding.UTF8.GetBytes("MZ исполняемый файл")))["file"]
            .ShouldBe(["Содержимое файла не соответствует его типу (.pdf). Можно приложить файл PDF, DOC, DOCX, ODT, JPG или PNG."]);
        Invalid(() => AttachmentFiles.Accept("Приказ.exe", Scan))["file"].ShouldBe(["Можно приложить файл PDF, DOC, DOCX, ODT, JPG или PNG."]);
    }
}
