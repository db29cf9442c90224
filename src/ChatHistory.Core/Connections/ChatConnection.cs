using System.Net;
using System.Runtime.CompilerServices;
using ChatHistory.Attachments;
using ChatHistory.Completion;
using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Security;

namespace ChatHistory.Connections;

/// <summary>
/// A live connection to one provider account. It shows only what is safe to print; the provider
/// and its secrets stay inside.
/// </summary>
public sealed class ChatConnection : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly IChatProvider provider;
    private readonly ProviderContext context;
    private readonly object gate = new();
    private ChatHttpPipeline? foreignHosts;
    private int leases;
    private bool closing;
    private bool closed;

    private ChatConnection(string name, ChatConnectionSettings settings, IChatProvider provider, ProviderContext context, ConnectionInfo info)
    {
        this.context = context;
        Name = name;
        Provider = settings.Kind;
        Endpoint = settings.DisplayEndpoint;
        ServerIdentity = settings.ServerIdentity;
        Account = info.Account;
        ServerVersion = info.ServerVersion;
        ConnectedAt = DateTimeOffset.Now;
        Redactor = context.Redactor;
        this.provider = provider;
    }

    public string Name { get; }

    public ChatProviderKind Provider { get; }

    public string Endpoint { get; }

    public string? Account { get; }

    /// <summary>The server (and, for Kommo, the channel scope) this connection reads; keys the cursor file.</summary>
    public string ServerIdentity { get; }

    public string? ServerVersion { get; }

    public DateTimeOffset ConnectedAt { get; }

    internal Redactor Redactor { get; }

    /// <summary>Builds the provider and checks the credentials with one call.</summary>
    public static async Task<ChatConnection> OpenAsync(
        string name, ChatConnectionSettings settings, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var redactor = new Redactor();
        foreach (var secret in settings.Secrets)
        {
            redactor.Add(secret);
        }

        var context = new ProviderContext(name, redactor, settings.Policy ?? settings.DefaultPolicy, time ?? TimeProvider.System);
        var provider = settings.CreateProvider(context);
        try
        {
            var info = await provider.VerifyAsync(cancellationToken).ConfigureAwait(false);
            return new ChatConnection(name, settings, provider, context, info);
        }
        catch (Exception exception)
        {
            provider.Dispose();
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw ErrorTranslation.ToChatHistoryException(exception, redactor, sessionId: null);
        }
    }

    /// <summary>Sessions; a lookup the platform does not have is refused (NotSupported) before any request.</summary>
    public IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, CancellationToken cancellationToken)
    {
        UnsupportedLookups.Refuse(provider, query);
        return Guard(provider.GetSessionsAsync(query, cancellationToken), sessionId: null, cancellationToken);
    }

    public IAsyncEnumerable<ChatMessage> GetMessagesAsync(string sessionId, ChatMessageQuery query, CancellationToken cancellationToken) =>
        Guard(provider.GetMessagesAsync(sessionId, query, cancellationToken), sessionId, cancellationToken);

    internal IChatProvider ProviderInstance => provider;

    /// <summary>How long one read may wait for bytes before the attempt counts as stalled.</summary>
    internal TimeSpan AttemptTimeout => context.Policy.AttemptTimeout;

    /// <summary>
    /// Opens an attachment's body for streaming. A URL on the platform's own server goes through the
    /// provider (its auth, rate limit, retries and logging); any other host gets a client of its own
    /// with the same retries and logging and no credentials, so that no token reaches a foreign
    /// host. Redirects are followed the same way, hop by hop. The download holds a lease.
    /// </summary>
    public async Task<AttachmentDownload> OpenAttachmentAsync(ChatAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var url = AttachmentUrl.Require(attachment);
        var lease = Lease();
        HttpResponseMessage? response = null;
        try
        {
            for (var hop = 0; ; hop++)
            {
                response = await provider.OpenAttachmentAsync(url, cancellationToken).ConfigureAwait(false)
                    ?? await StreamedResponse.GetAsync(ForeignHosts().Client, url, cancellationToken).ConfigureAwait(false);
                if (hop == MaxRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    break;
                }

                var next = AttachmentUrl.Require(new Uri(url, location).AbsoluteUri, attachment);
                ChatLog.Current.Verbose($"The attachment '{attachment.Name}' moved to {next.Host}; following it.");
                response.Dispose();
                response = null;
                url = next;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw StatusErrors.From(response.StatusCode, null, $"the attachment '{attachment.Name}' of message {attachment.MessageId}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new AttachmentDownload(response, body, lease);
        }
        catch (Exception exception)
        {
            response?.Dispose();
            lease.Dispose();
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw ErrorTranslation.ToChatHistoryException(exception, Redactor, attachment.SessionId);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The credential-free client for attachments on other hosts, built on first use.</summary>
    private ChatHttpPipeline ForeignHosts()
    {
        lock (gate)
        {
            return foreignHosts ??= new ChatHttpPipeline(context.Policy, Redactor, time: context.Time);
        }
    }

    /// <summary>
    /// The values a Get-ChatSession filter can take on this platform, for tab completion; empty when
    /// the platform has nothing to list. Errors come out redacted, like every read's.
    /// </summary>
    public async Task<IReadOnlyList<CompletionValue>> GetCompletionValuesAsync(CompletionField field, CancellationToken cancellationToken)
    {
        if (provider is not ICompletionSource source)
        {
            return [];
        }

        using var lease = Lease();
        try
        {
            return await source.GetCompletionValuesAsync(field, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw ErrorTranslation.ToChatHistoryException(exception, Redactor, sessionId: null);
        }
    }

    /// <summary>
    /// One batch read. When the whole call fails, every session of the batch not yet answered gets
    /// the error, so that each shows up as its own non-terminating error.
    /// </summary>
    internal async IAsyncEnumerable<SessionMessages> GetMessagesBatchAsync(
        IBatchMessageProvider batch, IReadOnlyList<string> sessionIds, ChatMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lease = Lease();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        await using var enumerator = batch.GetMessagesBatchAsync(sessionIds, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        ChatHistoryException? failure = null;
        while (failure is null)
        {
            SessionMessages outcome;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                outcome = enumerator.Current;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = ErrorTranslation.ToChatHistoryException(exception, Redactor, sessionId: null);
                break;
            }

            answered.Add(outcome.SessionId);
            yield return outcome.Error is null
                ? outcome
                : outcome with { Error = ErrorTranslation.ToChatHistoryException(outcome.Error, Redactor, outcome.SessionId) };
        }

        if (failure is not null)
        {
            foreach (var sessionId in sessionIds.Where(id => !answered.Contains(id)))
            {
                yield return new SessionMessages(sessionId, [], failure.ForSession(sessionId));
            }
        }
    }

    /// <summary>
    /// Keeps the connection open until the lease is disposed: Disconnect-ChatProvider, or a new
    /// connection of the same name, closes it only once the reads that hold a lease have ended.
    /// </summary>
    public IDisposable Lease()
    {
        lock (gate)
        {
            // Once closing, only a read still holding the connection open may take more leases.
            if (closed || (closing && leases == 0))
            {
                throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The connection '{Name}' has been closed (Disconnect-ChatProvider, or a newer connection of that name).")
                {
                    Hint = "Run Connect-ChatProvider again, or pass -Connection with a connection that is still open (Get-ChatConnection lists them).",
                };
            }

            leases++;
        }

        return new ConnectionLease(this);
    }

    /// <summary>Closes the connection now, or when the last read that holds a lease ends.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            closing = true;
            if (leases > 0 || closed)
            {
                return;
            }

            closed = true;
        }

        CloseProvider();
    }

    private void Release()
    {
        lock (gate)
        {
            leases--;
            if (!closing || leases > 0 || closed)
            {
                return;
            }

            closed = true;
        }

        CloseProvider();
    }

    private void CloseProvider()
    {
        provider.Dispose();
        lock (gate)
        {
            foreignHosts?.Dispose();
        }
    }

    public override string ToString() => $"{Name} ({Provider} {Endpoint})";

    /// <summary>Lets only ChatHistoryException out, with secrets removed from its text.</summary>
    private async IAsyncEnumerable<T> Guard<T>(IAsyncEnumerable<T> source, string? sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lease = Lease();
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool moved;
            try
            {
                moved = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw ErrorTranslation.ToChatHistoryException(exception, Redactor, sessionId);
            }

            if (!moved)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private sealed class ConnectionLease(ChatConnection connection) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                connection.Release();
            }
        }
    }
}
