using System.Security.Cryptography;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Tokens;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>The token server's keys kept in the database are sealed with the key of Auth:KeyProtectionFile.</summary>
public sealed class TokenKeyProtectionTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Keys_kept_in_the_database_are_sealed_and_cannot_be_read_from_a_copy_of_it()
    {
        var rows = await api.Database.OwnerListAsync<bool>("SELECT sealed FROM identity.signing_keys");
        rows.Count.ShouldBeGreaterThanOrEqualTo(2);
        rows.ShouldAllBe(s => s);
        var stored = (await api.Database.OwnerListAsync<byte[]>("SELECT private_key FROM identity.signing_keys WHERE kind = 'signing'"))[0];
        using var rsa = RSA.Create();
        Should.Throw<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(stored, out _));
    }

    [Fact]
    public async Task A_key_found_in_plain_form_is_sealed_in_place_and_signs()
    {
        using var rsa = RSA.Create(2048);
        var id = $"plain-{Guid.NewGuid():N}"[..20];
        await api.Database.OwnerExecuteAsync(
            "INSERT INTO identity.signing_keys (id, kind, private_key, created_at) VALUES ($1, 'signing', $2, now() + interval '1 minute')",
            id, rsa.ExportPkcs8PrivateKey());

        var keys = api.Services.GetRequiredService<TokenKeys>();
        await keys.LoadAsync();

        (await api.Database.OwnerScalarAsync<bool>("SELECT sealed FROM identity.signing_keys WHERE id = $1", id)).ShouldBeTrue();
        (await api.Database.OwnerScalarAsync<byte[]>("SELECT private_key FROM identity.signing_keys WHERE id = $1", id))
            .ShouldNotBe(rsa.ExportPkcs8PrivateKey());
        keys.Signing[0].KeyId.ShouldBe(id);
        var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode((await api.SignInAsync("district.curator")).AccessToken.Split('.')[0])).RootElement;
        header.GetProperty("kid").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Outside_Development_keys_are_not_kept_in_the_database_without_a_protection_key()
    {
        var failed = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await AlbaHost.For<Program>(b =>
            {
                b.UseEnvironment("Staging");
                b.UseSetting("ConnectionStrings:Platform", api.Database.AppConnectionString);
                b.UseSetting("ConnectionStrings:PlatformOwner", api.Database.OwnerConnectionString);
                b.UseSetting("ConnectionStrings:PlatformSystem", api.Database.SystemConnectionString);
                b.UseSetting("Auth:StoreKeyInDatabase", "true");
                b.UseSetting("Auth:KeyProtectionFile", "");
                b.UseSetting("Auth:RequireHttps", "false");
                b.UseSetting("Auth:Issuer", "http://localhost/");
                b.UseSetting("Messaging:Mode", "Solo");
            });
        });
        (failed.ToString()).ShouldContain("Auth:KeyProtectionFile");
    }

    [Fact]
    public async Task The_cookie_and_form_keys_are_sealed_too()
    {
        await api.Scenario(s => s.Get.Url("/account/login")); // the form's antiforgery token needs the key ring
        var rings = await api.Database.OwnerListAsync<string>("SELECT xml FROM identity.data_protection_keys");
        rings.ShouldNotBeEmpty();
        rings.ShouldAllBe(xml => xml.Contains("<sealed") && !xml.Contains("<masterKey"));
    }
}
