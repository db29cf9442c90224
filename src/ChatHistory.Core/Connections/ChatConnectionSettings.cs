using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Security;

namespace ChatHistory.Connections;

/// <summary>
/// What Connect-ChatProvider collected for one provider and auth scheme. Each provider derives
/// its own settings and knows how to build its provider from them.
/// </summary>
public abstract class ChatConnectionSettings
{
    public abstract ChatProviderKind Kind { get; }

    /// <summary>Where the connection points, safe to show (no secret in it).</summary>
    public abstract string DisplayEndpoint { get; }

    /// <summary>
    /// Which server (and account on it) the sessions live on, as cursors are keyed: the same for
    /// every connection to that server whatever its name, and never holding a secret.
    /// </summary>
    public virtual string ServerIdentity => new Uri(DisplayEndpoint).GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Rate limit and retry budget; null takes the provider's documented defaults.</summary>
    public HttpPolicy? Policy { get; set; }

    /// <summary>Every secret these settings hold, so that the connection can redact them.</summary>
    public abstract IEnumerable<Secret> Secrets { get; }

    public abstract HttpPolicy DefaultPolicy { get; }

    public abstract IChatProvider CreateProvider(ProviderContext context);
}

/// <summary>What a provider is given besides its settings.</summary>
public sealed record ProviderContext(string ConnectionName, Redactor Redactor, HttpPolicy Policy, TimeProvider Time);
