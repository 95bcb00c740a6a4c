using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Domain;
using Platform.Mentoring.Import;
using Platform.Mentoring.People;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>A school curator imports the staff and student lists the school office keeps in Excel: CSV (UTF-8 or 1251) or XLSX.</summary>
public sealed class ImportTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly JsonSerializerOptions JsonOptions = Platform.EventStore.DocumentStoreOptions.CreateJsonOptions();

    private string Curator => api.TokenAs($"school:{Oosh}");

    /// <summary>Sends to the import's address. Alba's ToUrl takes the path as it is (a '?' would be escaped into it): the query goes parameter by parameter.</summary>
    private static void ToImport(SendExpression send, string? kind, bool dryRun)
    {
        send.ToUrl($"/api/schools/{Oosh}/people/import");
        if (kind is not null) send.QueryString("kind", kind);
        send.QueryString("dryRun", dryRun ? "true" : "false");
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx")
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<(HttpStatusCode Status, ImportReport Report)> Import(string kind, bool dryRun, byte[] bytes, string fileName = "list.csv")
    {
        // A check answers with the report (200), a load with an operation (202).
        var response = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            ToImport(s.Post.MultipartFormData(Form(bytes, fileName)), kind, dryRun);
            s.StatusCodeShouldBe(dryRun ? 200 : 202);
        });
        if (dryRun) return (HttpStatusCode.OK, await response.ReadAsJsonAsync<ImportReport>());
        // Loading runs on a worker: the operation ends succeeded (written) or failed (refused), its result the report.
        var operation = await api.FinishedOperationAsync(Curator, response.Context.Response.Headers.Location.ToString());
        var status = operation.GetProperty("status").GetString();
        status.ShouldBeOneOf("succeeded", "failed");
        var report = operation.GetProperty("result").Deserialize<ImportReport>(JsonOptions)!;
        return (status == "succeeded" ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, report);
    }

    private Task<long> EventCount() => api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE tenant_id = $1::text", Oosh)!;

    private async Task<IReadOnlyList<PersonRow>> People(string search) =>
        (await Get<Page<PersonRow>>($"/api/schools/{Oosh}/people?search={Uri.EscapeDataString(search)}&pageSize=500")).Items;

    private Task<T> Get<T>(string url) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Get.Url(url);
    }).Json<T>();

    private static byte[] Utf8(string text, bool bom = true) => [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    private static string Consented(int daysAgo = 30) => DateTime.UtcNow.AddDays(-daysAgo).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    // Invented names; «Кабинет» is a column the import does not know.
    private static readonly string[] Staff = ["Зарубина Тамара Олеговна", "Лыткин Арсений Павлович", "Пермякова Злата Игоревна"];

    private static string StaffCsv(string service = "12", string[]? names = null)
    {
        names ??= Staff;
        return $"""
            ФИО;Должность;Предмет;Стаж;Категория;Email;Молодой специалист;Согласие дата;Согласие дал;Кабинет
            {names[0]};учитель химии;химия, биология;{service};высшая;zarubina@oosh.test;нет;{Consented()};сам;21
            {names[1]};учитель физики;физика;1;нет;;да;;;14
            {names[2]};педагог-психолог;;;;;;;;
            """.ReplaceLineEndings("\r\n");
    }

    [Fact]
    public async Task A_dry_run_of_a_UTF8_semicolon_list_reports_every_row_and_writes_nothing()
    {
        var before = await EventCount();
        string[] names = ["Дорохова Инна Марковна", "Шубин Лев Андреевич", "Ветрова Олеся Романовна"];
        var (status, report) = await Import("staff", dryRun: true, Utf8(StaffCsv(names: names)));

        status.ShouldBe(HttpStatusCode.OK);
        report.DryRun.ShouldBeTrue();
        report.Committed.ShouldBeFalse();
        (report.Format, report.Encoding, report.Separator).ShouldBe(("csv", "utf-8", ";"));
        report.Errors.ShouldBeEmpty();
        report.Totals.ShouldBe(new ImportTotals(3, 3, 0, 0, 0, 2));
        report.Rows.Select(r => (r.Row, r.Action, r.FullName)).ShouldBe([(2, "create", names[0]), (3, "create", names[1]), (4, "create", names[2])]);
        report.Rows.ShouldAllBe(r => r.PersonId == null);
        report.Warnings.ShouldContain(w => w.Row == 1 && w.Column == "Кабинет" && w.Message.Contains("не распознан"));
        // Details without a consent on the row are not imported, and the row says so.
        var noConsent = report.Warnings.Single(w => w.Row == 3);
        noConsent.Message.ShouldContain("«Предмет», «Стаж», «Категория», «Молодой специалист» не загружены: нет действующего согласия");

        (await EventCount()).ShouldBe(before);
        (await People("Дорохова")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_committed_list_imported_again_changes_nothing_and_a_changed_value_is_an_update()
    {
        var (status, report) = await Import("staff", dryRun: false, Utf8(StaffCsv()));
        status.ShouldBe(HttpStatusCode.OK);
        report.Committed.ShouldBeTrue();
        report.Totals.Create.ShouldBe(3);
        report.Rows.ShouldAllBe(r => r.PersonId != null);

        var zarubina = (await People("Зарубина")).ShouldHaveSingleItem();
        zarubina.Kind.ShouldBe("teacher");
        zarubina.Position.ShouldBe("учитель химии");
        zarubina.HasValidConsent.ShouldBeTrue();
        zarubina.Subjects.ShouldBe(["химия", "биология"]);
        var view = await Get<PersonView>($"/api/schools/{Oosh}/people/{zarubina.Id}");
        view.Details!.YearsOfService.ShouldBe(12);
        view.Details.QualificationCategory.ShouldBe("highest");
        view.Details.Email.ShouldBe("zarubina@oosh.test");
        view.Consent!.SignedBy.ShouldBe("self");
        var lytkin = (await People("Лыткин")).ShouldHaveSingleItem();
        lytkin.HasValidConsent.ShouldBeFalse();
        lytkin.Subjects.ShouldBeEmpty();

        var events = await EventCount();
        var (again, same) = await Import("staff", dryRun: false, Utf8(StaffCsv()));
        again.ShouldBe(HttpStatusCode.OK);
        same.Totals.ShouldBe(new ImportTotals(3, 0, 0, 3, 0, 2));
        same.Rows.ShouldAllBe(r => r.Action == "unchanged");
        (await EventCount()).ShouldBe(events);
        (await People("Зарубина")).Count.ShouldBe(1);

        // Saved without BOM, spaces and «ё» aside: still the same people.
        var respelled = StaffCsv().Replace("Зарубина Тамара Олеговна", "  зарубина  тамара олеговна ").Replace("Пермякова Злата", "ПЕРМЯКОВА Злата");
        var (_, matched) = await Import("staff", dryRun: true, Utf8(respelled, bom: false));
        matched.Rows.ShouldAllBe(r => r.Action == "unchanged");

        var (_, changed) = await Import("staff", dryRun: true, Utf8(StaffCsv(service: "13")));
        var update = changed.Rows.Single(r => r.Row == 2);
        (update.Action, update.PersonId).ShouldBe(("update", zarubina.Id));
        update.Changes.ShouldBe(["Стаж"]);
        changed.Totals.Unchanged.ShouldBe(2);
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task A_person_entered_through_the_API_gets_the_lists_consent_and_details_and_once_withdrawn_is_forgotten_by_the_import()
    {
        var person = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { kind = "teacher", fullName = "Калинина Вероника Андреевна", position = "учитель истории" }).ToUrl($"/api/schools/{Oosh}/people");
            s.StatusCodeShouldBe(201);
        }).Json<PersonView>();
        var csv = Utf8($"""
            ФИО;Должность;Предмет;Стаж;Категория;Согласие дата;Согласие дал
            Калинина Вероника Андреевна;учитель истории и обществознания;история, обществознание;5;первая;{Consented()};сам
            """);

        var (_, dry) = await Import("staff", dryRun: true, csv);
        var row = dry.Rows.ShouldHaveSingleItem();
        (row.Action, row.PersonId).ShouldBe(("update", person.Id));
        row.Changes.ShouldBe(["Должность", "Согласие", "Предмет", "Стаж", "Категория"]);
        (await Import("staff", dryRun: false, csv)).Status.ShouldBe(HttpStatusCode.OK);
        var view = await Get<PersonView>($"/api/schools/{Oosh}/people/{person.Id}");
        (view.Position, view.HasValidConsent, view.Details!.YearsOfService, view.Details.QualificationCategory)
            .ShouldBe(("учитель истории и обществознания", true, 5, "first"));

        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { }).ToUrl($"/api/schools/{Oosh}/people/{person.Id}/consents/withdraw");
            s.StatusCodeShouldBeSuccess();
        });
        // The withdrawal erased the person: nothing in the school matches their name any more, so the list reads as a new person.
        var (_, again) = await Import("staff", dryRun: true, csv);
        again.Rows.ShouldHaveSingleItem().Action.ShouldBe("create");
        var forgotten = await Get<PersonView>($"/api/schools/{Oosh}/people/{person.Id}");
        (forgotten.HasValidConsent, forgotten.FullName, forgotten.Position).ShouldBe((false, "данные удалены", null));
    }

    [Fact]
    public async Task A_Windows_1251_comma_list_of_students_reads_Cyrillic_exactly()
    {
        var csv = $"""
            Фамилия,Имя,Отчество,Класс,Год рождения,Согласие дата,Согласие дал,Законный представитель
            Щёголева,Фёкла,Юрьевна,"7 б",2013,{Consented()},законный представитель,"Щёголева Эльвира Ярославовна"
            Ёжиков,Эдуард,Шамильевич,11А,2008,{Consented()},сам,
            """.ReplaceLineEndings("\r\n");
        var bytes = Encoding.GetEncoding(1251).GetBytes(csv);
        Should.Throw<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var (status, report) = await Import("students", dryRun: false, bytes);
        status.ShouldBe(HttpStatusCode.OK, string.Join("; ", report.Errors.Select(e => $"{e.Row} {e.Column}: {e.Message}")));
        (report.Encoding, report.Separator).ShouldBe(("windows-1251", ","));
        report.Totals.Create.ShouldBe(2);

        var shchegoleva = (await People("Фёкла")).ShouldHaveSingleItem();
        shchegoleva.FullName.ShouldBe("Щёголева Фёкла Юрьевна");
        shchegoleva.Position.ShouldBe("7Б");
        shchegoleva.BirthYear.ShouldBe(2013);
        shchegoleva.IsMinor.ShouldBeTrue();
        shchegoleva.ConsentSignedBy.ShouldBe("guardian");
        var view = await Get<PersonView>($"/api/schools/{Oosh}/people/{shchegoleva.Id}");
        view.Consent!.GuardianName.ShouldBe("Щёголева Эльвира Ярославовна");
        (await People("Ёжиков")).ShouldHaveSingleItem().FullName.ShouldBe("Ёжиков Эдуард Шамильевич");

        // The same file once more: nothing to do.
        var events = await EventCount();
        var (_, again) = await Import("students", dryRun: false, bytes);
        again.Rows.ShouldAllBe(r => r.Action == "unchanged");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task An_XLSX_list_with_a_title_row_shared_strings_and_numbers_is_imported_with_the_rows_numbered_as_in_Excel()
    {
        var consentDay = DateTime.UtcNow.Date.AddDays(-20);
        var xlsx = Xlsx(
            ["Список обучающихся (наставляемые)"],
            [],
            ["ФИО", "Класс", "Год рождения", "E-mail", "Согласие дата", "Согласие дал", "Законный представитель"],
            ["Кудрявцева Снежана Петровна", "8А", 2012, null, consentDay.ToOADate(), "законный представитель", "Кудрявцев Пётр Ильич"],
            ["Бахтин Радомир Олегович", "8А", 2012, "bakhtin@oosh.test", null, null, null],
            ["Голубева Есения Артёмовна", 10, 2010, null, null, null, null]);

        var (status, report) = await Import("students", dryRun: false, xlsx, "students.xlsx");
        status.ShouldBe(HttpStatusCode.OK, string.Join("; ", report.Errors.Select(e => $"{e.Row} {e.Column}: {e.Message}")));
        report.Format.ShouldBe("xlsx");
        report.Rows.Select(r => (r.Row, r.Action)).ShouldBe([(4, "create"), (5, "create"), (6, "create")]);
        report.Warnings.ShouldHaveSingleItem().Row.ShouldBe(5); // an email without a consent
        report.Warnings[0].Message.ShouldContain("«E-mail» не загружены");

        var kudryavtseva = (await People("Кудрявцева Снежана")).ShouldHaveSingleItem();
        (kudryavtseva.Position, kudryavtseva.BirthYear, kudryavtseva.ConsentSignedBy).ShouldBe(("8А", 2012, "guardian"));
        kudryavtseva.ConsentGivenOn.ShouldBe(DateOnly.FromDateTime(consentDay));
        (await People("Голубева Есения")).ShouldHaveSingleItem().Position.ShouldBe("10");
        var bakhtin = (await People("Бахтин Радомир")).ShouldHaveSingleItem();
        var view = await Get<PersonView>($"/api/schools/{Oosh}/people/{bakhtin.Id}");
        view.Details.ShouldBeNull();
    }

    [Fact]
    public async Task A_file_with_one_bad_row_commits_nothing_and_names_the_row_and_column_in_Russian()
    {
        var csv = Utf8("""
            ФИО;Класс;Год рождения
            Мухина Варвара Сергеевна;5В;2015

            Мухин Тихон Сергеевич;седьмой;2013
            Мухина Ульяна;6А;двадцать
            """);
        var before = await EventCount();
        var (status, report) = await Import("students", dryRun: false, csv);

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        report.Committed.ShouldBeFalse();
        report.Errors.ShouldContain(e => e.Row == 4 && e.Column == "Класс" && e.Message == "Укажите класс ученика, например «7Б».");
        report.Errors.ShouldContain(e => e.Row == 5 && e.Column == "Год рождения" && e.Message.StartsWith("Год рождения — четыре цифры"));
        report.Errors.Count(e => e.Row == 5).ShouldBe(1); // the cell's own message, not the API's second one
        report.Rows.Select(r => (r.Row, r.Action)).ShouldBe([(2, "create"), (4, "error"), (5, "error")]);
        report.Totals.WithErrors.ShouldBe(2);
        (await EventCount()).ShouldBe(before);
        (await People("Мухина Варвара")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_minor_whose_consent_has_no_legal_guardian_is_a_row_error()
    {
        var csv = Utf8($"""
            ФИО;Класс;Год рождения;Согласие дата;Согласие дал;Законный представитель
            Лаптева Ариадна Глебовна;6Б;2014;{Consented()};сам;
            Лаптев Всеволод Глебович;6Б;2014;{Consented()};;
            """);
        var (status, report) = await Import("students", dryRun: false, csv);

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        report.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(2, "Законный представитель"), (3, "Законный представитель")]);
        report.Errors.ShouldAllBe(e => e.Message.Contains("меньше 18 лет: согласие даёт законный представитель"));
        (await People("Лаптев")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_person_twice_in_one_file_is_an_error_on_the_second_row()
    {
        var csv = Utf8("""
            ФИО;Должность
            Селёдкина Алёна Викторовна;учитель музыки
            Сахно Игорь Львович;учитель труда
            селедкина   алена викторовна;учитель ИЗО
            """);
        var (_, report) = await Import("staff", dryRun: true, csv);

        var error = report.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column).ShouldBe((4, "ФИО"));
        error.Message.ShouldContain("уже есть в строке 2");
    }

    [Fact]
    public async Task Missing_columns_and_unreadable_requests_are_reported_before_any_row()
    {
        var (status, report) = await Import("staff", dryRun: true, Utf8("Фамилия;Предмет\nОрлова;химия\n"));
        status.ShouldBe(HttpStatusCode.OK);
        report.Errors.Select(e => e.Column).ShouldBe(["ФИО", "Должность"]);
        report.Errors[0].Message.ShouldContain("«Фамилия» и «Имя»");
        report.Rows.ShouldBeEmpty();
        (await Import("staff", dryRun: false, Utf8("Фамилия;Предмет\nОрлова;химия\n"))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        (await FieldError(s => ToImport(s.Post.MultipartFormData(Form(Utf8(StaffCsv()), "list.csv")), kind: null, dryRun: true), "kind"))
            .ShouldContain("kind=staff");
        (await FieldError(s => ToImport(s.Post.Json(new { }), "staff", true), "file")).ShouldContain("multipart/form-data");
        (await FieldError(s => ToImport(s.Post.MultipartFormData(Form([0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3], "list.xls")), "staff", true), "file"))
            .ShouldContain("XLS (Excel 97–2003) не поддерживается");
        var tooLong = "ФИО;Должность\n" + string.Concat(Enumerable.Repeat("Орлова Ирина;учитель\n", 5_001));
        (await FieldError(s => ToImport(s.Post.MultipartFormData(Form(Utf8(tooLong), "list.csv")), "staff", true), "file")).ShouldContain("больше 5 000 строк");
    }

    [Fact]
    public async Task A_value_a_million_columns_to_the_right_is_refused_naming_the_cell()
    {
        // Column 1,000,000 is «BDWGN»: the file is a few kilobytes.
        var xlsx = SheetXlsx("""<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c><c r="B1" t="inlineStr"><is><t>Должность</t></is></c></row>""",
            """<row r="2"><c r="A2" t="inlineStr"><is><t>Орлова Ирина Петровна</t></is></c><c r="BDWGN2" t="inlineStr"><is><t>x</t></is></c></row>""");
        xlsx.Length.ShouldBeLessThan(10_000);
        var before = await EventCount();

        (await FieldError(s => ToImport(s.Post.MultipartFormData(Form(xlsx, "list.xlsx")), "staff", true), "file"))
            .ShouldContain("Ячейка BDWGN2 заполнена правее столбца IV");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public void Empty_cells_far_to_the_right_cost_nothing_and_a_row_wider_than_Excel_is_refused()
    {
        // Excel writes formatted empty cells; one at column 1,000,000 in each row used to cost megabytes per row.
        var rows = new List<string> { """<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c><c r="B1" t="inlineStr"><is><t>Должность</t></is></c><c r="BDWGN1" s="1"/></row>""" };
        for (var r = 2; r <= 40; r++)
            rows.Add($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Орлова Ирина {r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>учитель</t></is></c><c r="BDWGN{r}" s="1"><v></v></c></row>""");
        var xlsx = SheetXlsx([.. rows]);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var table = ImportFile.Read("list.xlsx", xlsx);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(20_000_000);
        table.Header.Cells.ShouldBe(["ФИО", "Должность"]);
        table.Rows.Count.ShouldBe(39);
        table.Rows[^1].Cells.ShouldBe(["Орлова Ирина 40", "учитель"]);

        // A row of 20,000 cells without references (Excel has 16,384 columns): refused before it is read through.
        var wide = SheetXlsx("""<row r="1"><c t="inlineStr"><is><t>ФИО</t></is></c></row>""", $"""<row r="2">{string.Concat(Enumerable.Repeat("<c/>", 20_000))}</row>""");
        Should.Throw<DomainValidationException>(() => ImportFile.Read("list.xlsx", wide)).Errors["file"][0].ShouldContain("больше 16");
    }

    /// <summary>An XLSX whose first sheet holds these «row» elements as written (references and cell types as given).</summary>
    private static byte[] SheetXlsx(params string[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var part = sheet.GetStream(FileMode.Create))
            using (var writer = new StreamWriter(part, new UTF8Encoding(false)))
                writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{string.Concat(rows)}</sheetData></worksheet>""");
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Список" }));
        }
        return stream.ToArray();
    }

    /// <summary>The curator's request is refused with 400: the first message on the field.</summary>
    private async Task<string> FieldError(Action<Alba.Scenario> request, string field)
    {
        var problem = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            request(s);
            s.StatusCodeShouldBe(400);
        }).Json();
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    /// <summary>An XLSX as Excel writes it: text in the shared strings table, numbers as numbers, empty cells left out.</summary>
    internal static byte[] Xlsx(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var texts = new List<string>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case string s:
                            if (!texts.Contains(s))
                            {
                                texts.Add(s);
                                strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(s)));
                            }
                            row.AppendChild(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(texts.IndexOf(s).ToString(CultureInfo.InvariantCulture)) });
                            break;
                        case int or double:
                            row.AppendChild(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(rows[r][c], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)) });
                            break;
                    }
                }
                if (row.HasChildren) data.AppendChild(row);
            }
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Список" }));
        }
        return stream.ToArray();
    }
}
