using System.Security;
using System.Text.Json;
using ChatHistory.Security;

namespace ChatHistory.Tests.Security;

public class RedactorTests
{
    [Fact]
    public void SecretIsMaskedWhereverItAppearsInAnyCase()
    {
        var redactor = new Redactor();
        redactor.Add("Tok3n-Value");

        Assert.Equal("a *** b ***", redactor.Redact("a Tok3n-Value b tok3n-value"));
    }

    [Fact]
    public void UrlEscapedFormIsMaskedToo()
    {
        var redactor = new Redactor();
        redactor.Add("p@ss word/+=");

        Assert.Equal("GET /rest/***/x?auth=***", redactor.Redact("GET /rest/p%40ss%20word%2F%2B%3D/x?auth=p%40ss%20word%2f%2b%3d"));
    }

    [Fact]
    public void LongerSecretIsMaskedWholeBeforeAShorterOneInsideIt()
    {
        var redactor = new Redactor();
        redactor.Add("abcd");
        redactor.Add("abcd-efgh-ijkl");

        Assert.Equal("x *** y ***", redactor.Redact("x abcd-efgh-ijkl y abcd"));
    }

    [Fact]
    public void ValuesTooShortToBeSecretsAreLeftAlone()
    {
        var redactor = new Redactor();
        redactor.Add("abc");

        Assert.Equal("abc abcd", redactor.Redact("abc abcd"));
    }

    [Fact]
    public void NothingToRedactIsEmptyText()
    {
        var redactor = new Redactor();
        redactor.Add(new Secret("s3cr3t-value"));

        Assert.Equal(string.Empty, redactor.Redact(null));
        Assert.Equal("plain", redactor.Redact("plain"));
        Assert.Equal("***", redactor.Redact("s3cr3t-value"));
    }

    [Fact]
    public void SecretPrintsAsMask()
    {
        var secret = new Secret("canary-7f3e9b2a41");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("token ***", $"token {secret}");
        Assert.DoesNotContain("canary", JsonSerializer.Serialize(new { Token = secret }));
        Assert.Equal("canary-7f3e9b2a41", secret.Reveal());
    }

    [Fact]
    public void SecretFromSecureStringKeepsTheValue()
    {
        using var secure = new SecureString();
        foreach (var c in "canary-7f3e9b2a41")
        {
            secure.AppendChar(c);
        }

        Assert.Equal("canary-7f3e9b2a41", Secret.FromSecureString(secure).Reveal());
    }

    [Fact]
    public void EmptySecretIsRefused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Secret(string.Empty));
    }
}
