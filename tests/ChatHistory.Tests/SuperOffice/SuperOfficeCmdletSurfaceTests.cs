using System.Reflection;
using ChatHistory.Tests.Module;

namespace ChatHistory.Tests.SuperOffice;

/// <summary>Connect-ChatProvider's SuperOffice parameter sets, read from the built cmdlet assembly (pwsh is not needed).</summary>
public sealed class SuperOfficeCmdletSurfaceTests(BuiltModule module) : IClassFixture<BuiltModule>
{
    [Theory]
    [InlineData("SuperOfficeBasic", new[] { "SuperOffice", "Url", "Credential" }, new string[0])]
    [InlineData("SuperOfficeTicket", new[] { "SuperOffice", "Url", "Ticket", "ApplicationToken" }, new string[0])]
    [InlineData("SuperOfficeBearer", new[] { "SuperOffice", "Url", "AccessToken" }, new[] { "ApplicationToken" })]
    public void EachSchemeHasItsOwnSet(string set, string[] mandatory, string[] optional)
    {
        var parameters = ParametersOf(set);

        Assert.Equal(mandatory.Order(), parameters.Where(p => p.Mandatory).Select(p => p.Name).Order());
        var expectedOptional = optional.Concat(["Language", "Culture", "TimeZone", "ArchiveTimeZone"]);
        Assert.Equal(expectedOptional.Order(), parameters.Where(p => !p.Mandatory && !p.AllSets).Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("Ticket")]
    [InlineData("ApplicationToken")]
    [InlineData("AccessToken")]
    public void SecretsAreSecureStrings(string name)
    {
        Assert.Equal("System.Security.SecureString", Command.GetProperty(name)!.PropertyType.FullName);
    }

    private Type Command => module.CmdletAssembly.GetType("ChatHistory.PowerShell.Cmdlets.ConnectChatProviderCommand")!;

    private List<(string Name, bool Mandatory, bool AllSets)> ParametersOf(string set)
    {
        var result = new List<(string, bool, bool)>();
        foreach (var property in Command.GetProperties())
        {
            foreach (var attribute in property.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
            {
                var setName = Named(attribute, "ParameterSetName") as string;
                var mandatory = Named(attribute, "Mandatory") is true;
                if (setName == set || setName is null)
                {
                    result.Add((property.Name, mandatory, setName is null));
                }
            }
        }

        return result;
    }

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name).TypedValue.Value;
}
