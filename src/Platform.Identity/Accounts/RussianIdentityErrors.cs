using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Accounts;

/// <summary>Identity's validation messages, in Russian for the people who read them.</summary>
public sealed class RussianIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string text) => new() { Code = code, Description = text };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Не удалось выполнить действие с учётной записью.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Учётную запись только что изменили: обновите страницу и повторите.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Текущий пароль указан неверно.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"Логин «{userName}» недопустим: используйте латинские буквы, цифры и символы - . _ @ +.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"Адрес «{email}» не похож на адрес электронной почты.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Логин «{userName}» уже занят.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Адрес «{email}» уже используется другой учётной записью.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Пароль должен быть не короче {length} символов.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "В пароле нужна хотя бы одна цифра.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "В пароле нужна хотя бы одна строчная латинская буква.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "В пароле нужна хотя бы одна заглавная латинская буква.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "В пароле нужен хотя бы один знак, не буква и не цифра.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"В пароле должно быть не меньше {uniqueChars} разных символов.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "Блокировка для этой учётной записи не включена.");
}
