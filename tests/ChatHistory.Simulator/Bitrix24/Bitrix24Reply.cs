using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>What one method answered: a result (with next/total for lists) or an error code with its HTTP status.</summary>
public sealed record Bitrix24Reply(JsonNode? Result, string? Error, string? Description, int Status, int? Next = null, int? Total = null)
{
    public static Bitrix24Reply Ok(JsonNode? result, int? next = null, int? total = null) => new(result, null, null, 200, next, total);

    public static Bitrix24Reply Fail(int status, string error, string description) => new(null, error, description, status);

    public bool Failed => Error is not null;
}
