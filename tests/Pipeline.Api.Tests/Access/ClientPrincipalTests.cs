using System.Text;
using Pipeline.Api.Access;
using Pipeline.Testing;

namespace Pipeline.Api.Tests.Access;

public sealed class ClientPrincipalTests
{
    [Fact]
    public void TryParse_EntraUser_NamedByUserPrincipalName_WithObjectIdAndEveryRole()
    {
        var header = EasyAuthPrincipals.User("alice@contoso.example", "Pipeline.Operator", "Pipeline.Reader.acme");

        Assert.True(ClientPrincipal.TryParse(header, out var principal, out _));

        Assert.Equal("alice@contoso.example", principal.AuditName);
        Assert.Equal(EasyAuthPrincipals.ObjectId("alice@contoso.example"), principal.ObjectId);
        Assert.Equal(["Pipeline.Operator", "Pipeline.Reader.acme"], principal.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryParse_RolesUnderTheRoleTypeOfTheHeader_AreRolesToo()
    {
        var header = EasyAuthPrincipals.Encode([("upn", "bob@contoso.example"), ("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "Pipeline.Reader")]);

        Assert.True(ClientPrincipal.TryParse(header, out var principal, out _));

        Assert.Equal(("bob@contoso.example", "Pipeline.Reader"), (principal.AuditName, Assert.Single(principal.Roles)));
    }

    [Fact]
    public void TryParse_ApplicationWithoutUser_IsNamedByItsApplicationId()
    {
        var header = EasyAuthPrincipals.Application("7d1b3c5e-0000-4000-8000-000000000001", "Pipeline.Operator.acme");

        Assert.True(ClientPrincipal.TryParse(header, out var principal, out _));

        Assert.Equal("app 7d1b3c5e-0000-4000-8000-000000000001", principal.AuditName);
        Assert.Null(principal.ObjectId);
    }

    [Fact]
    public void TryParse_NameOver100Characters_IsCutForTheAudit()
    {
        var header = EasyAuthPrincipals.User(new string('a', 150) + "@contoso.example");

        Assert.True(ClientPrincipal.TryParse(header, out var principal, out _));

        Assert.Equal(100, principal.AuditName.Length);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJjbGFpbXMiOiAxfQ==")] // {"claims": 1}
    public void TryParse_NotAClientPrincipal_IsRefusedWithTheReason(string header)
    {
        Assert.False(ClientPrincipal.TryParse(header, out _, out var problem));

        Assert.Equal("The X-MS-CLIENT-PRINCIPAL header is not a base64-encoded App Service client principal.", problem);
    }

    [Fact]
    public void TryParse_NoNameObjectIdOrApplication_IsRefused()
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Pipeline.Operator"}]}"""));

        Assert.False(ClientPrincipal.TryParse(header, out _, out var problem));

        Assert.StartsWith("The X-MS-CLIENT-PRINCIPAL header names no one", problem, StringComparison.Ordinal);
    }
}
