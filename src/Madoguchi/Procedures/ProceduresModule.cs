using Madoguchi.Platform.Demo;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures;

/// <summary>電子申請: procedure definitions and templates (forms, applications and review follow).</summary>
public static class ProceduresModule
{
    public static void AddProcedures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TemplateLibrary.Embedded);
        builder.Services.AddScoped<TemplateEnabler>();
        builder.Services.AddScoped<IDemoContent, ProceduresDemoContent>();
    }
}
