using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Reminders;

namespace Platform.Jobs.Demo;

/// <summary>
/// The demo inboxes: a welcome notice for every demo account (fixed ids, so a restart adds nothing), then one real
/// reminder scan, so that the reminders and escalations due today are on their way to the inboxes at once.
/// </summary>
public static class DemoNotifications
{
    public static async Task SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<DocumentStore>();
        var deliveries = services.GetRequiredService<DeliveryQueue>();
        await using (var session = store.LightweightSession(TenantScope.Platform))
        {
            var accounts = await session.QueryAsync("""
                SELECT id, tenant_id, user_name, roles FROM identity.accounts
                 WHERE user_name LIKE 'curator.%' OR user_name LIKE 'director.%' OR user_name IN ('district.curator', 'mentor.sosh1', 'mentee.sosh1')
                """, r => (Id: r.GetGuid(0), Tenant: r.GetGuid(1), Login: r.GetString(2), Roles: r.GetFieldValue<string[]>(3)), ct);
            foreach (var a in accounts)
            {
                var district = a.Roles.Contains("DistrictCurator");
                var payload = new
                {
                    title = "Напоминания о сроках включены",
                    body = district
                        ? "Сюда приходят ежедневные сводки о просроченных сроках организаций района. Ближайшие напоминания, опаздывающие организации и неудавшиеся отправки — в разделе «Рассылки»."
                        : "Сюда и на электронную почту приходят напоминания о сроках: за 14, 7, 3 и 1 день и в день срока, в 09:00 по времени вашей организации. Отметьте мероприятие выполненным — напоминания прекратятся.",
                    link = district ? "/districts/" + a.Tenant + "/deliveries" : null,
                };
                await deliveries.QueueAsync(session, new Delivery(a.Tenant, "inbox", "notice", a.Id, null, payload), ct, IdFor("demo-welcome:" + a.Login));
            }
            await session.SaveChangesAsync(ct);
        }
        var scan = await services.GetRequiredService<ReminderScan>().RunAsync(ct);
        logger.LogInformation("Demo notifications: {Reminders} reminders, {Escalations} escalations decided, {Deliveries} deliveries queued",
            scan.Reminders, scan.Escalations, scan.Deliveries);
    }

    private static Guid IdFor(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes(key)));
}
