namespace Platform.Api.Infrastructure;

/// <summary>Start page until the web UI lands: where things are, in Russian.</summary>
public static class LandingPage
{
    public const string Html = """
        <!doctype html>
        <html lang="ru"><head><meta charset="utf-8"><title>Наставник — платформа системы наставничества</title>
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
        <body>
        <h1>Наставник</h1>
        <p>Платформа для управлений образования и школ, внедряющих систему наставничества.</p>
        <ul>
          <li><a href="/account/login">Вход в систему</a></li>
          <li><a href="/swagger">Описание API (Swagger)</a></li>
          <li><a href="/openapi/v1.json">Документ OpenAPI</a></li>
          <li><a href="/health">Состояние сервиса</a></li>
        </ul>
        <p>Веб-интерфейс для кураторов появится в следующих версиях.</p>
        </body></html>
        """;
}
