namespace ChatHistory.Simulator.Faults;

public enum FaultKind
{
    /// <summary>Answer normally, but only after <see cref="FaultRule.Latency"/>.</summary>
    Latency,
    /// <summary>429 with Retry-After and X-RateLimit-* headers.</summary>
    TooManyRequests,
    /// <summary>503 Service Unavailable with Retry-After.</summary>
    ServiceUnavailable,
    /// <summary>The connection is cut before any response.</summary>
    DropConnection,
    /// <summary>200 and the start of a JSON body, then the connection is cut.</summary>
    DropMidBody,
    /// <summary>200 and the start of a JSON body, then nothing until the client gives up.</summary>
    StallMidBody,
    /// <summary>200 with a body that is not valid JSON.</summary>
    MalformedJson,
    /// <summary>502 with an HTML error page, as a proxy would send.</summary>
    HtmlErrorPage,
    /// <summary>500 with an empty body: a server fault that is not worth retrying.</summary>
    InternalServerError,
}
